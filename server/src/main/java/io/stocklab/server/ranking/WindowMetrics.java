package io.stocklab.server.ranking;

import io.stocklab.engine.result.Metrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which ranking periods a completed run is eligible for, and its metrics over each period's window (the rules are
 * in docs/rankings.md). Pure functions over the equity curve; the formulas are the engine's ({@link Metrics}), with
 * a risk-free rate of 0 for every run so Sharpe ratios are comparable.
 */
final class WindowMetrics {
    /** How far (calendar days) a run's last day may be before the dataset's last day, or its first day after a window's start. */
    static final int TOLERANCE_DAYS = 7;

    private WindowMetrics() {
    }

    record Point(LocalDate date, double equity) {
    }

    /** The dataset version a run was made on: its first and last day. */
    record DataRange(LocalDate start, LocalDate end) {
    }

    /** The run as far as eligibility is concerned: its spec's period limits (null: none) and its daily equity. */
    record Run(LocalDate specStart, LocalDate specEnd, double initialCapital, List<Point> equity) {
    }

    record Result(RankingPeriod period, LocalDate windowStart, LocalDate windowEnd, double totalReturnPct,
                  double cagrPct, Double sharpe, Double calmar, double maxDrawdownPct) {
    }

    static List<Result> evaluate(Run run, DataRange data) {
        List<Result> out = new ArrayList<>();
        List<Point> eq = run.equity();
        if (eq.size() < 2 || !(run.initialCapital() > 0)) return out;
        LocalDate last = eq.getLast().date();
        if (last.isBefore(data.end().minusDays(TOLERANCE_DAYS)) || last.isAfter(data.end())) return out;
        // the whole dataset: only runs whose spec does not cut the dataset's range
        boolean whole = (run.specStart() == null || !run.specStart().isAfter(data.start()))
                && (run.specEnd() == null || !run.specEnd().isBefore(data.end()));
        if (whole) {
            add(out, RankingPeriod.ALL, data.start(), data.end(), run.initialCapital(), values(eq, 0));
        }
        for (RankingPeriod p : List.of(RankingPeriod.Y1, RankingPeriod.Y3, RankingPeriod.Y5)) {
            LocalDate ws = data.end().minusYears(p.years());
            int firstAfter = 0;
            while (firstAfter < eq.size() && !eq.get(firstAfter).date().isAfter(ws)) firstAfter++;
            double base;
            if (firstAfter > 0) {
                base = eq.get(firstAfter - 1).equity();   // the close before the window opens
            } else if (!eq.getFirst().date().isAfter(ws.plusDays(TOLERANCE_DAYS))) {
                base = run.initialCapital();              // the run started with the window
            } else {
                continue;                                 // the run does not cover this window
            }
            if (eq.size() - firstAfter < 2) continue;
            add(out, p, ws, data.end(), base, values(eq, firstAfter));
        }
        return out;
    }

    /**
     * The {@link RankingPeriod#OOS} result of a sweep's chained out-of-sample curve over [start, end] (its
     * out-of-sample period), if eligible: it ends (last day of the curve) within {@link #TOLERANCE_DAYS} of the
     * dataset's last day and the period spans at least one year (less the same tolerance: windows counted in months
     * may fall a few days short of a calendar year).
     */
    static java.util.Optional<Result> outOfSample(LocalDate start, LocalDate end, double initialCapital,
                                                  List<Point> eq, DataRange data) {
        if (eq.size() < 2 || !(initialCapital > 0) || start == null || end == null) return java.util.Optional.empty();
        LocalDate last = eq.getLast().date();
        if (last.isBefore(data.end().minusDays(TOLERANCE_DAYS)) || last.isAfter(data.end())) {
            return java.util.Optional.empty();
        }
        if (start.plusYears(1).minusDays(1 + TOLERANCE_DAYS).isAfter(end)) return java.util.Optional.empty();
        return result(RankingPeriod.OOS, start, end, initialCapital, values(eq, 0));
    }

    private static double[] values(List<Point> eq, int from) {
        double[] v = new double[eq.size() - from];
        for (int i = 0; i < v.length; i++) v[i] = eq.get(from + i).equity();
        return v;
    }

    private static void add(List<Result> out, RankingPeriod p, LocalDate ws, LocalDate we, double base, double[] s) {
        result(p, ws, we, base, s).ifPresent(out::add);
    }

    private static java.util.Optional<Result> result(RankingPeriod p, LocalDate ws, LocalDate we, double base,
                                                     double[] s) {
        if (!(base > 0)) return java.util.Optional.empty();
        double tr = Metrics.totalReturnPct(base, s);
        double cagr = Metrics.cagrPct(base, s);
        double mdd = Metrics.maxDrawdownPct(base, s);
        if (!Double.isFinite(tr) || !Double.isFinite(cagr) || !Double.isFinite(mdd)) return java.util.Optional.empty();
        Double sharpe = finite(Metrics.sharpe(Metrics.returns(base, s), 0));
        Double calmar = mdd > 0 ? finite(cagr / mdd) : null;
        return java.util.Optional.of(new Result(p, ws, we, tr, cagr, sharpe, calmar, mdd));
    }

    private static Double finite(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }
}
