package io.stocklab.server.backtest;

import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.EquityPoint;
import io.stocklab.engine.result.MonthlyReturn;
import io.stocklab.engine.result.Trade;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The backtest tables; only this feature reads or writes them. */
@Repository
class BacktestRepository {
    static final String COLUMNS = "id, owner_id, strategy_id, strategy_version, name, spec, dataset_id, data_version,"
            + " engine_version, config_hash, status, cached, created_at, started_at, finished_at, heartbeat_at,"
            + " duration_ms, attempts, run_token, worker, cancel_requested, error, total_return_pct, cagr_pct, sharpe,"
            + " max_drawdown_pct, stats, warnings";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    BacktestRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static BacktestRow map(ResultSet rs, int n) throws SQLException {
        long duration = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : duration;
        int sv = rs.getInt("strategy_version");
        Integer strategyVersion = rs.wasNull() ? null : sv;
        return new BacktestRow(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
                rs.getObject("strategy_id", UUID.class), strategyVersion, rs.getString("name"), rs.getString("spec"),
                rs.getString("dataset_id"), rs.getString("data_version"), rs.getString("engine_version"),
                rs.getString("config_hash"), rs.getString("status"), rs.getBoolean("cached"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                instant(rs, "heartbeat_at"), durationMs, rs.getInt("attempts"), rs.getString("run_token"),
                rs.getString("worker"), rs.getBoolean("cancel_requested"), rs.getString("error"),
                dbl(rs, "total_return_pct"), dbl(rs, "cagr_pct"), dbl(rs, "sharpe"), dbl(rs, "max_drawdown_pct"),
                rs.getString("stats"), rs.getString("warnings"));
    }

    void insert(BacktestRow r) {
        jdbc.sql("INSERT INTO backtests (" + COLUMNS + ") VALUES (:id, :owner, :strategy, :strategyVersion, :name,"
                        + " :spec, :dataset, :dataVersion, :engineVersion, :hash, :status, :cached, :created, :started,"
                        + " :finished, NULL, :duration, 0, NULL, NULL, FALSE, NULL, :ret, :cagr, :sharpe, :mdd, :stats,"
                        + " :warnings)")
                .param("id", r.id()).param("owner", r.ownerId()).param("strategy", r.strategyId())
                .param("strategyVersion", r.strategyVersion(), Types.INTEGER).param("name", r.name())
                .param("spec", r.spec()).param("dataset", r.datasetId()).param("dataVersion", r.dataVersion())
                .param("engineVersion", r.engineVersion()).param("hash", r.configHash()).param("status", r.status())
                .param("cached", r.cached()).param("created", ts(r.createdAt())).param("started", ts(r.startedAt()))
                .param("finished", ts(r.finishedAt())).param("duration", r.durationMs(), Types.BIGINT)
                .param("ret", r.totalReturnPct(), Types.DOUBLE).param("cagr", r.cagrPct(), Types.DOUBLE)
                .param("sharpe", r.sharpe(), Types.DOUBLE).param("mdd", r.maxDrawdownPct(), Types.DOUBLE)
                .param("stats", r.stats()).param("warnings", r.warnings())
                .update();
    }

    Optional<BacktestRow> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM backtests WHERE id = :id").param("id", id)
                .query(BacktestRepository::map).optional();
    }

