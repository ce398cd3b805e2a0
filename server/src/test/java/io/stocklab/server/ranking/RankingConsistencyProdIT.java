package io.stocklab.server.ranking;

import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.marketdata.DatasetInfo;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.ProdIntegrationTest;
import io.stocklab.server.support.ProdTestProperties;
import io.stocklab.server.support.TestRun;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Against the real PostgreSQL and Redis: after many random strategy, backtest and walk-forward sweep operations
 * through the API, every board (the backtest ones and the oos ones) equals a ranking recomputed in this test from the
 * strategies, backtests, equity curves and sweeps in PostgreSQL;
 * the same holds after this run's Redis keys are deleted (automatic rebuild on read) and after an explicit rebuild.
 */
@ProdIntegrationTest
class RankingConsistencyProdIT {
    static final String[] FACTORS = {"mom_63d", "mom_21d", "mom_126d", "rsi_14"};
    static final String[] MARKETS = {null, "KOSPI", "KOSDAQ"};
    static final String[] METRICS = {"TOTAL_RETURN", "CAGR", "SHARPE", "CALMAR"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Datasets datasets;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    RankingService rankings;

    Api api;
    RankingClient client;

    record User(String token) {
    }

    record Strat(String id, User owner) {
    }

    record Run(String id, Strat strategy) {
    }

    record SweepRun(String id, Strat strategy) {
    }

    @Test
    void boardsEqualARankingRecomputedFromPostgresBeforeAndAfterRedisLosesThem() throws Exception {
        api = new Api(port);
        client = new RankingClient(api);
        String admin = adminToken();
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) users.add(new User(proUser(admin)));
        String reader = proUser(admin);

        long seed = Long.getLong("rankings.seed", System.nanoTime());
        System.out.println("RankingConsistencyProdIT seed: " + seed);
        Random random = new Random(seed);
        List<Strat> strategies = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        List<SweepRun> sweeps = new ArrayList<>();
        LocalDate dataEnd = datasets.defaultDataset().end();
        Set<String> sweepable = new java.util.HashSet<>();
        Map<String, Boolean> isPublic = new HashMap<>();
        Map<String, Integer> ops = new TreeMap<>();
        int total = 80;
        for (int op = 0; op < total; op++) {
            int dice = random.nextInt(100);
            String kind;
            if (strategies.size() < 3 || (dice < 15 && strategies.size() < 15)) {
                kind = "create";
                User u = users.get(random.nextInt(users.size()));
                boolean pub = random.nextInt(4) != 0;
                // half of them start 2 years before the data's end, so that their sweeps reach the oos boards
                String factor = FACTORS[random.nextInt(FACTORS.length)];
                int positions = 3 + random.nextInt(10);
                String market = MARKETS[random.nextInt(MARKETS.length)];
                boolean forSweeps = random.nextBoolean();
                String id = client.createStrategy(u.token(), forSweeps
                        ? RankingClient.sweepable("S" + op, factor, positions, market, dataEnd)
                        : RankingClient.spec("S" + op, factor, positions, market), pub, random.nextBoolean());
                if (forSweeps) sweepable.add(id);
                strategies.add(new Strat(id, u));
                isPublic.put(id, pub);
            } else if (dice < 23) {
                kind = "sweep";
                // mostly strategies whose period makes the sweep eligible; sometimes one that is not
                List<Strat> pool = strategies.stream().filter(x -> sweepable.contains(x.id())).toList();
                if (pool.isEmpty() || random.nextInt(5) == 0) pool = strategies;
                Strat s = pool.get(random.nextInt(pool.size()));
                String id = client.sweep(s.owner().token(), s.id(), 6);
                client.awaitSweep(s.owner().token(), id);
                sweeps.add(new SweepRun(id, s));
            } else if (dice < 57) {
                kind = "complete";
                Strat s = strategies.get(random.nextInt(strategies.size()));
                if (random.nextInt(3) == 0) {   // a new version: a different run, not a cached one
                    String factor = FACTORS[random.nextInt(FACTORS.length)];
                    int positions = 3 + random.nextInt(10);
                    String market = MARKETS[random.nextInt(MARKETS.length)];
                    client.update(s.owner().token(), s.id(), body("spec", sweepable.contains(s.id())
                            ? RankingClient.sweepable("S" + op, factor, positions, market, dataEnd)
                            : RankingClient.spec("S" + op, factor, positions, market)));
                }
                runs.add(new Run(client.run(s.owner().token(), s.id()), s));
            } else if (dice < 70) {
                Strat s = strategies.get(random.nextInt(strategies.size()));
                boolean pub = !isPublic.get(s.id());
                kind = pub ? "make-public" : "make-private";
                client.update(s.owner().token(), s.id(), body("visibility", pub ? "PUBLIC" : "PRIVATE"));
                isPublic.put(s.id(), pub);
            } else if (dice < 78) {
                kind = "anonymous";
                Strat s = strategies.get(random.nextInt(strategies.size()));
                client.update(s.owner().token(), s.id(), body("anonymous", random.nextBoolean(), "name", "R" + op));
            } else if (dice < 87 && !runs.isEmpty()) {
                kind = "delete-backtest";
                Run r = runs.remove(random.nextInt(runs.size()));
                client.deleteBacktest(r.strategy().owner().token(), r.id());
            } else if (dice < 94 && !sweeps.isEmpty()) {
                kind = "delete-sweep";
                SweepRun r = sweeps.remove(random.nextInt(sweeps.size()));
                client.deleteSweep(r.strategy().owner().token(), r.id());
            } else {
                kind = "delete-strategy";
                Strat s = strategies.remove(random.nextInt(strategies.size()));
                client.deleteStrategy(s.owner().token(), s.id());
                runs.removeIf(r -> r.strategy().equals(s));
                sweeps.removeIf(r -> r.strategy().equals(s));
                isPublic.remove(s.id());
            }
            ops.merge(kind, 1, Integer::sum);
        }
        // whatever the dice said: one more public strategy with a sweep, so that the oos boards are compared too
        User last = users.get(random.nextInt(users.size()));
        String lastStrategy = client.createStrategy(last.token(), RankingClient.sweepable("Last", "mom_63d", 5,
                "KOSPI", dataEnd), true, false);
        client.awaitSweep(last.token(), client.sweep(last.token(), lastStrategy, 6));
        System.out.println("RankingConsistencyProdIT operations: " + ops);
        assertThat(ops.getOrDefault("complete", 0)).isGreaterThanOrEqualTo(10);

        Map<String, List<String>> expected = expectedBoards();
        assertThat(expected).as("the random operations left some public strategy ranked").isNotEmpty();
        assertBoardsEventually(reader, expected);

        // Redis loses the boards (only this run's keys: the Redis is shared)
        String prefix = TestRun.REDIS_PREFIX + "rank:";
        List<String> keys = new ArrayList<>();
        try (Cursor<String> c = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            while (c.hasNext()) keys.add(c.next());
        }
        assertThat(keys).contains(prefix + "gen");
        redis.delete(keys);
        assertThat(redis.hasKey(prefix + "gen")).isFalse();
        assertBoards(reader, expected);   // the first read notices and rebuilds
        assertThat(redis.hasKey(prefix + "gen")).isTrue();

        // an explicit rebuild gives the same boards, as a new generation
        long before = Long.parseLong(redis.opsForValue().get(prefix + "gen"));
        Response rebuilt = api.post("/api/v1/rankings/rebuild", null, admin);
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        assertThat(rebuilt.json().path("generation").asLong()).isEqualTo(before + 1);
        assertThat(rebuilt.json().path("entries").asInt())
                .isEqualTo(expected.keySet().stream().filter(k -> k.endsWith("#TOTAL_RETURN"))
                        .mapToInt(k -> expected.get(k).size()).sum());
        assertBoards(reader, expected);
    }

