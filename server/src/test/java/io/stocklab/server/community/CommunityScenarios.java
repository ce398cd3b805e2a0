package io.stocklab.server.community;

import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.ProdTestProperties;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The community API on either profile: authorization, moderation, XSS, comments, likes, views, pagination, cards. */
abstract class CommunityScenarios {
    static final String BASE = "/api/v1/community";
    static final Duration WAIT = Duration.ofSeconds(180);

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    String newUser() {
        return api.login(api.register("cm")).path("accessToken").asString();
    }

    String adminToken() {
        try {
            api.registerEmail(ProdTestProperties.ADMIN_EMAIL);
        } catch (AssertionError alreadyThere) {
            // registered by an earlier test
        }
        return api.login(ProdTestProperties.ADMIN_EMAIL).path("accessToken").asString();
    }

    String me(String token) {
        return api.get("/api/v1/users/me", token).json().path("id").asString();
    }

    Response put(String path, Object body, String token) {
        Map<String, String> headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
        return api.raw("PUT", path, body == null ? null
                : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)),
                body == null ? null : "application/json", headers);
    }

    Response getAs(String path, String token, String userAgent) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) headers.put("Authorization", "Bearer " + token);
        headers.put("User-Agent", userAgent);
        return api.raw("GET", path, null, null, headers);
    }

    JsonNode post(String token, String category, String title, String content) {
        Response r = api.post(BASE + "/posts", body("category", category, "title", title, "content", content), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    static String unique(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        return sb.toString();
    }

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("id").asString()));
        return out;
    }

    /** Walks every page of a list; answers the ids in order. */
    List<String> allPages(String query, String token, int limit) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            Response r = api.get(BASE + "/posts?" + query + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("items").size()).isLessThanOrEqualTo(limit);
            out.addAll(ids(r.json()));
            JsonNode next = r.json().path("nextCursor");
            if (next.isMissingNode() || next.isNull()) return out;
            cursor = next.asString();
        }
        throw new AssertionError("too many pages");
    }

    static void assertNoScript(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script", "<img", "<svg", "<iframe");
        assertThat(lower).doesNotContainPattern("(href|src)\\s*=\\s*\"?\\s*(javascript|data|vbscript):");
        assertThat(lower).doesNotContainPattern("<[^>]*\\son[a-z]+\\s*=");
    }

    // ---- tests -------------------------------------------------------------------------------------------------

    @Test
    void onlyTheAuthorEditsAndDeletesAdminsModerate() {
        String alice = newUser();
        String bob = newUser();
        String admin = adminToken();
        JsonNode p = post(alice, "FREE", "Hello", "First **post**");
        String id = p.path("id").asString();
        assertThat(p.path("contentHtml").asString()).contains("<strong>post</strong>");
        assertThat(p.path("content").asString()).isEqualTo("First **post**");
        assertThat(p.path("mine").asBoolean()).isTrue();
        assertThat(p.path("author").path("nickname").asString()).isNotBlank();

        // reading is public; writing needs a token
        assertThat(api.get(BASE + "/posts/" + id, null).status()).isEqualTo(200);
        assertThat(api.post(BASE + "/posts", body("category", "FREE", "title", "x", "content", "y"), null).status())
                .isEqualTo(401);
        assertThat(put(BASE + "/posts/" + id + "/like", null, null).status()).isEqualTo(401);

        // bob may neither edit nor delete; an admin may delete but not edit
        Response edit = put(BASE + "/posts/" + id, body("category", "QNA", "title", "Mine now", "content", "x"), bob);
        assertThat(edit.status()).as(edit.toString()).isEqualTo(403);
        assertThat(edit.problemType()).isEqualTo("forbidden");
        assertThat(api.delete(BASE + "/posts/" + id, null, bob).status()).isEqualTo(403);
        assertThat(put(BASE + "/posts/" + id, body("category", "QNA", "title", "Admin", "content", "x"), admin)
                .status()).isEqualTo(403);
        JsonNode edited = put(BASE + "/posts/" + id, body("category", "QNA", "title", "Hello again",
                "content", "_edited_"), alice).json();
        assertThat(edited.path("title").asString()).isEqualTo("Hello again");
        assertThat(edited.path("category").asString()).isEqualTo("QNA");
        assertThat(edited.path("contentHtml").asString()).contains("<em>edited</em>");
        assertThat(edited.path("editedAt").isMissingNode()).isFalse();

        // validation names the field
        Response bad = api.post(BASE + "/posts", body("category", "NEWS", "title", " ", "content", "x".repeat(20_001)),
                alice);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").toString()).contains("category", "title", "content");
        Response longTitle = api.post(BASE + "/posts", body("category", "FREE", "title", "t".repeat(201),
                "content", "x"), alice);
        assertThat(longTitle.status()).isEqualTo(422);
        assertThat(longTitle.json().path("errors").get(0).path("field").asString()).isEqualTo("title");
        assertThat(api.get(BASE + "/posts?sort=random", alice).json().path("errors").get(0).path("field").asString())
                .isEqualTo("sort");
        assertThat(api.get(BASE + "/posts?limit=51", alice).status()).isEqualTo(422);
        assertThat(api.get(BASE + "/posts?cursor=garbage", alice).json().path("errors").get(0).path("field")
                .asString()).isEqualTo("cursor");
        assertThat(api.get(BASE + "/posts/" + UUID.randomUUID(), alice).status()).isEqualTo(404);

        // the admin deletes someone else's post; it is gone for everyone
        JsonNode other = post(bob, "FREE", "Spam", "buy my course");
        assertThat(api.delete(BASE + "/posts/" + other.path("id").asString(), null, admin).status()).isEqualTo(204);
        assertThat(api.get(BASE + "/posts/" + other.path("id").asString(), bob).status()).isEqualTo(404);
        assertThat(api.delete(BASE + "/posts/" + id, null, alice).status()).isEqualTo(204);
        assertThat(api.get(BASE + "/posts/" + id, alice).status()).isEqualTo(404);
    }

    @Test
    void hiddenPostsAreInvisibleToOthersIncludingListsAndSearch() {
        String alice = newUser();
        String aliceId = me(alice);
        String bob = newUser();
        String admin = adminToken();
        String word = unique("hid");
        String id = post(alice, "STRATEGY", "Secret " + word, "text " + word).path("id").asString();
        String keep = post(alice, "STRATEGY", "Open " + word, "text " + word).path("id").asString();

        // only admins hide
        assertThat(api.post(BASE + "/admin/posts/" + id + "/hide", null, bob).status()).isEqualTo(403);
        Response hidden = api.post(BASE + "/admin/posts/" + id + "/hide", null, admin);
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(200);
        assertThat(hidden.json().path("hidden").asBoolean()).isTrue();

        for (String token : new String[] {bob, null}) {
            assertThat(api.get(BASE + "/posts/" + id, token).status()).isEqualTo(404);
            assertThat(api.get(BASE + "/posts/" + id + "/comments", token).status()).isEqualTo(404);
            assertThat(allPages("author=" + aliceId, token, 50)).containsExactly(keep);
            assertThat(allPages("q=" + word, token, 50)).containsExactly(keep);
            assertThat(allPages("category=STRATEGY&q=" + word, token, 50)).containsExactly(keep);
        }
        assertThat(put(BASE + "/posts/" + id + "/like", null, bob).status()).isEqualTo(404);
        assertThat(api.post(BASE + "/posts/" + id + "/comments", body("content", "hi"), bob).status()).isEqualTo(404);
        assertThat(api.post(BASE + "/posts/" + id + "/reports", body("reason", "SPAM"), bob).status()).isEqualTo(404);
        // the author sees it, marked hidden; so do admins
        JsonNode own = api.get(BASE + "/posts/" + id, alice).json();
        assertThat(own.path("hidden").asBoolean()).isTrue();
        assertThat(allPages("q=" + word, alice, 50)).containsExactlyInAnyOrder(id, keep);
        assertThat(allPages("q=" + word, admin, 50)).containsExactlyInAnyOrder(id, keep);
        JsonNode listed = api.get(BASE + "/posts?author=" + aliceId, alice).json();
        assertThat(listed.path("items").get(1).path("id").asString()).isEqualTo(id);
        assertThat(listed.path("items").get(1).path("hidden").asBoolean()).isTrue();
        assertThat(listed.path("items").get(0).path("hidden").asBoolean()).isFalse();
        // unhidden: back for everyone
        assertThat(api.post(BASE + "/admin/posts/" + id + "/unhide", null, admin).json().path("hidden").asBoolean())
                .isFalse();
        assertThat(api.get(BASE + "/posts/" + id, null).status()).isEqualTo(200);
        assertThat(allPages("q=" + word, bob, 50)).containsExactlyInAnyOrder(id, keep);
    }

    @Test
    void reportsOncePerUserAndAdminsResolveThem() {
        String alice = newUser();
        String bob = newUser();
        String carol = newUser();
        String admin = adminToken();
        String id = post(alice, "FREE", "Pump", "to the moon").path("id").asString();

        Response bad = api.post(BASE + "/posts/" + id + "/reports", body("reason", "BORING"), bob);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("reason");
        Response first = api.post(BASE + "/posts/" + id + "/reports", body("reason", "spam", "detail", "ads"), bob);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("status").asString()).isEqualTo("OPEN");
        assertThat(first.json().path("reason").asString()).isEqualTo("SPAM");
        Response again = api.post(BASE + "/posts/" + id + "/reports", body("reason", "ABUSE"), bob);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("already-reported");
        String carolsReport = api.post(BASE + "/posts/" + id + "/reports", body("reason", "ABUSE"), carol).json()
                .path("id").asString();

        // admins only
        assertThat(api.get(BASE + "/admin/reports", bob).status()).isEqualTo(403);
        assertThat(api.get(BASE + "/admin/reports", null).status()).isEqualTo(401);
        List<String> open = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(BASE + "/admin/reports?limit=50" + (cursor == null ? "" : "&cursor=" + cursor),
                    admin).json();
            page.path("items").forEach(r -> open.add(r.path("id").asString()));
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(open).contains(first.json().path("id").asString(), carolsReport);

        Response dismissed = api.post(BASE + "/admin/reports/" + first.json().path("id").asString() + "/resolve",
                body("action", "DISMISS", "note", "fine"), admin);
        assertThat(dismissed.status()).as(dismissed.toString()).isEqualTo(200);
        assertThat(dismissed.json().path("status").asString()).isEqualTo("RESOLVED");
        assertThat(dismissed.json().path("resolution").asString()).isEqualTo("DISMISS");
        assertThat(api.post(BASE + "/admin/reports/" + first.json().path("id").asString() + "/resolve",
                body("action", "DISMISS"), admin).status()).isEqualTo(409);
        assertThat(api.post(BASE + "/admin/reports/" + carolsReport + "/resolve", body("action", "BAN"), admin)
                .status()).isEqualTo(422);
        Response hide = api.post(BASE + "/admin/reports/" + carolsReport + "/resolve", body("action", "HIDE_POST"),
                admin);
        assertThat(hide.json().path("resolution").asString()).isEqualTo("HIDE_POST");
        assertThat(api.get(BASE + "/posts/" + id, bob).status()).isEqualTo(404);
        assertThat(api.get(BASE + "/posts/" + id, alice).json().path("hidden").asBoolean()).isTrue();
        JsonNode resolved = api.get(BASE + "/admin/reports?status=RESOLVED&limit=50", admin).json();
        assertThat(resolved.path("items").toString()).contains(carolsReport);

        // deleting through a report removes the post (and its reports) for everyone
        String doomed = post(alice, "FREE", "Scam", "send coins").path("id").asString();
        String report = api.post(BASE + "/posts/" + doomed + "/reports", body("reason", "ILLEGAL"), bob).json()
                .path("id").asString();
        Response deleted = api.post(BASE + "/admin/reports/" + report + "/resolve", body("action", "DELETE_POST"),
                admin);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("resolution").asString()).isEqualTo("DELETE_POST");
        assertThat(api.get(BASE + "/posts/" + doomed, alice).status()).isEqualTo(404);
        assertThat(api.get(BASE + "/posts/" + doomed, admin).status()).isEqualTo(404);
        assertThat(api.post(BASE + "/admin/reports/" + report + "/resolve", body("action", "DISMISS"), admin)
                .status()).isEqualTo(404);
    }

    @Test
    void scriptInjectionThroughPostsAndCommentsIsNeutralized() {
        String alice = newUser();
        String bob = newUser();
        String attack = "<script>alert(document.cookie)</script>\n\n<img src=x onerror=alert(1)>\n\n"
                + "[click](javascript:alert(1)) [ok](https://stocklab.example/a)\n\n<svg onload=alert(1)>";
        Response created = api.post(BASE + "/posts", body("category", "FREE", "title", "<b>title</b>",
                "content", attack), alice);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        JsonNode read = api.get(BASE + "/posts/" + id, bob).json();
        assertNoScript(read.path("contentHtml").asString());
        assertThat(read.path("contentHtml").asString()).contains("&lt;script&gt;")
                .containsPattern("<a href=\"https://stocklab.example/a\" rel=\"(nofollow noopener|noopener nofollow)\">ok</a>");
        // the source comes back as written (the UI shows it as text in the editor), the title is plain text
        assertThat(read.path("content").asString()).isEqualTo(attack);
        assertThat(read.path("title").asString()).isEqualTo("<b>title</b>");

        Response c = api.post(BASE + "/posts/" + id + "/comments", body("content",
                "<iframe src=javascript:alert(1)></iframe>\n\n[x](JAVASCRIPT:alert(1)) **bold**"), bob);
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertNoScript(c.json().path("contentHtml").asString());
        assertThat(c.json().path("contentHtml").asString()).contains("<strong>bold</strong>");
        Response edited = put(BASE + "/comments/" + c.json().path("id").asString(),
                body("content", "<details open ontoggle=alert(1)>x"), bob);
        assertThat(edited.status()).isEqualTo(200);
        assertNoScript(edited.json().path("contentHtml").asString());
        api.get(BASE + "/posts/" + id + "/comments", alice).json()
                .forEach(x -> assertNoScript(x.path("contentHtml").asString()));
    }

    @Test
    void nestedCommentsComeInThreadOrderWithDeletedPlaceholders() {
        String alice = newUser();
        String bob = newUser();
        String admin = adminToken();
        String postId = post(alice, "QNA", "Why momentum?", "Explain").path("id").asString();
        String path = BASE + "/posts/" + postId + "/comments";

        String a = api.post(path, body("content", "A"), bob).json().path("id").asString();
        String b = api.post(path, body("content", "B"), alice).json().path("id").asString();
        String a1 = api.post(path, body("content", "A1", "parentId", a), alice).json().path("id").asString();
        String a2 = api.post(path, body("content", "A2", "parentId", a), bob).json().path("id").asString();
        String a1x = api.post(path, body("content", "A1x", "parentId", a1), bob).json().path("id").asString();
        // depth limit: 0..4
        String parent = a1x;
        for (int depth = 3; depth <= 4; depth++) {
            Response r = api.post(path, body("content", "deep " + depth, "parentId", parent), alice);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.json().path("depth").asInt()).isEqualTo(depth);
            parent = r.json().path("id").asString();
        }
        Response tooDeep = api.post(path, body("content", "deep 5", "parentId", parent), alice);
        assertThat(tooDeep.status()).isEqualTo(422);
        assertThat(tooDeep.json().path("errors").get(0).path("field").asString()).isEqualTo("parentId");
        String otherPost = post(alice, "QNA", "Other", "x").path("id").asString();
        assertThat(api.post(BASE + "/posts/" + otherPost + "/comments", body("content", "x", "parentId", a), bob)
                .status()).isEqualTo(422);

        List<JsonNode> list = new ArrayList<>();
        api.get(path, null).json().forEach(list::add);
        assertThat(list.stream().map(n -> n.path("content").asString()).toList())
                .containsExactly("A", "A1", "A1x", "deep 3", "deep 4", "A2", "B");
        assertThat(list.stream().map(n -> n.path("depth").asInt()).toList()).containsExactly(0, 1, 2, 3, 4, 1, 0);
        assertThat(list.get(1).path("parentId").asString()).isEqualTo(a);
        assertThat(api.get(BASE + "/posts/" + postId, null).json().path("commentCount").asInt()).isEqualTo(7);

        // only the author edits; the author or an admin deletes
        assertThat(put(BASE + "/comments/" + a, body("content", "hacked"), alice).status()).isEqualTo(403);
        assertThat(api.delete(BASE + "/comments/" + a, null, alice).status()).isEqualTo(403);
        assertThat(put(BASE + "/comments/" + a, body("content", "A edited"), bob).json().path("content").asString())
                .isEqualTo("A edited");
        // a deleted comment with replies stays as a placeholder; one without replies disappears
        assertThat(api.delete(BASE + "/comments/" + a, null, bob).status()).isEqualTo(204);
        assertThat(api.delete(BASE + "/comments/" + a2, null, admin).status()).isEqualTo(204);
        assertThat(api.delete(BASE + "/comments/" + b, null, alice).status()).isEqualTo(204);
        assertThat(put(BASE + "/comments/" + b, body("content", "again"), alice).status()).isEqualTo(404);
        assertThat(api.post(path, body("content", "reply to deleted", "parentId", a), alice).status())
                .isEqualTo(422);
        list.clear();
        api.get(path, bob).json().forEach(list::add);
        assertThat(list.stream().map(n -> n.path("id").asString()).toList()).startsWith(a, a1, a1x)
                .doesNotContain(a2, b).hasSize(5);
        assertThat(list.get(0).path("deleted").asBoolean()).isTrue();
        assertThat(list.get(0).path("content").asString()).isEqualTo("[deleted]");
        assertThat(list.get(0).path("author").isMissingNode() || list.get(0).path("author").isNull()).isTrue();
        assertThat(list.get(0).toString()).doesNotContain("A edited");
        assertThat(api.get(BASE + "/posts/" + postId, null).json().path("commentCount").asInt()).isEqualTo(4);
    }

    @Test
    void viewsCountOncePerReaderPerDay() {
        String alice = newUser();
        String bob = newUser();
        String id = post(alice, "FREE", "Views", "count me").path("id").asString();
        String path = BASE + "/posts/" + id;
        for (int i = 0; i < 3; i++) assertThat(getAs(path, bob, "Browser/1").status()).isEqualTo(200);
        assertThat(api.get(path, null).json()).isNotNull();
        long afterBob = getAs(path, bob, "Browser/2").json().path("viewCount").asLong();
        // bob (once, whatever his user agent) + the anonymous api client above
        assertThat(afterBob).isEqualTo(2);
        // anonymous readers: one per IP address and user agent
        getAs(path, null, "Browser/1");
        getAs(path, null, "Browser/1");
        assertThat(getAs(path, null, "Browser/1").json().path("viewCount").asLong()).isEqualTo(3);
        assertThat(getAs(path, null, "Other/9").json().path("viewCount").asLong()).isEqualTo(4);
        Api elsewhere = api.otherClient();
        Map<String, String> ua = Map.of("User-Agent", "Browser/1");
        assertThat(elsewhere.raw("GET", path, null, null, ua).json().path("viewCount").asLong()).isEqualTo(5);
        assertThat(elsewhere.raw("GET", path, null, null, ua).json().path("viewCount").asLong()).isEqualTo(5);
        // listing does not count
        api.get(BASE + "/posts?author=" + me(alice), null);
        assertThat(getAs(path, alice, "x").json().path("viewCount").asLong()).isEqualTo(6);
        assertThat(getAs(path, alice, "x").json().path("viewCount").asLong()).isEqualTo(6);
    }

    @Test
    void likesAreIdempotentAndCountedExactlyUnderConcurrency() throws Exception {
        String alice = newUser();
        String id = post(alice, "STRATEGY", "Like me", "please").path("id").asString();
        String like = BASE + "/posts/" + id + "/like";

        // 32 parallel likes of one user: one like
        String bob = newUser();
        List<Response> same = parallel(32, i -> put(like, null, bob));
        assertThat(same).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        assertThat(api.get(BASE + "/posts/" + id, bob).json().path("likeCount").asInt()).isEqualTo(1);
        assertThat(api.get(BASE + "/posts/" + id, bob).json().path("likedByMe").asBoolean()).isTrue();
        assertThat(api.get(BASE + "/posts/" + id, alice).json().path("likedByMe").asBoolean()).isFalse();

        // 10 users, each 4 times in parallel: 10 more
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) users.add(newUser());
        List<Response> many = parallel(40, i -> put(like, null, users.get(i % 10)));
        assertThat(many).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        assertThat(api.get(BASE + "/posts/" + id, null).json().path("likeCount").asInt()).isEqualTo(11);
        assertThat(put(like, null, bob).json().path("likeCount").asInt()).isEqualTo(11);

        // unlike, also concurrently and repeatedly: back to bob's like only
        List<Response> undo = parallel(30, i -> api.delete(like, null, users.get(i % 10)));
        assertThat(undo).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        JsonNode after = api.delete(like, null, users.get(0)).json();
        assertThat(after.path("liked").asBoolean()).isFalse();
        assertThat(after.path("likeCount").asInt()).isEqualTo(1);
        assertThat(api.get(BASE + "/posts/" + id, null).json().path("likeCount").asInt()).isEqualTo(1);
    }

    interface Call {
        Response call(int i) throws Exception;
    }

    static List<Response> parallel(int n, Call call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                Callable<Response> task = () -> {
                    start.await();
                    return call.call(k);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) out.add(f.get());
            return out;
        }
    }

    @Test
    void cursorPaginationWalksEverySortWithoutGapsOrRepeats() {
        String alice = newUser();
        String aliceId = me(alice);
        List<String> likers = List.of(newUser(), newUser(), newUser());
        int[] likes = {2, 0, 3, 1, 2, 0, 1};
        int[] comments = {0, 3, 1, 1, 0, 2, 4};
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < likes.length; i++) {
            String id = post(alice, i % 2 == 0 ? "STRATEGY" : "FREE", "Page " + i, "n").path("id").asString();
            posts.add(id);
            for (int l = 0; l < likes[i]; l++) put(BASE + "/posts/" + id + "/like", null, likers.get(l));
            for (int c = 0; c < comments[i]; c++) {
                api.post(BASE + "/posts/" + id + "/comments", body("content", "c" + c), alice);
            }
        }
        // newest first: reverse creation order
        List<String> newest = new ArrayList<>(posts).reversed();
        for (int limit : new int[] {1, 2, 3, 50}) {
            assertThat(allPages("author=" + aliceId, null, limit)).as("newest, limit " + limit)
                    .containsExactlyElementsOf(newest);
            assertThat(allPages("author=" + aliceId + "&sort=likes", null, limit)).as("likes, limit " + limit)
                    .containsExactlyElementsOf(expectedOrder(posts, likes));
            assertThat(allPages("author=" + aliceId + "&sort=COMMENTS", null, limit)).as("comments, limit " + limit)
                    .containsExactlyElementsOf(expectedOrder(posts, comments));
        }
        List<String> strategyOnes = new ArrayList<>();
        for (int i = posts.size() - 1; i >= 0; i--) if (i % 2 == 0) strategyOnes.add(posts.get(i));
        assertThat(allPages("author=" + aliceId + "&category=strategy", null, 2)).containsExactlyElementsOf(strategyOnes);
        // a cursor belongs to its sort
        String cursor = api.get(BASE + "/posts?author=" + aliceId + "&limit=2", null).json().path("nextCursor")
                .asString();
        Response wrong = api.get(BASE + "/posts?author=" + aliceId + "&limit=2&sort=likes&cursor=" + cursor, null);
        assertThat(wrong.status()).isEqualTo(422);
        JsonNode first = api.get(BASE + "/posts?author=" + aliceId + "&limit=1&sort=likes", null).json();
        assertThat(first.path("items").get(0).path("likeCount").asInt()).isEqualTo(3);
        assertThat(first.path("items").get(0).path("excerpt").asString()).isEqualTo("n");
    }

    /** Highest count first; ties newest (latest created) first. */
    static List<String> expectedOrder(List<String> posts, int[] counts) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) idx.add(i);
        idx.sort(Comparator.<Integer>comparingInt(i -> counts[i]).reversed().thenComparing(Comparator.reverseOrder()));
        return idx.stream().map(posts::get).toList();
    }

    @Test
    void attachedStrategyCardsAreComputedAtReadTime() {
        String alice = newUser();
        String bob = newUser();
        JsonNode spec = Api.JSON.readTree("""
                {"name": "Card momentum", "rebalance": "monthly",
                 "buy": {"rank": [{"by": "mom_63d", "order": "desc"}], "maxPositions": 5},
                 "sell": {"dropUnselected": true}}""");
        Response s = api.post("/api/v1/strategies", body("name", "Card momentum", "spec", spec,
                "visibility", "PUBLIC"), alice);
        assertThat(s.status()).as(s.toString()).isEqualTo(201);
        String strategyId = s.json().path("id").asString();
        Response run = api.post("/api/v1/backtests", body("strategyId", strategyId), alice);
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        String backtestId = run.json().path("id").asString();
        awaitCompleted(alice, backtestId);
        String privateOne = api.post("/api/v1/strategies", body("name", "Private", "spec", spec), alice).json()
                .path("id").asString();
        String otherPublic = api.post("/api/v1/strategies", body("name", "Other", "spec", spec, "visibility",
                "PUBLIC"), alice).json().path("id").asString();

        // attach rules
        Response priv = api.post(BASE + "/posts", body("category", "STRATEGY", "title", "x", "content", "x",
                "strategyId", privateOne), alice);
        assertThat(priv.status()).isEqualTo(422);
        assertThat(priv.json().path("errors").get(0).path("field").asString()).isEqualTo("strategyId");
        Response wrongRun = api.post(BASE + "/posts", body("category", "STRATEGY", "title", "x", "content", "x",
                "strategyId", otherPublic, "backtestId", backtestId), alice);
        assertThat(wrongRun.status()).isEqualTo(422);
        assertThat(wrongRun.json().path("errors").get(0).path("field").asString()).isEqualTo("backtestId");
        assertThat(api.post(BASE + "/posts", body("category", "STRATEGY", "title", "x", "content", "x",
                "backtestId", backtestId), alice).status()).isEqualTo(422);
        assertThat(api.post(BASE + "/posts", body("category", "STRATEGY", "title", "x", "content", "x",
                "strategyId", UUID.randomUUID()), alice).status()).isEqualTo(422);

        // bob shares alice's public strategy with its backtest
        Response created = api.post(BASE + "/posts", body("category", "STRATEGY", "title", "Look at this",
                "content", "nice", "strategyId", strategyId, "backtestId", backtestId), bob);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String postId = created.json().path("id").asString();
        JsonNode card = api.get(BASE + "/posts/" + postId, null).json().path("attachment");
        assertThat(card.path("available").asBoolean()).isTrue();
        assertThat(card.path("strategyName").asString()).isEqualTo("Card momentum");
        String aliceNick = api.get("/api/v1/users/me", alice).json().path("nickname").asString();
        assertThat(card.path("author").asString()).isEqualTo(aliceNick);
        assertThat(card.path("backtest").path("id").asString()).isEqualTo(backtestId);
        assertThat(card.path("backtest").path("totalReturnPct").isNumber()).isTrue();
        assertThat(card.path("backtest").path("sharpe").isNumber()).isTrue();
        assertThat(api.get(BASE + "/posts?author=" + me(bob), null).json().path("items").get(0)
                .path("hasAttachment").asBoolean()).isTrue();

        // anonymous authorship shows as "anonymous"
        put("/api/v1/strategies/" + strategyId, body("anonymous", true), alice);
        card = api.get(BASE + "/posts/" + postId, null).json().path("attachment");
        assertThat(card.path("author").asString()).isEqualTo("anonymous");
        assertThat(card.toString()).doesNotContain(aliceNick);

        // made private later: the card no longer leaks anything
        assertThat(put("/api/v1/strategies/" + strategyId, body("visibility", "PRIVATE"), alice).status())
                .isEqualTo(200);
        for (String token : new String[] {bob, null}) {
            JsonNode gone = api.get(BASE + "/posts/" + postId, token).json().path("attachment");
            assertThat(gone.path("available").asBoolean()).isFalse();
            assertThat(gone.toString()).doesNotContain("Card momentum", backtestId, strategyId);
        }
        // editing the post without touching the attachment keeps it; re-attaching a private strategy is refused
        assertThat(put(BASE + "/posts/" + postId, body("category", "STRATEGY", "title", "Edited", "content", "x",
                "strategyId", strategyId, "backtestId", backtestId), bob).status()).isEqualTo(200);
        assertThat(put(BASE + "/posts/" + postId, body("category", "STRATEGY", "title", "Edited", "content", "x",
                "strategyId", strategyId), bob).status()).isEqualTo(422);
    }

    void awaitCompleted(String token, String backtestId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = api.get("/api/v1/backtests/" + backtestId + "/status", token).json().path("status").asString();
            if (status.equals("COMPLETED")) return;
            if (status.equals("FAILED") || status.equals("CANCELLED")) break;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("backtest " + backtestId + " ended as " + status);
    }
}