    /** The newest completed, non-cancelled run of this configuration. */
    Optional<BacktestRow> completedByHash(String hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM backtests WHERE config_hash = :hash AND status = 'COMPLETED'"
                        + " ORDER BY finished_at DESC LIMIT 1")
                .param("hash", hash).query(BacktestRepository::map).optional();
    }

    int queuePosition(Instant createdAt) {
        return jdbc.sql("SELECT COUNT(*) FROM backtests WHERE status = 'QUEUED' AND created_at <= :at")
                .param("at", ts(createdAt)).query(Integer.class).single();
    }

    /** Mean run time of the latest computed runs on a dataset (null when none). */
    Long averageDurationMs(String datasetId) {
        List<Long> recent = jdbc.sql("SELECT duration_ms FROM backtests WHERE dataset_id = :d AND status = 'COMPLETED'"
                        + " AND cached = FALSE AND duration_ms IS NOT NULL ORDER BY finished_at DESC LIMIT 20")
                .param("d", datasetId).query(Long.class).list();
        return recent.isEmpty() ? null : (long) recent.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    int countRunning() {
        return jdbc.sql("SELECT COUNT(*) FROM backtests WHERE status = 'RUNNING'").query(Integer.class).single();
    }

    int countRunning(UUID owner, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM backtests WHERE status = 'RUNNING' AND owner_id = :o AND id <> :id")
                .param("o", owner).param("id", except).query(Integer.class).single();
    }

    /**
     * Takes a job for a run: a queued one, or a running one whose worker stopped sending heartbeats. The run token
     * fences the result: only the latest claimant can complete the job.
     */
    boolean claim(UUID id, String token, String worker, Instant now, Instant staleBefore) {
        return jdbc.sql("UPDATE backtests SET status = 'RUNNING', run_token = :token, worker = :worker,"
                        + " started_at = :now, heartbeat_at = :now, attempts = attempts + 1, error = NULL"
                        + " WHERE id = :id AND cancel_requested = FALSE AND (status = 'QUEUED'"
                        + " OR (status = 'RUNNING' AND (heartbeat_at IS NULL OR heartbeat_at < :stale)))")
                .param("id", id).param("token", token).param("worker", worker).param("now", ts(now))
                .param("stale", ts(staleBefore))
                .update() == 1;
    }

    /** Heartbeat of a running job; answers whether a cancel was requested (or the job is no longer ours). */
    boolean heartbeat(UUID id, String token, Instant now) {
        int n = jdbc.sql("UPDATE backtests SET heartbeat_at = :now WHERE id = :id AND run_token = :token"
                        + " AND status = 'RUNNING' AND cancel_requested = FALSE")
                .param("id", id).param("token", token).param("now", ts(now)).update();
        return n == 0;
    }

    boolean finish(UUID id, String token, String status, String error, Instant now, long durationMs) {
        return jdbc.sql("UPDATE backtests SET status = :status, error = :error, finished_at = :now,"
                        + " duration_ms = :duration, heartbeat_at = NULL WHERE id = :id AND run_token = :token"
                        + " AND status = 'RUNNING'")
                .param("id", id).param("token", token).param("status", status).param("error", truncate(error))
                .param("now", ts(now)).param("duration", durationMs).update() == 1;
    }

    /** A crashed run gives the job back to the queue (its entry stays pending until redelivered). */
    void release(UUID id, String token, String error) {
        jdbc.sql("UPDATE backtests SET status = 'QUEUED', error = :error, heartbeat_at = NULL WHERE id = :id"
                        + " AND run_token = :token AND status = 'RUNNING'")
                .param("id", id).param("token", token).param("error", truncate(error)).update();
    }

    /** Marks a job FAILED whatever its running state (dead-lettered). */
    boolean failUnfinished(UUID id, String error, Instant now) {
        return jdbc.sql("UPDATE backtests SET status = 'FAILED', error = :error, finished_at = :now, heartbeat_at = NULL"
                        + " WHERE id = :id AND status IN ('QUEUED', 'RUNNING')")
                .param("id", id).param("error", truncate(error)).param("now", ts(now)).update() == 1;
    }

    boolean cancelQueued(UUID id, Instant now) {
        return jdbc.sql("UPDATE backtests SET status = 'CANCELLED', cancel_requested = TRUE, finished_at = :now"
                        + " WHERE id = :id AND status = 'QUEUED'")
                .param("id", id).param("now", ts(now)).update() == 1;
    }

    boolean requestCancel(UUID id) {
        return jdbc.sql("UPDATE backtests SET cancel_requested = TRUE WHERE id = :id AND status = 'RUNNING'")
                .param("id", id).update() == 1;
    }

    /** A running job whose cancel was requested but whose worker is gone: cancelled now. */
    boolean cancelAbandoned(UUID id, Instant now, Instant staleBefore) {
        return jdbc.sql("UPDATE backtests SET status = 'CANCELLED', finished_at = :now, heartbeat_at = NULL"
                        + " WHERE id = :id AND cancel_requested = TRUE AND (status = 'QUEUED' OR (status = 'RUNNING'"
                        + " AND (heartbeat_at IS NULL OR heartbeat_at < :stale)))")
                .param("id", id).param("now", ts(now)).param("stale", ts(staleBefore)).update() == 1;
    }

    List<UUID> pendingIds() {
        return jdbc.sql("SELECT id FROM backtests WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at")
                .query(UUID.class).list();
    }

    List<UUID> staleRunning(Instant staleBefore) {
        return jdbc.sql("SELECT id FROM backtests WHERE status = 'RUNNING' AND heartbeat_at < :stale")
                .param("stale", ts(staleBefore)).query(UUID.class).list();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM backtest_equity WHERE backtest_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM backtest_trades WHERE backtest_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM backtest_monthly WHERE backtest_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM backtests WHERE id = :id").param("id", id).update();
    }

    // ---- results -----------------------------------------------------------------------------------------------

    /** Completes a job with its statistics (call in the transaction that inserts the rows). */
    boolean complete(UUID id, String token, Instant now, long durationMs, String dataVersion, BacktestResult r,
                     String statsJson, String warningsJson) {
        return jdbc.sql("UPDATE backtests SET status = 'COMPLETED', finished_at = :now, duration_ms = :duration,"
                        + " heartbeat_at = NULL, error = NULL, data_version = :dataVersion, total_return_pct = :ret,"
                        + " cagr_pct = :cagr, sharpe = :sharpe, max_drawdown_pct = :mdd, stats = :stats,"
                        + " warnings = :warnings WHERE id = :id AND run_token = :token AND status = 'RUNNING'"
                        + " AND cancel_requested = FALSE")
                .param("id", id).param("token", token).param("now", ts(now)).param("duration", durationMs)
                .param("dataVersion", dataVersion)
                .param("ret", finite(r.stats().totalReturnPct()), Types.DOUBLE)
                .param("cagr", finite(r.stats().cagrPct()), Types.DOUBLE)
                .param("sharpe", r.stats().sharpe() == null ? null : finite(r.stats().sharpe()), Types.DOUBLE)
                .param("mdd", finite(r.stats().maxDrawdownPct()), Types.DOUBLE)
                .param("stats", statsJson).param("warnings", warningsJson)
                .update() == 1;
    }

    void insertRows(UUID id, BacktestResult r) {
        List<EquityPoint> equity = r.equity();
        template.batchUpdate("INSERT INTO backtest_equity (backtest_id, on_date, equity, cash, invested, drawdown_pct,"
                + " benchmark) VALUES (?, ?, ?, ?, ?, ?, ?)", equity, 1000, (ps, p) -> {
                    ps.setObject(1, id);
                    ps.setObject(2, p.date());
                    ps.setDouble(3, p.equity());
                    ps.setDouble(4, p.cash());
                    ps.setDouble(5, p.invested());
                    ps.setDouble(6, p.drawdownPct());
                    if (p.benchmark() == null || !Double.isFinite(p.benchmark())) ps.setNull(7, Types.DOUBLE);
                    else ps.setDouble(7, p.benchmark());
                });
        List<Trade> trades = r.trades();
        List<Integer> seq = new ArrayList<>(trades.size());
        for (int i = 0; i < trades.size(); i++) seq.add(i);
        template.batchUpdate("INSERT INTO backtest_trades (backtest_id, seq, on_date, symbol, side, qty, price, commission,"
                + " tax, pnl, reason, hold_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", seq, 1000, (ps, i) -> {
                    Trade t = trades.get(i);
                    ps.setObject(1, id);
                    ps.setInt(2, i);
                    ps.setObject(3, t.date());
                    ps.setString(4, t.symbol());
                    ps.setString(5, t.side().name());
                    ps.setDouble(6, t.qty());
                    ps.setDouble(7, t.price());
                    ps.setDouble(8, t.commission());
                    ps.setDouble(9, t.tax());
                    if (t.pnl() == null) ps.setNull(10, Types.DOUBLE);
                    else ps.setDouble(10, t.pnl());
                    ps.setString(11, t.reason());
                    if (t.holdDays() == null) ps.setNull(12, Types.INTEGER);
                    else ps.setInt(12, t.holdDays());
                });
        List<MonthlyReturn> monthly = r.monthlyReturns();
        template.batchUpdate("INSERT INTO backtest_monthly (backtest_id, period_month, return_pct) VALUES (?, ?, ?)",
                monthly, 1000, (ps, m) -> {
                    ps.setObject(1, id);
                    ps.setString(2, m.month());
                    ps.setDouble(3, m.returnPct());
                });
    }

    /** Copies the result rows of a finished run to a new job (a result-cache hit). */
    void copyRows(UUID from, UUID to) {
        jdbc.sql("INSERT INTO backtest_equity (backtest_id, on_date, equity, cash, invested, drawdown_pct, benchmark)"
                + " SELECT :to, on_date, equity, cash, invested, drawdown_pct, benchmark FROM backtest_equity"
                + " WHERE backtest_id = :from").param("to", to).param("from", from).update();
        jdbc.sql("INSERT INTO backtest_trades (backtest_id, seq, on_date, symbol, side, qty, price, commission, tax, pnl,"
                + " reason, hold_days) SELECT :to, seq, on_date, symbol, side, qty, price, commission, tax, pnl, reason,"
                + " hold_days FROM backtest_trades WHERE backtest_id = :from")
                .param("to", to).param("from", from).update();
        jdbc.sql("INSERT INTO backtest_monthly (backtest_id, period_month, return_pct) SELECT :to, period_month, return_pct"
                + " FROM backtest_monthly WHERE backtest_id = :from").param("to", to).param("from", from).update();
    }

    record EquityRow(LocalDate date, double equity, double cash, double invested, double drawdownPct,
                     Double benchmark) {
    }

    List<EquityRow> equity(UUID id) {
        return jdbc.sql("SELECT on_date, equity, cash, invested, drawdown_pct, benchmark FROM backtest_equity"
                        + " WHERE backtest_id = :id ORDER BY on_date")
                .param("id", id)
                .query((rs, n) -> new EquityRow(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getDouble(3),
                        rs.getDouble(4), rs.getDouble(5), dbl(rs, "benchmark")))
                .list();
    }

    record TradeRow(int seq, LocalDate date, String symbol, String side, double qty, double price, double commission,
                    double tax, Double pnl, String reason, Integer holdDays) {
    }

    List<TradeRow> trades(UUID id, String orderBy, int offset, int limit) {
        return jdbc.sql("SELECT seq, on_date, symbol, side, qty, price, commission, tax, pnl, reason, hold_days"
                        + " FROM backtest_trades WHERE backtest_id = :id ORDER BY " + orderBy
                        + " LIMIT :limit OFFSET :offset")
                .param("id", id).param("limit", limit).param("offset", offset)
                .query((rs, n) -> {
                    int hd = rs.getInt("hold_days");
                    Integer holdDays = rs.wasNull() ? null : hd;
                    return new TradeRow(rs.getInt(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                            rs.getString(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                            dbl(rs, "pnl"), rs.getString(10), holdDays);
                })
                .list();
    }

    long countTrades(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM backtest_trades WHERE backtest_id = :id").param("id", id)
                .query(Long.class).single();
    }

    record MonthlyRow(String month, double returnPct) {
    }

    List<MonthlyRow> monthly(UUID id) {
        return jdbc.sql("SELECT period_month, return_pct FROM backtest_monthly WHERE backtest_id = :id ORDER BY period_month")
                .param("id", id).query((rs, n) -> new MonthlyRow(rs.getString(1), rs.getDouble(2))).list();
    }

    // ---- history -----------------------------------------------------------------------------------------------

    List<BacktestRow> history(UUID owner, String status, UUID strategyId, Instant from, Instant to, String sortKey,
                              Double cursorValue, Instant cursorCreated, UUID cursorId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM backtests WHERE owner_id = :owner");
        JdbcClient.StatementSpec[] holder = new JdbcClient.StatementSpec[1];
        if (status != null) sql.append(" AND status = :status");
        if (strategyId != null) sql.append(" AND strategy_id = :strategy");
        if (from != null) sql.append(" AND created_at >= :from");
        if (to != null) sql.append(" AND created_at < :to");
        String key = switch (sortKey) {
            case "return" -> "COALESCE(total_return_pct, -1.0E300)";
            case "sharpe" -> "COALESCE(sharpe, -1.0E300)";
            default -> null;
        };
        if (cursorId != null) {
            if (key == null) {
                sql.append(" AND (created_at < :cc OR (created_at = :cc AND id < :cid))");
            } else {
                sql.append(" AND (").append(key).append(" < :cv OR (").append(key).append(" = :cv AND (created_at < :cc"
                        + " OR (created_at = :cc AND id < :cid))))");
            }
        }
        sql.append(" ORDER BY ").append(key == null ? "" : key + " DESC, ").append("created_at DESC, id DESC LIMIT :limit");
        JdbcClient.StatementSpec st = jdbc.sql(sql.toString()).param("owner", owner).param("limit", limit);
        if (status != null) st = st.param("status", status);
        if (strategyId != null) st = st.param("strategy", strategyId);
        if (from != null) st = st.param("from", ts(from));
        if (to != null) st = st.param("to", ts(to));
        if (cursorId != null) {
            st = st.param("cc", ts(cursorCreated)).param("cid", cursorId);
            if (key != null) st = st.param("cv", cursorValue);
        }
        holder[0] = st;
        return holder[0].query(BacktestRepository::map).list();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 3900 ? s : s.substring(0, 3900) + "…";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
