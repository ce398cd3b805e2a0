package io.stocklab.server.backtest;

import io.stocklab.engine.EngineVersion;
import io.stocklab.server.backtest.BacktestDtos.BacktestView;
import io.stocklab.server.backtest.BacktestDtos.CompareItem;
import io.stocklab.server.backtest.BacktestDtos.CompareResponse;
import io.stocklab.server.backtest.BacktestDtos.HistoryPage;
import io.stocklab.server.backtest.BacktestDtos.SubmitRequest;
import io.stocklab.server.backtest.queue.JobQueue;
import io.stocklab.server.backtest.queue.QueuedJob;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.FieldProblem;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.quota.QuotaService;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.strategy.SpecValidator;
import io.stocklab.server.strategy.StrategyService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Submitting, reading, cancelling, deleting and comparing backtests. */
@Service
class BacktestService {
    private static final Logger log = LoggerFactory.getLogger(BacktestService.class);
    /** The owner of system runs (template cache warming). */
    static final UUID SYSTEM = new UUID(0, 0);

    private final BacktestRepository repository;
    private final SpecValidator validator;
    private final StrategyService strategies;
    private final QuotaService quotas;
    private final JobQueue queue;
    private final ProgressBus bus;
    private final BacktestRunner runner;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final BacktestProperties properties;
    private final ApplicationEventPublisher events;

