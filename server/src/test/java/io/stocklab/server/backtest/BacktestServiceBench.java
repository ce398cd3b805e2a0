package io.stocklab.server.backtest;

import static io.stocklab.server.support.Api.body;

import io.stocklab.server.support.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of docs/performance.md, "Backtests as a service (issue 5)": not a test (nothing is asserted on
 * time), a runner. Starts one API process and two worker processes of the packaged jar (prod profile, a PostgreSQL
 * schema and a redis-server of their own) on the generated KRX-like set ({@code -Dbench.stocks}, default 2,500 ×
 * {@code -Dbench.years}, default 10), then prints:
 * <ol>
 *   <li>end-to-end latency from {@code POST /api/v1/backtests} to {@code COMPLETED} (polled every 5 ms) for a monthly
 *       factor strategy, one job at a time, each a new configuration (no cache);
 *   <li>throughput with 2 workers (one job at a time each): backtests per minute for a burst of jobs;
 *   <li>the wall time of a 1,000-variant sweep.
 * </ol>
 * Run from {@code server/} (see docs/performance.md for the commands).
 */
public final class BacktestServiceBench {
    static final String FACTOR_SPEC = """
            {"name": "bench: cheap quality, monthly", "rebalance": "monthly",
             "universe": {"filter": "market_cap > 5e10 and traded_value_20d > 1e8"},
             "buy": {"when": "per > 0 and per < 15 and roe > 10",
                     "rank": [{"by": "pbr", "order": "asc", "weight": 1}, {"by": "roe", "order": "desc", "weight": 1}],
                     "maxPositions": 20},
             "sell": {"stopLossPct": 15, "takeProfitPct": 50},
             "execution": {"commissionPct": 0.015, "sellTaxPct": 0.18, "slippagePct": 0.1, "marketRules": "krx"}}""";

    private BacktestServiceBench() {
    }

