package io.stocklab.server.sweep;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sweep tables. */
@Repository
class SweepRepository {
    private static final String COLUMNS = "id, owner_id, name, request, dataset_id, data_version, engine_version,"
            + " objective, variants, chunks, status, created_at, started_at, finished_at, error, summary, strategy_id,"
            + " strategy_version";

    record SweepRow(UUID id, UUID ownerId, String name, String request, String datasetId, String dataVersion,
                    String engineVersion, String objective, int variants, int chunks, String status, Instant createdAt,
                    Instant startedAt, Instant finishedAt, String error, String summary, UUID strategyId,
                    Integer strategyVersion) {
        boolean terminal() {
            return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
        }
    }

    record ChunkRow(int chunk, String status, int attempts, String outcomes) {
    }

    private final JdbcClient jdbc;

    SweepRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String c) throws SQLException {
        OffsetDateTime t = rs.getObject(c, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static SweepRow map(ResultSet rs, int n) throws SQLException {
        return new SweepRow(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class), rs.getString("name"),
                rs.getString("request"), rs.getString("dataset_id"), rs.getString("data_version"),
                rs.getString("engine_version"), rs.getString("objective"), rs.getInt("variants"), rs.getInt("chunks"),
                rs.getString("status"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getString("error"), rs.getString("summary"),
                rs.getObject("strategy_id", UUID.class), rs.getObject("strategy_version", Integer.class));
    }

    void insert(SweepRow s) {
        jdbc.sql("INSERT INTO sweeps (" + COLUMNS + ") VALUES (:id, :owner, :name, :request, :dataset, :dataVersion,"
                        + " :engine, :objective, :variants, :chunks, :status, :created, NULL, NULL, NULL, NULL, :strategy,"
                        + " :strategyVersion)")
                .param("id", s.id()).param("owner", s.ownerId()).param("name", s.name()).param("request", s.request())
                .param("dataset", s.datasetId()).param("dataVersion", s.dataVersion())
                .param("engine", s.engineVersion()).param("objective", s.objective()).param("variants", s.variants())
                .param("chunks", s.chunks()).param("status", s.status()).param("created", ts(s.createdAt()))
                .param("strategy", s.strategyId()).param("strategyVersion", s.strategyVersion(), Types.INTEGER)
                .update();
        for (int c = 0; c < s.chunks(); c++) {
            jdbc.sql("INSERT INTO sweep_chunks (sweep_id, chunk, status) VALUES (:id, :c, 'PENDING')")
                    .param("id", s.id()).param("c", c).update();
        }
    }

    Optional<SweepRow> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sweeps WHERE id = :id").param("id", id)
                .query(SweepRepository::map).optional();
    }

    List<SweepRow> byOwner(UUID owner, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sweeps WHERE owner_id = :o ORDER BY created_at DESC LIMIT :l")
                .param("o", owner).param("l", limit).query(SweepRepository::map).list();
    }

    Optional<ChunkRow> chunk(UUID id, int chunk) {
        return jdbc.sql("SELECT chunk, status, attempts, outcomes FROM sweep_chunks WHERE sweep_id = :id AND chunk = :c")
                .param("id", id).param("c", chunk)
                .query((rs, n) -> new ChunkRow(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
                .optional();
    }

    List<ChunkRow> doneChunks(UUID id) {
        return jdbc.sql("SELECT chunk, status, attempts, outcomes FROM sweep_chunks WHERE sweep_id = :id"
                        + " AND status = 'DONE' ORDER BY chunk")
                .param("id", id)
                .query((rs, n) -> new ChunkRow(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
                .list();
    }

    int countDone(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM sweep_chunks WHERE sweep_id = :id AND status = 'DONE'")
                .param("id", id).query(Integer.class).single();
    }

    void startAttempt(UUID id, int chunk, String worker, Instant now) {
        jdbc.sql("UPDATE sweep_chunks SET attempts = attempts + 1, worker = :w WHERE sweep_id = :id AND chunk = :c")
                .param("id", id).param("c", chunk).param("w", worker).update();
        jdbc.sql("UPDATE sweeps SET status = 'RUNNING', started_at = :now WHERE id = :id AND status = 'QUEUED'")
                .param("id", id).param("now", ts(now)).update();
    }

    /** The chunk's checkpoint: written once (a redelivered chunk finds it DONE and skips the work). */
    boolean checkpoint(UUID id, int chunk, String outcomes, Instant now) {
        return jdbc.sql("UPDATE sweep_chunks SET status = 'DONE', outcomes = :o, finished_at = :now"
                        + " WHERE sweep_id = :id AND chunk = :c AND status = 'PENDING'")
                .param("id", id).param("c", chunk).param("o", outcomes).param("now", ts(now)).update() == 1;
    }

    boolean finish(UUID id, String status, String summary, String error, Instant now) {
        return finish(id, status, summary, null, error, now);
    }

    /** Moves a running sweep to a final state (false when it already was final), with the chained OOS equity. */
    boolean finish(UUID id, String status, String summary, String oosEquity, String error, Instant now) {
        return jdbc.sql("UPDATE sweeps SET status = :s, summary = :summary, oos_equity = :oos, error = :error,"
                        + " finished_at = :now WHERE id = :id AND status IN ('QUEUED', 'RUNNING')")
                .param("id", id).param("s", status).param("summary", summary).param("oos", oosEquity)
                .param("error", error).param("now", ts(now)).update() == 1;
    }

    /** The chained out-of-sample equity as stored (JSON), if any. */
    Optional<String> oosEquity(UUID id) {
        return jdbc.sql("SELECT oos_equity FROM sweeps WHERE id = :id AND oos_equity IS NOT NULL").param("id", id)
                .query(String.class).optional();
    }

    /** Completed sweeps of a strategy that have a chained out-of-sample curve: id, strategy, owner. */
    List<UUID[]> withOutOfSample() {
        return jdbc.sql("SELECT id, strategy_id, owner_id FROM sweeps WHERE strategy_id IS NOT NULL"
                        + " AND status = 'COMPLETED' AND oos_equity IS NOT NULL")
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class)}).list();
    }

    List<String[]> pendingChunks() {
        return jdbc.sql("SELECT c.sweep_id, c.chunk FROM sweep_chunks c JOIN sweeps s ON s.id = c.sweep_id"
                        + " WHERE c.status = 'PENDING' AND s.status IN ('QUEUED', 'RUNNING') ORDER BY s.created_at, c.chunk")
                .query((rs, n) -> new String[] {rs.getObject(1, UUID.class).toString(), Integer.toString(rs.getInt(2))})
                .list();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM sweep_chunks WHERE sweep_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM sweeps WHERE id = :id").param("id", id).update();
    }
}
