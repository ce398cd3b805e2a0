package io.stocklab.server.support;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Identity of one test JVM run against the shared PostgreSQL and Redis of the machine: its own schema, its own
 * Redis key prefix and its own local data directory, all removed when the JVM exits (schemas of runs that died
 * more than six hours ago are removed too).
 */
public final class TestRun {
    public static final String PG_URL = "jdbc:postgresql://localhost:5432/test";
    public static final String PG_USER = "postgres";
    public static final String REDIS_URL = "redis://localhost:6379";
    /** The HS256 secret the test servers sign with, so tests can forge tokens with it (or with another one). */
    public static final String JWT_SECRET = "it-" + HexFormat.of().formatHex(randomBytes(24));
    public static final String ID = (System.currentTimeMillis() / 1000) + "_" + HexFormat.of().formatHex(randomBytes(4));
    public static final String SCHEMA = "stocklab_it_" + ID;
    public static final String REDIS_PREFIX = "stocklab-it:" + ID + ":";
    public static final Path LOCAL_DATA_ROOT = Path.of("target", "it-data", ID).toAbsolutePath();

    private static final long STALE_SECONDS = 6 * 3600;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestRun::cleanUp, "test-run-cleanup"));
    }

    private TestRun() {
    }

    /** A fresh directory for one embedded (local profile) server. */
    public static Path newLocalDataDir(String name) {
        return LOCAL_DATA_ROOT.resolve(name + "-" + HexFormat.of().formatHex(randomBytes(3)));
    }

    static void cleanUp() {
        dropSchemas();
        deleteRedisKeys();
        deleteDirectory(LOCAL_DATA_ROOT);
    }

    private static void dropSchemas() {
        try (Connection db = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement st = db.createStatement()) {
            List<String> doomed = new ArrayList<>();
            long now = System.currentTimeMillis() / 1000;
            try (ResultSet rs = st.executeQuery(
                    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'stocklab\\_it\\_%'")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.equals(SCHEMA) || startedBefore(name, now - STALE_SECONDS)) {
                        doomed.add(name);
                    }
                }
            }
            for (String name : doomed) {
                st.execute("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + SCHEMA + ": " + e.getMessage());
        }
    }

    private static boolean startedBefore(String schema, long cutoff) {
        String[] parts = schema.substring("stocklab_it_".length()).split("_");
        try {
            return Long.parseLong(parts[0]) < cutoff;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteRedisKeys() {
        RedisClient client = RedisClient.create(REDIS_URL);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.sync().scan(cursor, ScanArgs.Builder.matches(REDIS_PREFIX + "*")
                        .limit(500));
                if (!page.getKeys().isEmpty()) {
                    redis.sync().del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RuntimeException e) {
            System.err.println("Could not delete test Redis keys " + REDIS_PREFIX + "*: " + e.getMessage());
        } finally {
            client.shutdown();
        }
    }

    private static void deleteDirectory(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e.getMessage());
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
