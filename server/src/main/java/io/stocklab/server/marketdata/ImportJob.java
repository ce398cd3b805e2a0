package io.stocklab.server.marketdata;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import job as the API shows it ({@code GET /api/v1/data/imports/{id}}).
 *
 * @param status         QUEUED, RUNNING, SUCCEEDED or FAILED
 * @param progress       0..1 (bytes of the stored upload read so far)
 * @param rowsRead       data rows read (header excluded)
 * @param rowsUnchanged  rows identical to what was stored (a re-import changes nothing)
 * @param rejections     the first rejected rows, each with its line number and reason
 * @param error          why the job failed (a problem type slug and detail), or null
 * @param datasetVersion the dataset version the import produced (null when it changed nothing)
 */
public record ImportJob(UUID id, String dataset, String kind, String fileName, String status, String phase,
                        double progress, long bytesRead, long rowsRead, long rowsInserted, long rowsUpdated,
                        long rowsUnchanged, long rowsRejected, List<Rejection> rejections, Error error,
                        Long datasetVersion, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public record Rejection(long line, String reason) {
    }

    public record Error(String type, String detail) {
    }
}
