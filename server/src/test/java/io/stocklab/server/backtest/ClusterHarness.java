package io.stocklab.server.backtest;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.ProdTestProperties;
import io.stocklab.server.support.TestRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Server processes of the packaged jar on loopback (prod profile) sharing a PostgreSQL schema of their own and a
 * redis-server of their own (started here, so a test may restart it without touching anyone else's Redis).
 */
final class ClusterHarness implements AutoCloseable {
    final String schema;
    final String prefix;
    final Path logs;
    final Path dataDir;
    final Map<String, String> extra;
    final List<Process> processes = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> jvmOptions = new ArrayList<>();
    final JdbcClient db;
    Process redis;
    final int redisPort;

    ClusterHarness(String name, Map<String, String> extra) throws Exception {
        this.schema = TestRun.SCHEMA + "_" + name;
        this.prefix = "stocklab-" + name + ":" + TestRun.ID + ":";
        this.logs = Files.createDirectories(Path.of("target", name + "-logs").toAbsolutePath());
        this.dataDir = TestRun.newLocalDataDir(name);
        this.extra = extra;
        this.redisPort = freePort();
        this.redis = startRedis();
        try (Connection c = DriverManager.getConnection(TestRun.PG_URL, TestRun.PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA \"" + schema + "\"");
        }
        db = JdbcClient.create(new DriverManagerDataSource(TestRun.PG_URL + "?currentSchema=" + schema,
                TestRun.PG_USER, ""));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    Process startRedis() throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("redis"));
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("redis.log")
                        .toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", redisPort)) {
                return p;
            } catch (IOException e) {
                BacktestClient.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start");
    }

    void restartRedis() throws Exception {
        redis.destroy();
        redis.waitFor();
        BacktestClient.sleep(1000);
        redis = startRedis();
    }

    /** Starts the jar with a role ({@code api} or {@code worker}) on a port; waits until it is ready. */
    Process start(String role, int port, String heap) throws IOException {
        Map<String, Object> p = new HashMap<>(ProdTestProperties.properties());
        p.put("STOCKLAB_DB_URL", TestRun.PG_URL + "?currentSchema=" + schema);
        p.put("spring.flyway.schemas", schema);
        p.put("spring.flyway.default-schema", schema);
        p.put("STOCKLAB_REDIS_URL", redisUrl());
        p.put("stocklab.redis.key-prefix", prefix);
        p.put("stocklab.data-dir", dataDir.toString());
        p.put("spring.profiles.active", "prod");
        p.put("server.port", Integer.toString(port));
        p.put("stocklab.role", role);
        p.put("stocklab.quotas.plans.FREE.backtests-per-day", "100000");
        p.put("stocklab.quotas.plans.FREE.api-calls-per-minute", "1000000");
        p.put("spring.main.banner-mode", "off");
        p.put("logging.structured.format.console", "");
        p.putAll(extra);
        Path jar = Path.of("target", "stocklab-server.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("package the server first: " + jar);
        // the packaged jar plus one test class (SlowRunsForTests, so a test can make a run last) on loader.path
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap, "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dloader.path=" + plugins(),
                "-Dloader.main=io.stocklab.server.StockLabApplication", "-cp", jar.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher"));
        p.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(role + "-" + port + ".log").toFile()).start();
        processes.add(process);
        awaitReady(port, process);
        return process;
    }

    /** Starts several processes of one role at once; answers them when all are ready. */
    List<Process> startAll(String role, int count, String heap) throws Exception {
        List<java.util.concurrent.CompletableFuture<Process>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port = freePort();
            started.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return start(role, port, heap);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        List<Process> out = new ArrayList<>();
        for (var f : started) out.add(f.get());
        return out;
    }

    private synchronized Path plugins() throws IOException {
        Path dir = dataDir.resolve("plugins");
        Path target = dir.resolve("io/stocklab/server/backtest/SlowRunsForTests.class");
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            try (var in = SlowRunsForTests.class.getResourceAsStream("SlowRunsForTests.class")) {
                Files.copy(in, target);
            }
        }
        return dir;
    }

    private void awaitReady(int port, Process process) {
        Api api = new Api(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the process on port " + port + " died; see " + logs);
            try {
                if (api.get("/actuator/health/readiness", null).status() == 200) return;
            } catch (RuntimeException e) {
                // not listening yet
            }
            BacktestClient.sleep(250);
        }
        throw new IllegalStateException("the process on port " + port + " did not become ready; see " + logs);
    }

    int pending() {
        return db.sql("SELECT COUNT(*) FROM backtests WHERE status IN ('QUEUED', 'RUNNING')").query(Integer.class)
                .single();
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) p.destroyForcibly();
        for (Process p : processes) p.waitFor();
        if (redis != null) redis.destroyForcibly();
        try (Connection c = DriverManager.getConnection(TestRun.PG_URL, TestRun.PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }
}
