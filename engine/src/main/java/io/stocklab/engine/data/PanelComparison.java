package io.stocklab.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compares two panels cell by cell: calendar, assets (with their metadata), every price field bit for bit (NaN equals
 * NaN), fundamentals and benchmarks. Used to check that a panel built one way (database, snapshot) equals the one
 * built another way (CSV, generator).
 */
public final class PanelComparison {
    private PanelComparison() {
    }

    /** Up to {@code max} human-readable differences; empty when the panels hold the same data. */
    public static List<String> differences(MarketPanel expected, MarketPanel actual, int max) {
        List<String> out = new ArrayList<>();
        if (!Arrays.equals(expected.epochDays(), actual.epochDays())) {
            out.add("calendars differ: " + expected.dateCount() + " days " + range(expected) + " vs "
                    + actual.dateCount() + " days " + range(actual));
            return out;
        }
        if (expected.assetCount() != actual.assetCount()) {
            out.add("asset counts differ: " + expected.assetCount() + " vs " + actual.assetCount());
            return out;
        }
        for (int a = 0; a < expected.assetCount() && out.size() < max; a++) {
            if (!expected.asset(a).equals(actual.asset(a))) out.add("asset #" + a + ": " + expected.asset(a) + " vs " + actual.asset(a));
        }
        String[] names = {"open", "high", "low", "close", "volume"};
        int nd = expected.dateCount();
        for (int f = 0; f < 5 && out.size() < max; f++) {
            double[] x = expected.field(f), y = actual.field(f);
            for (int i = 0; i < x.length && out.size() < max; i++) {
                if (Double.doubleToLongBits(x[i]) != Double.doubleToLongBits(y[i]) && !(Double.isNaN(x[i]) && Double.isNaN(y[i]))) {
                    out.add(names[f] + " of " + expected.symbol(i / nd) + " on " + expected.date(i % nd) + ": " + x[i] + " vs " + y[i]);
                }
            }
        }
        if (out.size() < max && !expected.fundamentals().equals(actual.fundamentals())) {
            out.add("fundamentals differ: " + expected.fundamentals().reportCount() + " vs "
                    + actual.fundamentals().reportCount() + " reports");
        }
        Map<String, double[]> eb = expected.benchmarks(), ab = actual.benchmarks();
        if (out.size() < max && !eb.keySet().equals(ab.keySet())) {
            out.add("benchmarks differ: " + eb.keySet() + " vs " + ab.keySet());
        } else {
            for (Map.Entry<String, double[]> e : eb.entrySet()) {
                if (out.size() < max && !Arrays.equals(e.getValue(), ab.get(e.getKey()))) out.add("benchmark " + e.getKey() + " differs");
            }
        }
        return out;
    }

    private static String range(MarketPanel p) {
        return p.dateCount() == 0 ? "[]" : "[" + p.date(0) + ".." + p.date(p.dateCount() - 1) + "]";
    }
}
