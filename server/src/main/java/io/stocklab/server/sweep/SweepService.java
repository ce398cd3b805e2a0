package io.stocklab.server.sweep;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.EngineVersion;
import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.backtest.Backtester;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.Stats;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.sweep.Sweep;
import io.stocklab.server.backtest.BacktesterCache;
import io.stocklab.server.backtest.queue.JobHandler;
import io.stocklab.server.backtest.queue.JobQueue;
import io.stocklab.server.backtest.queue.QueuedJob;
import io.stocklab.server.marketdata.DatasetSnapshot;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.quota.QuotaService;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.strategy.SpecValidator;
import io.stocklab.server.strategy.StrategyService;
import io.stocklab.server.sweep.SweepRepository.SweepRow;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parameter sweeps: a base spec and parameter ranges (grid or random, up to 10,000 variants), an objective, and
 * optional walk-forward windows. The variants are split into chunks queued as separate jobs, so every worker takes
 * part; each chunk's outcomes are checkpointed in one row, so a redelivered chunk is not run again; the last chunk
 * ranks the variants.
 */
@Service
class SweepService implements JobHandler {
    static final String KIND = "sweep-chunk";
    static final Set<String> OBJECTIVES = Set.of("sharpe", "cagr", "calmar", "sortino", "totalReturn", "maxDrawdown");
    private static final Logger log = LoggerFactory.getLogger(SweepService.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final SweepRepository repository;
    private final SpecValidator validator;
    private final Datasets datasets;
    private final BacktesterCache engines;
    private final JobQueue queue;
    private final QuotaService quotas;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final StrategyService strategies;
    private final ApplicationEventPublisher events;

    SweepService(SweepRepository repository, SpecValidator validator, Datasets datasets, BacktesterCache engines,
                 JobQueue queue, QuotaService quotas, TransactionTemplate tx, Clock clock, StrategyService strategies,
                 ApplicationEventPublisher events) {
        this.repository = repository;
        this.validator = validator;
        this.datasets = datasets;
        this.engines = engines;
        this.queue = queue;
        this.quotas = quotas;
        this.tx = tx;
        this.clock = clock;
        this.strategies = strategies;
        this.events = events;
        queue.register(KIND, this);
    }

    record WalkForward(Integer inSampleMonths, Integer outOfSampleMonths, Integer stepMonths) {
    }

    record SweepRequest(String name, UUID strategyId, JsonNode spec, JsonNode parameters, String mode, Integer samples,
                        Long seed, String objective, WalkForward walkForward, Integer chunkSize) {
    }

    record SweepView(UUID id, String name, String status,
                     @Schema(description = "the swept strategy (null: a sweep of an inline spec)", nullable = true)
                     UUID strategyId,
                     @Schema(description = "the strategy version whose spec was swept", nullable = true)
                     Integer strategyVersion, String objective,
                     int variants, int chunks, int chunksDone, double percent, String datasetId, String dataVersion,
                     String engineVersion, Instant createdAt, Instant startedAt, Instant finishedAt, String error,
                     JsonNode summary) {
    }

    /** One day of the chained out-of-sample curve. */
    record CurvePoint(LocalDate date, double value) {
    }

    /** The chained out-of-sample curve of the walk-forward winners ({@code available} false: none, and why). */
    @Schema(description = "The walk-forward winners' out-of-sample runs chained into one equity curve")
    record OutOfSampleCurve(UUID sweepId, boolean available,
                            @Schema(description = "why there is no curve (when available is false)", nullable = true)
                            String reason,
                            @Schema(description = "first out-of-sample day of the first window", nullable = true)
                            LocalDate start,
                            @Schema(description = "last out-of-sample day of the last window", nullable = true)
                            LocalDate end,
                            @Schema(description = "the curve's starting value", nullable = true) Double initialCapital,
                            @Schema(description = "the curve's daily values, oldest first (empty when unavailable)")
                            List<CurvePoint> equity) {
    }

    SweepView submit(CurrentUser user, SweepRequest req) {
        if (req == null) throw ApiException.invalidField("spec", "a strategyId or a spec is required");
        JsonNode baseSpec;
        UUID strategyId = null;
        Integer strategyVersion = null;
        String defaultName = null;
        if (req.strategyId() != null) {
            if (req.spec() != null && !req.spec().isNull()) {
                throw ApiException.invalidField("spec", "give either strategyId or spec, not both");
            }
            StrategyService.RunnableStrategy s = strategies.forRun(user, req.strategyId(), null);
            baseSpec = s.spec();
            strategyId = s.id();
            strategyVersion = s.version();
            defaultName = "Sweep of " + s.name();
        } else {
            if (req.spec() == null || req.spec().isNull()) {
                throw ApiException.invalidField("spec", "a strategyId or a spec is required");
            }
            baseSpec = req.spec();
        }
        SpecValidator.Validation v = validator.require(baseSpec, "spec");
        String objective = req.objective() == null ? "sharpe" : req.objective();
        if (!OBJECTIVES.contains(objective)) {
            throw ApiException.invalidField("objective", "one of " + OBJECTIVES.stream().sorted().toList());
        }
        List<SweepPlan.Window> windows = List.of();
        if (req.walkForward() != null) {
            WalkForward wf = req.walkForward();
            if (wf.inSampleMonths() == null || wf.inSampleMonths() < 1 || wf.outOfSampleMonths() == null
                    || wf.outOfSampleMonths() < 1 || (wf.stepMonths() != null && wf.stepMonths() < 1)) {
                throw ApiException.invalidField("walkForward", "inSampleMonths and outOfSampleMonths >= 1,"
                        + " stepMonths >= 1 (default: outOfSampleMonths)");
            }
            LocalDate start = v.spec().period().start() == null || v.spec().period().start().isBefore(v.dataset().start())
                    ? v.dataset().start() : v.spec().period().start();
            LocalDate end = v.spec().period().end() == null || v.spec().period().end().isAfter(v.dataset().end())
                    ? v.dataset().end() : v.spec().period().end();
            windows = SweepPlan.windows(start, end, wf.inSampleMonths(), wf.outOfSampleMonths(),
                    wf.stepMonths() == null ? wf.outOfSampleMonths() : wf.stepMonths());
            if (windows.isEmpty()) {
                throw ApiException.invalidField("walkForward", "no window of " + wf.inSampleMonths() + "+"
                        + wf.outOfSampleMonths() + " months fits in " + start + ".." + end);
            }
        }
        SweepPlan plan = SweepPlan.of(baseSpec, req.parameters(), req.mode(), req.samples(), req.seed(), windows);
        // the first variant must be a valid spec (a later invalid one is reported as that variant's outcome)
        validator.require(plan.spec(plan.choice(0), null, null), "parameters");
        int runsPerVariant = windows.isEmpty() ? 1 : 2 * windows.size();
        int chunkSize = req.chunkSize() != null ? req.chunkSize() : Math.max(1, 40 / runsPerVariant);
        if (chunkSize < 1 || chunkSize > 1000) throw ApiException.invalidField("chunkSize", "between 1 and 1000");
        int chunks = (plan.variants() + chunkSize - 1) / chunkSize;
        quotas.consumeBacktest(user);

        ObjectNode stored = JSON.createObjectNode();
        stored.set("spec", baseSpec);
        stored.set("parameters", req.parameters());
        stored.put("mode", plan.random() ? "random" : "grid");
        if (req.samples() != null) stored.put("samples", req.samples());
        stored.put("seed", plan.seed());
        stored.put("chunkSize", chunkSize);
        ArrayNode ws = stored.putArray("windows");
        for (SweepPlan.Window w : windows) ws.add(JSON.valueToTree(w));
        Instant now = clock.instant();
        String name = req.name() == null || req.name().isBlank()
                ? (defaultName != null ? defaultName : "Sweep of " + v.spec().name()) : req.name().strip();
        SweepRow row = new SweepRow(UUID.randomUUID(), user.id(), name.length() > 200 ? name.substring(0, 200) : name,
                JSON.writeValueAsString(stored), v.dataset().id(), v.dataset().version(), EngineVersion.VERSION,
                objective, plan.variants(), chunks, "QUEUED", now, null, null, null, null, strategyId, strategyVersion);
        tx.executeWithoutResult(s -> repository.insert(row));
        for (int c = 0; c < chunks; c++) queue.submit(new QueuedJob(KIND, row.id() + ":" + c));
        return view(row);
    }

    SweepView get(CurrentUser user, UUID id) {
        return view(owned(user, id));
    }

    List<SweepView> mine(CurrentUser user) {
        return repository.byOwner(user.id(), 50).stream().map(this::view).toList();
    }

    /** Every variant's outcome, best first (variants that failed last, each with its reason). */
    JsonNode results(CurrentUser user, UUID id, int offset, int limit) {
        SweepRow row = owned(user, id);
        List<JsonNode> all = outcomes(row);
        ObjectNode out = JSON.createObjectNode();
        out.put("total", all.size());
        out.put("offset", offset);
        ArrayNode items = out.putArray("items");
        all.stream().skip(offset).limit(limit).forEach(items::add);
        return out;
    }

    SweepView cancel(CurrentUser user, UUID id) {
        SweepRow row = owned(user, id);
        if (row.terminal()) throw new ApiException(ProblemType.JOB_FINISHED, "Sweep " + id + " already finished.");
        if (repository.finish(id, "CANCELLED", null, null, clock.instant())) publishFinished(id);
        return view(repository.find(id).orElseThrow());
    }

    void delete(CurrentUser user, UUID id) {
        SweepRow row = owned(user, id);
        if (!row.terminal()) throw new ApiException(ProblemType.JOB_NOT_FINISHED, "Sweep " + id + " is " + row.status()
                + "; cancel it first.");
        tx.executeWithoutResult(s -> repository.delete(id));
        try {
            events.publishEvent(new SweepDeleted(id, row.ownerId(), row.strategyId()));
        } catch (RuntimeException e) {
            log.warn("a listener of deleted sweep {} failed: {}", id, e.toString());
        }
    }

    /** The chained out-of-sample curve of the walk-forward winners (docs/backtests-api.md). */
    OutOfSampleCurve outOfSample(CurrentUser user, UUID id) {
        SweepRow row = owned(user, id);
        JsonNode summary = row.summary() == null ? null : JSON.readTree(row.summary());
        JsonNode oos = summary == null ? null : summary.path("outOfSample");
        Optional<String> stored = repository.oosEquity(id);
        if (oos == null || !oos.isObject() || stored.isEmpty()) {
            String reason = !row.status().equals("COMPLETED") ? "the sweep is " + row.status()
                    : summary != null && summary.path("outOfSampleUnavailable").isString()
                    ? summary.path("outOfSampleUnavailable").asString() : "not a walk-forward sweep";
            return new OutOfSampleCurve(id, false, reason, null, null, null, List.of());
        }
        List<CurvePoint> points = curve(stored.get(), CurvePoint::new);
        return new OutOfSampleCurve(id, true, null, LocalDate.parse(oos.path("start").asString()),
                LocalDate.parse(oos.path("end").asString()), oos.path("initialCapital").asDouble(), points);
    }

    /** The chained out-of-sample equity as stored by {@link #walkForward}: [[date, value], ...], oldest first. */
    static <T> List<T> curve(String stored, java.util.function.BiFunction<LocalDate, Double, T> point) {
        List<T> points = new ArrayList<>();
        for (JsonNode p : JSON.readTree(stored)) {
            points.add(point.apply(LocalDate.parse(p.get(0).asString()), p.get(1).asDouble()));
        }
        return points;
    }

    private void publishFinished(UUID id) {
        try {
            repository.find(id).filter(SweepRow::terminal).ifPresent(r -> events.publishEvent(new SweepFinished(
                    r.id(), r.ownerId(), r.strategyId(), r.datasetId(), r.dataVersion(), r.finishedAt(), r.status())));
        } catch (RuntimeException e) {
            log.warn("a listener of sweep {} failed: {}", id, e.toString());
        }
    }

    private SweepRow owned(CurrentUser user, UUID id) {
        return repository.find(id).filter(r -> r.ownerId().equals(user.id()) || user.isAdmin())
                .orElseThrow(() -> ApiException.notFound("sweep " + id + " not found"));
    }

    private SweepView view(SweepRow r) {
        int done = repository.countDone(r.id());
        return new SweepView(r.id(), r.name(), r.status(), r.strategyId(), r.strategyVersion(), r.objective(),
                r.variants(), r.chunks(), done,
                r.status().equals("COMPLETED") ? 100 : Math.round(1000.0 * done / Math.max(1, r.chunks())) / 10.0,
                r.datasetId(), r.dataVersion(), r.engineVersion(), r.createdAt(), r.startedAt(), r.finishedAt(),
                r.error(), r.summary() == null ? null : JSON.readTree(r.summary()));
    }

    // ---- running chunks ----------------------------------------------------------------------------------------

    @Override
    public Outcome handle(QueuedJob job) {
        String[] parts = job.id().split(":");
        UUID id;
        int chunk;
        try {
            id = UUID.fromString(parts[0]);
            chunk = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return Outcome.DONE;
        }
        SweepRow row = repository.find(id).orElse(null);
        if (row == null || row.terminal()) return Outcome.DONE;
        SweepRepository.ChunkRow c = repository.chunk(id, chunk).orElse(null);
        if (c == null) return Outcome.DONE;
        if (c.status().equals("DONE")) {
            maybeFinish(id);
            return Outcome.DONE;
        }
        repository.startAttempt(id, chunk, "pid-" + ProcessHandle.current().pid(), clock.instant());
        JsonNode stored = JSON.readTree(row.request());
        SweepPlan plan = plan(stored);
        int size = stored.path("chunkSize").asInt();
        int from = chunk * size;
        int to = Math.min(row.variants(), from + size);
        DatasetSnapshot snapshot = datasets.snapshot(row.datasetId());
        Backtester engine = engines.get(snapshot);
        Cancellation cancellation = new Cancellation();
        ArrayNode outcomes = JSON.createArrayNode();
        for (int i = from; i < to; i++) {
            if ((i - from) % 5 == 0 && repository.find(id).map(SweepRow::terminal).orElse(true)) {
                return Outcome.DONE; // cancelled
            }
            outcomes.add(runVariant(plan, i, engine, row.objective(), cancellation));
        }
        repository.checkpoint(id, chunk, JSON.writeValueAsString(outcomes), clock.instant());
        maybeFinish(id);
        return Outcome.DONE;
    }

    private static SweepPlan plan(JsonNode stored) {
        List<SweepPlan.Window> windows = new ArrayList<>();
        for (JsonNode w : stored.path("windows")) windows.add(JSON.treeToValue(w, SweepPlan.Window.class));
        return SweepPlan.of(stored.get("spec"), stored.get("parameters"), stored.path("mode").asString(),
                stored.has("samples") ? stored.get("samples").asInt() : null, stored.path("seed").asLong(), windows);
    }

    private ObjectNode runVariant(SweepPlan plan, int index, Backtester engine, String objective, Cancellation c) {
        Map<String, JsonNode> chosen = plan.choice(index);
        ObjectNode out = JSON.createObjectNode();
        out.put("index", index);
        out.put("label", SweepPlan.label(chosen));
        ObjectNode params = out.putObject("parameters");
        chosen.forEach(params::set);
        try {
            List<Sweep.Variant> runs = new ArrayList<>();
            if (plan.windows().isEmpty()) {
                runs.add(new Sweep.Variant("full", SpecReader.read(plan.spec(chosen, null, null), SpecValidator.library())));
            } else {
                for (SweepPlan.Window w : plan.windows()) {
                    runs.add(new Sweep.Variant("in", SpecReader.read(plan.spec(chosen, w.inStart(), w.inEnd()),
                            SpecValidator.library())));
                    runs.add(new Sweep.Variant("out", SpecReader.read(plan.spec(chosen, w.outStart(), w.outEnd()),
                            SpecValidator.library())));
                }
            }
            List<Sweep.Outcome> results = Sweep.run(engine, runs, 1, ProgressListener.NONE, c);
            for (Sweep.Outcome r : results) {
                if (!r.ok()) throw new IllegalArgumentException(r.error());
            }
            if (plan.windows().isEmpty()) {
                Stats s = results.getFirst().result().stats();
                out.set("objective", num(objective(s, objective)));
                out.set("stats", JSON.valueToTree(s));
            } else {
                ArrayNode ws = out.putArray("windows");
                double inSum = 0, outSum = 0;
                int inN = 0, outN = 0;
                for (int w = 0; w < plan.windows().size(); w++) {
                    Double in = objective(results.get(2 * w).result().stats(), objective);
                    Double oos = objective(results.get(2 * w + 1).result().stats(), objective);
                    ObjectNode wn = ws.addObject();
                    wn.set("inSample", num(in));
                    wn.set("outOfSample", num(oos));
                    if (in != null) {
                        inSum += in;
                        inN++;
                    }
                    if (oos != null) {
                        outSum += oos;
                        outN++;
                    }
                }
                out.set("objective", num(inN == 0 ? null : inSum / inN));
                out.set("outOfSampleObjective", num(outN == 0 ? null : outSum / outN));
            }
        } catch (Cancellation.CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            out.putNull("objective");
            out.put("error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return out;
    }

    private static JsonNode num(Double v) {
        return v == null || !Double.isFinite(v) ? JSON.nullNode() : JSON.getNodeFactory().numberNode(v);
    }

    static Double objective(Stats s, String objective) {
        return switch (objective) {
            case "sharpe" -> s.sharpe();
            case "sortino" -> s.sortino();
            case "calmar" -> s.calmar();
            case "cagr" -> s.cagrPct();
            case "totalReturn" -> s.totalReturnPct();
            case "maxDrawdown" -> -s.maxDrawdownPct();
            default -> throw new IllegalArgumentException("objective " + objective);
        };
    }

    private List<JsonNode> outcomes(SweepRow row) {
        List<JsonNode> all = new ArrayList<>();
        for (SweepRepository.ChunkRow c : repository.doneChunks(row.id())) {
            if (c.outcomes() != null) JSON.readTree(c.outcomes()).forEach(all::add);
        }
        all.sort(Comparator.comparing((JsonNode n) -> n.path("objective").isNumber() ? 0 : 1)
                .thenComparing(n -> -n.path("objective").asDouble(0))
                .thenComparing(n -> n.path("index").asInt()));
        return all;
    }

    /** When every chunk is checkpointed: rank, summarize (best variant in and out of sample), complete. */
    private void maybeFinish(UUID id) {
        SweepRow row = repository.find(id).orElse(null);
        if (row == null || row.terminal() || repository.countDone(id) < row.chunks()) return;
        List<JsonNode> ranked = outcomes(row);
        ObjectNode summary = JSON.createObjectNode();
        summary.put("objective", row.objective());
        summary.put("variants", ranked.size());
        summary.put("failed", ranked.stream().filter(n -> n.has("error")).count());
        if (!ranked.isEmpty() && ranked.getFirst().path("objective").isNumber()) {
            JsonNode best = ranked.getFirst();
            summary.set("best", best);
            if (best.has("outOfSampleObjective")) {
                summary.set("bestInSample", best.get("objective"));
                summary.set("bestOutOfSample", best.get("outOfSampleObjective"));
            }
        }
        ArrayNode top = summary.putArray("top");
        ranked.stream().limit(20).forEach(top::add);
        String oosEquity = null;
        SweepPlan plan = plan(JSON.readTree(row.request()));
        if (!plan.windows().isEmpty()) oosEquity = walkForward(row, plan, ranked, summary);
        if (repository.finish(id, "COMPLETED", JSON.writeValueAsString(summary), oosEquity, null, clock.instant())) {
            log.info("sweep {} completed: {} variants", id, ranked.size());
            publishFinished(id);
        }
    }

    /**
     * The true walk-forward result: each window's winner by in-sample objective, its out-of-sample run re-run to get
     * daily equity, the runs chained (see {@link WalkForwardChain}). Writes {@code walkForward} and
     * {@code outOfSample} (or {@code outOfSampleUnavailable}) into the summary; answers the chained equity as JSON
     * (null when there is none).
     */
    private String walkForward(SweepRow row, SweepPlan plan, List<JsonNode> outcomes, ObjectNode summary) {
        List<SweepPlan.Window> windows = plan.windows();
        List<WalkForwardChain.Winner> winners = WalkForwardChain.winners(outcomes, windows.size());
        ArrayNode wf = summary.putArray("walkForward");
        for (int w = 0; w < windows.size(); w++) {
            SweepPlan.Window win = windows.get(w);
            WalkForwardChain.Winner winner = winners.get(w);
            ObjectNode n = wf.addObject();
            n.put("inStart", win.inStart().toString());
            n.put("inEnd", win.inEnd().toString());
            n.put("outStart", win.outStart().toString());
            n.put("outEnd", win.outEnd().toString());
            if (winner == null) {
                n.putNull("winnerIndex");
                n.putNull("winnerLabel");
                n.putNull("inSample");
                n.putNull("outOfSample");
            } else {
                n.put("winnerIndex", winner.index());
                n.put("winnerLabel", winner.label());
                n.set("inSample", num(winner.inSample()));
                n.set("outOfSample", num(winner.outOfSample()));
            }
        }
        String why = WalkForwardChain.unchainable(windows, winners);
        if (why == null) {
            try {
                Backtester engine = engines.get(datasets.snapshot(row.datasetId()));
                List<Sweep.Variant> runs = new ArrayList<>();
                for (int w = 0; w < windows.size(); w++) {
                    SweepPlan.Window win = windows.get(w);
                    runs.add(new Sweep.Variant("oos-" + w, SpecReader.read(plan.spec(
                            plan.choice(winners.get(w).index()), win.outStart(), win.outEnd()), SpecValidator.library())));
                }
                List<WalkForwardChain.Segment> segments = new ArrayList<>();
                for (Sweep.Outcome o : Sweep.run(engine, runs, 1, ProgressListener.NONE, new Cancellation())) {
                    if (!o.ok()) throw new IllegalArgumentException(o.error());
                    BacktestResult r = o.result();
                    List<LocalDate> dates = new ArrayList<>();
                    for (int t = 0; t < r.days(); t++) dates.add(r.date(t));
                    segments.add(new WalkForwardChain.Segment(r.spec().initialCapital(), dates, r.equitySeries()));
                }
                Optional<WalkForwardChain.Chained> chained = WalkForwardChain.chain(segments);
                if (chained.isEmpty()) {
                    why = "a winner's out-of-sample run has no trading days";
                } else {
                    WalkForwardChain.Figures f = WalkForwardChain.figures(chained.get(), windows.getFirst().outStart(),
                            windows.getLast().outEnd());
                    ObjectNode o = summary.putObject("outOfSample");
                    o.put("start", f.start().toString());
                    o.put("end", f.end().toString());
                    o.put("days", f.days());
                    o.put("initialCapital", chained.get().initialCapital());
                    o.set("totalReturnPct", num(f.totalReturnPct()));
                    o.set("cagrPct", num(f.cagrPct()));
                    o.set("sharpe", num(f.sharpe()));
                    o.set("calmar", num(f.calmar()));
                    o.set("maxDrawdownPct", num(f.maxDrawdownPct()));
                    ArrayNode eq = JSON.createArrayNode();
                    for (WalkForwardChain.Point p : chained.get().points()) {
                        eq.addArray().add(p.date().toString()).add(p.value());
                    }
                    return JSON.writeValueAsString(eq);
                }
            } catch (RuntimeException e) {
                log.warn("sweep {}: out-of-sample re-run failed: {}", row.id(), e.toString());
                why = "re-running the winners out of sample failed: "
                        + (e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        summary.putNull("outOfSample");
        summary.put("outOfSampleUnavailable", why);
        return null;
    }

    @Override
    public void deadLettered(QueuedJob job, int deliveries, String reason) {
        try {
            UUID id = UUID.fromString(job.id().split(":")[0]);
            if (repository.finish(id, "FAILED", null, "chunk " + job.id() + ": " + reason, clock.instant())) {
                publishFinished(id);
            }
        } catch (RuntimeException e) {
            log.warn("could not fail sweep of {}: {}", job, e.toString());
        }
    }

    @Override
    public List<QueuedJob> recoverable() {
        return repository.pendingChunks().stream().map(p -> new QueuedJob(KIND, p[0] + ":" + p[1])).toList();
    }
}
