package io.stocklab.server.backtest;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.EngineVersion;
import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.spec.SpecException;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.spec.StrategySpec;
import io.stocklab.server.backtest.queue.JobHandler;
import io.stocklab.server.backtest.queue.JobQueue;
import io.stocklab.server.backtest.queue.QueueProperties;
import io.stocklab.server.backtest.queue.QueuedJob;
import io.stocklab.server.marketdata.DatasetSnapshot;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.strategy.SpecValidator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs backtest jobs taken from the queue: claims the row (fenced by a run token), loads the dataset snapshot,
 * simulates with progress published every {@code progressInterval} and a heartbeat (which also picks up cancel
 * requests) every {@code heartbeatInterval}, then writes the statistics and every result row in one transaction
 * that only the current claimant can commit, so a redelivered job never duplicates rows.
 */
@Component
class BacktestRunner implements JobHandler, DisposableBean {
    static final String KIND = "backtest";
    private static final Logger log = LoggerFactory.getLogger(BacktestRunner.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final BacktestRepository repository;
    private final Datasets datasets;
    private final BacktesterCache engines;
    private final ProgressBus bus;
    private final JobQueue queue;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final BacktestProperties properties;
    private final QueueProperties queueProperties;
    private final String workerName;
    private final Map<UUID, RunningJob> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final List<RunObserver> observers;
    private final ApplicationEventPublisher events;

    BacktestRunner(BacktestRepository repository, Datasets datasets, BacktesterCache engines, ProgressBus bus,
                   JobQueue queue, TransactionTemplate tx, Clock clock, BacktestProperties properties,
                   QueueProperties queueProperties,
                   org.springframework.beans.factory.ObjectProvider<RunObserver> observers,
                   ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.datasets = datasets;
        this.engines = engines;
        this.bus = bus;
        this.queue = queue;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.queueProperties = queueProperties;
        this.observers = observers.orderedStream().toList();
        this.workerName = "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 6);
        queue.register(KIND, this);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backtest-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::publishProgress, properties.progressInterval().toMillis(),
                properties.progressInterval().toMillis(), TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::heartbeats, properties.heartbeatInterval().toMillis(),
                properties.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        if (queue.consumes()) {
            long janitor = Math.max(5_000, queueProperties.idleTimeout().multipliedBy(3).toMillis());
            ticker.scheduleWithFixedDelay(this::requeueAbandoned, janitor, janitor, TimeUnit.MILLISECONDS);
        }
    }

    /** Cancels a job running in this process at once (other processes see the request at their next heartbeat). */
    boolean cancelLocally(UUID id) {
        RunningJob job = running.get(id);
        if (job == null) return false;
        job.cancellation.cancel();
        return true;
    }

    @Override
    public Outcome handle(QueuedJob job) {
        UUID id;
        try {
            id = UUID.fromString(job.id());
        } catch (IllegalArgumentException e) {
            log.error("dropping a backtest job with a bad id: {}", job.id());
            return Outcome.DONE;
        }
        Optional<BacktestRow> found = repository.find(id);
        if (found.isEmpty() || found.get().terminal()) return Outcome.DONE;
        BacktestRow row = found.get();
        Instant now = clock.instant();
        Instant staleBefore = now.minus(queueProperties.idleTimeout());
        if (row.cancelRequested()) {
            if (repository.cancelAbandoned(id, now, staleBefore)) publishFinal(id);
            return Outcome.DONE;
        }
        if (row.status().equals("QUEUED") && (repository.countRunning() >= properties.maxRunning()
                || repository.countRunning(row.ownerId(), id) >= properties.maxRunningPerUser())) {
            return Outcome.DEFER;
        }
        String token = UUID.randomUUID().toString();
        if (!repository.claim(id, token, workerName, now, staleBefore)) {
            // finished meanwhile, or running healthily elsewhere (that worker owns it)
            return Outcome.DONE;
        }
        return run(row, token);
    }

    private Outcome run(BacktestRow row, String token) {
        RunningJob job = new RunningJob(row, token, System.nanoTime());
        running.put(row.id(), job);
        bus.publish(job.view());
        try {
            StrategySpec spec = SpecReader.read(JSON.readTree(row.spec()), SpecValidator.library());
            DatasetSnapshot snapshot = datasets.snapshot(row.datasetId());
            job.dataVersion = snapshot.version();
            BacktestResult result = engines.get(snapshot).run(spec, job, job.cancellation);
            job.phase = "saving";
            job.fraction = 0.99;
            bus.publish(job.view());
            long durationMs = (System.nanoTime() - job.startNanos) / 1_000_000;
            String stats = JSON.writeValueAsString(result.stats());
            String warnings = JSON.writeValueAsString(result.warnings());
            Boolean committed = tx.execute(status -> {
                if (!repository.complete(row.id(), token, clock.instant(), durationMs, snapshot.version(), result,
                        stats, warnings)) {
                    status.setRollbackOnly();
                    return false;
                }
                repository.insertRows(row.id(), result);
                return true;
            });
            if (!Boolean.TRUE.equals(committed)) {
                // cancelled meanwhile, or taken over by another worker: nothing of this run is kept
                if (repository.finish(row.id(), token, "CANCELLED", null, clock.instant(), durationMs)) {
                    log.info("backtest {} cancelled while saving", row.id());
                }
            }
            return Outcome.DONE;
        } catch (Cancellation.CancelledException e) {
            repository.finish(row.id(), token, "CANCELLED", null, clock.instant(),
                    (System.nanoTime() - job.startNanos) / 1_000_000);
            return Outcome.DONE;
        } catch (SpecException | ApiException e) {
            repository.finish(row.id(), token, "FAILED", e.getMessage(), clock.instant(),
                    (System.nanoTime() - job.startNanos) / 1_000_000);
            return Outcome.DONE;
        } catch (RuntimeException e) {
            log.error("backtest {} crashed (attempt {}): {}", row.id(), row.attempts() + 1, e.toString(), e);
            repository.release(row.id(), token, "crashed: " + e);
            return Outcome.RETRY;
        } finally {
            running.remove(row.id());
            publishFinal(row.id());
        }
    }

    /** Publishes the stored state if it is final (after commit, so subscribers can read the result at once). */
    void publishFinal(UUID id) {
        repository.find(id).filter(BacktestRow::terminal).ifPresent(r -> {
            bus.publish(finalView(r));
            publishFinished(events, r);
        });
    }

    /** Tells other features (rankings, notifications) that a backtest ended; their failures never reach the run. */
    static void publishFinished(ApplicationEventPublisher events, BacktestRow r) {
        try {
            events.publishEvent(new BacktestFinished(r.id(), r.ownerId(), r.strategyId(), r.strategyVersion(),
                    r.name(), r.status(), r.error(), r.datasetId(), r.dataVersion(), r.cached(), r.totalReturnPct(),
                    r.cagrPct(), r.sharpe(), r.maxDrawdownPct(), r.finishedAt()));
        } catch (RuntimeException e) {
            log.warn("a listener of backtest {} failed: {}", r.id(), e.toString());
        }
    }

    static StatusView finalView(BacktestRow r) {
        return new StatusView(r.id(), r.status(), null, r.status().equals("COMPLETED") ? 100 : 0,
                r.status().toLowerCase(), null, 0L, null, r.createdAt(), r.startedAt(), r.finishedAt(), r.durationMs(),
                r.error(), r.engineVersion(), r.dataVersion(), r.cached(), true, Instant.now());
    }

    @Override
    public void deadLettered(QueuedJob job, int deliveries, String reason) {
        UUID id = UUID.fromString(job.id());
        String last = repository.find(id).map(BacktestRow::error).orElse(null);
        if (repository.failUnfinished(id, "gave up: " + reason + (last == null ? "" : "; last error: " + last),
                clock.instant())) {
            publishFinal(id);
        }
    }

    @Override
    public List<QueuedJob> recoverable() {
        return repository.pendingIds().stream().map(id -> new QueuedJob(KIND, id.toString())).toList();
    }

    private void publishProgress() {
        for (RunningJob job : running.values()) {
            try {
                bus.publish(job.view());
            } catch (RuntimeException e) {
                log.debug("progress publish failed: {}", e.toString());
            }
        }
    }

    private void heartbeats() {
        for (RunningJob job : running.values()) {
            try {
                if (repository.heartbeat(job.row.id(), job.token, clock.instant())) {
                    job.cancellation.cancel();
                }
            } catch (RuntimeException e) {
                log.warn("heartbeat of backtest {} failed: {}", job.row.id(), e.toString());
            }
        }
    }

    /** Safety net for jobs whose queue entry was lost with their worker: re-enqueued; the claim fences duplicates. */
    private void requeueAbandoned() {
        try {
            Instant stale = clock.instant().minus(queueProperties.idleTimeout().multipliedBy(3));
            for (UUID id : repository.staleRunning(stale)) {
                log.warn("backtest {} has had no heartbeat since before {}: re-enqueued", id, stale);
                queue.submit(new QueuedJob(KIND, id.toString()));
            }
        } catch (RuntimeException e) {
            log.warn("looking for abandoned backtests failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }

    /** A backtest running in this process. */
    private final class RunningJob implements ProgressListener {
        final BacktestRow row;
        final String token;
        final long startNanos;
        final Instant startedAt = clock.instant();
        final Cancellation cancellation = new Cancellation();
        volatile double fraction;
        volatile String phase = "loading";
        volatile String detail;
        volatile String dataVersion;

        RunningJob(BacktestRow row, String token, long startNanos) {
            this.row = row;
            this.token = token;
            this.startNanos = startNanos;
            this.dataVersion = row.dataVersion();
        }

        @Override
        public void progress(double f, String p, String d) {
            // overall progress: loading 0-5 %, factors 5-10 %, simulating 10-95 %, saving 99 %
            double overall = switch (p) {
                case "factors" -> 0.05 + 0.05 * f;
                case "simulating" -> 0.10 + 0.85 * f;
                default -> f;
            };
            fraction = Math.max(fraction, Math.min(0.99, overall));
            for (RunObserver o : observers) o.progress(row.id(), row.name(), f, p);
            phase = p;
            detail = d;
        }

        StatusView view() {
            double f = fraction;
            long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
            Long eta = f > 0.01 ? (long) (elapsedMs * (1 - f) / f) : null;
            return new StatusView(row.id(), "RUNNING", null, Math.round(f * 1000) / 10.0, phase,
                    phase.equals("simulating") ? detail : null, eta, null, row.createdAt(), startedAt, null, null,
                    null, EngineVersion.VERSION, dataVersion, false, false, Instant.now());
        }
    }
}
