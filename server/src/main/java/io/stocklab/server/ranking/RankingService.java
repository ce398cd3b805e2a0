package io.stocklab.server.ranking;

import io.stocklab.server.account.AccountDirectory;
import io.stocklab.server.backtest.BacktestDeleted;
import io.stocklab.server.backtest.BacktestFinished;
import io.stocklab.server.backtest.BacktestLookup;
import io.stocklab.server.marketdata.DatasetInfo;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.ranking.RankingRepository.RunRow;
import io.stocklab.server.ranking.RankingRepository.StrategyRow;
import io.stocklab.server.strategy.StrategyChanged;
import io.stocklab.server.strategy.StrategyService;
import io.stocklab.server.sweep.SweepDeleted;
import io.stocklab.server.sweep.SweepFinished;
import io.stocklab.server.sweep.SweepLookup;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the leaderboards: PostgreSQL/H2 ({@code ranking_*} tables) is the source of truth, written from backtest and
 * strategy events; the {@link BoardStore} (Redis in prod) is derived from it, one strategy at a time, or rebuilt
 * whole (on demand, and when the store lost its boards). Every write to the boards happens while holding the
 * {@code ranking_state} row lock, and always derives the strategy's entries from the tables as they are then, so
 * writers on several instances (API nodes, workers) cannot leave a stale entry behind. Event handling runs on one
 * background thread per instance, so the publisher (a backtest worker) is never slowed down or failed by it.
 */
