package io.stocklab.server.ranking;

import static io.stocklab.server.ranking.RankingClient.find;
import static io.stocklab.server.ranking.RankingClient.has;
import static io.stocklab.server.ranking.RankingClient.query;
import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.LocalIntegrationTest;
import io.stocklab.server.support.LocalTestProperties;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The rankings endpoints on the local profile (in-process boards, H2). */
@LocalIntegrationTest
class RankingLocalIT {
    @LocalServerPort
    int port;
    Api api;
    RankingClient client;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        client = new RankingClient(api);
        try {
            api.registerEmail(LocalTestProperties.ADMIN_EMAIL);
        } catch (AssertionError alreadyThere) {
            // registered by an earlier test
        }
    }

    String login(String email) {
        return api.login(email).path("accessToken").asString();
    }

    @Test
    void boardsShowPublicStrategiesHideAnonymousAuthorsAndFollowVisibility() {
        String aliceEmail = api.register("rk-alice");
        String alice = login(aliceEmail);
        String aliceNick = api.get("/api/v1/users/me", alice).json().path("nickname").asString();
        String bob = login(api.register("rk-bob"));
        String bobNick = api.get("/api/v1/users/me", bob).json().path("nickname").asString();
        String carol = login(api.register("rk-carol"));

        String aliceStrategy = client.createStrategy(alice, RankingClient.spec("Alice KOSPI momentum", "mom_63d", 8,
                "KOSPI"), true, false);
        String bobStrategy = client.createStrategy(bob, RankingClient.spec("Bob secret sauce", "mom_21d", 12, null),
                true, true);
        String bobPrivate = client.createStrategy(bob, RankingClient.spec("Bob private", "mom_126d", 6, null),
                false, false);
        String aliceRun1 = client.run(alice, aliceStrategy);
        String aliceRun2 = client.run(alice, aliceStrategy);
        String bobRun = client.run(bob, bobStrategy);
        client.run(bob, bobPrivate);

        String all = query("TOTAL_RETURN", "all", "ALL");
        List<JsonNode> entries = client.awaitEntries(carol, all, e -> has(e, aliceStrategy) && has(e, bobStrategy)
                && find(e, aliceStrategy).path("backtestId").asString().equals(aliceRun2));
        assertThat(has(entries, bobPrivate)).as("private strategies are never ranked").isFalse();
        assertThat(entries.stream().filter(e -> e.path("strategyId").asString().equals(aliceStrategy)))
                .as("a strategy appears once, with its latest run").hasSize(1);
        JsonNode a = find(entries, aliceStrategy);
        assertThat(a.path("backtestId").asString()).isEqualTo(aliceRun2).isNotEqualTo(aliceRun1);
        assertThat(a.path("author").asString()).isEqualTo(aliceNick);
        assertThat(a.path("strategyName").asString()).isEqualTo("Alice KOSPI momentum");
        assertThat(a.path("runAt").isString()).isTrue();
        assertThat(a.path("value").asDouble()).isEqualTo(a.path("totalReturnPct").asDouble());
        assertThat(a.path("mine").asBoolean()).isFalse();
        JsonNode b = find(entries, bobStrategy);
        assertThat(b.path("backtestId").asString()).isEqualTo(bobRun);
        assertThat(b.path("author").asString()).isEqualTo("anonymous");
        assertThat(b.path("anonymous").asBoolean()).isTrue();
        Response raw = api.get("/api/v1/rankings?" + all + "&limit=100", carol);
        assertThat(raw.body()).doesNotContain(bobNick).doesNotContain("ownerId");
        // ranks are consecutive and ordered by the metric
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).path("rank").asLong()).isEqualTo(i + 1L);
            if (i > 0) assertThat(entries.get(i).path("value").asDouble())
                    .isLessThanOrEqualTo(entries.get(i - 1).path("value").asDouble());
        }
        // the board description: the whole dataset
        JsonNode board = client.board(carol, all).path("board");
        assertThat(board.path("period").asString()).isEqualTo("all");
        assertThat(board.path("currentVersion").asBoolean()).isTrue();
        JsonNode datasets = api.get("/api/v1/datasets", carol).json();
        JsonNode dataset = datasets.isArray() ? datasets.get(0) : datasets.path("items").get(0);
        assertThat(board.path("datasetId").asString()).isEqualTo(dataset.path("id").asString());
        assertThat(board.path("windowStart").asString()).isEqualTo(dataset.path("start").asString());
        assertThat(board.path("windowEnd").asString()).isEqualTo(dataset.path("end").asString());

        // my rank: Alice sees hers, Carol has none
        JsonNode forAlice = client.board(alice, all + "&limit=1");
        assertThat(forAlice.path("myRank").path("strategyId").asString()).isEqualTo(aliceStrategy);
        assertThat(forAlice.path("myRank").path("mine").asBoolean()).isTrue();
        assertThat(forAlice.path("myRank").path("rank").asLong()).isEqualTo(a.path("rank").asLong());
        assertThat(client.board(carol, all).path("myRank").isNull() || client.board(carol, all).path("myRank")
                .isMissingNode()).isTrue();
        assertThat(forAlice.path("entries")).hasSize(1);
        assertThat(forAlice.path("totalEntries").asLong()).isEqualTo(entries.size());

        // per market: Alice's KOSPI-only strategy is on the KOSPI board, Bob's whole-market one is not
        List<JsonNode> kospi = client.allEntries(carol, query("TOTAL_RETURN", "all", "KOSPI"));
        assertThat(has(kospi, aliceStrategy)).isTrue();
        assertThat(has(kospi, bobStrategy)).isFalse();
        // the 1y board ranks the trailing year
        List<JsonNode> oneYear = client.allEntries(carol, query("CAGR", "1y", "ALL"));
        JsonNode a1 = find(oneYear, aliceStrategy);
        assertThat(a1.path("value").asDouble()).isEqualTo(a1.path("cagrPct").asDouble());
        assertThat(api.get("/api/v1/rankings/boards", carol).json().toString())
                .contains("\"period\":\"1y\"").contains("\"market\":\"KOSPI\"");
        JsonNode ranks = api.get("/api/v1/rankings/strategies/" + aliceStrategy, carol).json();
        assertThat(ranks.size()).isGreaterThanOrEqualTo(4);
        assertThat(api.get("/api/v1/rankings/strategies/" + bobPrivate, carol).status()).isEqualTo(404);

        // made private: gone from every board; public again: back
        client.update(alice, aliceStrategy, body("visibility", "PRIVATE"));
        client.awaitEntries(carol, all, e -> !has(e, aliceStrategy));
        assertThat(has(client.allEntries(carol, query("CAGR", "1y", "KOSPI")), aliceStrategy)).isFalse();
        assertThat(api.get("/api/v1/rankings/strategies/" + aliceStrategy, alice).json().size()).isZero();
        client.update(alice, aliceStrategy, body("visibility", "PUBLIC", "anonymous", true));
        JsonNode back = find(client.awaitEntries(carol, all, e -> has(e, aliceStrategy)
                && find(e, aliceStrategy).path("anonymous").asBoolean()), aliceStrategy);
        assertThat(back.path("backtestId").asString()).isEqualTo(aliceRun2);
        assertThat(back.path("author").asString()).isEqualTo("anonymous");

        // its latest run deleted: the earlier one takes its place; the strategy deleted: gone
        client.deleteBacktest(alice, aliceRun2);
        client.awaitEntries(carol, all, e -> has(e, aliceStrategy)
                && find(e, aliceStrategy).path("backtestId").asString().equals(aliceRun1));
        client.deleteStrategy(bob, bobStrategy);
        client.awaitEntries(carol, all, e -> !has(e, bobStrategy));
    }

    @Test
    void badParametersAreNamedAndRebuildIsForAdmins() {
        String user = login(api.register("rk-user"));
        for (String[] c : new String[][]{{"metric=ALPHA", "metric"}, {"period=2y", "period"}, {"limit=0", "limit"},
                {"limit=101", "limit"}, {"cursor=nonsense", "cursor"}, {"dataset=nope", "dataset"},
                {"market=K%20OSPI", "market"}}) {
            Response r = api.get("/api/v1/rankings?" + c[0], user);
            assertThat(r.status()).as(c[0] + " " + r).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo(c[1]);
        }
        assertThat(api.get("/api/v1/rankings", null).status()).isEqualTo(401);
        Response forbidden = api.post("/api/v1/rankings/rebuild", null, user);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.problemType()).isEqualTo("forbidden");
        Response rebuilt = api.post("/api/v1/rankings/rebuild", null, login(LocalTestProperties.ADMIN_EMAIL));
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        assertThat(rebuilt.json().path("generation").asLong()).isPositive();
        Response empty = api.get("/api/v1/rankings?dataset=krx-demo&version=no-such-version", user);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().path("entries")).isEmpty();
        assertThat(empty.json().path("totalEntries").asLong()).isZero();
    }
}
