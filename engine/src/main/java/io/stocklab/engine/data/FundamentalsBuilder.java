package io.stocklab.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects quarterly reports in any order and builds {@link Fundamentals} for a panel's asset order. */
public final class FundamentalsBuilder {
    private static final int ITEMS = FundamentalItem.values().length;

    private record Report(String symbol, int periodEnd, int disclosed, double[] values) { }

    private final List<Report> reports = new ArrayList<>();

    /**
     * Adds a report. {@code values} is indexed by {@link FundamentalItem#ordinal()} (NaN where not reported).
     *
     * @throws IllegalArgumentException if disclosed is before periodEnd
     */
    public void add(String symbol, int periodEndEpochDay, int disclosedEpochDay, double[] values) {
        if (values.length != ITEMS) throw new IllegalArgumentException("expected " + ITEMS + " values, got " + values.length);
        if (disclosedEpochDay < periodEndEpochDay) {
            throw new IllegalArgumentException("report of " + symbol + " disclosed before its period end");
        }
        reports.add(new Report(symbol, periodEndEpochDay, disclosedEpochDay, values.clone()));
    }

    public int size() {
        return reports.size();
    }

    /** Builds for assets in panel order; reports of symbols not in {@code assetPosition} are dropped. */
    public Fundamentals build(Map<String, Integer> assetPosition, int assetCount) {
        List<int[]> keyed = new ArrayList<>(reports.size()); // [asset, reportIndex]
        for (int i = 0; i < reports.size(); i++) {
            Integer a = assetPosition.get(reports.get(i).symbol());
            if (a != null) keyed.add(new int[] {a, i});
        }
        keyed.sort((x, y) -> {
            if (x[0] != y[0]) return Integer.compare(x[0], y[0]);
            Report rx = reports.get(x[1]), ry = reports.get(y[1]);
            if (rx.disclosed() != ry.disclosed()) return Integer.compare(rx.disclosed(), ry.disclosed());
            return Integer.compare(rx.periodEnd(), ry.periodEnd());
        });
        int n = keyed.size();
        int[] offsets = new int[assetCount + 1];
        int[] pe = new int[n], di = new int[n];
        double[][] v = new double[ITEMS][n];
        for (int k = 0; k < n; k++) {
            int a = keyed.get(k)[0];
            Report r = reports.get(keyed.get(k)[1]);
            offsets[a + 1]++;
            pe[k] = r.periodEnd();
            di[k] = r.disclosed();
            for (int c = 0; c < ITEMS; c++) v[c][k] = r.values()[c];
        }
        for (int a = 0; a < assetCount; a++) offsets[a + 1] += offsets[a];
        return new Fundamentals(offsets, pe, di, v);
    }
}