@Service
class RankingService implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RankingService.class);
    static final UUID SYSTEM = new UUID(0, 0);

    private final RankingRepository repository;
    private final BoardStore store;
    private final BacktestLookup backtests;
    private final SweepLookup sweeps;
    private final StrategyService strategies;
    private final AccountDirectory accounts;
    private final Datasets datasets;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("rankings").factory());
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean dirty;

    RankingService(RankingRepository repository, BoardStore store, BacktestLookup backtests, SweepLookup sweeps,
                   StrategyService strategies, AccountDirectory accounts, Datasets datasets, TransactionTemplate tx,
                   Clock clock) {
        this.repository = repository;
        this.store = store;
        this.backtests = backtests;
        this.sweeps = sweeps;
        this.strategies = strategies;
        this.accounts = accounts;
        this.datasets = datasets;
        this.tx = tx;
        this.clock = clock;
    }

    // ---- events (never throw back into the publisher) ------------------------------------------------------------

    @EventListener
    void on(BacktestFinished e) {
        if (!e.completed() || e.strategyId() == null || SYSTEM.equals(e.ownerId())) return;
        submit("backtest " + e.backtestId(), () -> ingest(e.backtestId(), e.strategyId(), e.ownerId()));
    }

    @EventListener
    void on(BacktestDeleted e) {
        if (e.strategyId() == null || SYSTEM.equals(e.ownerId())) return;
        submit("deleted backtest " + e.backtestId(), () -> {
            tx.executeWithoutResult(s -> repository.deleteRuns(e.backtestId()));
            resync(e.strategyId(), e.ownerId());
        });
    }

    @EventListener
    void on(SweepFinished e) {
        if (!e.completed() || e.strategyId() == null || SYSTEM.equals(e.ownerId())) return;
        submit("sweep " + e.sweepId(), () -> ingestSweep(e.sweepId(), e.strategyId(), e.ownerId()));
    }

    @EventListener
    void on(SweepDeleted e) {
        if (e.strategyId() == null || SYSTEM.equals(e.ownerId())) return;
        submit("deleted sweep " + e.sweepId(), () -> {
            tx.executeWithoutResult(s -> repository.deleteSweep(e.sweepId()));
            resync(e.strategyId(), e.ownerId());
        });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StrategyChanged e) {
        submit("strategy " + e.strategyId(), () -> {
            if (e.kind() == StrategyChanged.Kind.DELETED) {
                tx.executeWithoutResult(s -> repository.deleteStrategy(e.strategyId()));
            } else {
                // visibility from the strategy service (the truth now), not from the event (which may be stale)
                Optional<StrategyService.Sharing> sharing = strategies.sharing(e.strategyId());
                if (sharing.isEmpty()) {
                    tx.executeWithoutResult(s -> repository.deleteStrategy(e.strategyId()));
                } else {
                    tx.executeWithoutResult(s -> repository.saveStrategy(new StrategyRow(e.strategyId(), e.ownerId(),
                            e.name(), sharing.get().isPublic(), e.anonymous()), clock.instant()));
                }
            }
            resync(e.strategyId(), e.ownerId());
        });
    }

    private void submit(String what, Runnable task) {
        pending.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException ex) {
                    dirty = true;   // the periodic check rebuilds the boards from the tables
                    log.warn("rankings: handling {} failed: {}", what, ex.toString());
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RuntimeException ex) {
            pending.decrementAndGet();
            dirty = true;
            log.warn("rankings: could not queue {}: {}", what, ex.toString());
        }
    }

    /** Waits until the events received so far are handled (tests, benchmark); false on timeout. */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (pending.get() > 0) {
            if (System.currentTimeMillis() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Rebuilds the boards when the store lost them (Redis flushed or restarted without persistence). */
    @Scheduled(fixedDelayString = "${stocklab.rankings.check-interval:PT30S}",
            initialDelayString = "${stocklab.rankings.check-interval:PT30S}")
    void periodicCheck() {
        try {
            ensureBuilt();
        } catch (RuntimeException e) {
            log.warn("rankings: check failed: {}", e.toString());
        }
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    /** Records a completed backtest's eligible periods, then refreshes its strategy's entries. */
    void ingest(UUID backtestId, UUID strategyId, UUID ownerId) {
        Optional<BacktestLookup.Summary> found = backtests.summary(backtestId);
        if (found.isEmpty() || !"COMPLETED".equals(found.get().status())) return;
        BacktestLookup.Summary summary = found.get();
        Optional<StrategyService.Sharing> sharing = strategies.sharing(strategyId);
        if (sharing.isEmpty()) {
            tx.executeWithoutResult(s -> repository.deleteStrategy(strategyId));
            resync(strategyId, ownerId);
            return;
        }
        List<RunRow> rows = evaluate(summary);
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            StrategyRow known = repository.strategy(strategyId).orElse(null);
            // a strategy not seen yet (made before rankings existed): anonymous until its next change, to be safe
            StrategyRow row = known != null
                    ? new StrategyRow(strategyId, known.ownerId(), known.name(), sharing.get().isPublic(),
                    known.anonymous())
                    : new StrategyRow(strategyId, sharing.get().ownerId(), name(summary), sharing.get().isPublic(),
                    true);
            repository.saveStrategy(row, now);
            repository.deleteRuns(backtestId);
            rows.forEach(repository::insertRun);
        });
        if (backtests.summary(backtestId).isEmpty()) {
            tx.executeWithoutResult(s -> repository.deleteRuns(backtestId));   // deleted meanwhile
        }
        resync(strategyId, ownerId);
    }

    /** Records a completed sweep's out-of-sample result if eligible, then refreshes its strategy's entries. */
    void ingestSweep(UUID sweepId, UUID strategyId, UUID ownerId) {
        Optional<SweepLookup.OosResult> found = sweeps.outOfSample(sweepId);
        Optional<StrategyService.Sharing> sharing = strategies.sharing(strategyId);
        if (sharing.isEmpty()) {
            tx.executeWithoutResult(s -> repository.deleteStrategy(strategyId));
            resync(strategyId, ownerId);
            return;
        }
        recordSweep(sweepId, strategyId, sharing.get(), found.flatMap(this::evaluateSweep));
        if (sweeps.outOfSample(sweepId).isEmpty()) {
            tx.executeWithoutResult(s -> repository.deleteSweep(sweepId));   // deleted meanwhile
        }
        resync(strategyId, ownerId);
    }

    /** Replaces the sweep's row by {@code row} (none: not eligible), recording its strategy if not seen yet. */
    private void recordSweep(UUID sweepId, UUID strategyId, StrategyService.Sharing sharing, Optional<RunRow> row) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            if (repository.strategy(strategyId).isEmpty()) {
                // a strategy not seen yet: named and shared as its profile says
                StrategyService.Profile p = strategies.profile(strategyId).orElse(null);
                String name = p == null ? "Strategy " + strategyId : p.name();
                repository.saveStrategy(new StrategyRow(strategyId, sharing.ownerId(),
                        name.length() > 200 ? name.substring(0, 200) : name, sharing.isPublic(),
                        p == null || p.anonymous()), now);
            }
            repository.deleteSweep(sweepId);
            row.ifPresent(repository::insertSweep);
        });
    }

    /** The sweep's {@code oos} row if its chained curve is eligible (docs/rankings.md). */
    Optional<RunRow> evaluateSweep(SweepLookup.OosResult r) {
        Optional<DatasetInfo> ds = datasets.find(r.datasetId()).filter(d -> d.version().equals(r.dataVersion()));
        if (ds.isEmpty() || r.finishedAt() == null) return Optional.empty();
        List<WindowMetrics.Point> equity = r.equity().stream()
                .map(p -> new WindowMetrics.Point(p.date(), p.equity())).toList();
        return WindowMetrics.outOfSample(r.start(), r.end(), r.initialCapital(), equity,
                        new WindowMetrics.DataRange(ds.get().start(), ds.get().end()))
                .map(m -> new RunRow(null, RankingPeriod.OOS, r.strategyId(), r.ownerId(), r.datasetId(),
                        r.dataVersion(), market(r.spec()), m.windowStart(), m.windowEnd(), m.totalReturnPct(),
                        m.cagrPct(), m.sharpe(), m.calmar(), m.maxDrawdownPct(), r.finishedAt(), r.sweepId()));
    }

    /**
     * Brings ranking_sweeps in line with the sweeps that exist (a sweep finished or deleted while its event was lost,
     * e.g. the instance stopped): records the missing ones, drops the gone ones. Answers how many rows changed.
     */
    int reconcileSweeps() {
        List<SweepLookup.Rankable> existing = sweeps.rankable();
        Set<UUID> recorded = new HashSet<>(repository.sweepIds());
        Set<UUID> present = new HashSet<>();
        int changed = 0;
        for (SweepLookup.Rankable r : existing) {
            present.add(r.sweepId());
            if (recorded.contains(r.sweepId())) continue;
            Optional<RunRow> row = sweeps.outOfSample(r.sweepId()).flatMap(this::evaluateSweep);
            Optional<StrategyService.Sharing> sharing = strategies.sharing(r.strategyId());
            if (row.isEmpty() || sharing.isEmpty()) continue;
            recordSweep(r.sweepId(), r.strategyId(), sharing.get(), row);   // the rebuild that follows places it
            changed++;
        }
        for (UUID id : recorded) {
            if (!present.contains(id)) {
                tx.executeWithoutResult(s -> repository.deleteSweep(id));
                changed++;
            }
        }
        return changed;
    }

    private static String name(BacktestLookup.Summary s) {
        String n = s.name() == null || s.name().isBlank() ? "Strategy " + s.strategyId() : s.name();
        return n.length() > 200 ? n.substring(0, 200) : n;
    }

    /** The run's metrics for each period it is eligible for (docs/rankings.md). */
    List<RunRow> evaluate(BacktestLookup.Summary s) {
        Optional<DatasetInfo> ds = datasets.find(s.datasetId()).filter(d -> d.version().equals(s.dataVersion()));
        if (ds.isEmpty() || s.finishedAt() == null) return List.of();
        double e0 = initialCapital(s);
        List<WindowMetrics.Point> equity = backtests.equity(s.id()).stream()
                .map(p -> new WindowMetrics.Point(p.date(), p.equity())).toList();
        JsonNode period = s.spec() == null ? null : s.spec().path("period");
        WindowMetrics.Run run = new WindowMetrics.Run(date(period, "start"), date(period, "end"), e0, equity);
        String market = market(s.spec());
        List<RunRow> out = new ArrayList<>();
        for (WindowMetrics.Result r : WindowMetrics.evaluate(run,
                new WindowMetrics.DataRange(ds.get().start(), ds.get().end()))) {
            out.add(new RunRow(s.id(), r.period(), s.strategyId(), s.ownerId(), s.datasetId(), s.dataVersion(), market,
                    r.windowStart(), r.windowEnd(), r.totalReturnPct(), r.cagrPct(), r.sharpe(), r.calmar(),
                    r.maxDrawdownPct(), s.finishedAt(), null));
        }
        return out;
    }

    /** E_0 of the run: final equity / (1 + total return), from the engine's statistics (the spec's capital otherwise). */
    static double initialCapital(BacktestLookup.Summary s) {
        JsonNode stats = s.stats();
        if (stats != null && stats.path("finalEquity").isNumber() && stats.path("totalReturnPct").isNumber()) {
            return stats.path("finalEquity").asDouble() / (1 + stats.path("totalReturnPct").asDouble() / 100.0);
        }
        return s.spec() == null ? 0 : s.spec().path("initialCapital").asDouble(0);
    }

    private static LocalDate date(JsonNode period, String field) {
        if (period == null || !period.path(field).isString()) return null;
        try {
            return LocalDate.parse(period.path(field).asString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The run's market: its universe's only market, else ALL (such runs are on the ALL boards only). */
    static String market(JsonNode spec) {
        JsonNode markets = spec == null ? null : spec.path("universe").path("markets");
        if (markets != null && markets.isArray() && markets.size() == 1 && markets.get(0).isString()) {
            String m = markets.get(0).asString().strip().toUpperCase(Locale.ROOT);
            if (m.matches("[A-Z0-9_]{1,32}")) return m;
        }
        return BoardKey.ALL_MARKETS;
    }

    /** Re-derives one strategy's entries from the tables and puts them on the boards (under the lock). */
    void resync(UUID strategyId, UUID ownerId) {
        tx.executeWithoutResult(s -> {
            long gen = repository.lockState();
            if (dirty || store.generation() != gen) {
                rebuildLocked(gen);
                return;
            }
            // visibility as the strategy service has it now (an event handled late on another instance may have
            // written an older one)
            Optional<StrategyService.Sharing> sharing = strategies.sharing(strategyId);
            Optional<StrategyRow> known = repository.strategy(strategyId);
            if (sharing.isEmpty()) {
                if (known.isPresent()) repository.deleteStrategy(strategyId);
                known = Optional.empty();
            } else if (known.isPresent() && known.get().isPublic() != sharing.get().isPublic()) {
                repository.setPublic(strategyId, sharing.get().isPublic(), clock.instant());
                known = repository.strategy(strategyId);
            }
            Optional<StrategyRow> row = known.filter(StrategyRow::isPublic);
            List<Placement> placements = row.isEmpty() ? List.of()
                    : placements(List.of(row.get()), runsAndSweeps(repository.runsOf(strategyId),
                    repository.sweepsOf(strategyId)));
            store.replaceStrategy(strategyId, row.map(StrategyRow::ownerId).orElse(ownerId), placements);
        });
    }

    record RebuildCounts(long generation, int strategies, long runs, int entries, int boards, long durationMs) {
    }

    /** Records sweeps whose events were lost, then rebuilds every board from the tables as a new generation. */
    RebuildCounts rebuild() {
        try {
            reconcileSweeps();
        } catch (RuntimeException e) {
            log.warn("rankings: reconciling sweeps failed: {}", e.toString());
        }
        return tx.execute(s -> rebuildLocked(repository.lockState()));
    }

    private static List<RunRow> runsAndSweeps(List<RunRow> runs, List<RunRow> sweepRuns) {
        List<RunRow> all = new ArrayList<>(runs);
        all.addAll(sweepRuns);
        return all;
    }

    /** Rebuilds when the store has no boards (or a write failed); cheap when all is well. */
    void ensureBuilt() {
        if (!dirty && store.generation() >= 0) return;
        tx.executeWithoutResult(s -> {
            long gen = repository.lockState();
            if (!dirty && store.generation() == gen) return;   // another request (or instance) rebuilt it
            rebuildLocked(gen);
        });
    }

    private RebuildCounts rebuildLocked(long currentGen) {
        long started = System.nanoTime();
        long gen = currentGen + 1;
        repository.setGeneration(gen);
        List<StrategyRow> publicOnes = repository.publicStrategies();
        List<RunRow> runs = runsAndSweeps(repository.publicRuns(), repository.publicSweeps());
        List<Placement> placements = placements(publicOnes, runs);
        dirty = false;
        store.rebuild(gen, placements);
        Set<BoardKey> boards = new HashSet<>();
        placements.forEach(p -> boards.add(p.board()));
        long ms = (System.nanoTime() - started) / 1_000_000;
        log.info("rankings: rebuilt generation {}: {} entries on {} boards in {} ms", gen, placements.size(),
                boards.size(), ms);
        return new RebuildCounts(gen, publicOnes.size(), runs.size(), placements.size(), boards.size(), ms);
    }

    /**
     * The entries of the given (public) strategies: per board, each strategy's latest run (by finish time, then
     * backtest or sweep id) among its runs eligible for that board (backtests on 1y/3y/5y/all, sweeps on oos).
     */
    List<Placement> placements(List<StrategyRow> strategyRows, List<RunRow> runs) {
        Map<UUID, StrategyRow> byId = new HashMap<>();
        strategyRows.forEach(s -> byId.put(s.strategyId(), s));
        Map<UUID, Map<BoardKey, RunRow>> latest = new LinkedHashMap<>();
        Comparator<RunRow> newer = Comparator.comparing(RunRow::finishedAt)
                .thenComparing(r -> r.runId().toString());
        for (RunRow r : runs) {
            if (!byId.containsKey(r.strategyId())) continue;
            Map<BoardKey, RunRow> mine = latest.computeIfAbsent(r.strategyId(), k -> new HashMap<>());
            for (BoardKey b : boardsOf(r)) mine.merge(b, r, (a, c) -> newer.compare(a, c) >= 0 ? a : c);
        }
        Map<UUID, String> nicknames = accounts.nicknames(latest.keySet().stream()
                .map(id -> byId.get(id).ownerId()).distinct().toList());
        List<Placement> out = new ArrayList<>();
        latest.forEach((strategyId, boards) -> {
            StrategyRow s = byId.get(strategyId);
            boards.forEach((b, r) -> out.add(new Placement(b, new BoardEntry(strategyId, s.ownerId(), s.name(),
                    s.anonymous(), s.anonymous() ? null : nicknames.get(s.ownerId()), r.backtestId(), r.finishedAt(),
                    r.windowStart(), r.windowEnd(), r.totalReturnPct(), r.cagrPct(), r.sharpe(), r.calmar(),
                    r.maxDrawdownPct(), r.sweepId() != null ? BoardEntry.SWEEP_OOS : BoardEntry.BACKTEST,
                    r.sweepId()))));
        });
        return out;
    }

    static List<BoardKey> boardsOf(RunRow r) {
        BoardKey all = new BoardKey(r.datasetId(), r.dataVersion(), BoardKey.ALL_MARKETS, r.period());
        return BoardKey.ALL_MARKETS.equals(r.market()) ? List.of(all)
                : List.of(all, new BoardKey(r.datasetId(), r.dataVersion(), r.market(), r.period()));
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    BoardStore.Page page(BoardKey board, RankingMetric metric, int offset, int limit, UUID viewer) {
        ensureBuilt();
        return store.page(board, metric, offset, limit, viewer);
    }

    List<BoardStore.BoardSize> boards() {
        ensureBuilt();
        return store.boards();
    }

    List<BoardStore.StrategyRank> ranksOf(UUID strategyId) {
        ensureBuilt();
        return store.ranksOf(strategyId);
    }

    BoardStore store() {
        return store;
    }

    Datasets datasets() {
        return datasets;
    }

    StrategyService strategies() {
        return strategies;
    }
}
