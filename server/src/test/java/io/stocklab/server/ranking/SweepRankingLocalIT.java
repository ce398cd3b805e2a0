package io.stocklab.server.ranking;

import static io.stocklab.server.ranking.RankingClient.find;
import static io.stocklab.server.ranking.RankingClient.has;
import static io.stocklab.server.ranking.RankingClient.query;
import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.LocalIntegrationTest;
import io.stocklab.server.support.LocalTestProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Sweeps of strategies: the walk-forward winners' chained out-of-sample result and the oos boards (local profile). */
@LocalIntegrationTest
class SweepRankingLocalIT {
    static final String OOS = query("TOTAL_RETURN", "oos", "ALL");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Api api;
    RankingClient client;
    LocalDate dataEnd;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        client = new RankingClient(api);
        try {
            api.registerEmail(LocalTestProperties.ADMIN_EMAIL);
        } catch (AssertionError alreadyThere) {
            // registered by an earlier test
        }
        String t = login(api.register("sw-reader"));
        JsonNode datasets = api.get("/api/v1/datasets", t).json();
        JsonNode dataset = datasets.isArray() ? datasets.get(0) : datasets.path("items").get(0);
        dataEnd = LocalDate.parse(dataset.path("end").asString());
    }

    String login(String email) {
        return api.login(email).path("accessToken").asString();
    }

    @Test
    void theWinnersOutOfSampleResultIsRankedOnTheOosBoards() {
        String alice = login(api.register("sw-alice"));
        String bob = login(api.register("sw-bob"));
        String carol = login(api.register("sw-carol"));
        String aliceStrategy = client.createStrategy(alice, RankingClient.sweepable("Alice sweep", "mom_63d", 5,
                "KOSPI", dataEnd), true, false);
        String bobPrivate = client.createStrategy(bob, RankingClient.sweepable("Bob private sweep", "mom_21d", 5,
                null, dataEnd), false, false);

        String first = client.sweep(alice, aliceStrategy, 6);
        JsonNode done = client.awaitSweep(alice, first);
        assertThat(done.path("strategyId").asString()).isEqualTo(aliceStrategy);
        assertThat(done.path("strategyVersion").asInt()).isEqualTo(1);
        JsonNode summary = done.path("summary");
        assertThat(summary.path("bestInSample").isNumber()).as("kept for the web").isTrue();
        assertThat(summary.path("bestOutOfSample").isNumber()).isTrue();

        // each window's winner is the variant with the best in-sample objective of that window (ties: lowest index)
        JsonNode wf = summary.path("walkForward");
        assertThat(wf).hasSize(2);
        List<JsonNode> items = new ArrayList<>();
        api.get("/api/v1/sweeps/" + first + "/results", alice).json().path("items").forEach(items::add);
        assertThat(items).hasSize(2);
        for (int w = 0; w < 2; w++) {
            int expected = -1;
            double best = Double.NEGATIVE_INFINITY;
            for (JsonNode it : items) {
                double in = it.path("windows").path(w).path("inSample").asDouble();
                int index = it.path("index").asInt();
                if (in > best || (in == best && index < expected)) {
                    best = in;
                    expected = index;
                }
            }
            JsonNode win = wf.get(w);
            assertThat(win.path("winnerIndex").asInt()).as("window " + w).isEqualTo(expected);
            assertThat(win.path("inSample").asDouble()).isEqualTo(best);
            JsonNode winner = items.stream().filter(i -> i.path("index").asInt() == win.path("winnerIndex").asInt())
                    .findFirst().orElseThrow();
            assertThat(win.path("winnerLabel").asString()).isEqualTo(winner.path("label").asString());
            assertThat(win.path("outOfSample").asDouble())
                    .isEqualTo(winner.path("windows").path(w).path("outOfSample").asDouble());
        }
        assertThat(wf.get(1).path("outStart").asString())
                .isEqualTo(LocalDate.parse(wf.get(0).path("outEnd").asString()).plusDays(1).toString());

        // the chained curve: its figures in the summary, its days from the sub-resource
        JsonNode oos = summary.path("outOfSample");
        assertThat(oos.path("start").asString()).isEqualTo(wf.get(0).path("outStart").asString());
        assertThat(oos.path("end").asString()).isEqualTo(wf.get(1).path("outEnd").asString());
        JsonNode curve = api.get("/api/v1/sweeps/" + first + "/out-of-sample", alice).json();
        assertThat(curve.path("available").asBoolean()).as(curve.toString()).isTrue();
        JsonNode equity = curve.path("equity");
        assertThat(equity.size()).isEqualTo(oos.path("days").asInt()).isGreaterThan(200);
        double e0 = curve.path("initialCapital").asDouble();
        double last = equity.get(equity.size() - 1).path("value").asDouble();
        assertThat((last / e0 - 1) * 100).isCloseTo(oos.path("totalReturnPct").asDouble(), within(1e-6));
        assertThat(equity.get(0).path("date").asString()).isGreaterThanOrEqualTo(oos.path("start").asString());
        assertThat(api.get("/api/v1/sweeps/" + first + "/out-of-sample", carol).status()).isEqualTo(404);

        // on the oos boards (ALL and the strategy's market), not on the backtest boards
        JsonNode entry = find(client.awaitEntries(carol, OOS, e -> has(e, aliceStrategy)), aliceStrategy);
        assertThat(entry.path("source").asString()).isEqualTo("SWEEP_OOS");
        assertThat(entry.path("sweepId").asString()).isEqualTo(first);
        assertThat(entry.path("backtestId").isString()).as("no backtest: " + entry).isFalse();
        assertThat(entry.path("totalReturnPct").asDouble())
                .isCloseTo(oos.path("totalReturnPct").asDouble(), within(1e-9));
        assertThat(entry.path("maxDrawdownPct").asDouble())
                .isCloseTo(oos.path("maxDrawdownPct").asDouble(), within(1e-9));
        assertThat(has(client.allEntries(carol, query("CAGR", "oos", "KOSPI")), aliceStrategy)).isTrue();
        assertThat(has(client.allEntries(carol, query("TOTAL_RETURN", "all", "ALL")), aliceStrategy)).isFalse();
        JsonNode board = client.board(carol, OOS).path("board");
        assertThat(board.path("period").asString()).isEqualTo("oos");
        assertThat(api.get("/api/v1/rankings/boards", carol).json().toString()).contains("\"period\":\"oos\"");
        assertThat(api.get("/api/v1/rankings/strategies/" + aliceStrategy, carol).json().toString())
                .contains("SWEEP_OOS");

        // a private strategy's sweep is never ranked
        client.awaitSweep(bob, client.sweep(bob, bobPrivate, 6));
        // a later sweep replaces the first; deleting it brings the first back
        String second = client.sweep(alice, aliceStrategy, 6);
        client.awaitSweep(alice, second);
        client.awaitEntries(carol, OOS, e -> has(e, aliceStrategy)
                && find(e, aliceStrategy).path("sweepId").asString().equals(second));
        assertThat(has(client.allEntries(carol, OOS), bobPrivate)).isFalse();
        client.deleteSweep(alice, second);
        client.awaitEntries(carol, OOS, e -> has(e, aliceStrategy)
                && find(e, aliceStrategy).path("sweepId").asString().equals(first));

        // made private: gone; public again: back; strategy deleted: gone
        client.update(alice, aliceStrategy, body("visibility", "PRIVATE"));
        client.awaitEntries(carol, OOS, e -> !has(e, aliceStrategy));
        client.update(alice, aliceStrategy, body("visibility", "PUBLIC"));
        client.awaitEntries(carol, OOS, e -> has(e, aliceStrategy));
        client.deleteSweep(alice, first);
        client.awaitEntries(carol, OOS, e -> !has(e, aliceStrategy));
    }

    @Test
    void anExplicitRebuildRecordsSweepsWhoseEventsWereLost() {
        String gina = login(api.register("sw-gina"));
        String reader = login(api.register("sw-reader2"));
        String admin = login(LocalTestProperties.ADMIN_EMAIL);
        String s = client.createStrategy(gina, RankingClient.sweepable("Gina lost event", "rsi_14", 7, null, dataEnd),
                true, false);
        String id = client.sweep(gina, s, 6);
        client.awaitSweep(gina, id);
        client.awaitEntries(reader, OOS, e -> has(e, s));
        // the rankings never heard of it (as if the instance stopped before handling SweepFinished)
        assertThat(jdbc.sql("DELETE FROM ranking_sweeps WHERE sweep_id = :id").param("id", java.util.UUID.fromString(id))
                .update()).isEqualTo(1);
        Response rebuilt = api.post("/api/v1/rankings/rebuild", null, admin);
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        assertThat(find(client.allEntries(reader, OOS), s).path("sweepId").asString()).isEqualTo(id);
        // the sweep is gone without its SweepDeleted having been handled
        jdbc.sql("DELETE FROM sweeps WHERE id = :id").param("id", java.util.UUID.fromString(id)).update();
        assertThat(api.post("/api/v1/rankings/rebuild", null, admin).status()).isEqualTo(200);
        assertThat(has(client.allEntries(reader, OOS), s)).isFalse();
    }

    @Test
    void overlappingOutOfSampleWindowsGiveNoChainedResult() {
        String dave = login(api.register("sw-dave"));
        String s = client.createStrategy(dave, RankingClient.sweepable("Dave overlap", "mom_126d", 4, null, dataEnd),
                true, false);
        String id = client.sweep(dave, s, 3);
        JsonNode summary = client.awaitSweep(dave, id).path("summary");
        assertThat(summary.path("walkForward").size()).isGreaterThanOrEqualTo(2);
        assertThat(summary.path("walkForward").get(0).path("winnerIndex").isNumber()).isTrue();
        assertThat(summary.path("outOfSample").isNull()).isTrue();
        assertThat(summary.path("outOfSampleUnavailable").asString()).contains("overlap");
        JsonNode curve = api.get("/api/v1/sweeps/" + id + "/out-of-sample", dave).json();
        assertThat(curve.path("available").asBoolean()).isFalse();
        assertThat(curve.path("reason").asString()).contains("overlap");
        assertThat(curve.path("equity")).isEmpty();
    }

    @Test
    void aSweepOfAStrategyIsValidated() {
        String erin = login(api.register("sw-erin"));
        String frank = login(api.register("sw-frank"));
        String s = client.createStrategy(erin, RankingClient.spec("Erin", "mom_63d", 5, null), true, false);
        Map<String, Object> params = Map.of("/buy/maxPositions", List.of(3, 6));
        Response both = api.post("/api/v1/sweeps", body("strategyId", s, "spec", RankingClient.spec("x", "mom_63d",
                5, null), "parameters", params), erin);
        assertThat(both.status()).as(both.toString()).isEqualTo(422);
        assertThat(both.contentType()).startsWith("application/problem+json");
        assertThat(both.json().path("errors").get(0).path("field").asString()).isEqualTo("spec");
        Response neither = api.post("/api/v1/sweeps", body("parameters", params), erin);
        assertThat(neither.status()).isEqualTo(422);
        assertThat(neither.json().path("errors").get(0).path("field").asString()).isEqualTo("spec");
        Response others = api.post("/api/v1/sweeps", body("strategyId", s, "parameters", params), frank);
        assertThat(others.status()).as(others.toString()).isEqualTo(404);
        Response unknown = api.post("/api/v1/sweeps", body("strategyId", java.util.UUID.randomUUID().toString(),
                "parameters", params), frank);
        assertThat(unknown.status()).isEqualTo(404);
        Response ok = api.post("/api/v1/sweeps", body("strategyId", s, "parameters", params), erin);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(202);
        assertThat(ok.json().path("strategyId").asString()).isEqualTo(s);
        assertThat(ok.json().path("name").asString()).isEqualTo("Sweep of Erin");
    }
}
