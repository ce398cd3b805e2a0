package io.stocklab.engine.result;

import io.stocklab.engine.spec.StrategySpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a backtest produced (strategy-spec §5). The daily series are kept as primitive arrays (one
 * element per trading day of the period); {@link #equity()} gives them as records.
 */
public final class BacktestResult {
    private final StrategySpec spec;
    private final String dataName;
    private final boolean syntheticData;
    private final Stats stats;
    private final int[] epochDays;
    private final double[] equity, cash, invested, drawdownPct, benchmark;
    private final List<Trade> trades;
    private final List<MonthlyReturn> monthlyReturns;
    private final List<String> warnings;

    public BacktestResult(StrategySpec spec, String dataName, boolean syntheticData, Stats stats, int[] epochDays,
                          double[] equity, double[] cash, double[] invested, double[] drawdownPct, double[] benchmark,
                          List<Trade> trades, List<MonthlyReturn> monthlyReturns, List<String> warnings) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.dataName = dataName;
        this.syntheticData = syntheticData;
        this.stats = Objects.requireNonNull(stats, "stats");
        int n = epochDays.length;
        for (double[] a : new double[][] {equity, cash, invested, drawdownPct}) {
            if (a.length != n) throw new IllegalArgumentException("series length mismatch");
        }
        if (benchmark != null && benchmark.length != n) throw new IllegalArgumentException("benchmark length mismatch");
        this.epochDays = epochDays;
        this.equity = equity;
        this.cash = cash;
        this.invested = invested;
        this.drawdownPct = drawdownPct;
        this.benchmark = benchmark;
        this.trades = List.copyOf(trades);
        this.monthlyReturns = List.copyOf(monthlyReturns);
        this.warnings = List.copyOf(warnings);
    }

    public StrategySpec spec() { return spec; }

    public String dataName() { return dataName; }

    public boolean syntheticData() { return syntheticData; }

    public Stats stats() { return stats; }

    public List<Trade> trades() { return trades; }

    public List<MonthlyReturn> monthlyReturns() { return monthlyReturns; }

    public List<String> warnings() { return warnings; }

    public int days() { return epochDays.length; }

    public LocalDate date(int t) { return LocalDate.ofEpochDay(epochDays[t]); }

    public int[] epochDays() { return epochDays.clone(); }

    /** Equity at each day's close (a copy). */
    public double[] equitySeries() { return equity.clone(); }

    public double[] cashSeries() { return cash.clone(); }

    public double[] investedSeries() { return invested.clone(); }

    /** Benchmark scaled to E_0 at the first day, NaN where missing; null without a benchmark. */
    public double[] benchmarkSeries() { return benchmark == null ? null : benchmark.clone(); }

    public double finalEquity() { return equity.length == 0 ? spec.initialCapital() : equity[equity.length - 1]; }

    public List<EquityPoint> equity() {
        List<EquityPoint> out = new ArrayList<>(epochDays.length);
        for (int t = 0; t < epochDays.length; t++) {
            Double b = benchmark == null || Double.isNaN(benchmark[t]) ? null : benchmark[t];
            out.add(new EquityPoint(date(t), equity[t], cash[t], invested[t], drawdownPct[t], b));
        }
        return out;
    }
}
