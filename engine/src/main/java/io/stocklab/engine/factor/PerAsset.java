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

    /** Applies {@code kernel} to several aligned asset-major inputs over each asset's bars. */
    public static double[] apply(MarketPanel panel, double[][] inputs, MultiKernel kernel) {
        int nd = panel.dateCount();
        int na = panel.assetCount();
        double[] result = new double[panel.cellCount()];
        Arrays.fill(result, Double.NaN);
        double[] close = panel.close();
        int[] idx = new int[nd];
        double[][] in = new double[inputs.length][nd];
        double[] out = new double[nd];
        for (int a = 0; a < na; a++) {
            int base = a * nd;
            int m = 0;
            int first = panel.firstBar(a), last = panel.lastBar(a);
            if (first < 0) continue;
            for (int d = first; d <= last; d++) {
                if (!Double.isNaN(close[base + d])) idx[m++] = d;
            }
            double[][] compact = new double[inputs.length][];
            for (int k = 0; k < inputs.length; k++) {
                double[] src = inputs[k];
                double[] dst = in[k].length == m ? in[k] : (in[k] = new double[m]);
                for (int j = 0; j < m; j++) dst[j] = src[base + idx[j]];
                compact[k] = dst;
            }
            if (out.length != m) out = new double[m];
            kernel.apply(compact, out);
            for (int j = 0; j < m; j++) result[base + idx[j]] = out[j];
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