    BacktestService(BacktestRepository repository, SpecValidator validator, StrategyService strategies,
                    QuotaService quotas, JobQueue queue, ProgressBus bus, BacktestRunner runner, TransactionTemplate tx,
                    Clock clock, BacktestProperties properties, ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.validator = validator;
        this.strategies = strategies;
        this.quotas = quotas;
        this.queue = queue;
        this.bus = bus;
        this.runner = runner;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** What a submission answered: the state, and whether it came from the result cache. */
    record Submitted(StatusView state, boolean cached) {
    }

    Submitted submit(CurrentUser user, SubmitRequest req) {
        if (req == null) throw ApiException.invalidField("spec", "a strategyId or a spec is required");
        JsonNode spec;
        UUID strategyId = null;
        Integer strategyVersion = null;
        String name = req.name();
        if (req.strategyId() != null) {
            if (req.spec() != null) {
                throw ApiException.invalidField("spec", "give either strategyId or spec, not both");
            }
            StrategyService.RunnableStrategy s = strategies.forRun(user, req.strategyId(), req.strategyVersion());
            spec = s.spec();
            strategyId = s.id();
            strategyVersion = s.version();
            if (name == null) name = s.name();
        } else {
            if (req.strategyVersion() != null) {
                throw ApiException.invalidField("strategyVersion", "only with strategyId");
            }
            spec = req.spec();
        }
        return submit(user.id(), spec, strategyId, strategyVersion, name, () -> quotas.consumeBacktest(user));
    }

    Submitted submit(UUID owner, JsonNode spec, UUID strategyId, Integer strategyVersion, String name,
                     Runnable quota) {
        SpecValidator.Validation v = validator.require(spec, "spec");
        String datasetId = v.dataset().id();
        String dataVersion = v.dataset().version();
        String hash = ConfigHash.of(v.spec(), datasetId, dataVersion, EngineVersion.VERSION);
        String runName = name == null || name.isBlank() ? v.spec().name() : name.strip();
        if (runName.length() > 200) runName = runName.substring(0, 200);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String specJson = BacktestRunner.JSON.writeValueAsString(spec);

        var hit = repository.completedByHash(hash);
        if (hit.isPresent()) {
            BacktestRow src = hit.get();
            BacktestRow row = new BacktestRow(id, owner, strategyId, strategyVersion, runName, specJson, datasetId,
                    src.dataVersion(), src.engineVersion(), hash, "COMPLETED", true, now, now, now, null, 0L, 0, null,
                    null, false, null, src.totalReturnPct(), src.cagrPct(), src.sharpe(), src.maxDrawdownPct(),
                    src.stats(), src.warnings());
            tx.executeWithoutResult(s -> {
                repository.insert(row);
                repository.copyRows(src.id(), id);
            });
            BacktestRunner.publishFinished(events, row);
            return new Submitted(BacktestRunner.finalView(row), true);
        }
        quota.run();
        BacktestRow row = new BacktestRow(id, owner, strategyId, strategyVersion, runName, specJson, datasetId,
                dataVersion, EngineVersion.VERSION, hash, "QUEUED", false, now, null, null, null, null, 0, null, null,
                false, null, null, null, null, null, null, null);
        repository.insert(row);
        try {
            queue.submit(new QueuedJob(BacktestRunner.KIND, id.toString()));
        } catch (RuntimeException e) {
            log.error("could not enqueue backtest {}: {}", id, e.toString());
            repository.failUnfinished(id, "the job queue is unavailable", clock.instant());
            throw new ApiException(ProblemType.UNAVAILABLE, "The job queue is unavailable; try again shortly.",
                    List.of(), Map.of("Retry-After", "5"));
        }
        return new Submitted(queuedView(row), false);
    }

    private StatusView queuedView(BacktestRow row) {
        // a worker may already have picked the job up between the enqueue and this count: it is first in line then
        int position = Math.max(1, repository.queuePosition(row.createdAt()));
        Long avg = repository.averageDurationMs(row.datasetId());
        long estimate = avg == null ? properties.defaultEstimate().toMillis() : avg;
        int workers = Math.max(1, Math.min(properties.maxRunning(), Math.max(1, queue.running() + 1)));
        long wait = (long) Math.max(0, position - 1) * estimate / workers;
        return new StatusView(row.id(), "QUEUED", position, 0, "queued", null, wait + estimate, estimate,
                row.createdAt(), null, null, null, null, row.engineVersion(), row.dataVersion(), false, false,
                clock.instant());
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    BacktestRow readable(CurrentUser user, UUID id) {
        BacktestRow row = repository.find(id).orElseThrow(() -> notFound(id));
        if (row.ownerId().equals(user.id()) || user.isAdmin()) return row;
        if (row.strategyId() != null && strategies.sharing(row.strategyId())
                .map(StrategyService.Sharing::isPublic).orElse(false)) {
            return row;
        }
        throw notFound(id);
    }

    private BacktestRow writable(CurrentUser user, UUID id) {
        BacktestRow row = repository.find(id).orElseThrow(() -> notFound(id));
        if (!row.ownerId().equals(user.id()) && !user.isAdmin()) {
            readable(user, id);
            throw new ApiException(ProblemType.FORBIDDEN, "Only the owner can change backtest " + id + ".");
        }
        return row;
    }

    BacktestRow completed(CurrentUser user, UUID id) {
        BacktestRow row = readable(user, id);
        if (!row.status().equals("COMPLETED")) {
            throw new ApiException(ProblemType.RESULT_NOT_AVAILABLE, "Backtest " + id + " is " + row.status()
                    + "; results exist only for COMPLETED backtests.");
        }
        return row;
    }

    BacktestView view(CurrentUser user, BacktestRow r, boolean withSpec) {
        boolean mine = r.ownerId().equals(user.id());
        boolean hidden = !mine && !user.isAdmin() && r.strategyId() != null
                && strategies.sharing(r.strategyId()).map(StrategyService.Sharing::hideDetails).orElse(true);
        List<String> warnings = r.warnings() == null ? null
                : List.of(BacktestRunner.JSON.readValue(r.warnings(), String[].class));
        return new BacktestView(r.id(), r.name(), r.status(), mine, r.strategyId(), r.strategyVersion(), r.datasetId(),
                r.dataVersion(), r.engineVersion(), r.configHash(), r.cached(), r.createdAt(), r.startedAt(),
                r.finishedAt(), r.durationMs(), r.attempts(), r.error(),
                r.stats() == null ? null : BacktestRunner.JSON.readTree(r.stats()), warnings,
                withSpec && !hidden ? BacktestRunner.JSON.readTree(r.spec()) : null);
    }

    /** The current state: the stored row, with the latest progress while running. */
    StatusView state(UUID id) {
        BacktestRow row = repository.find(id).orElseThrow(() -> notFound(id));
        if (row.terminal()) return BacktestRunner.finalView(row);
        if (row.status().equals("QUEUED")) return queuedView(row);
        return bus.latest(id).filter(s -> !s.terminal()).orElseGet(() -> new StatusView(row.id(), "RUNNING", null, 0,
                "loading", null, null, null, row.createdAt(), row.startedAt(), null, null, null,
                row.engineVersion(), row.dataVersion(), false, false, clock.instant()));
    }

    // ---- changing ----------------------------------------------------------------------------------------------

    StatusView cancel(CurrentUser user, UUID id) {
        BacktestRow row = writable(user, id);
        if (row.terminal()) {
            throw new ApiException(ProblemType.JOB_FINISHED, "Backtest " + id + " already finished (" + row.status()
                    + ").");
        }
        if (repository.cancelQueued(id, clock.instant())) {
            runner.publishFinal(id);
        } else if (repository.requestCancel(id)) {
            runner.cancelLocally(id);
            // a job whose worker is gone is cancelled now rather than when its entry is taken over
            Instant stale = clock.instant().minus(properties.heartbeatInterval().multipliedBy(10));
            if (repository.cancelAbandoned(id, clock.instant(), stale)) runner.publishFinal(id);
        }
        return state(id);
    }

    void delete(CurrentUser user, UUID id) {
        BacktestRow row = writable(user, id);
        if (!row.terminal()) {
            throw new ApiException(ProblemType.JOB_NOT_FINISHED, "Backtest " + id + " is " + row.status()
                    + "; cancel it first.");
        }
        tx.executeWithoutResult(s -> repository.delete(id));
        try {
            events.publishEvent(new BacktestDeleted(id, row.ownerId(), row.strategyId()));
        } catch (RuntimeException e) {
            log.warn("a listener of the deletion of backtest {} failed: {}", id, e.toString());
        }
    }

    // ---- compare and history -----------------------------------------------------------------------------------

    CompareResponse compare(CurrentUser user, List<UUID> ids) {
        if (ids == null || ids.size() < 2 || ids.size() > 5) {
            throw ApiException.invalidField("ids", "give 2 to 5 backtest ids");
        }
        Set<UUID> distinct = new LinkedHashSet<>(ids);
        if (distinct.size() != ids.size()) throw ApiException.invalidField("ids", "the ids must be distinct");
        List<BacktestRow> rows = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            BacktestRow r = readable(user, ids.get(i));
            if (!r.status().equals("COMPLETED")) {
                problems.add(new FieldProblem("ids[" + i + "]", "backtest " + r.id() + " is " + r.status()
                        + ", not COMPLETED"));
            }
            rows.add(r);
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ProblemType.RESULT_NOT_AVAILABLE, "Only COMPLETED backtests can be compared.",
                    problems, Map.of());
        }
        List<Map<LocalDate, Double>> curves = new ArrayList<>();
        Set<LocalDate> common = null;
        for (BacktestRow r : rows) {
            Map<LocalDate, Double> curve = new java.util.TreeMap<>();
            repository.equity(r.id()).forEach(p -> curve.put(p.date(), p.equity()));
            curves.add(curve);
            common = common == null ? new HashSet<>(curve.keySet()) : common;
            common.retainAll(curve.keySet());
        }
        List<LocalDate> dates = common.stream().sorted().toList();
        List<List<Double>> normalized = new ArrayList<>();
        List<double[]> returns = new ArrayList<>();
        for (Map<LocalDate, Double> curve : curves) {
            List<Double> values = new ArrayList<>(dates.size());
            double base = dates.isEmpty() ? 1 : curve.get(dates.getFirst());
            double[] ret = new double[Math.max(0, dates.size() - 1)];
            for (int t = 0; t < dates.size(); t++) {
                double e = curve.get(dates.get(t));
                values.add(e / base * 100);
                if (t > 0) ret[t - 1] = e / curve.get(dates.get(t - 1)) - 1;
            }
            normalized.add(values);
            returns.add(ret);
        }
        List<List<Double>> correlation = new ArrayList<>();
        for (double[] a : returns) {
            List<Double> row = new ArrayList<>();
            for (double[] b : returns) row.add(correlation(a, b));
            correlation.add(row);
        }
        List<CompareItem> items = rows.stream().map(r -> new CompareItem(r.id(), r.name(),
                r.stats() == null ? null : BacktestRunner.JSON.readTree(r.stats()))).toList();
        return new CompareResponse(items, dates, normalized, correlation);
    }

