package io.stocklab.server.sweep;

import io.stocklab.engine.result.Metrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * True walk-forward evaluation of a sweep (pure functions): per window, the winner is the variant with the best
 * in-sample objective in that window (ties: the lowest variant index); the window's result is that winner's
 * out-of-sample run. The out-of-sample runs of the winners are chained into one equity curve, each segment's returns
 * relative to its own start (the run's initial capital) compounded onto the previous segment's end. Chaining needs
 * out-of-sample windows that do not overlap (stepMonths >= outOfSampleMonths) and a winner in every window.
 */
final class WalkForwardChain {
    private WalkForwardChain() {
    }

    /** The winner of one window: its variant, label and objectives in and out of sample. */
    record Winner(int window, int index, String label, double inSample, Double outOfSample) {
    }

    /**
     * The winner of each window (null where no variant has a numeric in-sample objective for it), from the
     * variants' outcomes as {@code runVariant} writes them ({@code index}, {@code label},
     * {@code windows[w].inSample/outOfSample}; failed variants have an {@code error}).
     */
    static List<Winner> winners(List<JsonNode> outcomes, int windows) {
        List<Winner> out = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            Winner best = null;
            for (JsonNode o : outcomes) {
                if (o.has("error")) continue;
                JsonNode wn = o.path("windows").path(w);
                if (!wn.path("inSample").isNumber()) continue;
                double in = wn.path("inSample").asDouble();
                if (!Double.isFinite(in)) continue;
                int index = o.path("index").asInt();
                if (best == null || in > best.inSample() || (in == best.inSample() && index < best.index())) {
                    Double oos = wn.path("outOfSample").isNumber() ? wn.path("outOfSample").asDouble() : null;
                    best = new Winner(w, index, o.path("label").asString(""), in, oos);
                }
            }
            out.add(best);
        }
        return out;
    }

    /** Why no chained curve can be made from these windows, or null when it can. */
    static String unchainable(List<SweepPlan.Window> windows, List<Winner> winners) {
        if (windows.isEmpty()) return "not a walk-forward sweep";
        for (int w = 1; w < windows.size(); w++) {
            if (!windows.get(w).outStart().isAfter(windows.get(w - 1).outEnd())) {
                return "out-of-sample windows overlap (stepMonths < outOfSampleMonths)";
            }
        }
        for (int w = 0; w < winners.size(); w++) {
            if (winners.get(w) == null) return "window " + w + " has no variant with an in-sample result";
        }
        return null;
    }

    /** One winner's out-of-sample run: its initial capital and daily equity. */
    record Segment(double initialCapital, List<LocalDate> dates, double[] equity) {
    }

    record Point(LocalDate date, double value) {
    }

    /** The chained curve: it starts from the first segment's initial capital. */
    record Chained(double initialCapital, List<Point> points) {
        double[] values() {
            double[] v = new double[points.size()];
            for (int i = 0; i < v.length; i++) v[i] = points.get(i).value();
            return v;
        }
    }

    /** Chains the segments (in window order); empty when a segment is unusable (no days, capital not positive). */
    static Optional<Chained> chain(List<Segment> segments) {
        if (segments.isEmpty()) return Optional.empty();
        double start = segments.getFirst().initialCapital();
        double level = start;
        List<Point> points = new ArrayList<>();
        for (Segment s : segments) {
            if (!(s.initialCapital() > 0) || s.equity().length == 0 || s.equity().length != s.dates().size()) {
                return Optional.empty();
            }
            LocalDate lastDay = points.isEmpty() ? null : points.getLast().date();
            for (int i = 0; i < s.equity().length; i++) {
                if (lastDay != null && !s.dates().get(i).isAfter(lastDay)) return Optional.empty();
                points.add(new Point(s.dates().get(i), level * s.equity()[i] / s.initialCapital()));
            }
            level = points.getLast().value();
        }
        return Optional.of(new Chained(start, points));
    }

    /** The chained curve's figures, with the rankings' formulas (risk-free rate 0). */
    record Figures(LocalDate start, LocalDate end, int days, double totalReturnPct, double cagrPct, Double sharpe,
                   Double calmar, double maxDrawdownPct) {
    }

    static Figures figures(Chained c, LocalDate start, LocalDate end) {
        double[] v = c.values();
        double tr = Metrics.totalReturnPct(c.initialCapital(), v);
        double cagr = Metrics.cagrPct(c.initialCapital(), v);
        double mdd = Metrics.maxDrawdownPct(c.initialCapital(), v);
        Double sharpe = finite(Metrics.sharpe(Metrics.returns(c.initialCapital(), v), 0));
        Double calmar = mdd > 0 ? finite(cagr / mdd) : null;
        return new Figures(start, end, v.length, tr, cagr, sharpe, calmar, mdd);
    }

    private static Double finite(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }
}
