package io.stocklab.server.marketdata;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code import_jobs} and {@code import_rejections}: written by API and command-line imports
 * ({@link ImportService}) and by the first-start load of the bundled sample ({@link DbDatasets}), so every import
 * shows up the same way at {@code GET /api/v1/data/imports}.
 */
@Repository
class ImportJobRows {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ImportJobRows(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A queued job; {@code userId} null for the command line and the server itself. */
    void create(UUID id, ImportRunner.Request req, UUID userId) {
        jdbc.update("INSERT INTO import_jobs (id, dataset_id, kind, file_name, status, phase, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, 'QUEUED', 'queued', ?, ?)", id, req.datasetId(), req.kind().slug(), req.fileName(),
                userId, Timestamp.from(clock.instant()));
    }

    void running(UUID id) {
        jdbc.update("UPDATE import_jobs SET status = 'RUNNING', phase = 'reading', started_at = ? WHERE id = ?",
                Timestamp.from(clock.instant()), id);
    }

    void progress(UUID id, long bytes, double fraction) {
        jdbc.update("UPDATE import_jobs SET bytes_read = ?, progress = ? WHERE id = ? AND status = 'RUNNING'", bytes, fraction, id);
    }

    void succeeded(UUID id, long bytes, ImportRunner.Report r) {
        MarketStore.Counts k = r.counts;
        jdbc.update("UPDATE import_jobs SET status = 'SUCCEEDED', phase = 'done', progress = 1, bytes_read = ?, rows_read = ?, "
                        + "rows_inserted = ?, rows_updated = ?, rows_unchanged = ?, rows_rejected = ?, dataset_version = ?, "
                        + "finished_at = ? WHERE id = ?", bytes, r.rowsRead, k.inserted(), k.updated(), k.unchanged(),
                r.rejected, r.newVersion < 0 ? null : r.newVersion, Timestamp.from(clock.instant()), id);
        rejections(id, r);
    }

    void failed(UUID id, long bytes, ImportRunner.Report r, String errorType, String errorDetail) {
        jdbc.update("UPDATE import_jobs SET status = 'FAILED', phase = 'failed', bytes_read = ?, rows_read = ?, rows_rejected = ?, "
                        + "error_type = ?, error_detail = ?, finished_at = ? WHERE id = ?", bytes, r.rowsRead, r.rejected, errorType,
                errorDetail.length() > 2000 ? errorDetail.substring(0, 2000) : errorDetail, Timestamp.from(clock.instant()), id);
        rejections(id, r);
    }

    private void rejections(UUID id, ImportRunner.Report r) {
        if (r.rejections.isEmpty()) return;
        jdbc.batchUpdate("INSERT INTO import_rejections (job_id, line_no, reason) VALUES (?, ?, ?)", r.rejections, 500,
                (ps, rej) -> {
                    ps.setObject(1, id);
                    ps.setLong(2, rej.line());
                    ps.setString(3, rej.reason());
                });
    }
}
