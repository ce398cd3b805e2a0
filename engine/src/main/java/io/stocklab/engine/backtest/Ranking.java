package io.stocklab.engine.backtest;

import io.stocklab.engine.data.MarketPanel;

import java.util.Arrays;

/** Cross-sectional ranking helpers of the rebalance step (primitive, allocation-light). */
final class Ranking {
    private Ranking() {
    }

    /**
     * Percentile rank of {@code v} among {@code sorted} (ascending, no NaN): (values strictly below + (ties − 1) / 2)
     * ÷ (m − 1), in 0..1; 0.5 for a single value.
     */
    static double percentile(double[] sorted, double v) {
        int m = sorted.length;
        if (m <= 1) return 0.5;
        int lo = lowerBound(sorted, v);
        int hi = upperBound(sorted, v);
        double rank = lo + (hi - lo - 1) / 2.0;
        return rank / (m - 1);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Positions 0..m−1 of {@code cand} ordered by score descending, ties by symbol ascending. */
    static int[] orderByScoreThenSymbol(int[] cand, int m, double[] score, MarketPanel panel) {
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> {
            int c = Double.compare(score[y], score[x]);
            if (c != 0) return c;
            return panel.symbol(cand[x]).compareTo(panel.symbol(cand[y]));
        });
        int[] out = new int[m];
        for (int i = 0; i < m; i++) out[i] = idx[i];
        return out;
    }
}
