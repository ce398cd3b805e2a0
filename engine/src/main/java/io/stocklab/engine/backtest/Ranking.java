package io.stocklab.engine.backtest;


/** Cross-sectional ranking helpers of the rebalance step (primitive, allocation-light). */
final class Ranking {
    private Ranking() {
    }

    /**
     * Percentile rank of {@code v} among {@code sorted} (ascending, no NaN): (values strictly below + (ties − 1) / 2)
     * ÷ (m − 1), in 0..1; 0.5 for a single value.
     */
    static double percentile(double[] sorted, int m, double v) {
        if (m <= 1) return 0.5;
        int lo = lowerBound(sorted, m, v);
        int hi = upperBound(sorted, m, v);
        double rank = lo + (hi - lo - 1) / 2.0;
        return rank / (m - 1);
    }

    private static int lowerBound(double[] a, int n, double v) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int upperBound(double[] a, int n, double v) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Positions 0..m−1 of {@code cand} ordered by score descending, ties by symbol ascending (no boxing). */
    static int[] orderByScoreThenSymbol(int[] cand, int m, double[] score, int[] symbolRank) {
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) idx[i] = i;
        if (m < 2) return idx;
        int[] tmp = new int[m];
        mergeSort(idx, tmp, 0, m, cand, score, symbolRank);
        return idx;
    }

    private static boolean before(int x, int y, int[] cand, double[] score, int[] symbolRank) {
        int c = Double.compare(score[y], score[x]);
        if (c != 0) return c < 0;
        return symbolRank[cand[x]] < symbolRank[cand[y]];
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, int[] cand, double[] score, int[] symbolRank) {
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && before(v, a[j], cand, score, symbolRank)) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, cand, score, symbolRank);
        mergeSort(a, tmp, mid, hi, cand, score, symbolRank);
        if (!before(a[mid], a[mid - 1], cand, score, symbolRank)) return;
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) a[k++] = before(tmp[j], tmp[i], cand, score, symbolRank) ? tmp[j++] : tmp[i++];
        while (i < mid) a[k++] = tmp[i++];
        while (j < hi) a[k++] = tmp[j++];
    }
}
