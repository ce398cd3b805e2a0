package io.stocklab.server.backtest;

import static io.stocklab.server.backtest.BacktestClient.awaitStatus;
import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.engine.backtest.Backtester;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.server.marketdata.DatasetSnapshot;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Backtest jobs over HTTP, run once per profile (local: in-process queue; prod: Redis Streams and pub/sub against the
 * real PostgreSQL and Redis): submit, progress, results identical to the engine run directly, cache, SSE and
 * WebSocket streams read to the end, cancel, delete, authorization, compare, history.
 */
abstract class BacktestScenarios {
    static final Duration WAIT = Duration.ofSeconds(90);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Datasets datasets;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
        adminFirst();
    }

    /** The local profile makes the first account the admin: make sure that is not one of ours. */
    abstract void adminFirst();

    String newUser() {
        return api.login(api.register("bt")).path("accessToken").asString();
    }

    /** A monthly momentum spec; {@code variant} changes the capital so each variant is a distinct configuration. */
    static ObjectNode monthlySpec(long variant) {
        ObjectNode spec = (ObjectNode) Api.JSON.readTree("""
                {"name": "IT momentum", "rebalance": "monthly",
                 "buy": {"rank": [{"by": "mom_63d", "order": "desc"}], "maxPositions": 10},
                 "sell": {"dropUnselected": true}}""");
        spec.put("initialCapital", 100_000_000L + variant * 1_000_000L + (System.nanoTime() % 997) * 10_000L);
        return spec;
    }

    /** A daily, expression-heavy spec: slower, with many trades. */
    static ObjectNode dailySpec(long variant) {
        ObjectNode spec = (ObjectNode) Api.JSON.readTree("""
                {"name": "IT RSI daily", "rebalance": "daily",
                 "buy": {"when": "rsi_14 < 45", "rank": [{"by": "rsi_14", "order": "asc"}], "maxPositions": 10},
                 "sell": {"when": "rsi_14 > 55", "stopLossPct": 8, "maxHoldDays": 15}}""");
        spec.put("initialCapital", 100_000_000L + variant * 1_000_000L + (System.nanoTime() % 997) * 10_000L);
        return spec;
    }

    Response submit(String token, JsonNode spec) {
        return api.post("/api/v1/backtests", body("spec", spec), token);
    }

    String submitted(String token, JsonNode spec) {
        Response r = submit(token, spec);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return r.json().path("id").asString();
    }

    @Test
    void aBacktestIsQueuedRunsAndItsResultsMatchTheEngine() {
        String token = newUser();
        ObjectNode spec = monthlySpec(1);
        Response r = submit(token, spec);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        JsonNode queued = r.json();
        String id = queued.path("id").asString();
        assertThat(r.header("Location")).isEqualTo("/api/v1/backtests/" + id);
        assertThat(queued.path("status").asString()).isIn("QUEUED");
        assertThat(queued.path("queuePosition").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(queued.path("estimatedDurationMs").asLong()).isPositive();

        JsonNode done = awaitStatus(api, token, id, WAIT, "COMPLETED", "FAILED");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.path("percent").asDouble()).isEqualTo(100.0);

        JsonNode summary = api.get("/api/v1/backtests/" + id, token).json();
        assertThat(summary.path("engineVersion").asString()).isEqualTo(io.stocklab.engine.EngineVersion.VERSION);
        assertThat(summary.path("dataVersion").asString()).isNotBlank();
        assertThat(summary.path("startedAt").isString()).isTrue();
        assertThat(summary.path("finishedAt").isString()).isTrue();
        assertThat(summary.path("durationMs").isNumber()).isTrue();
        assertThat(summary.path("spec").path("name").asString()).isEqualTo("IT momentum");

        // the same numbers as the engine on the same data
        DatasetSnapshot snapshot = datasets.snapshot(datasets.defaultDataset().id());
        BacktestResult expected = new Backtester(snapshot.panel(), FactorLibrary.standard())
                .run(SpecReader.read(spec, FactorLibrary.standard()));
        assertThat(summary.path("stats")).isEqualTo(Api.JSON.valueToTree(expected.stats()));
        JsonNode equity = api.get("/api/v1/backtests/" + id + "/equity", token).json();
        assertThat(equity.size()).isEqualTo(expected.days());
        double[] series = expected.equitySeries();
        for (int t = 0; t < series.length; t++) {
            assertThat(equity.get(t).path("equity").asDouble()).isEqualTo(series[t]);
        }
        JsonNode monthly = api.get("/api/v1/backtests/" + id + "/monthly", token).json();
        assertThat(monthly.size()).isEqualTo(expected.monthlyReturns().size());

        // trades: paginated and sortable
        int trades = expected.trades().size();
        assertThat(trades).isGreaterThan(10);
        JsonNode page0 = api.get("/api/v1/backtests/" + id + "/trades?page=0&size=5", token).json();
        assertThat(page0.path("totalItems").asLong()).isEqualTo(trades);
        assertThat(page0.path("items").size()).isEqualTo(5);
        assertThat(page0.path("items").get(0).path("symbol").asString()).isEqualTo(expected.trades().get(0).symbol());
        JsonNode byPnl = api.get("/api/v1/backtests/" + id + "/trades?size=1000&sort=pnl,desc", token).json();
        List<Double> pnls = new ArrayList<>();
        byPnl.path("items").forEach(t -> {
            if (t.path("pnl").isNumber()) pnls.add(t.path("pnl").asDouble());
        });
        assertThat(pnls).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(api.get("/api/v1/backtests/" + id + "/trades?sort=nonsense", token).status()).isEqualTo(422);

        // export
        Response csv = api.get("/api/v1/backtests/" + id + "/export?format=csv&part=trades", token);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().count()).isEqualTo(trades + 1);
        JsonNode json = api.get("/api/v1/backtests/" + id + "/export?format=json", token).json();
        assertThat(json.path("trades").size()).isEqualTo(trades);
        assertThat(json.path("equity").size()).isEqualTo(expected.days());
        assertThat(api.get("/api/v1/backtests/" + id + "/export?format=xml", token).status()).isEqualTo(422);

        // stored once
        assertThat(jdbc.sql("SELECT COUNT(*) FROM backtest_trades WHERE backtest_id = :id").param("id", UUID.fromString(id))
                .query(Long.class).single()).isEqualTo(trades);

        // an identical request is answered from the cache at once, with its own copy of the rows
        Response again = submit(token, spec);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(again.json().path("cached").asBoolean()).isTrue();
        String copy = again.json().path("id").asString();
        assertThat(api.get("/api/v1/backtests/" + copy, token).json().path("stats")).isEqualTo(summary.path("stats"));
        assertThat(api.get("/api/v1/backtests/" + copy + "/trades", token).json().path("totalItems").asLong())
                .isEqualTo(trades);

        // delete removes the job and its rows; the cached copy stays
        assertThat(api.delete("/api/v1/backtests/" + id, null, token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/backtests/" + id, token).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM backtest_equity WHERE backtest_id = :id").param("id", UUID.fromString(id))
                .query(Long.class).single()).isZero();
        assertThat(api.get("/api/v1/backtests/" + copy + "/equity", token).json().size()).isEqualTo(expected.days());
    }

    @Test
    void badSpecsAndPeriodsAreRejectedWithEveryProblem() {
        String token = newUser();
        JsonNode spec = Api.JSON.readTree("""
                {"buy": {"when": "pre < 10 and", "maxPositions": 0}, "period": {"start": "2090-01-01"}}""");
        Response r = submit(token, spec);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.problemType()).isEqualTo("invalid-spec");
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("spec.buy.when", "spec.buy.maxPositions");

        Response period = submit(token, Api.JSON.readTree("{\"period\": {\"start\": \"2090-01-01\"}}"));
        assertThat(period.status()).isEqualTo(422);
        assertThat(period.json().path("errors").get(0).path("field").asString()).isEqualTo("spec.period.start");
        Response dataset = submit(token, Api.JSON.readTree("{\"dataset\": \"nope\"}"));
        assertThat(dataset.status()).isEqualTo(422);
        assertThat(dataset.json().path("errors").get(0).path("field").asString()).isEqualTo("spec.dataset");
        assertThat(api.post("/api/v1/backtests", "{not json", token).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/backtests", body(), token).status()).isEqualTo(422);
    }

    @Test
    void theEventStreamStartsWithTheCurrentStateAndEndsWithTheFinalOne() throws Exception {
        String token = newUser();
        String id = submitted(token, dailySpec(2));
        List<BacktestClient.Event> events = BacktestClient.readEvents(port, api.clientIp(), token, id);
        assertThat(events).isNotEmpty();
        assertThat(events.getFirst().data().path("id").asString()).isEqualTo(id);
        assertThat(events.getFirst().data().path("status").asString()).isIn("QUEUED", "RUNNING", "COMPLETED");
        BacktestClient.Event last = events.getLast();
        assertThat(last.name()).isEqualTo("final");
        assertThat(last.data().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(events.stream().filter(e -> e.data().path("terminal").asBoolean())).hasSize(1);
        // progress never goes back
        double previous = -1;
        for (BacktestClient.Event e : events) {
            double p = e.data().path("percent").asDouble();
            if (e.data().path("status").asString().equals("RUNNING")) {
                assertThat(p).isGreaterThanOrEqualTo(previous);
                previous = p;
            }
        }
        // a finished backtest's stream is just its final state
        List<BacktestClient.Event> after = BacktestClient.readEvents(port, api.clientIp(), token, id);
        assertThat(after).hasSize(1);
        assertThat(after.getFirst().data().path("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void theWebSocketStreamStartsWithTheCurrentStateAndEndsWithTheFinalOne() throws Exception {
        String token = newUser();
        String id = submitted(token, dailySpec(3));
        BacktestClient.WsResult ws = BacktestClient.readWebSocket(port, token, id);
        assertThat(ws.closeCode()).isEqualTo(1000);
        assertThat(ws.messages()).isNotEmpty();
        assertThat(ws.messages().getFirst().path("id").asString()).isEqualTo(id);
        JsonNode last = ws.messages().getLast();
        assertThat(last.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(last.path("terminal").asBoolean()).isTrue();
        BacktestClient.WsResult again = BacktestClient.readWebSocket(port, token, id);
        assertThat(again.messages()).hasSize(1);
        assertThat(again.messages().getFirst().path("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void cancelStopsAQueuedOrRunningJobWithinASecond() {
        String token = newUser();
        // a queued one: cancelled at once, never run
        String other = newUser();
        // a running one, slowed down by SlowRunsForTests (100 ms per simulated month: about 4 s in all)
        ObjectNode slow = dailySpec(4);
        Response r = api.post("/api/v1/backtests", body("spec", slow, "name", SlowRunsForTests.PREFIX + "cancel"),
                token);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String id = r.json().path("id").asString();
        awaitSimulating(token, id);
        BacktestClient.sleep(300);
        long t0 = System.nanoTime();
        Response cancel = api.post("/api/v1/backtests/" + id + "/cancel", null, token);
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        JsonNode state = awaitStatus(api, token, id, Duration.ofSeconds(5), "CANCELLED", "COMPLETED");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(state.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(ms).isLessThan(1000);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM backtest_equity WHERE backtest_id = :id").param("id",
                UUID.fromString(id)).query(Long.class).single()).isZero();
        // cancelling again: already finished
        Response twice = api.post("/api/v1/backtests/" + id + "/cancel", null, token);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.problemType()).isEqualTo("job-finished");
        assertThat(api.delete("/api/v1/backtests/" + id, null, token).status()).isEqualTo(204);

        // a queued one (its owner's concurrency is used up by a slow run): cancelled before it runs
        java.util.List<String> slowRuns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Response s = api.post("/api/v1/backtests", body("spec", dailySpec(10 + i), "name",
                    SlowRunsForTests.PREFIX + "fill " + i), other);
            assertThat(s.status()).as(s.toString()).isEqualTo(202);
            slowRuns.add(s.json().path("id").asString());
        }
        String queued = slowRuns.getLast();
        JsonNode before = api.get("/api/v1/backtests/" + queued + "/status", other).json();
        assertThat(before.path("status").asString()).isEqualTo("QUEUED");
        Response cancelQueued = api.post("/api/v1/backtests/" + queued + "/cancel", null, other);
        assertThat(cancelQueued.status()).isEqualTo(202);
        assertThat(cancelQueued.json().path("status").asString()).isEqualTo("CANCELLED");
        for (String s : slowRuns) api.post("/api/v1/backtests/" + s + "/cancel", null, other);
        for (String s : slowRuns) awaitStatus(api, other, s, Duration.ofSeconds(5), "CANCELLED");
        assertThat(jdbc.sql("SELECT attempts FROM backtests WHERE id = :id").param("id", UUID.fromString(queued))
                .query(Integer.class).single()).isZero();
    }

    void awaitSimulating(String token, String id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = api.get("/api/v1/backtests/" + id + "/status", token).json();
            if (s.path("phase").asString().equals("simulating")) return;
            assertThat(s.path("terminal").asBoolean()).as("finished before it could be cancelled: " + s).isFalse();
            BacktestClient.sleep(20);
        }
        throw new AssertionError("never reached the simulating phase");
    }

    @Test
    void aUserCannotReadCancelOrDeleteAnotherUsersBacktest() throws Exception {
        String alice = newUser();
        String bob = newUser();
        String id = submitted(alice, monthlySpec(5));
        for (String path : List.of("", "/status", "/equity", "/trades", "/monthly", "/export?format=json")) {
            Response r = api.get("/api/v1/backtests/" + id + path, bob);
            assertThat(r.status()).as(path + " " + r).isEqualTo(404);
        }
        assertThat(api.post("/api/v1/backtests/" + id + "/cancel", null, bob).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/backtests/" + id, null, bob).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/backtests/" + id + "/events", bob).status()).isEqualTo(404);
        assertThat(BacktestClient.refusedUpgrade(port, bob, id)).isEqualTo(404);
        assertThat(api.get("/api/v1/backtests/" + id, null).status()).isEqualTo(401);
        awaitStatus(api, alice, id, WAIT, "COMPLETED");
        assertThat(api.get("/api/v1/backtests?limit=100", bob).json().path("items").toString()).doesNotContain(id);
        assertThat(api.post("/api/v1/backtests/compare", Map.of("ids", List.of(id, id)), bob).status()).isEqualTo(422);

        // a public strategy's results are readable by everyone, its hidden rules are not; only the owner changes it
        Response created = api.post("/api/v1/strategies", body("name", "Public momentum", "spec", monthlySpec(6),
                "visibility", "PUBLIC", "hideDetails", true), alice);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String strategyId = created.json().path("id").asString();
        Response run = api.post("/api/v1/backtests", body("strategyId", strategyId), alice);
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        String publicRun = run.json().path("id").asString();
        awaitStatus(api, alice, publicRun, WAIT, "COMPLETED");
        JsonNode seenByBob = api.get("/api/v1/backtests/" + publicRun, bob).json();
        assertThat(seenByBob.path("stats").isObject()).isTrue();
        assertThat(seenByBob.path("spec").isMissingNode() || seenByBob.path("spec").isNull()).isTrue();
        assertThat(seenByBob.path("strategyVersion").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/backtests/" + publicRun + "/equity", bob).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/backtests/" + publicRun, null, bob).status()).isEqualTo(403);
        // bob cannot run alice's strategy
        assertThat(api.post("/api/v1/backtests", body("strategyId", strategyId), bob).status()).isEqualTo(404);
    }

    @Test
    void aSweepIsSplitIntoChunkJobsAndRanked() {
        String token = newUser();
        Response r = api.post("/api/v1/sweeps", body("spec", monthlySpec(20), "chunkSize", 1, "objective", "cagr",
                "parameters", Map.of("/buy/maxPositions", List.of(3, 6, 9, 12))), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String id = r.json().path("id").asString();
        assertThat(r.json().path("chunks").asInt()).isEqualTo(4);
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode s;
        do {
            assertThat(System.nanoTime()).isLessThan(deadline);
            BacktestClient.sleep(100);
            s = api.get("/api/v1/sweeps/" + id, token).json();
        } while (!s.path("status").asString().equals("COMPLETED"));
        assertThat(s.path("chunksDone").asInt()).isEqualTo(4);
        assertThat(s.path("percent").asDouble()).isEqualTo(100.0);
        JsonNode items = api.get("/api/v1/sweeps/" + id + "/results", token).json().path("items");
        assertThat(items.size()).isEqualTo(4);
        for (int i = 1; i < 4; i++) {
            assertThat(items.get(i - 1).path("objective").asDouble())
                    .isGreaterThanOrEqualTo(items.get(i).path("objective").asDouble());
        }
        assertThat(items.get(0).path("stats").path("cagrPct").asDouble()).isEqualTo(items.get(0).path("objective")
                .asDouble());
        assertThat(api.get("/api/v1/sweeps/" + id, newUser()).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sweep_chunks WHERE sweep_id = :id AND status = 'DONE'")
                .param("id", UUID.fromString(id)).query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void compareAlignsNormalizesAndCorrelates() {
        String token = newUser();
        String a = submitted(token, monthlySpec(7));
        ObjectNode other = monthlySpec(8);
        ((ObjectNode) other.path("buy")).put("maxPositions", 5);
        String b = submitted(token, other);
        awaitStatus(api, token, a, WAIT, "COMPLETED");
        awaitStatus(api, token, b, WAIT, "COMPLETED");
        Response r = api.post("/api/v1/backtests/compare", Map.of("ids", List.of(a, b)), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(c.path("items").size()).isEqualTo(2);
        assertThat(c.path("items").get(0).path("stats").path("sharpe").isNumber()).isTrue();
        int n = c.path("dates").size();
        assertThat(n).isGreaterThan(100);
        assertThat(c.path("normalizedEquity").get(0).get(0).asDouble()).isEqualTo(100.0);
        assertThat(c.path("normalizedEquity").get(1).get(0).asDouble()).isEqualTo(100.0);
        assertThat(c.path("normalizedEquity").get(1).size()).isEqualTo(n);
        assertThat(c.path("returnCorrelation").get(0).get(0).asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        double rho = c.path("returnCorrelation").get(0).get(1).asDouble();
        assertThat(rho).isBetween(-1.0, 1.0).isEqualTo(c.path("returnCorrelation").get(1).get(0).asDouble());
        assertThat(api.post("/api/v1/backtests/compare", Map.of("ids", List.of(a)), token).status()).isEqualTo(422);

        // history: newest first, cursor pages, filters, sort by return
        JsonNode first = api.get("/api/v1/backtests?limit=1", token).json();
        assertThat(first.path("items").size()).isEqualTo(1);
        assertThat(first.path("items").get(0).path("id").asString()).isEqualTo(b);
        String cursor = first.path("nextCursor").asString();
        JsonNode second = api.get("/api/v1/backtests?limit=1&cursor=" + cursor, token).json();
        assertThat(second.path("items").get(0).path("id").asString()).isEqualTo(a);
        assertThat(second.path("nextCursor").isMissingNode() || second.path("nextCursor").isNull()).isTrue();
        JsonNode byReturn = api.get("/api/v1/backtests?sort=return&status=COMPLETED", token).json();
        double r0 = byReturn.path("items").get(0).path("stats").path("totalReturnPct").asDouble();
        double r1 = byReturn.path("items").get(1).path("stats").path("totalReturnPct").asDouble();
        assertThat(r0).isGreaterThanOrEqualTo(r1);
        assertThat(api.get("/api/v1/backtests?status=QUEUED", token).json().path("items").size()).isZero();
        assertThat(api.get("/api/v1/backtests?sort=bogus", token).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/backtests?cursor=zzz", token).status()).isEqualTo(422);
    }
}
