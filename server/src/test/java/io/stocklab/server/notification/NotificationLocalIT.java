package io.stocklab.server.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stocklab.server.backtest.BacktestFinished;
import io.stocklab.server.community.CommentAdded;
import io.stocklab.server.community.PostLiked;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/** In-app notifications from every event, the live stream and the outbound channels, on the local profile. */
class NotificationLocalIT extends NotificationFakes {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String STRATEGY = """
            {"name": "Follow me", "rebalance": "monthly",
             "buy": {"when": "per > 0 and per < 15", "rank": [{"by": "pbr", "order": "asc"}], "maxPositions": 10}}""";

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    NotificationEvents notificationEvents;

    /** Publishes an event the way a feature does, then waits until the notification thread handled it. */
    void publish(Object event) {
        events.publishEvent(event);
        notificationEvents.drain();
    }

    JsonNode notifications(User u) {
        notificationEvents.drain();
        Response r = api.get("/api/v1/notifications?limit=100", u.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    List<JsonNode> items(User u) {
        JsonNode items = notifications(u).path("items");
        return java.util.stream.IntStream.range(0, items.size()).mapToObj(items::get).toList();
    }

    long unread(User u) {
        notificationEvents.drain();
        return api.get("/api/v1/notifications/unread-count", u.token()).json().path("unreadCount").asLong();
    }

    List<JsonNode> deliveries(User u) {
        Response r = api.get("/api/v1/notifications/deliveries", u.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode items = r.json().path("items");
        return java.util.stream.IntStream.range(0, items.size()).mapToObj(items::get).toList();
    }

    JsonNode awaitDelivery(User u, String... statuses) {
        JsonNode[] found = new JsonNode[1];
        await("a delivery in " + Arrays.toString(statuses), WAIT, () -> {
            List<JsonNode> ds = deliveries(u);
            if (ds.isEmpty()) return false;
            found[0] = ds.get(0);
            return Arrays.asList(statuses).contains(ds.get(0).path("status").asString());
        });
        return found[0];
    }

    void like(User author, User liker) {
        publish(new PostLiked(UUID.randomUUID(), "My post", author.id(), liker.id(), liker.nickname()));
    }

    // ---- in-app

    @Test
    void commentsAndLikesNotifyTheRightPeopleOnce() {
        User alice = newUser("alice");
        User bob = newUser("bob");
        User carol = newUser("carol");
        UUID post = UUID.randomUUID();
        UUID comment = UUID.randomUUID();
        CommentAdded reply = new CommentAdded(post, "Value investing", alice.id(), comment, carol.id(),
                carol.nickname(), bob.id());
        publish(reply);
        publish(reply); // a repeated event stores nothing more

        List<JsonNode> ofAlice = items(alice);
        assertThat(ofAlice).hasSize(1);
        assertThat(ofAlice.get(0).path("kind").asString()).isEqualTo("COMMENT");
        assertThat(ofAlice.get(0).path("title").asString()).isEqualTo(carol.nickname() + " commented on your post");
        assertThat(ofAlice.get(0).path("body").asString()).contains("Value investing");
        assertThat(ofAlice.get(0).path("link").asString()).isEqualTo("/community/posts/" + post + "#comment-" + comment);
        assertThat(ofAlice.get(0).path("read").asBoolean()).isFalse();
        List<JsonNode> ofBob = items(bob);
        assertThat(ofBob).hasSize(1);
        assertThat(ofBob.get(0).path("title").asString()).isEqualTo(carol.nickname() + " replied to your comment");
        assertThat(items(carol)).isEmpty();

        // never about yourself: alice comments on her own post, replying to her own comment; likes her own post
        publish(new CommentAdded(post, "Value investing", alice.id(), UUID.randomUUID(), alice.id(),
                alice.nickname(), alice.id()));
        publish(new PostLiked(post, "Value investing", alice.id(), alice.id(), alice.nickname()));
        assertThat(items(alice)).hasSize(1);

        // a like: once per liker and post
        PostLiked liked = new PostLiked(post, "Value investing", alice.id(), bob.id(), bob.nickname());
        publish(liked);
        publish(liked);
        ofAlice = items(alice);
        assertThat(ofAlice).hasSize(2);
        assertThat(ofAlice.get(0).path("kind").asString()).isEqualTo("LIKE"); // newest first
        assertThat(ofAlice.get(0).path("title").asString()).isEqualTo(bob.nickname() + " liked your post");
        assertThat(ofAlice.get(0).path("link").asString()).isEqualTo("/community/posts/" + post);
        assertThat(unread(alice)).isEqualTo(2);
    }

    @Test
    void listPagesReadStateAndDeletion() {
        User alice = newUser("pager");
        User other = newUser("other");
        for (int i = 0; i < 5; i++) like(alice, other);
        JsonNode first = api.get("/api/v1/notifications?limit=2", alice.token()).json();
        assertThat(first.path("items").size()).isEqualTo(2);
        assertThat(first.path("unreadCount").asLong()).isEqualTo(5);
        String cursor = first.path("nextCursor").asString();
        assertThat(cursor).isNotBlank();
        JsonNode second = api.get("/api/v1/notifications?limit=2&cursor=" + cursor, alice.token()).json();
        JsonNode third = api.get("/api/v1/notifications?limit=2&cursor=" + second.path("nextCursor").asString(),
                alice.token()).json();
        assertThat(third.path("items").size()).isEqualTo(1);
        assertThat(third.has("nextCursor")).isFalse();
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) page.path("items").forEach(n -> ids.add(n.path("id").asString()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(5);
        assertThat(ids).containsExactlyElementsOf(items(alice).stream().map(n -> n.path("id").asString()).toList());

        Response read = api.post("/api/v1/notifications/" + ids.get(0) + "/read", null, alice.token());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("read").asBoolean()).isTrue();
        assertThat(read.json().path("readAt").asString()).isNotBlank();
        assertThat(unread(alice)).isEqualTo(4);
        assertThat(api.get("/api/v1/notifications?unreadOnly=true", alice.token()).json().path("items").size())
                .isEqualTo(4);

        // someone else's notification does not exist for you
        assertThat(api.post("/api/v1/notifications/" + ids.get(1) + "/read", null, other.token()).status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/notifications/" + ids.get(1), null, other.token()).status()).isEqualTo(404);

        assertThat(api.delete("/api/v1/notifications/" + ids.get(1), null, alice.token()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/notifications/" + ids.get(1), null, alice.token()).status()).isEqualTo(404);
        assertThat(unread(alice)).isEqualTo(3);
        JsonNode all = api.post("/api/v1/notifications/read-all", null, alice.token()).json();
        assertThat(all.path("updated").asInt()).isEqualTo(3);
        assertThat(all.path("unreadCount").asLong()).isZero();
        assertThat(unread(alice)).isZero();
        assertThat(items(alice)).hasSize(4);

        Response badLimit = api.get("/api/v1/notifications?limit=0", alice.token());
        assertThat(badLimit.status()).isEqualTo(422);
        assertThat(badLimit.body()).contains("limit");
        Response badCursor = api.get("/api/v1/notifications?cursor=abc", alice.token());
        assertThat(badCursor.status()).isEqualTo(422);
        assertThat(badCursor.body()).contains("cursor");
        assertThat(api.get("/api/v1/notifications", null).status()).isEqualTo(401);
    }

    @Test
    void aRealBacktestNotifiesItsOwnerOnce() {
        User owner = newUser("runner");
        Response submitted = api.post("/api/v1/backtests", body("spec", Api.JSON.readTree("""
                {"name": "Notify momentum", "rebalance": "monthly",
                 "buy": {"rank": [{"by": "mom_63d", "order": "desc"}], "maxPositions": 5},
                 "sell": {"dropUnselected": true}}""")), owner.token());
        assertThat(submitted.status()).as(submitted.toString()).isIn(200, 202);
        String id = submitted.json().path("id").asString();
        await("the backtest notification", Duration.ofSeconds(90), () -> !items(owner).isEmpty());
        JsonNode n = items(owner).get(0);
        assertThat(n.path("kind").asString()).isEqualTo("BACKTEST_COMPLETED");
        assertThat(n.path("title").asString()).isEqualTo("Backtest completed: Notify momentum");
        assertThat(n.path("body").asString()).contains("Total return").contains("Sharpe");
        assertThat(n.path("link").asString()).isEqualTo("/backtests/" + id);

        // the event may repeat (a retry, a cancel racing the end): still one notification
        publish(finished(UUID.fromString(id), owner.id(), "COMPLETED", null));
        assertThat(items(owner)).hasSize(1);
        // cancelled runs tell nothing; failed ones do, with the error
        publish(finished(UUID.randomUUID(), owner.id(), "CANCELLED", null));
        assertThat(items(owner)).hasSize(1);
        UUID failed = UUID.randomUUID();
        publish(finished(failed, owner.id(), "FAILED", "dataset snapshot unavailable"));
        JsonNode f = items(owner).get(0);
        assertThat(f.path("kind").asString()).isEqualTo("BACKTEST_FAILED");
        assertThat(f.path("body").asString()).isEqualTo("dataset snapshot unavailable");
        assertThat(f.path("link").asString()).isEqualTo("/backtests/" + failed);
        // template warm-ups of the SYSTEM owner are ignored (and must not fail)
        publish(finished(UUID.randomUUID(), new UUID(0, 0), "COMPLETED", null));
        assertThat(items(owner)).hasSize(2);
    }

    static BacktestFinished finished(UUID id, UUID owner, String status, String error) {
        return new BacktestFinished(id, owner, null, null, "Replayed", status, error, "krx-demo", "v1", false,
                12.5, 4.1, 0.9, -20.0, Instant.now());
    }

    @Test
    void followersHearAboutSpecChangesAndOnceThatTheStrategyIsGone() {
        User alice = newUser("author");
        User bob = newUser("follower");
        Response created = api.post("/api/v1/strategies", body("spec", Api.JSON.readTree(STRATEGY),
                "visibility", "PUBLIC"), alice.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(put("/api/v1/interests/follows/" + id, null, bob.token()).status()).isEqualTo(201);
        assertThat(put("/api/v1/interests/follows/" + id, null, alice.token()).status()).isEqualTo(201);

        Response v2 = put("/api/v1/strategies/" + id, body("spec", Api.JSON.readTree(
                STRATEGY.replace("per < 15", "per < 12")), "note", "stricter"), alice.token());
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
        List<JsonNode> ofBob = items(bob);
        assertThat(ofBob).hasSize(1);
        assertThat(ofBob.get(0).path("kind").asString()).isEqualTo("STRATEGY_UPDATED");
        assertThat(ofBob.get(0).path("title").asString()).isEqualTo("Follow me was updated");
        assertThat(ofBob.get(0).path("body").asString()).contains("Version 2");
        assertThat(ofBob.get(0).path("link").asString()).isEqualTo("/strategies/" + id);
        assertThat(items(alice)).isEmpty(); // the owner is never told about their own change

        // metadata only: no new version, nothing to tell
        assertThat(put("/api/v1/strategies/" + id, body("description", "now described"), alice.token()).status())
                .isEqualTo(200);
        assertThat(items(bob)).hasSize(1);

        // made private: followers are told once and no longer follow it
        assertThat(put("/api/v1/strategies/" + id, body("visibility", "PRIVATE"), alice.token()).status())
                .isEqualTo(200);
        ofBob = items(bob);
        assertThat(ofBob).hasSize(2);
        assertThat(ofBob.get(0).path("title").asString()).isEqualTo("Follow me is no longer available");
        assertThat(ofBob.get(0).path("body").asString()).contains("made private");
        await("the follows to be dropped", WAIT, () ->
                api.get("/api/v1/interests/follows", bob.token()).json().path("count").asInt() == 0);
        assertThat(put("/api/v1/strategies/" + id, body("visibility", "PUBLIC"), alice.token()).status())
                .isEqualTo(200);
        assertThat(api.delete("/api/v1/strategies/" + id, null, alice.token()).status()).isEqualTo(204);
        assertThat(items(bob)).hasSize(2);

        // deletion of a followed public strategy
        String other = api.post("/api/v1/strategies", body("spec", Api.JSON.readTree(STRATEGY),
                "visibility", "PUBLIC"), alice.token()).json().path("id").asString();
        assertThat(put("/api/v1/interests/follows/" + other, null, bob.token()).status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/strategies/" + other, null, alice.token()).status()).isEqualTo(204);
        ofBob = items(bob);
        assertThat(ofBob).hasSize(3);
        assertThat(ofBob.get(0).path("body").asString()).contains("deleted");
    }

    // ---- live stream

    @Test
    void theStreamPushesNewNotificationsAndUnreadCountsLive() throws Exception {
        User carol = newUser("live");
        User dave = newUser("liker");
        like(carol, dave);
        try (SseClient sse = new SseClient(port, carol.token())) {
            assertThat(sse.status).isEqualTo(200);
            Event hello = sse.next(WAIT);
            assertThat(hello).isNotNull();
            assertThat(hello.name()).isEqualTo("unread");
            assertThat(hello.data().path("unreadCount").asLong()).isEqualTo(1);

            UUID post = UUID.randomUUID();
            publish(new PostLiked(post, "Live post", carol.id(), dave.id(), dave.nickname()));
            Event live = sse.next(WAIT);
            assertThat(live).isNotNull();
            assertThat(live.name()).isEqualTo("notification");
            assertThat(live.data().path("unreadCount").asLong()).isEqualTo(2);
            assertThat(live.data().path("notification").path("kind").asString()).isEqualTo("LIKE");
            assertThat(live.data().path("notification").path("link").asString()).isEqualTo("/community/posts/" + post);

            // someone else's notification never shows up here
            User erin = newUser("erin");
            like(erin, dave);
            assertThat(api.post("/api/v1/notifications/read-all", null, carol.token()).status()).isEqualTo(200);
            Event count = sse.next(WAIT);
            assertThat(count.name()).isEqualTo("unread");
            assertThat(count.data().path("unreadCount").asLong()).isZero();
            assertThat(sse.sawComment(Duration.ofSeconds(3))).as("a heartbeat comment").isTrue();
        }
        Response anonymous = api.get("/api/v1/notifications/stream", null);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    // ---- webhooks

    /** A webhook at a fresh path of the fake; answers [path, secret]. */
    String[] webhook(User u, List<String> kinds) {
        String path = "/hook/" + UUID.randomUUID();
        Response r = put("/api/v1/notifications/channels", body("webhook", body("enabled", true,
                "url", FAKE.baseUrl() + path, "kinds", kinds)), u.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String secret = r.json().path("webhook").path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        return new String[] {path, secret};
    }

    @Test
    void aWebhookGetsASignedPayloadThatVerifies() {
        User u = newUser("hooked");
        User liker = newUser("fan");
        String[] hook = webhook(u, List.of("LIKE"));
        FAKE.stubFor(post(urlPathEqualTo(hook[0])).willReturn(aResponse().withStatus(204)));

        JsonNode channels = api.get("/api/v1/notifications/channels", u.token()).json();
        assertThat(channels.path("webhook").path("secretSet").asBoolean()).isTrue();
        assertThat(channels.path("webhook").has("secret")).as("the secret is shown only once").isFalse();
        assertThat(channels.path("webhook").path("kinds").toString()).isEqualTo("[\"LIKE\"]");
        assertThat(channels.path("email").path("available").asBoolean()).isTrue();
        assertThat(channels.path("email").path("address").asString()).isEqualTo(u.email());

        like(u, liker);
        JsonNode d = awaitDelivery(u, "DELIVERED");
        assertThat(d.path("channel").asString()).isEqualTo("WEBHOOK");
        assertThat(d.path("attempts").asInt()).isEqualTo(1);
        assertThat(d.path("lastStatusCode").asInt()).isEqualTo(204);
        assertThat(d.path("deliveredAt").asString()).isNotBlank();

        List<LoggedRequest> received = FAKE.findAll(postRequestedFor(urlPathEqualTo(hook[0])));
        assertThat(received).hasSize(1);
        LoggedRequest req = received.get(0);
        String payload = req.getBodyAsString();
        String signature = req.getHeader(WebhookSignature.SIGNATURE_HEADER);
        assertThat(WebhookSignature.verify(hook[1], signature, payload, Instant.now(), Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify(hook[1], signature, payload.replace("LIKE", "COMMENT"), Instant.now(),
                Duration.ofMinutes(5))).isFalse();
        assertThat(req.getHeader(WebhookSignature.DELIVERY_HEADER)).isEqualTo(d.path("id").asString());
        JsonNode body = Api.JSON.readTree(payload);
        assertThat(body.path("deliveryId").asString()).isEqualTo(d.path("id").asString());
        assertThat(body.path("notification").path("kind").asString()).isEqualTo("LIKE");
        assertThat(body.path("notification").path("url").asString()).startsWith("https://stocklab.test/community/posts/");

        // kinds the user did not choose are not sent
        publish(new CommentAdded(UUID.randomUUID(), "p", u.id(), UUID.randomUUID(), liker.id(),
                liker.nickname(), null));
        assertThat(items(u)).hasSize(2);
        assertThat(deliveries(u)).hasSize(1);

        // rotation: a new secret, shown once, signs from then on
        String rotated = api.post("/api/v1/notifications/channels/webhook/secret", null, u.token()).json()
                .path("secret").asString();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(hook[1]);
        like(u, newUser("fan2"));
        await("a second delivery", WAIT, () -> FAKE.findAll(postRequestedFor(urlPathEqualTo(hook[0]))).size() == 2);
        LoggedRequest again = FAKE.findAll(postRequestedFor(urlPathEqualTo(hook[0]))).get(1);
        assertThat(WebhookSignature.verify(rotated, again.getHeader(WebhookSignature.SIGNATURE_HEADER),
                again.getBodyAsString(), Instant.now(), Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify(hook[1], again.getHeader(WebhookSignature.SIGNATURE_HEADER),
                again.getBodyAsString(), Instant.now(), Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void aServerErrorIsRetriedWithBackoffAndTheSameDeliveryId() {
        User u = newUser("retry");
        String[] hook = webhook(u, null);
        String scenario = "flaky-" + hook[0];
        FAKE.stubFor(post(urlPathEqualTo(hook[0])).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        FAKE.stubFor(post(urlPathEqualTo(hook[0])).inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        like(u, newUser("fan"));

        JsonNode d = awaitDelivery(u, "DELIVERED");
        assertThat(d.path("attempts").asInt()).isEqualTo(2);
        List<LoggedRequest> received = FAKE.findAll(postRequestedFor(urlPathEqualTo(hook[0])));
        assertThat(received).hasSize(2);
        assertThat(received.get(1).getHeader(WebhookSignature.DELIVERY_HEADER))
                .isEqualTo(received.get(0).getHeader(WebhookSignature.DELIVERY_HEADER))
                .isEqualTo(d.path("id").asString());
        assertThat(received.get(1).getBodyAsString()).isEqualTo(received.get(0).getBodyAsString());
        long gap = received.get(1).getLoggedDate().getTime() - received.get(0).getLoggedDate().getTime();
        assertThat(gap).as("backoff before the retry (initial-backoff 300ms)").isGreaterThanOrEqualTo(250);
        for (LoggedRequest r : received) {
            assertThat(WebhookSignature.verify(hook[1], r.getHeader(WebhookSignature.SIGNATURE_HEADER),
                    r.getBodyAsString(), Instant.now(), Duration.ofMinutes(5))).isTrue();
        }
    }

    @Test
    void aClientErrorIsNotRetriedAndPersistentErrorsGiveUpAfterMaxAttempts() throws Exception {
        User u = newUser("rejected");
        String[] hook = webhook(u, null);
        FAKE.stubFor(post(urlPathEqualTo(hook[0])).willReturn(aResponse().withStatus(400)));
        like(u, newUser("fan"));
        JsonNode d = awaitDelivery(u, "FAILED");
        assertThat(d.path("attempts").asInt()).isEqualTo(1);
        assertThat(d.path("lastStatusCode").asInt()).isEqualTo(400);
        assertThat(d.path("lastError").asString()).contains("400");
        Thread.sleep(1000);
        assertThat(FAKE.findAll(postRequestedFor(urlPathEqualTo(hook[0])))).hasSize(1);

        User v = newUser("down");
        String[] down = webhook(v, null);
        FAKE.stubFor(post(urlPathEqualTo(down[0])).willReturn(aResponse().withStatus(503)));
        like(v, newUser("fan"));
        JsonNode gaveUp = awaitDelivery(v, "FAILED");
        assertThat(gaveUp.path("attempts").asInt()).isEqualTo(5);
        assertThat(gaveUp.path("lastError").asString()).contains("503").contains("gave up after 5 attempts");
        List<LoggedRequest> received = FAKE.findAll(postRequestedFor(urlPathEqualTo(down[0])));
        assertThat(received).hasSize(5);
        for (int i = 2; i < received.size(); i++) {
            long before = received.get(i - 1).getLoggedDate().getTime() - received.get(i - 2).getLoggedDate().getTime();
            long after = received.get(i).getLoggedDate().getTime() - received.get(i - 1).getLoggedDate().getTime();
            assertThat(after).as("the wait grows").isGreaterThan(before);
        }
        // a 408 and a 429 are retried like server errors
        User w = newUser("throttled");
        String[] slow = webhook(w, null);
        String scenario = "throttle-" + slow[0];
        FAKE.stubFor(post(urlPathEqualTo(slow[0])).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("408"));
        FAKE.stubFor(post(urlPathEqualTo(slow[0])).inScenario(scenario).whenScenarioStateIs("408")
                .willReturn(aResponse().withStatus(408)).willSetStateTo("ok"));
        FAKE.stubFor(post(urlPathEqualTo(slow[0])).inScenario(scenario).whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(202)));
        like(w, newUser("fan"));
        assertThat(awaitDelivery(w, "DELIVERED").path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void aBrokenWebhookNeverFailsTheEvent() {
        User u = newUser("broken");
        int closed = freePort();
        Response r = put("/api/v1/notifications/channels", body("webhook", body("enabled", true,
                "url", "http://127.0.0.1:" + closed + "/nobody")), u.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        like(u, newUser("fan")); // returns normally
        assertThat(items(u)).hasSize(1);
        await("a failed attempt", WAIT, () -> {
            List<JsonNode> ds = deliveries(u);
            return !ds.isEmpty() && ds.get(0).path("attempts").asInt() >= 1;
        });
        JsonNode d = deliveries(u).get(0);
        assertThat(d.path("status").asString()).isIn("PENDING", "FAILED");
        assertThat(d.path("lastError").asString()).contains("connection failed");
        // turning the webhook off stops the retries of what was queued
        assertThat(put("/api/v1/notifications/channels", body("webhook", body("enabled", false)), u.token())
                .status()).isEqualTo(200);
        JsonNode stopped = awaitDelivery(u, "FAILED");
        assertThat(stopped.path("lastError").asString()).contains("turned off");
        assertThat(stopped.path("attempts").asInt()).isLessThan(5);
    }

    @Test
    void badChannelSettingsAreRefusedNamingTheField() {
        User u = newUser("settings");
        for (String url : List.of("ftp://hooks.example.com/x", "http://hooks.example.com/x", "javascript:alert(1)",
                "https://user:pw@hooks.example.com/")) {
            Response r = put("/api/v1/notifications/channels", body("webhook", body("enabled", true, "url", url)),
                    u.token());
            assertThat(r.status()).as(url).isEqualTo(422);
            assertThat(r.json().path("errors").toString()).as(url).contains("webhook.url");
        }
        Response noUrl = put("/api/v1/notifications/channels", body("webhook", body("enabled", true)), u.token());
        assertThat(noUrl.status()).isEqualTo(422);
        assertThat(noUrl.body()).contains("webhook.url");
        Response badChat = put("/api/v1/notifications/channels", body("telegram", body("enabled", true,
                "chatId", "not a chat")), u.token());
        assertThat(badChat.status()).isEqualTo(422);
        assertThat(badChat.body()).contains("telegram.chatId");
        Response badKind = put("/api/v1/notifications/channels", body("email", body("enabled", true,
                "kinds", List.of("NOPE"))), u.token());
        assertThat(badKind.status()).isIn(400, 422);
        // nothing was saved
        JsonNode channels = api.get("/api/v1/notifications/channels", u.token()).json();
        assertThat(channels.path("webhook").path("enabled").asBoolean()).isFalse();
        assertThat(channels.path("webhook").path("secretSet").asBoolean()).isFalse();
        assertThat(channels.path("telegram").path("enabled").asBoolean()).isFalse();
    }

    // ---- e-mail and Telegram

    @Test
    void anEmailWithTheNotificationArrivesOverSmtp() throws Exception {
        User u = newUser("mailed");
        Response r = put("/api/v1/notifications/channels", body("email", body("enabled", true,
                "kinds", List.of("LIKE"))), u.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("email").path("enabled").asBoolean()).isTrue();
        User fan = newUser("fan");
        UUID post = UUID.randomUUID();
        publish(new PostLiked(post, "Mail me", u.id(), fan.id(), fan.nickname()));
        await("the e-mail", WAIT, () -> Arrays.stream(SMTP.getReceivedMessages()).anyMatch(m -> to(m, u.email())));
        MimeMessage mail = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> to(m, u.email())).findFirst()
                .orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("[StockLab] " + fan.nickname() + " liked your post");
        assertThat(mail.getFrom()[0].toString()).contains("alerts@stocklab.test");
        String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
        assertThat(text).contains("Mail me").contains("https://stocklab.test/community/posts/" + post);
        JsonNode d = awaitDelivery(u, "DELIVERED");
        assertThat(d.path("channel").asString()).isEqualTo("EMAIL");
    }

    static boolean to(MimeMessage m, String address) {
        try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    String telegram(User u, String answer, int status) {
        String chat = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L));
        FAKE.stubFor(post(urlPathEqualTo("/bot" + BOT_TOKEN + "/sendMessage"))
                .withRequestBody(matchingJsonPath("$.chat_id", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo(chat)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(answer)));
        Response r = put("/api/v1/notifications/channels", body("telegram", body("enabled", true, "chatId", chat)),
                u.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("telegram").path("chatId").asString()).isEqualTo(chat);
        return chat;
    }

    @Test
    void telegramMessagesGoThroughTheBotApi() {
        User ok = newUser("tg");
        String chat = telegram(ok, "{\"ok\":true,\"result\":{\"message_id\":1}}", 200);
        like(ok, newUser("fan"));
        assertThat(awaitDelivery(ok, "DELIVERED").path("channel").asString()).isEqualTo("TELEGRAM");
        List<LoggedRequest> sent = FAKE.findAll(postRequestedFor(urlPathEqualTo("/bot" + BOT_TOKEN + "/sendMessage"))
                .withRequestBody(matchingJsonPath("$.chat_id", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo(chat))));
        assertThat(sent).hasSize(1);
        assertThat(Api.JSON.readTree(sent.get(0).getBodyAsString()).path("text").asString())
                .contains("liked your post").contains("https://stocklab.test/community/posts/");

        User blocked = newUser("tgblocked");
        telegram(blocked, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}",
                403);
        like(blocked, newUser("fan"));
        JsonNode failed = awaitDelivery(blocked, "FAILED");
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("lastError").asString()).contains("bot was blocked");

        User flooded = newUser("tgflood");
        telegram(flooded, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 30\","
                + "\"parameters\":{\"retry_after\":30}}", 429);
        like(flooded, newUser("fan"));
        await("a throttled attempt", WAIT, () -> deliveries(flooded).get(0).path("attempts").asInt() == 1);
        JsonNode waiting = deliveries(flooded).get(0);
        assertThat(waiting.path("status").asString()).isEqualTo("PENDING");
        Instant last = Instant.parse(waiting.path("lastAttemptAt").asString());
        Instant next = Instant.parse(waiting.path("nextAttemptAt").asString());
        assertThat(Duration.between(last, next)).as("retry_after honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }
}
