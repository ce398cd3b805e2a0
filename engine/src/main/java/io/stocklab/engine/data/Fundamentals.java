package io.stocklab.engine.data;

import java.util.Arrays;

/**
 * Quarterly statements of every asset of a panel, stored column-wise (compressed sparse rows: the reports of
 * asset {@code a} are {@code offsets[a] .. offsets[a+1]-1}, sorted by disclosure date, then period end).
 * A report becomes visible on its disclosure date (point in time): nothing here is ever visible earlier.
 */
public final class Fundamentals {

    private final int[] offsets;
    private final int[] periodEnd;
    private final int[] disclosed;
    private final double[][] values;

    /**
     * @param offsets   length nAssets + 1, non-decreasing, offsets[0] == 0, last == number of reports
     * @param periodEnd fiscal period end of each report, as epoch day
     * @param disclosed disclosure date of each report, as epoch day (never before its period end)
     * @param values    values[item.ordinal()][report]; NaN where not reported
     */
    public Fundamentals(int[] offsets, int[] periodEnd, int[] disclosed, double[][] values) {
        int n = periodEnd.length;
        if (disclosed.length != n) throw new IllegalArgumentException("disclosed length " + disclosed.length + " != " + n);
        if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != n) {
            throw new IllegalArgumentException("offsets must start at 0 and end at the number of reports " + n);
        }
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] < offsets[i - 1]) throw new IllegalArgumentException("offsets must not decrease at " + i);
        }
        if (values.length != FundamentalItem.values().length) {
            throw new IllegalArgumentException("values must hold one column per FundamentalItem");
        }
        for (double[] column : values) {
            if (column.length != n) throw new IllegalArgumentException("value column length != " + n);
        }
        for (int a = 0; a + 1 < offsets.length; a++) {
            for (int r = offsets[a] + 1; r < offsets[a + 1]; r++) {
                if (disclosed[r] < disclosed[r - 1]) {
                    throw new IllegalArgumentException("reports of asset #" + a + " are not sorted by disclosure date");
                }
            }
        }
        this.offsets = offsets;
        this.periodEnd = periodEnd;
        this.disclosed = disclosed;
        this.values = values;
    }

    /** No reports for any of {@code nAssets} assets. */
    public static Fundamentals empty(int nAssets) {
        double[][] v = new double[FundamentalItem.values().length][0];
        return new Fundamentals(new int[nAssets + 1], new int[0], new int[0], v);
    }

    public int assetCount() {
        return offsets.length - 1;
    }

    public int reportCount() {
        return periodEnd.length;
    }

    public boolean isEmpty() {
        return periodEnd.length == 0;
    }

    /** Index of the first report of asset {@code a}. */
    public int start(int a) {
        return offsets[a];
    }

    /** One past the index of the last report of asset {@code a}. */
    public int end(int a) {
        return offsets[a + 1];
    }

    public int periodEnd(int report) {
        return periodEnd[report];
    }

    public int disclosed(int report) {
        return disclosed[report];
    }

    public double value(FundamentalItem item, int report) {
        return values[item.ordinal()][report];
    }

    /** The raw column of one item (do not modify). */
    public double[] column(FundamentalItem item) {
        return values[item.ordinal()];
    }

    /** A copy restricted to the given assets (in that order), for single-asset panels. */
    public Fundamentals select(int[] assets) {
        int[] off = new int[assets.length + 1];
        int total = 0;
        for (int i = 0; i < assets.length; i++) {
            total += end(assets[i]) - start(assets[i]);
            off[i + 1] = total;
        }
        int[] pe = new int[total];
        int[] di = new int[total];
        double[][] v = new double[values.length][total];
        int k = 0;
        for (int asset : assets) {
            for (int r = start(asset); r < end(asset); r++, k++) {
                pe[k] = periodEnd[r];
                di[k] = disclosed[r];
                for (int c = 0; c < values.length; c++) v[c][k] = values[c][r];
            }
        }
        return new Fundamentals(off, pe, di, v);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fundamentals f)) return false;
        return Arrays.equals(offsets, f.offsets) && Arrays.equals(periodEnd, f.periodEnd)
                && Arrays.equals(disclosed, f.disclosed) && Arrays.deepEquals(values, f.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offsets) * 31 + Arrays.hashCode(disclosed);
    }
}
