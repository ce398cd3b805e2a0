package io.stocklab.server.ranking;

import io.stocklab.server.StockLabApplication;
import io.stocklab.server.marketdata.DatasetInfo;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.HighestPrecedenceProperties;
import io.stocklab.server.support.ProdTestProperties;
import io.stocklab.server.support.TestRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rankings benchmark (not a test): starts the server on the prod profile against this machine's PostgreSQL (a
 * schema of its own, dropped at exit) and Redis (a key prefix of its own, deleted at exit), seeds one board with
 * {@code -Dentries} (default 10,000) public strategies, rebuilds the boards, then prints p50/p99 latency and
 * throughput of the top-20 request ({@code GET /api/v1/rankings?limit=20}, with the caller's rank) under load from
 * {@code -Dclients} (default 16) concurrent HTTP clients on loopback, and the same for a page deep in the board.
 * Run with {@code server/src/test/resources/rankings-bench.sh} (see docs/performance.md).
 */
public final class RankingBenchmark {
    private RankingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entries = Integer.getInteger("entries", 10_000);
        int clients = Integer.getInteger("clients", 16);
        int seconds = Integer.getInteger("seconds", 20);
        Map<String, Object> props = new HashMap<>(ProdTestProperties.properties());
        props.put("stocklab.quotas.plans.FREE.api-calls-per-minute", "100000000");
        props.put("stocklab.quotas.anonymous-api-calls-per-minute", "100000000");
        props.put("spring.datasource.hikari.maximum-pool-size", "20");
        props.put("stocklab.data-dir", TestRun.newLocalDataDir("bench").toString());
        props.put("server.port", "0");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.io.stocklab", "WARN");
        props.put("logging.structured.format.console", "");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(StockLabApplication.class)
                .profiles("prod").initializers(new HighestPrecedenceProperties("bench", props)).run()) {
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            Api api = new Api(port);
            String token = api.login(api.register("bench")).path("accessToken").asString();
            UUID me = UUID.fromString(api.get("/api/v1/users/me", token).json().path("id").asString());

            DatasetInfo ds = ctx.getBean(Datasets.class).defaultDataset();
            RankingRepository repository = ctx.getBean(RankingRepository.class);
            RankingService service = ctx.getBean(RankingService.class);
            TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
            Random random = new Random(42);
            long seedStart = System.nanoTime();
            tx.executeWithoutResult(s -> {
                for (int i = 0; i < entries; i++) {
                    UUID strategy = UUID.randomUUID();
                    UUID owner = i == entries / 2 ? me : UUID.randomUUID();
                    repository.saveStrategy(new RankingRepository.StrategyRow(strategy, owner, "Bench strategy " + i,
                            true, i % 5 == 0), Instant.now());
                    double cagr = random.nextGaussian() * 15;
                    double mdd = 5 + random.nextDouble() * 40;
                    repository.insertRun(new RankingRepository.RunRow(UUID.randomUUID(), RankingPeriod.ALL, strategy,
                            owner, ds.id(), ds.version(), "ALL", ds.start(), ds.end(), cagr * 2.5, cagr,
                            random.nextGaussian(), cagr / mdd, mdd, Instant.now().minusSeconds(random.nextInt(86400)), null));
                }
            });
            System.out.printf("seeded %,d runs in %d ms%n", entries, (System.nanoTime() - seedStart) / 1_000_000);
            RankingService.RebuildCounts counts = service.rebuild();
            System.out.printf("rebuild: %,d entries on %d boards in %d ms (generation %d)%n", counts.entries(),
                    counts.boards(), counts.durationMs(), counts.generation());

            String top = "/api/v1/rankings?metric=SHARPE&period=all&market=ALL&limit=20";
            String deep = top + "&cursor=" + RankingController.cursor(entries / 2);
            String check = api.get(top, token).body();
            if (!check.contains("\"rank\":20") || !check.contains("\"myRank\"")) {
                throw new IllegalStateException("unexpected answer: " + check);
            }
            run("top-20 (warm-up)", port, token, top, clients, seconds);
            run("baseline: GET /api/v1/users/me", port, token, "/api/v1/users/me", clients, seconds / 2);
            run("top-20 + my rank, " + entries + " entries", port, token, top, clients, seconds);
            run("ranks " + (entries / 2 + 1) + "-" + (entries / 2 + 20), port, token, deep, clients, seconds / 2);
            run("top-20, 1 client", port, token, top, 1, seconds / 2);

            // the store alone (Redis round trips, no HTTP)
            BoardKey key = new BoardKey(ds.id(), ds.version(), "ALL", RankingPeriod.ALL);
            long[] lat = new long[5000];
            for (int i = 0; i < lat.length; i++) {
                long t0 = System.nanoTime();
                service.page(key, RankingMetric.SHARPE, 0, 20, me);
                lat[i] = System.nanoTime() - t0;
            }
            Arrays.sort(lat);
            System.out.printf("store only (generation check + 2 pipelined round trips), 1 thread: p50 %.3f ms,"
                    + " p99 %.3f ms%n", lat[lat.length / 2] / 1e6, lat[(int) (lat.length * 0.99)] / 1e6);
        }
        System.exit(0);
    }

    private static void run(String name, int port, String token, String path, int clients, int seconds)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("X-Forwarded-For", "10.0.0.1")
                .timeout(Duration.ofSeconds(10)).GET().build();
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[clients];
        int[] errors = new int[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] lat = new long[2_000_000];
            perThread.add(lat);
            int id = c;
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get() && counts[id] < lat.length) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) errors[id]++;
                    } catch (Exception e) {
                        errors[id]++;
                    }
                    lat[counts[id]++] = System.nanoTime() - t0;
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) t.join();
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perThread.get(c), 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("%-40s %2d clients: %,8d requests, %,7.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d%n",
                name, clients, n, n / (double) seconds, all[n / 2] / 1e6, all[(int) (n * 0.99)] / 1e6,
                Arrays.stream(errors).sum());
    }
}
