package io.stocklab.engine.backtest;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.expr.BoundExpression;
import io.stocklab.engine.expr.Expression;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.Metrics;
import io.stocklab.engine.result.MonthlyReturn;
import io.stocklab.engine.result.Side;
import io.stocklab.engine.result.Stats;
import io.stocklab.engine.result.Trade;
import io.stocklab.engine.spec.Fill;
import io.stocklab.engine.spec.MarketRules;
import io.stocklab.engine.spec.Order;
import io.stocklab.engine.spec.SpecException;
import io.stocklab.engine.spec.StopMode;
import io.stocklab.engine.spec.StrategySpec;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Runs a {@link StrategySpec} over a {@link MarketPanel}: the day loop of strategy-spec §3 with the orders,
 * costs and cash rules of §4, producing the results of §5. A Backtester is immutable and thread-safe; each
 * {@link #run} keeps its state to itself, and runs share the panel's cached factors and expression terms.
 *
 * <p>Choices where the spec is silent (documented in docs/backtest-semantics.md): an asset sold by an exit
 * rule is not bought back on the same day; intraday stops of a position bought at a close are active from the
 * next day, of a position bought at an open from that day; when stop-loss and take-profit both trigger
 * intraday the stop-loss wins; with {@code rebalanceToTarget} resize buys go before new entries; forced
 * delisting sales ignore KRX price limits; the trailing stop of a position bought at a close counts that close as
 * the first "highest close since entry"; {@code dropUnselected} does not sell a holding that has no bar on the
 * rebalance day (it keeps its slot until a rebalance day with a bar).
 */
public final class Backtester {
    private final MarketPanel panel;
    private final FactorLibrary library;

    private final int[] weekKey, monthKey, quarterKey, symbolRank;
    private final java.util.concurrent.ConcurrentHashMap<String, Expression> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    public Backtester(MarketPanel panel, FactorLibrary library) {
        this.panel = panel;
        this.library = library;
        int nd = panel.dateCount();
        weekKey = new int[nd];
        monthKey = new int[nd];
        quarterKey = new int[nd];
        for (int d = 0; d < nd; d++) {
            LocalDate date = panel.date(d);
            weekKey[d] = date.get(IsoFields.WEEK_BASED_YEAR) * 100 + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            monthKey[d] = date.getYear() * 12 + date.getMonthValue();
            quarterKey[d] = date.getYear() * 4 + (date.getMonthValue() - 1) / 3;
        }
        // rank of each asset by symbol, for tie-breaks without string comparisons
        Integer[] bySymbol = new Integer[panel.assetCount()];
        for (int a = 0; a < bySymbol.length; a++) bySymbol[a] = a;
        Arrays.sort(bySymbol, (x, y) -> panel.symbol(x).compareTo(panel.symbol(y)));
        symbolRank = new int[bySymbol.length];
        for (int r = 0; r < bySymbol.length; r++) symbolRank[bySymbol[r]] = r;
    }

    /**
     * A condition that does not depend on the universe (no rank/zscore), evaluated once on every cell and kept
     * on the panel as a date-major bitmap (bit {@code t * assets + a}): a rebalance day then reads the whole
     * cross-section from a few contiguous words instead of striding through every factor column. Null for
     * cross-sectional conditions, which are evaluated cell by cell.
     */
    private long[] conditionBits(String text, Cancellation cancellation) {
        if (text == null) return null;
        Expression e = parse(text);
        if (e.crossSectional()) return null;
        return panel.cache().bits("cond:" + e.canonical(), () -> {
            BoundExpression b = e.bind(panel, library, null, cancellation);
            int nd = panel.dateCount(), na = panel.assetCount();
            long[] bits = new long[(int) (((long) nd * na + 63) >>> 6)];
            double[] close = panel.close();
            for (int a = 0; a < na; a++) {
                if ((a & 63) == 0) cancellation.throwIfCancelled();
                int first = panel.firstBar(a);
                if (first < 0) continue;
                int base = a * nd;
                for (int d = first, last = panel.lastBar(a); d <= last; d++) {
                    if (!Double.isNaN(close[base + d]) && b.test(d, a)) {
                        long bit = (long) d * na + a;
                        bits[(int) (bit >>> 6)] |= 1L << bit;
                    }
                }
            }
            return bits;
        });
    }

    /** Bars as a date-major bitmap (bit {@code t * assets + a} set when asset a has a bar on day t). */
    private long[] barBits() {
        return panel.cache().bits("bars", () -> {
            int nd = panel.dateCount(), na = panel.assetCount();
            long[] bits = new long[(int) (((long) nd * na + 63) >>> 6)];
            double[] close = panel.close();
            for (int a = 0; a < na; a++) {
                int base = a * nd;
                for (int d = Math.max(0, panel.firstBar(a)), last = panel.lastBar(a); d <= last; d++) {
                    if (!Double.isNaN(close[base + d])) {
                        long bit = (long) d * na + a;
                        bits[(int) (bit >>> 6)] |= 1L << bit;
                    }
                }
            }
            return bits;
        });
    }

    private static boolean bit(long[] bits, long index) {
        return (bits[(int) (index >>> 6)] & (1L << index)) != 0;
    }

    /** Parsed expressions are kept per text, so per-symbol runs and sweeps parse each once. */
    private Expression parse(String text) {
        return parsed.computeIfAbsent(text, x -> Expression.parse(x, library));
    }

    public MarketPanel panel() {
        return panel;
    }

    public BacktestResult run(StrategySpec spec) {
        return run(spec, ProgressListener.NONE, Cancellation.NEVER);
    }

    public BacktestResult run(StrategySpec spec, ProgressListener progress, Cancellation cancellation) {
        boolean[] universe = universeMask(spec);
        return new Run(spec, universe, spec.buy().maxPositions(), progress, cancellation, false).execute();
    }

    /** One row of a per-symbol run. */
    public record SymbolResult(String symbol, int trades, int roundTrips, double finalEquity, double totalReturnPct,
                               double maxDrawdownPct, double cagrPct, Double sharpe) {
    }

    /**
     * Runs the spec separately on each symbol of its universe, with the whole capital in that one symbol
     * (maxPositions = 1), in parallel on {@code threads} threads; rows in symbol order.
     */
    public List<SymbolResult> runPerSymbol(StrategySpec spec, int threads, ProgressListener progress, Cancellation cancellation) {
        boolean[] mask = universeMask(spec);
        int[] assets = IntStream.range(0, panel.assetCount()).filter(a -> mask[a] && panel.barCount(a) > 0).toArray();
        SymbolResult[] out = new SymbolResult[assets.length];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.IntConsumer one = i -> {
            cancellation.throwIfCancelled();
            out[i] = symbolRow(spec, assets[i], cancellation);
            int n = done.incrementAndGet();
            if (n % 16 == 0 || n == assets.length) progress.progress((double) n / assets.length, "simulating", out[i].symbol());
        };
        if (threads <= 1) {
            for (int i = 0; i < assets.length; i++) one.accept(i);
        } else {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
            try {
                pool.submit(() -> IntStream.range(0, assets.length).parallel().forEach(one)).join();
            } finally {
                pool.shutdown();
            }
        }
        return List.of(out);
    }

    private SymbolResult symbolRow(StrategySpec spec, int a, Cancellation cancellation) {
        boolean[] mask = new boolean[panel.assetCount()];
        mask[a] = true;
        Stats s = new Run(spec, mask, 1, ProgressListener.NONE, cancellation, true).executeStats();
        return new SymbolResult(panel.symbol(a), s.trades(), s.roundTrips(), s.finalEquity(), s.totalReturnPct(),
                s.maxDrawdownPct(), s.cagrPct(), s.sharpe());
    }

    /** The static universe (symbols, markets, sectors, exclude) as a mask over the panel's assets. */
    boolean[] universeMask(StrategySpec spec) {
        StrategySpec.Universe u = spec.universe();
        int na = panel.assetCount();
        boolean[] mask = new boolean[na];
        if (u.symbols() != null) {
            for (String s : u.symbols()) {
                int a = panel.assetIndex(s);
                if (a >= 0) mask[a] = true;
            }
        } else {
            Arrays.fill(mask, true);
        }
        Set<String> markets = upper(u.markets());
        Set<String> sectors = upper(u.sectors());
        Set<String> exclude = u.exclude() == null ? Set.of() : new HashSet<>(u.exclude());
        for (int a = 0; a < na; a++) {
            if (!mask[a]) continue;
            Asset asset = panel.asset(a);
            if (markets != null && !markets.contains(asset.market().toUpperCase(Locale.ROOT))) mask[a] = false;
            else if (sectors != null && (asset.sector() == null || !sectors.contains(asset.sector().toUpperCase(Locale.ROOT)))) mask[a] = false;
            else if (exclude.contains(asset.symbol())) mask[a] = false;
        }
        return mask;
    }

    private static Set<String> upper(List<String> list) {
        if (list == null) return null;
        Set<String> s = new HashSet<>();
        for (String x : list) s.add(x.toUpperCase(Locale.ROOT));
        return s;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final int K_EXIT = 0, K_DROP = 1, K_RESIZE_SELL = 2, K_RESIZE_BUY = 3, K_ENTRY = 4;

    /** An order waiting for its fill. */
    private static final class PendingOrder {
        final int asset;
        final int kind;
        final double qty;     // sells: shares to sell (NaN = the whole position)
        final double budget;  // buys: value to spend
        final String reason;

        PendingOrder(int asset, int kind, double qty, double budget, String reason) {
            this.asset = asset;
            this.kind = kind;
            this.qty = qty;
            this.budget = budget;
            this.reason = reason;
        }

        boolean sell() {
            return kind <= K_RESIZE_SELL;
        }
    }

    /** The state of one backtest. */
    private final class Run {
        private final StrategySpec spec;
        private final boolean[] universe;
        private final int[] universeList;
        private final int maxPositions;
        private final ProgressListener progress;
        private final Cancellation cancellation;
        private final boolean quiet;
        private final Warnings warnings = new Warnings();

        private final int nd, na;
        private final double[] open, high, low, close;
        private final double commission, slippage, sellTaxDefault;
        private final boolean fractional, krx, nextOpen, intraday;
        private final Double stopLoss, takeProfit, trailing;
        private final Integer maxHold;
        private BoundExpression filter, buyWhen, sellWhen;
        private long[] filterBits, buyBits, sellBits, bars;
        private double[][] rankFactor;
        private BoundExpression[] rankExpr;
        private double[] rankWeight;
        private boolean[] rankAsc;

        // portfolio state
        private double cash;
        private final double[] qty, avgCost, highClose, lastPrice;
        private final int[] entryDay, activeFrom;
        private int[] held = new int[16];
        private int[] exitedList = new int[16];
        private int[] cand;
        private double[] score, rankValues, rankSorted;
        private boolean[] inTarget;
        private int exitedCount;
        private int heldCount;
        private final boolean[] exitedToday, sellPending, buyPending;
        private List<PendingOrder> pending = new ArrayList<>();
        private final List<Trade> trades = new ArrayList<>();
        private int roundTrips, wins;
        private long holdDaysTotal;

        Run(StrategySpec spec, boolean[] universe, int maxPositions, ProgressListener progress, Cancellation cancellation, boolean quiet) {
            this.spec = spec;
            this.universe = universe;
            this.universeList = IntStream.range(0, universe.length).filter(a -> universe[a]).toArray();
            this.maxPositions = maxPositions;
            this.progress = progress == null ? ProgressListener.NONE : progress;
            this.cancellation = cancellation == null ? Cancellation.NEVER : cancellation;
            this.quiet = quiet;
            nd = panel.dateCount();
            na = panel.assetCount();
            open = panel.open();
            high = panel.high();
            low = panel.low();
            close = panel.close();
            StrategySpec.Execution ex = spec.execution();
            commission = ex.commissionPct() / 100.0;
            slippage = ex.slippagePct() / 100.0;
            sellTaxDefault = ex.sellTaxPct();
            fractional = ex.fractionalShares();
            krx = ex.marketRules() == MarketRules.KRX;
            nextOpen = ex.fill() == Fill.NEXT_OPEN;
            StrategySpec.Sell s = spec.sell();
            intraday = s.stopMode() == StopMode.INTRADAY;
            stopLoss = s.stopLossPct() == null ? null : s.stopLossPct() / 100.0;
            takeProfit = s.takeProfitPct() == null ? null : s.takeProfitPct() / 100.0;
            trailing = s.trailingStopPct() == null ? null : s.trailingStopPct() / 100.0;
            maxHold = s.maxHoldDays();
            qty = new double[na];
            avgCost = new double[na];
            highClose = new double[na];
            lastPrice = new double[na];
            Arrays.fill(lastPrice, Double.NaN);
            entryDay = new int[na];
            activeFrom = new int[na];
            exitedToday = new boolean[na];
            sellPending = new boolean[na];
            buyPending = new boolean[na];
        }

        private BoundExpression bind(String text) {
            if (text == null) return null;
            return parse(text).bind(panel, library, universe, cancellation);
        }

        private int[] days;
        private double[] eq, cashS, inv, benchClose, returns;
        private int d0;
        private int fills;

        private void simulate() {
            if (!quiet) warnUnknownSymbols();
            int d0 = spec.period().start() == null ? 0 : panel.dateIndexOnOrAfter(spec.period().start());
            int d1 = spec.period().end() == null ? nd - 1 : panel.dateIndexOnOrBefore(spec.period().end());
            if (nd == 0 || d0 > d1 || d0 >= nd || d1 < 0) {
                String covers = nd == 0 ? "no dates" : panel.date(0) + ".." + panel.date(nd - 1);
                throw new SpecException("$.period", "no trading days in the period " + spec.period().start() + ".." + spec.period().end()
                        + " (the data '" + panel.name() + "' covers " + covers + ")");
            }
            progress.progress(0, "factors", null);
            filterBits = conditionBits(spec.universe().filter(), cancellation);
            buyBits = conditionBits(spec.buy().when(), cancellation);
            sellBits = conditionBits(spec.sell().when(), cancellation);
            bars = barBits();
            filter = filterBits != null ? null : bind(spec.universe().filter());
            buyWhen = buyBits != null ? null : bind(spec.buy().when());
            sellWhen = sellBits != null ? null : bind(spec.sell().when());
            List<StrategySpec.RankKey> keys = spec.buy().rank();
            rankFactor = new double[keys.size()][];
            rankExpr = new BoundExpression[keys.size()];
            rankWeight = new double[keys.size()];
            rankAsc = new boolean[keys.size()];
            for (int k = 0; k < keys.size(); k++) {
                StrategySpec.RankKey key = keys.get(k);
                String by = key.by().trim();
                if (library.contains(by)) rankFactor[k] = library.values(panel, by, cancellation);
                else rankExpr[k] = bind(by);
                rankWeight[k] = key.weight();
                rankAsc[k] = key.order() == Order.ASC;
            }
            double[] benchClose = benchmarkCloses();
            if (panel.synthetic() && !quiet) warnings.once("the data '" + panel.name() + "' is SYNTHETIC (generated), not real market data");

            int n = d1 - d0 + 1;
            int[] days = new int[n];
            double[] eq = new double[n], cashS = new double[n], inv = new double[n];
            cash = spec.initialCapital();
            boolean reporting = progress != ProgressListener.NONE;
            int[] periodKey = switch (spec.rebalance()) {
                case DAILY -> null;
                case WEEKLY -> weekKey;
                case MONTHLY -> monthKey;
                case QUARTERLY -> quarterKey;
            };
            List<PendingOrder> today = new ArrayList<>();
            for (int t = d0; t <= d1; t++) {
                boolean newMonth = t == d0 || monthKey[t] != monthKey[t - 1];
                if (newMonth) {
                    cancellation.throwIfCancelled();
                    if (reporting) progress.progress((double) (t - d0) / n, "simulating", panel.date(t).toString());
                }
                for (int i = 0; i < exitedCount; i++) exitedToday[exitedList[i]] = false;
                exitedCount = 0;

                // 1. fills of yesterday's decisions at today's open
                if (nextOpen) fillPending(t, true);
                // 2. exits
                boolean rebalanceDay = t == d0 || periodKey == null || periodKey[t] != periodKey[t - 1];
                if (heldCount == 0 && pending.isEmpty() && (!rebalanceDay || noCandidatePossible(t))) { // nothing can happen today
                    int k = t - d0;
                    days[k] = panel.epochDay(t);
                    eq[k] = cash;
                    cashS[k] = cash;
                    continue;
                }
                today.clear();
                checkExits(t, today);
                // 3. rebalance
                if (rebalanceDay) rebalance(t, today);
                // 4. fills at the close, or queue for the next open
                if (nextOpen) {
                    for (PendingOrder o : today) addPending(o);
                } else {
                    for (PendingOrder o : today) addPending(o);
                    fillPending(t, false);
                }
                // 5. forced sale of assets whose data ends before the period ends, then mark to market
                double invested = 0;
                for (int i = 0; i < heldCount; i++) {
                    int a = held[i];
                    double c = close[a * nd + t];
                    if (!Double.isNaN(c)) lastPrice[a] = c;
                }
                for (int i = heldCount - 1; i >= 0; i--) {
                    int a = held[i];
                    if (panel.lastBar(a) == t && t < d1) {
                        sell(a, t, Double.NaN, close[a * nd + t], "delisted", false);
                        warnings.add("position(s) sold at the last close before the data of the asset ends (delisting)", panel.date(t) + " " + panel.symbol(a));
                    }
                }
                dropOrdersOfEndedAssets(t, d1);
                for (int i = 0; i < heldCount; i++) invested += qty[held[i]] * lastPrice[held[i]];
                int k = t - d0;
                days[k] = panel.epochDay(t);
                eq[k] = cash + invested;
                cashS[k] = cash;
                inv[k] = invested;
            }
            progress.progress(1.0, "simulating", panel.date(d1).toString());
            this.days = days;
            this.eq = eq;
            this.cashS = cashS;
            this.inv = inv;
            this.benchClose = benchClose;
            this.d0 = d0;
        }

        BacktestResult execute() {
            simulate();
            return result();
        }

        /** Simulates and computes the statistics only (per-symbol runs: no trade list, no daily series kept). */
        Stats executeStats() {
            simulate();
            return stats();
        }

        /**
         * For small universes with bitmap conditions: true if no asset of the universe can be a buy candidate on
         * day t (no bar, or its filter / buy condition is false), so a day without holdings and orders is idle.
         */
        private boolean noCandidatePossible(int t) {
            if (universeList.length > 8 || (buyBits == null && filterBits == null)) return false;
            long row = (long) t * na;
            for (int a : universeList) {
                long cell = row + a;
                if (bit(bars, cell) && (buyBits == null || bit(buyBits, cell)) && (filterBits == null || bit(filterBits, cell))) {
                    return false;
                }
            }
            return true;
        }

        private void warnUnknownSymbols() {
            List<String> symbols = spec.universe().symbols();
            if (symbols == null) return;
            List<String> unknown = symbols.stream().filter(x -> panel.assetIndex(x) < 0).toList();
            if (!unknown.isEmpty()) {
                warnings.once("universe.symbols: " + unknown.size() + " symbol(s) not in the data: "
                        + String.join(", ", unknown.subList(0, Math.min(10, unknown.size()))) + (unknown.size() > 10 ? ", …" : ""));
            }
        }

        private void dropOrdersOfEndedAssets(int t, int d1) {
            if (pending.isEmpty()) return;
            pending.removeIf(o -> {
                if (panel.lastBar(o.asset) == t && t < d1) {
                    clearPendingFlag(o);
                    // a sell is moot (the position was just sold as delisted); a buy can never fill: say so, as for
                    // any order whose fill day has no bar
                    if (!o.sell()) {
                        warnings.add("order(s) dropped: no bar for the asset on the fill day", panel.date(t + 1) + " " + panel.symbol(o.asset));
                    }
                    return true;
                }
                return false;
            });
        }

        private void addPending(PendingOrder o) {
            pending.add(o);
            if (o.sell()) sellPending[o.asset] = true;
            else buyPending[o.asset] = true;
        }

        private void clearPendingFlag(PendingOrder o) {
            if (o.sell()) sellPending[o.asset] = false;
            else buyPending[o.asset] = false;
        }

        /** Executes pending orders at the open (atOpen) or close of day t: sells first, then buys. */
        private void fillPending(int t, boolean atOpen) {
            if (pending.isEmpty()) return;
            List<PendingOrder> orders = pending;
            pending = new ArrayList<>();
            for (PendingOrder o : orders) clearPendingFlag(o);
            for (int pass = 0; pass < 2; pass++) {
                for (PendingOrder o : orders) {
                    if (o.sell() != (pass == 0)) continue;
                    int a = o.asset;
                    int i = a * nd + t;
                    double price = atOpen ? open[i] : close[i];
                    LocalDate date = panel.date(t);
                    if (Double.isNaN(price)) {
                        warnings.add("order(s) dropped: no bar for the asset on the fill day", date + " " + panel.symbol(a));
                        continue;
                    }
                    if (o.sell() && qty[a] <= 0) continue;
                    if (krx && locked(a, t, price, !o.sell())) {
                        warnings.add((o.sell() ? "sell" : "buy") + " order(s) waited: price locked at the KRX daily limit", date + " " + panel.symbol(a));
                        addPending(o);
                        continue;
                    }
                    if (o.sell()) {
                        sell(a, t, o.qty, price, o.reason, atOpen);
                    } else {
                        buy(a, t, o.budget, price, o.reason, atOpen, o.kind == K_ENTRY);
                    }
                }
            }
        }

        /** True if the fill price sits at the daily limit against the order (upper for buys, lower for sells). */
        private boolean locked(int a, int t, double price, boolean buy) {
            int base = a * nd;
            int p = t - 1;
            while (p >= 0 && Double.isNaN(close[base + p])) p--;
            if (p < 0) return false;
            double prev = close[base + p];
            LocalDate date = panel.date(t);
            return buy ? price >= KrxRules.upperLimit(prev, date) : price <= KrxRules.lowerLimit(prev, date);
        }

        private void checkExits(int t, List<PendingOrder> today) {
            LocalDate date = null;
            for (int i = 0; i < heldCount; i++) {
                int a = held[i];
                int idx = a * nd + t;
                double c = close[idx];
                if (Double.isNaN(c) || sellPending[a]) continue;
                if (c > highClose[a]) highClose[a] = c;
                double entry = avgCost[a];
                if (intraday && t >= activeFrom[a]) {
                    double o = open[idx];
                    if (stopLoss != null) {
                        double stop = entry * (1 - stopLoss);
                        if (low[idx] <= stop) {
                            double px = o <= stop ? o : stop;
                            sell(a, t, Double.NaN, px, "stop_loss", true);
                            markExited(a);
                            i--; // held[] shifted
                            continue;
                        }
                    }
                    if (takeProfit != null) {
                        double target = entry * (1 + takeProfit);
                        if (high[idx] >= target) {
                            double px = o >= target ? o : target;
                            sell(a, t, Double.NaN, px, "take_profit", true);
                            markExited(a);
                            i--;
                            continue;
                        }
                    }
                }
                String reason = null;
                if (!intraday && stopLoss != null && c <= entry * (1 - stopLoss)) reason = "stop_loss";
                else if (!intraday && takeProfit != null && c >= entry * (1 + takeProfit)) reason = "take_profit";
                else if (trailing != null && c <= highClose[a] * (1 - trailing)) reason = "trailing_stop";
                else if (maxHold != null && t - entryDay[a] >= maxHold) reason = "max_hold";
                else if (sellBits != null ? bit(sellBits, (long) t * na + a) : sellWhen != null && sellWhen.test(t, a)) reason = "sell_when";
                if (reason != null) {
                    today.add(new PendingOrder(a, K_EXIT, Double.NaN, 0, reason));
                    sellPending[a] = true;
                    markExited(a);
                }
            }
        }

        private void markExited(int a) {
            if (exitedToday[a]) return;
            exitedToday[a] = true;
            if (exitedCount == exitedList.length) exitedList = Arrays.copyOf(exitedList, exitedCount * 2);
            exitedList[exitedCount++] = a;
        }

        private void rebalance(int t, List<PendingOrder> today) {
            // candidates
            if (cand == null) {
                cand = new int[universeList.length];
                score = new double[universeList.length];
                rankValues = new double[universeList.length];
                rankSorted = new double[universeList.length];
                inTarget = new boolean[na];
            }
            int[] cand = this.cand;
            int m = 0;
            int nk = rankWeight.length;
            long row = (long) t * na;
            for (int a : universeList) {
                long cell = row + a;
                if (!bit(bars, cell) || exitedToday[a]) continue;
                if (filterBits != null ? !bit(filterBits, cell) : filter != null && !filter.test(t, a)) continue;
                if (buyBits != null ? !bit(buyBits, cell) : buyWhen != null && !buyWhen.test(t, a)) continue;
                boolean ok = true;
                for (int k = 0; k < nk && ok; k++) ok = !Double.isNaN(rankValue(k, t, a));
                if (ok) cand[m++] = a;
            }
            if (m == 0 && (heldCount == 0 || (!spec.sell().dropUnselected() && !spec.buy().sizing().rebalanceToTarget()))) {
                return; // no candidate, and nothing to drop or resize
            }
            double[] score = this.score;
            Arrays.fill(score, 0, m, 0.0);
            if (nk > 0 && m > 0) {
                double[] v = rankValues;
                double[] sorted = rankSorted;
                for (int k = 0; k < nk; k++) {
                    for (int j = 0; j < m; j++) v[j] = rankValue(k, t, cand[j]);
                    System.arraycopy(v, 0, sorted, 0, m);
                    Arrays.sort(sorted, 0, m);
                    for (int j = 0; j < m; j++) {
                        double pct = Ranking.percentile(sorted, m, v[j]);
                        score[j] += rankWeight[k] * (rankAsc[k] ? 1.0 - pct : pct);
                    }
                }
            }
            int[] order = Ranking.orderByScoreThenSymbol(cand, m, score, symbolRank);
            int targetN = Math.min(maxPositions, m);
            boolean[] target = inTarget;
            for (int j = 0; j < targetN; j++) target[cand[order[j]]] = true;
            try {
                decide(t, today, cand, m, order, target);
            } finally {
                for (int j = 0; j < targetN; j++) target[cand[order[j]]] = false;
            }
        }

        private void decide(int t, List<PendingOrder> today, int[] cand, int m, int[] order, boolean[] target) {

            // equity at the decision (today's close)
            double equity = cash;
            for (int i = 0; i < heldCount; i++) {
                int a = held[i];
                double c = close[a * nd + t];
                equity += qty[a] * (Double.isNaN(c) ? lastPrice[a] : c);
            }
            double targetValue = equity / maxPositions;

            int remaining = 0;
            List<PendingOrder> resizeBuys = null;
            for (int i = 0; i < heldCount; i++) {
                int a = held[i];
                if (sellPending[a]) continue;
                // a holding without a bar today (halt) can be neither evaluated nor sold at today's prices: it keeps
                // its slot and is looked at again at the next rebalance (a drop order would go unfilled while its
                // slot went to a new entry)
                boolean hasBar = !Double.isNaN(close[a * nd + t]);
                if (spec.sell().dropUnselected() && hasBar && !target[a]) {
                    today.add(new PendingOrder(a, K_DROP, Double.NaN, 0, "rebalance"));
                    sellPending[a] = true;
                    continue;
                }
                remaining++;
                if (spec.buy().sizing().rebalanceToTarget() && target[a]) {
                    double c = close[a * nd + t];
                    if (Double.isNaN(c)) continue;
                    double value = qty[a] * c;
                    if (value > targetValue) {
                        double excess = (value - targetValue) / c;
                        double q = fractional ? excess : Math.floor(excess);
                        if (q > 0) {
                            today.add(new PendingOrder(a, K_RESIZE_SELL, Math.min(q, qty[a]), 0, "resize"));
                        }
                    } else if (value < targetValue) {
                        if (resizeBuys == null) resizeBuys = new ArrayList<>();
                        resizeBuys.add(new PendingOrder(a, K_RESIZE_BUY, 0, targetValue - value, "resize"));
                    }
                }
            }
            for (int i = 0; i < pending.size(); i++) {
                PendingOrder o = pending.get(i);
                if (!o.sell() && o.kind == K_ENTRY) remaining++;
            }
            if (resizeBuys != null) today.addAll(resizeBuys);
            int free = maxPositions - remaining;
            for (int j = 0; j < m && free > 0; j++) {
                int a = cand[order[j]];
                if (qty[a] > 0 || buyPending[a]) continue;
                today.add(new PendingOrder(a, K_ENTRY, 0, targetValue, "entry"));
                buyPending[a] = true;
                free--;
            }
        }

        private double rankValue(int k, int t, int a) {
            double[] f = rankFactor[k];
            return f != null ? f[a * nd + t] : rankExpr[k].value(t, a);
        }

        private double sellTaxPct(int a, LocalDate date) {
            if (krx) {
                double p = KrxRules.sellTaxPct(panel.asset(a).market(), date);
                if (!Double.isNaN(p)) return p;
            }
            return sellTaxDefault;
        }

        /** Sells {@code q} shares (NaN = all) of asset a at basePrice (before slippage). */
        private void sell(int a, int t, double q, double basePrice, String reason, boolean atOpenOrIntraday) {
            double have = qty[a];
            if (have <= 0) return;
            double shares = Double.isNaN(q) || q >= have ? have : q;
            double price = basePrice * (1 - slippage);
            if (krx) price = KrxRules.roundDown(price);
            LocalDate date = quiet && !krx ? null : panel.date(t); // dates only for records and the KRX tax table
            double value = shares * price;
            double comm = value * commission;
            double tax = value * sellTaxPct(a, date) / 100.0;
            double proceeds = value - comm - tax;
            double pnl = proceeds - shares * avgCost[a];
            cash += proceeds;
            boolean closes = shares >= have;
            Integer holdDays = null;
            if (closes) {
                qty[a] = 0;
                holdDays = t - entryDay[a];
                roundTrips++;
                if (pnl > 0) wins++;
                holdDaysTotal += holdDays;
                removeHeld(a);
            } else {
                qty[a] = have - shares;
            }
            fills++;
            if (!quiet) trades.add(new Trade(date, panel.symbol(a), Side.SELL, shares, price, comm, tax, pnl, reason, holdDays));
        }

        private void buy(int a, int t, double budget, double basePrice, String reason, boolean atOpen, boolean entry) {
            LocalDate date = quiet ? null : panel.date(t);
            double price = basePrice * (1 + slippage);
            if (krx) price = KrxRules.roundUp(price);
            double spend = Math.min(budget, cash);
            double unit = price * (1 + commission);
            double shares;
            if (fractional) {
                shares = spend / unit;
                if (shares * price + shares * price * commission > cash) shares = cash / unit;
            } else {
                shares = Math.floor(spend / unit);
                while (shares > 0 && shares * price + shares * price * commission > spend) shares--;
            }
            if (!(shares > 0) || (fractional && shares * price < 1e-9)) {
                if (entry) warnings.add("buy order(s) skipped: not enough cash for one share", panel.date(t) + " " + panel.symbol(a));
                return;
            }
            double value = shares * price;
            double comm = value * commission;
            cash -= value + comm;
            if (cash < 0) {
                if (cash < -1e-6 * Math.max(1, spec.initialCapital())) throw new IllegalStateException("cash went negative: " + cash);
                cash = 0;
            }
            double have = qty[a];
            if (have <= 0) {
                avgCost[a] = (value + comm) / shares;
                entryDay[a] = t;
                activeFrom[a] = atOpen ? t : t + 1;
                // "highest close since entry": a position bought at a close starts from that close (the next day's
                // exit check would otherwise only see its own close, and a trailing stop could not trigger on it);
                // one bought at an open starts empty and takes that day's close in the same day's exit check
                highClose[a] = atOpen ? Double.NEGATIVE_INFINITY : basePrice;
                addHeld(a);
            } else {
                avgCost[a] = (have * avgCost[a] + value + comm) / (have + shares);
            }
            qty[a] = have + shares;
            lastPrice[a] = basePrice;
            fills++;
            if (!quiet) trades.add(new Trade(date, panel.symbol(a), Side.BUY, shares, price, comm, 0.0, null, reason, null));
        }

        private void addHeld(int a) {
            if (heldCount == held.length) held = Arrays.copyOf(held, heldCount * 2);
            int pos = heldCount;
            while (pos > 0 && held[pos - 1] > a) {
                held[pos] = held[pos - 1];
                pos--;
            }
            held[pos] = a;
            heldCount++;
        }

        private void removeHeld(int a) {
            for (int i = 0; i < heldCount; i++) {
                if (held[i] == a) {
                    System.arraycopy(held, i + 1, held, i, heldCount - i - 1);
                    heldCount--;
                    return;
                }
            }
        }

        private double[] benchmarkCloses() {
            String b = spec.benchmark();
            if (b == null) return null;
            double[] series = panel.benchmarks().get(b);
            if (series == null) {
                for (var e : panel.benchmarks().entrySet()) if (e.getKey().equalsIgnoreCase(b)) series = e.getValue();
            }
            if (series == null) {
                int a = panel.assetIndex(b);
                if (a >= 0) series = Arrays.copyOfRange(close, a * nd, a * nd + nd);
            }
            if (series == null) {
                warnings.once("benchmark '" + b + "' is not in the data (available: "
                        + (panel.benchmarks().isEmpty() ? "none; a symbol of the data also works" : String.join(", ", panel.benchmarks().keySet()))
                        + "); alpha and beta are left out");
            }
            return series;
        }

        private BacktestResult result() {
            Stats stats = stats();
            double e0 = spec.initialCapital();
            List<MonthlyReturn> monthly = Metrics.monthly(e0, days, eq);
            List<String> w = new ArrayList<>(panel.loadWarnings());
            w.addAll(warnings.toList());
            return new BacktestResult(spec, panel.name(), panel.synthetic(), stats, days, eq, cashS, inv,
                    Metrics.drawdownPct(e0, eq), benchScaled, trades, monthly, w);
        }

        private double[] benchScaled;

        private Stats stats() {
            int n = days.length;
            double e0 = spec.initialCapital();
            double[] r = Metrics.returns(e0, eq);
            double rf = Metrics.dailyRiskFree(spec.riskFreeRatePct());
            Double alpha = null, beta = null;
            if (benchClose != null) {
                benchScaled = new double[n];
                double base = Double.NaN;
                for (int k = 0; k < n; k++) {
                    double v = benchClose[d0 + k];
                    if (Double.isNaN(base) && !Double.isNaN(v)) base = v;
                    benchScaled[k] = Double.isNaN(base) || Double.isNaN(v) ? Double.NaN : e0 * v / base;
                }
                double[] br = new double[n];
                for (int k = 0; k < n; k++) {
                    int t = d0 + k;
                    br[k] = t > 0 ? benchClose[t] / benchClose[t - 1] - 1.0 : Double.NaN;
                }
                double[] ab = Metrics.alphaBeta(r, br);
                if (ab != null) {
                    alpha = ab[0];
                    beta = ab[1];
                }
            }
            double exposure = 0;
            for (int k = 0; k < n; k++) exposure += eq[k] > 0 ? inv[k] / eq[k] : 0;
            exposure = n == 0 ? 0 : exposure / n * 100.0;
            double mdd = Metrics.maxDrawdownPct(e0, eq);
            double cagr = Metrics.cagrPct(e0, eq);
            return new Stats(Metrics.totalReturnPct(e0, eq), cagr, Metrics.volatilityPct(r), Metrics.sharpe(r, rf),
                    Metrics.sortino(r, rf), mdd, mdd > 0 ? cagr / mdd : null, fills, roundTrips,
                    roundTrips > 0 ? 100.0 * wins / roundTrips : null, roundTrips > 0 ? (double) holdDaysTotal / roundTrips : null,
                    exposure, alpha, beta, n == 0 ? e0 : eq[n - 1], n);
        }
    }
}