    /** Pearson correlation; null when undefined (fewer than two points or a constant series). */
    static Double correlation(double[] a, double[] b) {
        int n = a.length;
        if (n < 2) return null;
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < n; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        if (va == 0 || vb == 0) return null;
        return Math.max(-1, Math.min(1, cov / Math.sqrt(va * vb)));
    }

    HistoryPage history(CurrentUser user, String status, UUID strategyId, LocalDate from, LocalDate to, String sort,
                        String cursor, int limit) {
        String s = sort == null ? "created" : sort;
        if (!Set.of("created", "return", "sharpe").contains(s)) {
            throw ApiException.invalidField("sort", "one of created, return, sharpe");
        }
        String st = status == null ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (st != null && !Set.of("QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED").contains(st)) {
            throw ApiException.invalidField("status", "one of QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED");
        }
        if (limit < 1 || limit > 100) throw ApiException.invalidField("limit", "must be between 1 and 100");
        Double cv = null;
        Instant cc = null;
        UUID cid = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                if (!parts[0].equals(s)) throw new IllegalArgumentException("sort changed");
                cv = parts[1].isEmpty() ? null : Double.valueOf(parts[1]);
                cc = Instant.parse(parts[2]);
                cid = UUID.fromString(parts[3]);
            } catch (RuntimeException e) {
                throw ApiException.invalidField("cursor", "not a cursor of this list (sort " + s + ")");
            }
        }
        Instant fromI = from == null ? null : from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant toI = to == null ? null : to.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        List<BacktestRow> rows = repository.history(user.id(), st, strategyId, fromI, toI, s, cv, cc, cid, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            BacktestRow last = rows.getLast();
            Double key = switch (s) {
                case "return" -> last.totalReturnPct() == null ? -1.0E300 : last.totalReturnPct();
                case "sharpe" -> last.sharpe() == null ? -1.0E300 : last.sharpe();
                default -> null;
            };
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((s + "|" + (key == null ? "" : key) + "|"
                    + last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new HistoryPage(rows.stream().map(r -> view(user, r, false)).toList(), next);
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("backtest " + id + " not found");
    }
}
