package io.stocklab.engine.factor;

import io.stocklab.engine.data.MarketPanel;

import java.util.Arrays;

/**
 * Applies a time-series kernel to every asset of a panel over the asset's own bars: the values on the days
 * the asset has a bar are gathered into a compact series (a day without a bar is not a bar of it), the kernel
 * runs on it, and the results are scattered back; days without a bar get NaN.
 */
public final class PerAsset {
    private PerAsset() {
    }

    /** A kernel from one compact series to one compact output of the same length. */
    @FunctionalInterface
    public interface Kernel {
        void apply(double[] in, double[] out);
    }

    /** A kernel over several aligned compact inputs (e.g. high, low, close). */
    @FunctionalInterface
    public interface MultiKernel {
        void apply(double[][] in, double[] out);
    }

    /** Applies {@code kernel} to the asset-major {@code input} over each asset's bars. */
    public static double[] apply(MarketPanel panel, double[] input, Kernel kernel) {
        return apply(panel, new double[][] {input}, (in, out) -> kernel.apply(in[0], out));
    }

    /** A kernel that also receives the date index (into the panel calendar) of each compact element. */
    @FunctionalInterface
    public interface DatedKernel {
        void apply(double[][] in, int[] dateIndex, double[] out);
    }

    /** Applies {@code kernel} to several aligned asset-major inputs over each asset's bars. */
    public static double[] apply(MarketPanel panel, double[][] inputs, MultiKernel kernel) {
        return run(panel, inputs, null, kernel);
    }

    /**
     * Like {@link #apply(MarketPanel, double[][], MultiKernel)}, and the kernel also gets the calendar index of
     * every compact element (an array of the same length as the compact series), e.g. to align a benchmark.
     */
    public static double[] applyDated(MarketPanel panel, double[][] inputs, DatedKernel kernel) {
        return run(panel, inputs, kernel, null);
    }

    /**
     * One pass per asset: gather (a block copy when the asset has no gap), run, scatter; every cell of the
     * result is written exactly once (NaN outside the asset's bars), so no separate fill pass is needed.
     */
    private static double[] run(MarketPanel panel, double[][] inputs, DatedKernel dated, MultiKernel plain) {
        int nd = panel.dateCount();
        int na = panel.assetCount();
        double[] result = new double[panel.cellCount()];
        double[] close = panel.close();
        int[] idx = new int[0];
        double[][] in = new double[inputs.length][0];
        double[] out = new double[0];
        double[][] compact = new double[inputs.length][];
        for (int a = 0; a < na; a++) {
            int base = a * nd;
            int first = panel.firstBar(a), last = panel.lastBar(a);
            if (first < 0) {
                Arrays.fill(result, base, base + nd, Double.NaN);
                continue;
            }
            int m = panel.barCount(a);
            boolean gapless = m == last - first + 1;
            if (dated != null || !gapless) {
                if (idx.length != m) idx = new int[m];
                int j = 0;
                for (int d = first; d <= last; d++) {
                    if (close[base + d] == close[base + d]) idx[j++] = d;
                }
            }
            for (int k = 0; k < inputs.length; k++) {
                double[] src = inputs[k];
                double[] dst = in[k].length == m ? in[k] : (in[k] = new double[m]);
                if (gapless) System.arraycopy(src, base + first, dst, 0, m);
                else for (int t = 0; t < m; t++) dst[t] = src[base + idx[t]];
                compact[k] = dst;
            }
            if (out.length != m) out = new double[m];
            if (dated != null) dated.apply(compact, idx, out);
            else plain.apply(compact, out);
            Arrays.fill(result, base, base + first, Double.NaN);
            if (gapless) {
                System.arraycopy(out, 0, result, base + first, m);
            } else {
                for (int d = first, t = 0; d <= last; d++) {
                    result[base + d] = close[base + d] == close[base + d] ? out[t++] : Double.NaN;
                }
            }
            Arrays.fill(result, base + last + 1, base + nd, Double.NaN);
        }
        return result;
    }

    /** The compact series of one asset (its bars only), and the date index of each element. */
    public static int[] barDates(MarketPanel panel, int asset) {
        int nd = panel.dateCount();
        int first = panel.firstBar(asset);
        if (first < 0) return new int[0];
        int[] idx = new int[panel.barCount(asset)];
        int m = 0;
        double[] close = panel.close();
        for (int d = first; d <= panel.lastBar(asset); d++) if (!Double.isNaN(close[asset * nd + d])) idx[m++] = d;
        return idx;
    }
}