    String adminToken() {
        try {
            api.registerEmail(ProdTestProperties.ADMIN_EMAIL);
        } catch (AssertionError alreadyThere) {
            // registered by another test class
        }
        return api.login(ProdTestProperties.ADMIN_EMAIL).path("accessToken").asString();
    }

    /** A new user on the PRO plan (the FREE plan allows a handful of backtests a day). */
    String proUser(String admin) {
        String email = api.register("rk");
        String token = api.login(email).path("accessToken").asString();
        String id = api.get("/api/v1/users/me", token).json().path("id").asString();
        Response r = api.patch("/api/v1/admin/users/" + id, body("plan", "PRO"), admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return token;
    }

    // ---- the independent recomputation ------------------------------------------------------------------------

    /** {@code runId}: "BACKTEST <backtest id>" or "SWEEP_OOS <sweep id>". */
    record Candidate(String strategyId, String runId, Instant finishedAt, String board, WindowMetrics.Result r) {
    }

    /**
     * Board ("dataset|version|market|period#METRIC") -> "strategyId source runId value" in rank order, from the
     * strategies, backtests and backtest_equity tables, and the sweeps table (summary and chained equity).
     */
    Map<String, List<String>> expectedBoards() {
        Map<String, Boolean> pub = new HashMap<>();
        jdbc.sql("SELECT id, visibility FROM strategies").query((rs, n) ->
                pub.put(rs.getString(1), "PUBLIC".equals(rs.getString(2)))).list();
        List<Candidate> candidates = new ArrayList<>();
        jdbc.sql("SELECT id, strategy_id, dataset_id, data_version, spec, stats, finished_at FROM backtests"
                        + " WHERE status = 'COMPLETED' AND strategy_id IS NOT NULL AND owner_id <> :system")
                .param("system", new UUID(0, 0))
                .query((rs, n) -> {
                    String strategy = rs.getString(2);
                    if (!Boolean.TRUE.equals(pub.get(strategy))) return null;
                    DatasetInfo ds = datasets.find(rs.getString(3)).orElseThrow();
                    if (!ds.version().equals(rs.getString(4))) return null;
                    JsonNode spec = Api.JSON.readTree(rs.getString(5));
                    JsonNode stats = Api.JSON.readTree(rs.getString(6));
                    double e0 = stats.path("finalEquity").asDouble() / (1 + stats.path("totalReturnPct").asDouble() / 100);
                    List<WindowMetrics.Point> equity = jdbc.sql("SELECT on_date, equity FROM backtest_equity"
                                    + " WHERE backtest_id = :id ORDER BY on_date").param("id", rs.getObject(1, UUID.class))
                            .query((e, i) -> new WindowMetrics.Point(e.getObject(1, LocalDate.class), e.getDouble(2)))
                            .list();
                    JsonNode period = spec.path("period");
                    WindowMetrics.Run run = new WindowMetrics.Run(
                            period.path("start").isString() ? LocalDate.parse(period.path("start").asString()) : null,
                            period.path("end").isString() ? LocalDate.parse(period.path("end").asString()) : null,
                            e0, equity);
                    JsonNode markets = spec.path("universe").path("markets");
                    String market = markets.isArray() && markets.size() == 1
                            ? markets.get(0).asString().toUpperCase(Locale.ROOT) : null;
                    Instant finished = rs.getObject(7, OffsetDateTime.class).toInstant();
                    for (WindowMetrics.Result r : WindowMetrics.evaluate(run,
                            new WindowMetrics.DataRange(ds.start(), ds.end()))) {
                        String base = ds.id() + "|" + ds.version() + "|";
                        candidates.add(new Candidate(strategy, "BACKTEST " + rs.getString(1), finished,
                                base + "ALL|" + r.period().id(), r));
                        if (market != null) {
                            candidates.add(new Candidate(strategy, "BACKTEST " + rs.getString(1), finished,
                                    base + market + "|" + r.period().id(), r));
                        }
                    }
                    return null;
                }).list();
        // sweeps of public strategies: their chained out-of-sample curve, if it ends with the data and spans a year
        jdbc.sql("SELECT id, strategy_id, dataset_id, data_version, request, summary, oos_equity, finished_at"
                        + " FROM sweeps WHERE status = 'COMPLETED' AND strategy_id IS NOT NULL"
                        + " AND oos_equity IS NOT NULL AND owner_id <> :system")
                .param("system", new UUID(0, 0))
                .query((rs, n) -> {
                    String strategy = rs.getString(2);
                    if (!Boolean.TRUE.equals(pub.get(strategy))) return null;
                    DatasetInfo ds = datasets.find(rs.getString(3)).orElseThrow();
                    if (!ds.version().equals(rs.getString(4))) return null;
                    JsonNode spec = Api.JSON.readTree(rs.getString(5)).path("spec");
                    JsonNode oos = Api.JSON.readTree(rs.getString(6)).path("outOfSample");
                    List<WindowMetrics.Point> equity = new ArrayList<>();
                    for (JsonNode p : Api.JSON.readTree(rs.getString(7))) {
                        equity.add(new WindowMetrics.Point(LocalDate.parse(p.get(0).asString()), p.get(1).asDouble()));
                    }
                    Instant finished = instant(rs, 8);
                    String id = "SWEEP_OOS " + rs.getString(1);
                    WindowMetrics.outOfSample(LocalDate.parse(oos.path("start").asString()),
                            LocalDate.parse(oos.path("end").asString()), oos.path("initialCapital").asDouble(), equity,
                            new WindowMetrics.DataRange(ds.start(), ds.end())).ifPresent(r -> {
                        // the sweep's own figures agree with the board's formulas
                        assertThat(r.totalReturnPct()).isCloseTo(oos.path("totalReturnPct").asDouble(),
                                org.assertj.core.api.Assertions.within(1e-9));
                        String market = market(spec);
                        String base = ds.id() + "|" + ds.version() + "|";
                        candidates.add(new Candidate(strategy, id, finished, base + "ALL|oos", r));
                        if (market != null) candidates.add(new Candidate(strategy, id, finished, base + market + "|oos", r));
                    });
                    return null;
                }).list();
        // latest run per strategy and board
        Map<String, Candidate> latest = new HashMap<>();
        Comparator<Candidate> newer = Comparator.comparing(Candidate::finishedAt)
                .thenComparing(c -> c.runId().substring(c.runId().indexOf(' ') + 1));
        for (Candidate c : candidates) latest.merge(c.board() + "/" + c.strategyId(), c,
                (a, b) -> newer.compare(a, b) >= 0 ? a : b);
        Map<String, List<Candidate>> byBoard = new TreeMap<>();
        for (Candidate c : latest.values()) {
            for (String m : METRICS) {
                if (value(c.r(), m) != null) byBoard.computeIfAbsent(c.board() + "#" + m, k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        byBoard.forEach((key, list) -> {
            String m = key.substring(key.indexOf('#') + 1);
            list.sort(Comparator.comparing((Candidate c) -> value(c.r(), m)).reversed()
                    .thenComparing(Candidate::strategyId, Comparator.reverseOrder()));
            out.put(key, list.stream().map(c -> c.strategyId() + " " + c.runId() + " " + value(c.r(), m))
                    .toList());
        });
        return out;
    }

    static String market(JsonNode spec) {
        JsonNode markets = spec.path("universe").path("markets");
        return markets.isArray() && markets.size() == 1 ? markets.get(0).asString().toUpperCase(Locale.ROOT) : null;
    }

    static Instant instant(java.sql.ResultSet rs, int col) throws java.sql.SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant();
    }

    static Double value(WindowMetrics.Result r, String metric) {
        return switch (metric) {
            case "TOTAL_RETURN" -> r.totalReturnPct();
            case "CAGR" -> r.cagrPct();
            case "SHARPE" -> r.sharpe();
            default -> r.calmar();
        };
    }

    // ---- what the API shows ----------------------------------------------------------------------------------

    Map<String, List<String>> actualBoards(String token) {
        Map<String, List<String>> out = new TreeMap<>();
        JsonNode boards = api.get("/api/v1/rankings/boards", token).json();
        for (JsonNode b : boards) {
            String key = b.path("datasetId").asString() + "|" + b.path("dataVersion").asString() + "|"
                    + b.path("market").asString() + "|" + b.path("period").asString() + "#" + b.path("metric").asString();
            String q = "dataset=" + b.path("datasetId").asString() + "&version=" + b.path("dataVersion").asString()
                    + "&" + RankingClient.query(b.path("metric").asString(), b.path("period").asString(),
                    b.path("market").asString());
            List<JsonNode> entries = client.allEntries(token, q);
            assertThat(entries.size()).as(key).isEqualTo(b.path("entries").asInt());
            for (int i = 0; i < entries.size(); i++) assertThat(entries.get(i).path("rank").asLong()).isEqualTo(i + 1L);
            out.put(key, entries.stream().map(e -> e.path("strategyId").asString() + " "
                    + e.path("source").asString() + " " + (e.path("sweepId").isString()
                    ? e.path("sweepId").asString() : e.path("backtestId").asString()) + " "
                    + e.path("value").asDouble()).toList());
        }
        return out;
    }

    void assertBoards(String token, Map<String, List<String>> expected) {
        Map<String, List<String>> actual = actualBoards(token);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isEqualTo(v));
    }

    /** The boards are updated in the background: wait for the events to be handled, then compare. */
    void assertBoardsEventually(String token, Map<String, List<String>> expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            assertThat(rankings.awaitIdle(30_000)).isTrue();
            Map<String, List<String>> actual = actualBoards(token);
            if (actual.equals(expected) || System.currentTimeMillis() > deadline) break;
            Thread.sleep(200);
        }
        assertBoards(token, expected);
        Set<String> keys = expected.keySet();
        assertThat(keys).anyMatch(k -> k.contains("|1y#"));
        assertThat(keys).anyMatch(k -> k.contains("|oos#"));
    }
}
