package io.stocklab.server.ranking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rankings' own tables: ranking_strategies, ranking_runs, ranking_state (V20__rankings.sql) and ranking_sweeps
 * (V26__ranking_sweeps.sql).
 */
@Repository
class RankingRepository {
    private final JdbcClient jdbc;

    RankingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StrategyRow(UUID strategyId, UUID ownerId, String name, boolean isPublic, boolean anonymous) {
    }

    /**
     * A run's metrics over one period's window: a backtest's ({@code sweepId} null) or, on the {@code oos} period, a
     * sweep's chained out-of-sample curve ({@code backtestId} null).
     */
    record RunRow(UUID backtestId, RankingPeriod period, UUID strategyId, UUID ownerId, String datasetId,
                  String dataVersion, String market, LocalDate windowStart, LocalDate windowEnd,
                  double totalReturnPct, double cagrPct, Double sharpe, Double calmar, double maxDrawdownPct,
                  Instant finishedAt, UUID sweepId) {
        /** The backtest's or the sweep's id. */
        UUID runId() {
            return sweepId != null ? sweepId : backtestId;
        }
    }

    /** Locks the single state row (every board writer holds it for the duration of its write); answers the generation. */
    long lockState() {
        return jdbc.sql("SELECT generation FROM ranking_state WHERE id = 1 FOR UPDATE").query(Long.class).single();
    }

    void setGeneration(long generation) {
        jdbc.sql("UPDATE ranking_state SET generation = :g WHERE id = 1").param("g", generation).update();
    }

    Optional<StrategyRow> strategy(UUID id) {
        return jdbc.sql("SELECT strategy_id, owner_id, name, is_public, anonymous FROM ranking_strategies"
                        + " WHERE strategy_id = :id").param("id", id)
                .query((rs, n) -> strategyRow(rs)).optional();
    }

    List<StrategyRow> publicStrategies() {
        return jdbc.sql("SELECT strategy_id, owner_id, name, is_public, anonymous FROM ranking_strategies"
                + " WHERE is_public = TRUE").query((rs, n) -> strategyRow(rs)).list();
    }

