package io.stocklab.engine.factor;

import io.stocklab.engine.data.FundamentalItem;
import io.stocklab.engine.data.MarketPanel;

/**
 * Small vectorized helpers shared by the category classes. Arrays returned by
 * {@link FactorContext#factor(String)} are cached and shared: they are only read here, never written; every
 * helper writes into a fresh array.
 */
final class Calc {
    private Calc() {
    }

    @FunctionalInterface
    interface Op1 {
        double apply(double a);
    }

    @FunctionalInterface
    interface Op2 {
        double apply(double a, double b);
    }

    static final double ANNUALIZE = Math.sqrt(252.0);

    /** x if x > 0, else NaN (also NaN for NaN). */
    static double positive(double x) {
        return x > 0 ? x : Double.NaN;
    }

    /** a / b when b > 0, else NaN. */
    static double overPositive(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }

    /** 100 · a / b when b > 0, else NaN. */
    static double pctOf(double a, double b) {
        return b > 0 ? 100.0 * a / b : Double.NaN;
    }

    /** Growth in percent from {@code then} to {@code now}; NaN unless {@code then} > 0. */
    static double growthPct(double now, double then) {
        return then > 0 && now == now ? (now / then - 1.0) * 100.0 : Double.NaN;
    }

    /** Compound annual growth in percent over {@code years}; NaN unless both values are > 0. */
    static double cagrPct(double now, double then, int years) {
        return now > 0 && then > 0 ? (Math.pow(now / then, 1.0 / years) - 1.0) * 100.0 : Double.NaN;
    }

    /** Capex as a positive outflow, whatever sign convention the data uses. */
    static double capex(PointInTime.Reports r, int lag) {
        return Math.abs(r.ttm(FundamentalItem.CAPEX, lag));
    }

    /** Free cash flow TTM = operating cash flow − |capex|. */
    static double fcf(PointInTime.Reports r, int lag) {
        return r.ttm(FundamentalItem.OPERATING_CASH_FLOW, lag) - capex(r, lag);
    }

    /** Trailing EPS at a lag: TTM net income ÷ shares outstanding of the same quarter. */
    static double eps(PointInTime.Reports r, int lag) {
        return overPositive(r.ttm(FundamentalItem.NET_INCOME, lag), r.balance(FundamentalItem.SHARES_OUTSTANDING, lag));
    }

    /** The metric forward-filled onto the calendar (a fresh array). */
    static double[] fundamental(FactorContext ctx, PointInTime.Metric metric) {
        return PointInTime.daily(ctx.panel(), metric);
    }

    /** op(factor value, fundamental metric) cell by cell, into a fresh array. */
    static double[] withFactor(FactorContext ctx, String factorId, PointInTime.Metric metric, Op2 op) {
        double[] f = ctx.factor(factorId);
        double[] out = fundamental(ctx, metric);
        for (int i = 0; i < out.length; i++) out[i] = op.apply(f[i], out[i]);
        return out;
    }

    /** op(a, b) cell by cell into a fresh array. */
    static double[] combine(double[] a, double[] b, Op2 op) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) out[i] = op.apply(a[i], b[i]);
        return out;
    }

    /** op(a) cell by cell into a fresh array. */
    static double[] map(double[] a, Op1 op) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) out[i] = op.apply(a[i]);
        return out;
    }

    /** A kernel over the close of each asset's bars. */
    static double[] onClose(FactorContext ctx, PerAsset.Kernel kernel) {
        return PerAsset.apply(ctx.panel(), ctx.panel().close(), kernel);
    }

    /** A kernel over high, low, close of each asset's bars. */
    static double[] onHlc(FactorContext ctx, PerAsset.MultiKernel kernel) {
        MarketPanel p = ctx.panel();
        return PerAsset.apply(p, new double[][] {p.high(), p.low(), p.close()}, kernel);
    }

    /** A kernel over high, low, close, volume of each asset's bars. */
    static double[] onHlcv(FactorContext ctx, PerAsset.MultiKernel kernel) {
        MarketPanel p = ctx.panel();
        return PerAsset.apply(p, new double[][] {p.high(), p.low(), p.close(), p.volume()}, kernel);
    }

    /** A kernel over close and volume of each asset's bars. */
    static double[] onCloseVolume(FactorContext ctx, PerAsset.MultiKernel kernel) {
        MarketPanel p = ctx.panel();
        return PerAsset.apply(p, new double[][] {p.close(), p.volume()}, kernel);
    }

    /** Multiplies every element in place. */
    static void scale(double[] x, double k) {
        for (int i = 0; i < x.length; i++) x[i] *= k;
    }
}
