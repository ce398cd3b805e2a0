package io.stocklab.server.interest;

import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.notification.NotificationFakes;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Watchlist, recently viewed symbols and followed strategies (limits from {@link NotificationFakes}: watchlist 4,
 * recent 5, follows 3).
 */
class InterestLocalIT extends NotificationFakes {
    static final String SPEC = """
            {"name": "Followed", "rebalance": "monthly",
             "buy": {"when": "per > 0 and per < 15", "rank": [{"by": "pbr", "order": "asc"}], "maxPositions": 10}}""";

    @Autowired
    InterestService interests;

    List<String> symbols(String token, int n) {
        Response r = api.get("/api/v1/market/symbols?limit=" + n, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        r.json().path("items").forEach(i -> codes.add(i.path("code").asString()));
        assertThat(codes).hasSize(n);
        return codes;
    }

    static List<String> codes(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("items").forEach(i -> out.add(i.path("symbol").asString()));
        return out;
    }

    @Test
    void theWatchlistIsBoundedAndValidated() {
        User u = newUser("watcher");
        List<String> codes = symbols(u.token(), 5);
        String dataset = api.get("/api/v1/market/symbols?limit=1", u.token()).json().path("dataset").asString();
        for (String code : codes.subList(0, 4)) {
            Response r = api.post("/api/v1/interests/watchlist", body("symbol", code), u.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        Response again = api.post("/api/v1/interests/watchlist", body("symbol", codes.get(0), "datasetId", dataset),
                u.token());
        assertThat(again.status()).as("already there").isEqualTo(200);
        Response full = api.post("/api/v1/interests/watchlist", body("symbol", codes.get(4)), u.token());
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.problemType()).isEqualTo("limit-reached");

        JsonNode list = api.get("/api/v1/interests/watchlist", u.token()).json();
        assertThat(list.path("count").asInt()).isEqualTo(4);
        assertThat(list.path("limit").asInt()).isEqualTo(4);
        assertThat(codes(list)).containsExactlyInAnyOrderElementsOf(codes.subList(0, 4));
        assertThat(list.path("items").get(0).path("datasetId").asString()).isEqualTo(dataset);

        assertThat(api.delete("/api/v1/interests/watchlist/" + dataset + "/" + codes.get(1), null, u.token())
                .status()).isEqualTo(204);
        assertThat(api.post("/api/v1/interests/watchlist", body("symbol", codes.get(4)), u.token()).status())
                .isEqualTo(201);
        assertThat(codes(api.get("/api/v1/interests/watchlist", u.token()).json())).contains(codes.get(4))
                .doesNotContain(codes.get(1));
        // another user's list is separate
        assertThat(api.get("/api/v1/interests/watchlist", newUser("other").token()).json().path("count").asInt())
                .isZero();

        Response unknown = api.post("/api/v1/interests/watchlist", body("symbol", "ZZZ999"), u.token());
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("symbol");
        Response badDataset = api.post("/api/v1/interests/watchlist", body("symbol", codes.get(0), "datasetId",
                "no-such-dataset"), u.token());
        assertThat(badDataset.status()).isEqualTo(422);
        assertThat(badDataset.json().path("errors").get(0).path("field").asString()).isEqualTo("datasetId");
        Response blank = api.post("/api/v1/interests/watchlist", body("symbol", " "), u.token());
        assertThat(blank.status()).isEqualTo(422);
        Response junk = api.post("/api/v1/interests/watchlist", body("symbol", "<script>"), u.token());
        assertThat(junk.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/interests/watchlist", null).status()).isEqualTo(401);
    }

    @Test
    void recentlyViewedKeepsTheNewestAndMovesReviewsToTheTop() {
        User u = newUser("viewer");
        List<String> codes = symbols(u.token(), 7);
        for (String code : codes.subList(0, 6)) {
            assertThat(api.post("/api/v1/interests/recent", body("symbol", code), u.token()).status()).isEqualTo(204);
            sleep(5);
        }
        JsonNode recent = api.get("/api/v1/interests/recent", u.token()).json();
        assertThat(codes(recent)).containsExactly(codes.get(5), codes.get(4), codes.get(3), codes.get(2),
                codes.get(1));
        assertThat(recent.path("limit").asInt()).isEqualTo(5);

        // viewing one again moves it to the top without duplicating it
        assertThat(api.post("/api/v1/interests/recent", body("symbol", codes.get(2)), u.token()).status())
                .isEqualTo(204);
        assertThat(codes(api.get("/api/v1/interests/recent", u.token()).json())).containsExactly(codes.get(2),
                codes.get(5), codes.get(4), codes.get(3), codes.get(1));
        sleep(5);
        assertThat(api.post("/api/v1/interests/recent", body("symbol", codes.get(6)), u.token()).status())
                .isEqualTo(204);
        assertThat(codes(api.get("/api/v1/interests/recent?limit=2", u.token()).json()))
                .containsExactly(codes.get(6), codes.get(2));
        assertThat(codes(api.get("/api/v1/interests/recent", u.token()).json())).hasSize(5)
                .doesNotContain(codes.get(1));

        assertThat(api.get("/api/v1/interests/recent?limit=0", u.token()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/interests/recent", body("symbol", "NOPE42"), u.token()).status()).isEqualTo(422);
        assertThat(api.delete("/api/v1/interests/recent", null, u.token()).status()).isEqualTo(204);
        assertThat(codes(api.get("/api/v1/interests/recent", u.token()).json())).isEmpty();
    }

    String strategy(User owner, String visibility) {
        Response r = api.post("/api/v1/strategies", body("spec", Api.JSON.readTree(SPEC), "visibility", visibility),
                owner.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    @Test
    void onlyPublicStrategiesCanBeFollowed() {
        User alice = newUser("author");
        User bob = newUser("follower");
        String pub = strategy(alice, "PUBLIC");
        String priv = strategy(alice, "PRIVATE");

        assertThat(put("/api/v1/interests/follows/" + pub, null, bob.token()).status()).isEqualTo(201);
        Response again = put("/api/v1/interests/follows/" + pub, null, bob.token());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("count").asInt()).isEqualTo(1);
        JsonNode item = again.json().path("items").get(0);
        assertThat(item.path("strategyId").asString()).isEqualTo(pub);
        assertThat(item.path("available").asBoolean()).isTrue();
        assertThat(interests.followers(UUID.fromString(pub))).containsExactly(bob.id());

        // someone else's private strategy does not exist for bob; alice's own private one cannot be followed
        assertThat(put("/api/v1/interests/follows/" + priv, null, bob.token()).status()).isEqualTo(404);
        Response own = put("/api/v1/interests/follows/" + priv, null, alice.token());
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.body()).contains("strategyId");
        assertThat(put("/api/v1/interests/follows/" + UUID.randomUUID(), null, bob.token()).status()).isEqualTo(404);
        assertThat(put("/api/v1/interests/follows/not-a-uuid", null, bob.token()).status()).isIn(400, 422);

        // at most three (the test limit)
        assertThat(put("/api/v1/interests/follows/" + strategy(alice, "PUBLIC"), null, bob.token()).status())
                .isEqualTo(201);
        assertThat(put("/api/v1/interests/follows/" + strategy(alice, "PUBLIC"), null, bob.token()).status())
                .isEqualTo(201);
        Response full = put("/api/v1/interests/follows/" + strategy(alice, "PUBLIC"), null, bob.token());
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.problemType()).isEqualTo("limit-reached");

        assertThat(api.delete("/api/v1/interests/follows/" + pub, null, bob.token()).status()).isEqualTo(204);
        JsonNode follows = api.get("/api/v1/interests/follows", bob.token()).json();
        assertThat(follows.path("count").asInt()).isEqualTo(2);
        assertThat(follows.path("items").toString()).doesNotContain(pub);
        assertThat(interests.followers(UUID.fromString(pub))).isEmpty();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