    private static StrategyRow strategyRow(ResultSet rs) throws SQLException {
        return new StrategyRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getBoolean(4), rs.getBoolean(5));
    }

    void saveStrategy(StrategyRow s, Instant at) {
        int n = jdbc.sql("UPDATE ranking_strategies SET owner_id = :owner, name = :name, is_public = :pub,"
                        + " anonymous = :anon, updated_at = :at WHERE strategy_id = :id")
                .param("id", s.strategyId()).param("owner", s.ownerId()).param("name", s.name())
                .param("pub", s.isPublic()).param("anon", s.anonymous()).param("at", ts(at)).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO ranking_strategies (strategy_id, owner_id, name, is_public, anonymous, updated_at)"
                            + " VALUES (:id, :owner, :name, :pub, :anon, :at)")
                    .param("id", s.strategyId()).param("owner", s.ownerId()).param("name", s.name())
                    .param("pub", s.isPublic()).param("anon", s.anonymous()).param("at", ts(at)).update();
        }
    }

    void setPublic(UUID id, boolean isPublic, Instant at) {
        jdbc.sql("UPDATE ranking_strategies SET is_public = :pub, updated_at = :at WHERE strategy_id = :id")
                .param("id", id).param("pub", isPublic).param("at", ts(at)).update();
    }

    void deleteStrategy(UUID id) {
        jdbc.sql("DELETE FROM ranking_runs WHERE strategy_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM ranking_sweeps WHERE strategy_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM ranking_strategies WHERE strategy_id = :id").param("id", id).update();
    }

    void deleteRuns(UUID backtestId) {
        jdbc.sql("DELETE FROM ranking_runs WHERE backtest_id = :id").param("id", backtestId).update();
    }

    void insertRun(RunRow r) {
        jdbc.sql("INSERT INTO ranking_runs (backtest_id, period, strategy_id, owner_id, dataset_id, data_version,"
                        + " market, window_start, window_end, total_return_pct, cagr_pct, sharpe, calmar,"
                        + " max_drawdown_pct, finished_at) VALUES (:id, :period, :strategy, :owner, :dataset,"
                        + " :version, :market, :ws, :we, :tr, :cagr, :sharpe, :calmar, :mdd, :finished)")
                .param("id", r.backtestId()).param("period", r.period().id()).param("strategy", r.strategyId())
                .param("owner", r.ownerId()).param("dataset", r.datasetId()).param("version", r.dataVersion())
                .param("market", r.market()).param("ws", r.windowStart()).param("we", r.windowEnd())
                .param("tr", r.totalReturnPct()).param("cagr", r.cagrPct())
                .param("sharpe", r.sharpe(), Types.DOUBLE).param("calmar", r.calmar(), Types.DOUBLE)
                .param("mdd", r.maxDrawdownPct()).param("finished", ts(r.finishedAt())).update();
    }

    private static final String RUN_COLUMNS = "r.backtest_id, r.period, r.strategy_id, r.owner_id, r.dataset_id,"
            + " r.data_version, r.market, r.window_start, r.window_end, r.total_return_pct, r.cagr_pct, r.sharpe,"
            + " r.calmar, r.max_drawdown_pct, r.finished_at";

    /** The runs of one strategy (whatever its visibility). */
    List<RunRow> runsOf(UUID strategyId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM ranking_runs r WHERE r.strategy_id = :id")
                .param("id", strategyId).query((rs, n) -> runRow(rs)).list();
    }

    /** The runs of every public strategy. */
    List<RunRow> publicRuns() {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM ranking_runs r JOIN ranking_strategies s"
                + " ON s.strategy_id = r.strategy_id WHERE s.is_public = TRUE").query((rs, n) -> runRow(rs)).list();
    }

    void deleteSweep(UUID sweepId) {
        jdbc.sql("DELETE FROM ranking_sweeps WHERE sweep_id = :id").param("id", sweepId).update();
    }

    void insertSweep(RunRow r) {
        jdbc.sql("INSERT INTO ranking_sweeps (sweep_id, strategy_id, owner_id, dataset_id, data_version, market,"
                        + " window_start, window_end, total_return_pct, cagr_pct, sharpe, calmar, max_drawdown_pct,"
                        + " finished_at) VALUES (:id, :strategy, :owner, :dataset, :version, :market, :ws, :we, :tr,"
                        + " :cagr, :sharpe, :calmar, :mdd, :finished)")
                .param("id", r.sweepId()).param("strategy", r.strategyId())
                .param("owner", r.ownerId()).param("dataset", r.datasetId()).param("version", r.dataVersion())
                .param("market", r.market()).param("ws", r.windowStart()).param("we", r.windowEnd())
                .param("tr", r.totalReturnPct()).param("cagr", r.cagrPct())
                .param("sharpe", r.sharpe(), Types.DOUBLE).param("calmar", r.calmar(), Types.DOUBLE)
                .param("mdd", r.maxDrawdownPct()).param("finished", ts(r.finishedAt())).update();
    }

    private static final String SWEEP_COLUMNS = "r.sweep_id, r.strategy_id, r.owner_id, r.dataset_id,"
            + " r.data_version, r.market, r.window_start, r.window_end, r.total_return_pct, r.cagr_pct, r.sharpe,"
            + " r.calmar, r.max_drawdown_pct, r.finished_at";

    /** The ranked sweeps of one strategy (whatever its visibility), as {@code oos} runs. */
    List<RunRow> sweepsOf(UUID strategyId) {
        return jdbc.sql("SELECT " + SWEEP_COLUMNS + " FROM ranking_sweeps r WHERE r.strategy_id = :id")
                .param("id", strategyId).query((rs, n) -> sweepRow(rs)).list();
    }

    /** The ranked sweeps of every public strategy. */
    List<RunRow> publicSweeps() {
        return jdbc.sql("SELECT " + SWEEP_COLUMNS + " FROM ranking_sweeps r JOIN ranking_strategies s"
                + " ON s.strategy_id = r.strategy_id WHERE s.is_public = TRUE").query((rs, n) -> sweepRow(rs)).list();
    }

    /** Every sweep recorded (for reconciling with the sweeps that exist). */
    List<UUID> sweepIds() {
        return jdbc.sql("SELECT sweep_id FROM ranking_sweeps").query(UUID.class).list();
    }

    private static RunRow sweepRow(ResultSet rs) throws SQLException {
        OffsetDateTime f = rs.getObject(14, OffsetDateTime.class);
        return new RunRow(null, RankingPeriod.OOS, rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class),
                rs.getObject(8, LocalDate.class), rs.getDouble(9), rs.getDouble(10), dbl(rs, 11), dbl(rs, 12),
                rs.getDouble(13), f == null ? null : f.toInstant(), rs.getObject(1, UUID.class));
    }

    long countRuns() {
        return jdbc.sql("SELECT COUNT(*) FROM ranking_runs").query(Long.class).single();
    }

    private static RunRow runRow(ResultSet rs) throws SQLException {
        OffsetDateTime f = rs.getObject(15, OffsetDateTime.class);
        return new RunRow(rs.getObject(1, UUID.class), RankingPeriod.of(rs.getString(2), "period"),
                rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class), rs.getDouble(10),
                rs.getDouble(11), dbl(rs, 12), dbl(rs, 13), rs.getDouble(14), f == null ? null : f.toInstant(),
                null);
    }

    private static Double dbl(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