    public static void main(String[] args) throws Exception {
        int stocks = Integer.getInteger("bench.stocks", 2500);
        int years = Integer.getInteger("bench.years", 10);
        int latencyRuns = Integer.getInteger("bench.latency-runs", 20);
        int burst = Integer.getInteger("bench.burst", 40);
        List<String> report = new ArrayList<>();
        try (ClusterHarness cluster = new ClusterHarness("bench", Map.of(
                "stocklab.datasets.krx-demo.stocks", Integer.toString(stocks),
                "stocklab.datasets.krx-demo.years", Integer.toString(years),
                "stocklab.datasets.load-on-start", "false",
                "stocklab.queue.workers", "1",
                "stocklab.queue.block", "200ms",
                "stocklab.backtests.max-running-per-user", "100",
                "logging.level.io.stocklab.server.backtest", "WARN"))) {
            int apiPort = ClusterHarness.freePort();
            long t0 = System.nanoTime();
            cluster.start("api", apiPort, "4g");
            Api api = new Api(apiPort);
            String token = api.login(api.register("bench")).path("accessToken").asString();
            ObjectNode spec = (ObjectNode) Api.JSON.readTree(FACTOR_SPEC);
            // the API process loads (first start: generates and stores) the dataset; then the workers map it
            JsonNode valid = longPost(apiPort, "/api/v1/strategies/validate", Api.JSON.writeValueAsString(spec), token);
            log("dataset %s ready in %.0f s (valid spec: %s)", valid.path("dataVersion").asString(),
                    (System.nanoTime() - t0) / 1e9, valid.path("valid").asBoolean());
            cluster.startAll("worker", 2, "4g");
            log("2 workers ready after %.0f s", (System.nanoTime() - t0) / 1e9);

            // 1. latency, one job at a time (the first runs warm up both workers: factor caches, JIT)
            int capital = 0;
            for (int i = 0; i < 6; i++) runOne(api, token, spec, ++capital);
            long[][] parts = new long[5][latencyRuns];
            for (int i = 0; i < latencyRuns; i++) {
                long[] r = runOne(api, token, spec, ++capital);
                for (int k = 0; k < 5; k++) parts[k][i] = r[k];
            }
            for (long[] p : parts) Arrays.sort(p);
            long[] latencies = parts[0];
            report.add(String.format(Locale.ROOT, "POST -> COMPLETED latency, monthly factor strategy, %d x %d years,"
                            + " %d runs: p50 %d ms, p90 %d ms, max %d ms (p50 of the parts: POST answered %d ms,"
                            + " created -> started %d ms, run %d ms, started -> finished incl. saving %d ms)", stocks,
                    years, latencyRuns, latencies[latencyRuns / 2], latencies[(int) (latencyRuns * 0.9)],
                    latencies[latencyRuns - 1], parts[1][latencyRuns / 2], parts[2][latencyRuns / 2],
                    parts[3][latencyRuns / 2], parts[4][latencyRuns / 2]));
            log(report.getLast());

            // 2. throughput: a burst of distinct jobs on 2 workers
            long b0 = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                ObjectNode s = spec.deepCopy();
                s.put("initialCapital", 100_000_000L + (++capital) * 1_000_000L);
                ids.add(api.post("/api/v1/backtests", body("spec", s), token).json().path("id").asString());
            }
            for (String id : ids) BacktestClient.awaitStatus(api, token, id, Duration.ofMinutes(30), "COMPLETED");
            double seconds = (System.nanoTime() - b0) / 1e9;
            report.add(String.format(Locale.ROOT, "throughput with 2 workers: %d backtests in %.1f s = %.0f backtests"
                    + " per minute", burst, seconds, burst * 60 / seconds));
            log(report.getLast());

            // 3. a 1,000-variant sweep (10 x 10 x 10 grid)
            long s0 = System.nanoTime();
            Api.Response sweep = api.post("/api/v1/sweeps", body("spec", spec, "objective", "sharpe", "parameters",
                    Map.of("/buy/maxPositions", Map.of("min", 5, "max", 50, "step", 5),
                            "/sell/stopLossPct", Map.of("min", 5, "max", 50, "step", 5),
                            "/sell/takeProfitPct", Map.of("min", 10, "max", 100, "step", 10))), token);
            String sweepId = sweep.json().path("id").asString();
            JsonNode s;
            do {
                BacktestClient.sleep(200);
                s = api.get("/api/v1/sweeps/" + sweepId, token).json();
            } while (!s.path("status").asString().matches("COMPLETED|FAILED|CANCELLED"));
            report.add(String.format(Locale.ROOT, "sweep of %d variants in %d chunks on 2 workers: %s in %.1f s"
                            + " (best sharpe %.3f: %s)", s.path("variants").asInt(), s.path("chunks").asInt(),
                    s.path("status").asString(), (System.nanoTime() - s0) / 1e9,
                    s.path("summary").path("best").path("objective").asDouble(),
                    s.path("summary").path("best").path("label").asString()));
            log(report.getLast());
        }
        Path out = Path.of("target", "bench-backtests.txt");
        Files.write(out, report);
        System.out.println("\n== Backtests as a service ==");
        report.forEach(System.out::println);
        System.exit(0);
    }

    /**
     * Submits one new configuration and waits for it: answers {POST→COMPLETED, POST answered, created→started,
     * the run's own duration, started→finished} in ms.
     */
    static long[] runOne(Api api, String token, ObjectNode base, int n) {
        ObjectNode s = base.deepCopy();
        s.put("initialCapital", 100_000_000L + n * 1_000_000L);
        long t0 = System.nanoTime();
        Api.Response r = api.post("/api/v1/backtests", body("spec", s), token);
        long posted = (System.nanoTime() - t0) / 1_000_000;
        if (r.status() != 202) throw new IllegalStateException(r.toString());
        String id = r.json().path("id").asString();
        while (true) {
            JsonNode st = api.get("/api/v1/backtests/" + id + "/status", token).json();
            if (st.path("terminal").asBoolean()) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (!st.path("status").asString().equals("COMPLETED")) throw new IllegalStateException(st.toString());
                java.time.Instant created = java.time.Instant.parse(st.path("createdAt").asString());
                java.time.Instant started = java.time.Instant.parse(st.path("startedAt").asString());
                java.time.Instant finished = java.time.Instant.parse(st.path("finishedAt").asString());
                return new long[] {ms, posted, Duration.between(created, started).toMillis(),
                        st.path("durationMs").asLong(), Duration.between(started, finished).toMillis()};
            }
            BacktestClient.sleep(5);
        }
    }

    static JsonNode longPost(int port, String path, String json, String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        return Api.JSON.readTree(r.body());
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
