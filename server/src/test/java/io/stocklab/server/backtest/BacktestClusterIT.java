package io.stocklab.server.backtest;

import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.PendingMessages;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.server.StockLabApplication;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.strategy.SpecValidator;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.HighestPrecedenceProperties;
import io.stocklab.server.support.LocalTestProperties;
import io.stocklab.server.support.TestRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * The queue across processes: one API process and two worker processes of the packaged jar on loopback, sharing a
 * PostgreSQL schema and a Redis of their own (started here, so it can be restarted). 200 backtests are submitted;
 * one worker is killed with SIGKILL while it runs a job; Redis is restarted (losing the stream) while jobs are
 * pending; a poison job is dead-lettered; a job longer than the idle timeout is not taken over. In the end every
 * backtest is COMPLETED exactly once with the numbers of a single-process run, no row is duplicated and nothing is
 * left pending.
 */
class BacktestClusterIT {
    static final int JOBS = 200;
    static final Duration IDLE = Duration.ofSeconds(2);
    static ClusterHarness cluster;
    static int apiPort;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new ClusterHarness("cluster", Map.of(
                "stocklab.queue.workers", "2",
                "stocklab.queue.idle-timeout", IDLE.toMillis() + "ms",
                "stocklab.queue.keep-alive", "300ms",
                "stocklab.queue.reclaim-interval", "500ms",
                "stocklab.queue.max-deliveries", "3",
                "stocklab.queue.block", "500ms",
                "stocklab.backtests.max-running-per-user", "100"));
        // small jobs: quick start-up matters more than peak speed
        cluster.jvmOptions.add("-XX:TieredStopAtLevel=1");
        apiPort = ClusterHarness.freePort();
        cluster.start("api", apiPort, "400m");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) cluster.close();
    }

    static String submit(Api api, String token, int i) {
        Api.Response r = api.post("/api/v1/backtests", body("spec", spec(i)), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return r.json().path("id").asString();
    }

    static ObjectNode spec(int i) {
        ObjectNode s = i % 4 == 0 ? BacktestScenarios.dailySpec(0) : BacktestScenarios.monthlySpec(0);
        s.put("initialCapital", 50_000_000L + i * 1_000_000L);
        return s;
    }

    @Test
    void twoHundredBacktestsSurviveAKilledWorkerARedisRestartAndAPoisonJob() throws Exception {
        Api api = new Api(apiPort);
        String token = api.login(api.register("cluster")).path("accessToken").asString();
        // the API process loads the dataset first, so the workers find it ready
        assertThat(api.post("/api/v1/strategies/validate", spec(0), token).json().path("valid").asBoolean()).isTrue();
        List<Process> workers = cluster.startAll("worker", 2, "400m");
        JdbcClient db = cluster.db;
        String prefix = cluster.prefix;

        // a poison job: its stored spec is unreadable, every delivery crashes; it must end in the dead-letter stream
        UUID poison = UUID.randomUUID();
        db.sql("INSERT INTO backtests (id, owner_id, name, spec, dataset_id, data_version, engine_version, config_hash,"
                + " status, created_at) VALUES (:id, :owner, 'poison', '{not json', 'krx-demo', 'x', 'x', 'poison',"
                + " 'QUEUED', CURRENT_TIMESTAMP)").param("id", poison).param("owner", UUID.randomUUID()).update();
        RedisClient client = RedisClient.create(cluster.redisUrl());
        try (StatefulRedisConnection<String, String> r = client.connect()) {
            r.sync().xadd(prefix + "queue:jobs", Map.of("kind", "backtest", "id", poison.toString()));
        }

        // first half: kill -9 the first worker while it runs a job; its job is taken over after the idle timeout
        Process victim = workers.getFirst();
        String victimTag = "pid-" + victim.pid() + "-%";
        CompletableFuture<List<UUID>> killed = CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                List<UUID> running = db.sql("SELECT id FROM backtests WHERE status = 'RUNNING' AND worker LIKE :w"
                        + " AND id <> :poison").param("w", victimTag).param("poison", poison).query(UUID.class).list();
                if (!running.isEmpty()) {
                    victim.destroyForcibly(); // SIGKILL
                    return running;
                }
                BacktestClient.sleep(2);
            }
            throw new AssertionError("the first worker never ran a job");
        });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS / 2; i++) ids.add(submit(api, token, i));
        List<UUID> runningOnVictim = killed.get(90, TimeUnit.SECONDS);
        assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (UUID id : runningOnVictim) {
            while (!db.sql("SELECT status FROM backtests WHERE id = :id").param("id", id).query(String.class).single()
                    .equals("COMPLETED")) {
                assertThat(System.nanoTime()).as("the killed worker's job was not taken over").isLessThan(deadline);
                BacktestClient.sleep(100);
            }
            assertThat(db.sql("SELECT attempts FROM backtests WHERE id = :id").param("id", id).query(Integer.class)
                    .single()).as("taken over after the kill").isGreaterThanOrEqualTo(2);
        }

        // a job longer than the idle timeout (SlowRunsForTests: 100 ms per simulated month, about 4 s): it keeps
        // its claim, so it runs once
        String longId = api.post("/api/v1/backtests", body("spec", BacktestScenarios.dailySpec(1), "name",
                SlowRunsForTests.PREFIX + "long"), token).json().path("id").asString();
        Map<String, Object> longRow = BacktestClient.awaitRow(db, longId, Duration.ofSeconds(120));
        assertThat(longRow.get("status")).isEqualTo("COMPLETED");
        assertThat(((Number) longRow.get("duration_ms")).longValue()).isGreaterThan(IDLE.toMillis());
        assertThat(((Number) longRow.get("attempts")).intValue()).isEqualTo(1);

        // the poison job failed with the reason and sits in the dead-letter stream; checked before the restart, which
        // empties every stream (no persistence)
        Map<String, Object> poisonRow = BacktestClient.awaitRow(db, poison.toString(), Duration.ofSeconds(120));
        assertThat(poisonRow.get("status")).isEqualTo("FAILED");
        assertThat((String) poisonRow.get("error")).contains("gave up").contains("delivered");
        try (StatefulRedisConnection<String, String> r = client.connect()) {
            List<StreamMessage<String, String>> dead = r.sync().xrange(prefix + "queue:dead",
                    io.lettuce.core.Range.create("-", "+"));
            assertThat(dead.stream().map(m -> m.getBody().get("id"))).contains(poison.toString());
        }
        // second half, submitted at once; then Redis restarts (no persistence: the stream and the group are gone)
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<String>> second = new ArrayList<>();
        for (int i = JOBS / 2; i < JOBS; i++) {
            int n = i;
            second.add(clients.submit(() -> submit(api, token, n)));
        }
        for (Future<String> f : second) ids.add(f.get());
        clients.shutdown();
        int pendingAtRestart = cluster.pending();
        cluster.restartRedis();

        // everything settles
        deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (db.sql("SELECT COUNT(*) FROM backtests WHERE status IN ('QUEUED', 'RUNNING')").query(Integer.class)
                .single() > 0) {
            assertThat(System.nanoTime()).as("jobs still pending: " + db.sql("SELECT id, status, attempts, error"
                    + " FROM backtests WHERE status IN ('QUEUED', 'RUNNING')").query().listOfRows())
                    .isLessThan(deadline);
            BacktestClient.sleep(250);
        }
        assertThat(pendingAtRestart).as("Redis was restarted with jobs pending").isPositive();

        // every backtest completed exactly once
        for (String id : ids) {
            assertThat(db.sql("SELECT status FROM backtests WHERE id = :id").param("id", UUID.fromString(id))
                    .query(String.class).single()).as(id).isEqualTo("COMPLETED");
        }
        // no duplicate rows: each job's rows are exactly one result's
        assertThat(db.sql("SELECT COUNT(*) FROM (SELECT backtest_id, on_date FROM backtest_equity GROUP BY backtest_id,"
                + " on_date HAVING COUNT(*) > 1) d").query(Integer.class).single()).isZero();
        List<Map<String, Object>> equityCounts = db.sql("SELECT backtest_id, COUNT(*) AS n FROM backtest_equity"
                + " WHERE backtest_id <> :long GROUP BY backtest_id").param("long", UUID.fromString(longId))
                .query().listOfRows();
        assertThat(equityCounts.stream().map(m -> ((Number) m.get("n")).longValue()).distinct().count())
                .as("every monthly and daily job covers the same days").isLessThanOrEqualTo(2);

        // the poison job stayed failed (the restart did not bring it back)
        assertThat(db.sql("SELECT status FROM backtests WHERE id = :id").param("id", poison).query(String.class)
                .single()).isEqualTo("FAILED");
        try (StatefulRedisConnection<String, String> r = client.connect()) {
            // nothing pending in the consumer group
            PendingMessages pending = r.sync().xpending(prefix + "queue:jobs", "workers");
            assertThat(pending.getCount()).isZero();
        } finally {
            client.shutdown();
        }

        // the numbers of a single-process run (the local profile, in this JVM, on the same dataset)
        ConfigurableApplicationContext single = new SpringApplicationBuilder(StockLabApplication.class)
                .profiles("local")
                .initializers(new HighestPrecedenceProperties("single", new HashMap<>(LocalTestProperties.properties(
                        TestRun.newLocalDataDir("single").toString()))))
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run();
        try {
            Datasets datasets = single.getBean(Datasets.class);
            BacktesterCache engines = single.getBean(BacktesterCache.class);
            var engine = engines.get(datasets.snapshot("krx-demo"));
            for (int i = 0; i < JOBS; i++) {
                BacktestResult expected = engine.run(SpecReader.read(spec(i), SpecValidator.library()));
                String stats = db.sql("SELECT stats FROM backtests WHERE id = :id").param("id", UUID.fromString(ids.get(i)))
                        .query(String.class).single();
                assertThat(Api.JSON.readTree(stats)).as("job " + i).isEqualTo(Api.JSON.valueToTree(expected.stats()));
                long trades = db.sql("SELECT COUNT(*) FROM backtest_trades WHERE backtest_id = :id")
                        .param("id", UUID.fromString(ids.get(i))).query(Long.class).single();
                assertThat(trades).isEqualTo(expected.trades().size());
            }
        } finally {
            single.close();
        }
    }
}
