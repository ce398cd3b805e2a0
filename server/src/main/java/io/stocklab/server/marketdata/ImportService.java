package io.stocklab.server.marketdata;

import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Import jobs: an upload is stored to disk (never held in memory), a job row is created, and a worker reads the
 * file in one transaction ({@link ImportRunner}), reporting progress on the job row about every half second. The
 * finished job keeps its counts and the rejected rows; the dataset's panel is then rebuilt.
 */
@Service
class ImportService implements DisposableBean {
    static final Pattern DATASET_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final ImportRunner runner;
    private final MarketStore store;
    private final DbDatasets datasets;
    private final JdbcTemplate jdbc;
    private final MarketDataProperties properties;
    private final Path spoolDir;
    private final ImportJobRows rows;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("import-", 0).daemon().factory());

    ImportService(ImportRunner runner, MarketStore store, DbDatasets datasets, JdbcTemplate jdbc,
                  MarketDataProperties properties, ImportJobRows rows,
                  @Value("${stocklab.data-dir:./data}") Path dataDir) {
        this.rows = rows;
        this.runner = runner;
        this.store = store;
        this.datasets = datasets;
        this.jdbc = jdbc;
        this.properties = properties;
        this.spoolDir = dataDir.resolve("imports");
    }

    /** Where uploads are stored while their job runs. */
    Path newSpoolFile(UUID jobId) throws IOException {
        Files.createDirectories(spoolDir);
        return spoolDir.resolve(jobId + ".upload");
    }

    /** Checks a client's file name: a plain name, no directories, no {@code ..}, printable. */
    static String checkFileName(String name) {
        if (name == null || name.isBlank()) return "upload.csv";
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.length() > 255
                || name.chars().anyMatch(ch -> ch < 32 || ch == 127)) {
            throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "Invalid file name '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "': send a plain file name without directories or '..'");
        }
        return name;
    }

    /** Validates the target dataset id, creating a (real, empty) dataset for a new id. */
    void ensureDataset(String id) {
        if (!DATASET_ID.matcher(id).matches()) {
            throw ApiException.invalidField("dataset", "a dataset id is 2-64 lower-case letters, digits and dashes");
        }
        datasets.ensureExists(id);
    }

    /** Creates the job row and starts it; the future completes with the finished job. */
    CompletableFuture<ImportJob> submit(UUID jobId, ImportRunner.Request req, Path upload, UUID userId) {
        rows.create(jobId, req, userId);
        return CompletableFuture.supplyAsync(() -> execute(jobId, req, upload), workers);
    }

    /** Runs an import in this thread (command line); answers the finished job. */
    ImportJob runNow(ImportRunner.Request req, Path file) {
        UUID id = UUID.randomUUID();
        rows.create(id, req, null);
        return execute(id, req, file, false);
    }

    private ImportJob execute(UUID jobId, ImportRunner.Request req, Path upload) {
        return execute(jobId, req, upload, true);
    }

    private ImportJob execute(UUID jobId, ImportRunner.Request req, Path file, boolean deleteAfter) {
        AtomicLong bytes = new AtomicLong();
        long size;
        try {
            size = Math.max(1, Files.size(file));
        } catch (IOException e) {
            size = 1;
        }
        long total = size;
        rows.running(jobId);
        Thread ticker = Thread.ofVirtual().name("import-progress-" + jobId).start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(500);
                    long b = bytes.get();
                    rows.progress(jobId, b, Math.min(0.99, (double) b / total));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.debug("progress update of import {} failed: {}", jobId, e.getMessage());
            }
        });
        ImportRunner.Report r = new ImportRunner.Report(properties.imports().maxListedRejections());
        String errorType = null, errorDetail = null;
        long t0 = System.nanoTime();
        try (InputStream raw = new UploadStreams.CountingStream(Files.newInputStream(file), bytes::set);
             InputStream content = UploadStreams.open(raw, properties.imports().maxDecompressedSize().toBytes(), req.charset())) {
            runner.run(req, content, r);
        } catch (ImportRunner.StrictRejection e) {
            errorType = ProblemType.IMPORT_REJECTED_ROWS.slug();
            errorDetail = "Rows were rejected and the import is strict: nothing was stored";
        } catch (ApiException e) {
            errorType = e.type().slug();
            errorDetail = e.getMessage();
        } catch (IOException | RuntimeException e) {
            log.error("import {} of {} failed", jobId, req.fileName(), e);
            errorType = ProblemType.INTERNAL.slug();
            errorDetail = "The import failed unexpectedly; nothing was stored";
        } finally {
            ticker.interrupt();
            try {
                ticker.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (deleteAfter) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("cannot delete {}: {}", file, e.getMessage());
                }
            }
        }
        // a failed import (strict with rejected rows included) still reports what it read and rejected
        long fileBytes = bytes.get();
        if (errorType == null) {
            rows.succeeded(jobId, fileBytes, r);
            MarketStore.Counts k = r.counts;
            log.info("import {} ({} {} into {}): {} rows read, {} inserted, {} updated, {} unchanged, {} rejected in {} ms",
                    jobId, req.kind().slug(), req.fileName(), req.datasetId(), r.rowsRead, k.inserted(), k.updated(),
                    k.unchanged(), r.rejected, (System.nanoTime() - t0) / 1_000_000);
            if (r.newVersion >= 0) datasets.refreshAsync(req.datasetId());
        } else {
            rows.failed(jobId, fileBytes, r, errorType, errorDetail);
        }
        return find(jobId).orElseThrow();
    }

    Optional<ImportJob> find(UUID id) {
        List<ImportJob> jobs = jdbc.query("SELECT * FROM import_jobs WHERE id = ?", (rs, i) -> job(rs, true), id);
        return jobs.stream().findFirst();
    }

    List<ImportJob> recent(int limit) {
        return jdbc.query("SELECT * FROM import_jobs ORDER BY created_at DESC FETCH FIRST " + Math.max(1, Math.min(limit, 200))
                + " ROWS ONLY", (rs, i) -> job(rs, false));
    }

    private ImportJob job(ResultSet rs, boolean withRejections) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<ImportJob.Rejection> rejections = withRejections
                ? jdbc.query("SELECT line_no, reason FROM import_rejections WHERE job_id = ? ORDER BY line_no",
                        (r, i) -> new ImportJob.Rejection(r.getLong(1), r.getString(2)), id)
                : List.of();
        String errorType = rs.getString("error_type");
        long version = rs.getLong("dataset_version");
        Long versionOrNull = rs.wasNull() ? null : version;
        return new ImportJob(id, rs.getString("dataset_id"), rs.getString("kind"), rs.getString("file_name"),
                rs.getString("status"), rs.getString("phase"), rs.getDouble("progress"), rs.getLong("bytes_read"),
                rs.getLong("rows_read"), rs.getLong("rows_inserted"), rs.getLong("rows_updated"), rs.getLong("rows_unchanged"),
                rs.getLong("rows_rejected"), rejections,
                errorType == null ? null : new ImportJob.Error(ProblemType.URI_PREFIX + errorType, rs.getString("error_detail")),
                versionOrNull, instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** The problem a failed job answers with (its type, detail and the job's location). */
    static ApiException problemOf(ImportJob job) {
        String slug = job.error().type().substring(ProblemType.URI_PREFIX.length());
        ProblemType type = java.util.Arrays.stream(ProblemType.values()).filter(t -> t.slug().equals(slug)).findFirst()
                .orElse(ProblemType.INTERNAL);
        String detail = job.error().detail();
        if (!job.rejections().isEmpty()) {
            ImportJob.Rejection first = job.rejections().getFirst();
            detail += " (" + job.rowsRejected() + " rejected row(s); first: line " + first.line() + ": " + first.reason() + ")";
        }
        return new ApiException(type, detail, List.of(), Map.of("Location", "/api/v1/data/imports/" + job.id()));
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
