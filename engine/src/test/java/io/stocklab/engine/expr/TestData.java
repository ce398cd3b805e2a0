package io.stocklab.engine.expr;

import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.factor.Factor;
import io.stocklab.engine.factor.FactorCategory;
import io.stocklab.engine.factor.FactorContext;
import io.stocklab.engine.factor.FactorLibrary;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-built panel of 4 assets × 6 days and a tiny factor library for the expression tests.
 * <pre>
 * close   d0  d1  d2  d3  d4  d5
 * AAA     10  11   -  12   9  13     (no bar on d2)
 * BBB     20  20  21  19  22  22
 * CCC      -   5   6   7   -   8     (listed on d1, no bar on d4)
 * DDD     15  15  15  15  15  15
 * </pre>
 * open = close − 1, high = close + 2, low = close − 2, volume = 1000·(asset+1) + day, all NaN without a bar.
 */
final class TestData {
    static final double N = Double.NaN;
    static final int AAA = 0, BBB = 1, CCC = 2, DDD = 3;
    static final int DAYS = 6;

    static final double[][] CLOSE = {
            {10, 11, N, 12, 9, 13},
            {20, 20, 21, 19, 22, 22},
            {N, 5, 6, 7, N, 8},
            {15, 15, 15, 15, 15, 15},
    };

    /** per: NaN for AAA on d4 (a bar day) and for CCC on d0 (no bar); CCC has a value on d4 without a bar. */
    static final double[][] PER = {
            {8, 8, 7, 6, N, 5},
            {12, 8, 9, -2, 4, 4},
            {N, 3, 3, 10, 1, 2},
            {10, 8, 9, 9, 9, 9},
    };

    private TestData() {
    }

    static MarketPanel panel() {
        int na = CLOSE.length;
        double[] open = new double[na * DAYS], high = new double[na * DAYS], low = new double[na * DAYS],
                close = new double[na * DAYS], volume = new double[na * DAYS];
        for (int a = 0; a < na; a++) {
            for (int d = 0; d < DAYS; d++) {
                int i = a * DAYS + d;
                double c = CLOSE[a][d];
                close[i] = c;
                open[i] = c - 1;
                high[i] = c + 2;
                low[i] = c - 2;
                volume[i] = Double.isNaN(c) ? N : 1000.0 * (a + 1) + d;
            }
        }
        int[] days = new int[DAYS];
        for (int d = 0; d < DAYS; d++) days[d] = 19_000 + d;
        return new MarketPanel("test", false, days,
                List.of(Asset.of("AAA"), Asset.of("BBB"), Asset.of("CCC"), Asset.of("DDD")),
                open, high, low, close, volume, null, null, null);
    }

    static FactorLibrary library() {
        return new FactorLibrary(List.of(per(), roe(), new TestFactor("rsi_14", (a, d) -> 50.0)));
    }

    static TestFactor per() {
        return new TestFactor("per", (a, d) -> PER[a][d]);
    }

    /** roe = 10·(asset+1) + day. */
    static TestFactor roe() {
        return new TestFactor("roe", (a, d) -> 10.0 * (a + 1) + d);
    }

    static double[] asArray(double[][] byAsset) {
        double[] out = new double[byAsset.length * DAYS];
        for (int a = 0; a < byAsset.length; a++) System.arraycopy(byAsset[a], 0, out, a * DAYS, DAYS);
        return out;
    }

    interface CellFunction {
        double at(int asset, int day);
    }

    /** A factor defined cell by cell, counting how often it is computed. */
    static final class TestFactor implements Factor {
        final String id;
        final CellFunction f;
        final AtomicInteger computations = new AtomicInteger();

        TestFactor(String id, CellFunction f) {
            this.id = id;
            this.f = f;
        }

        @Override public String id() { return id; }
        @Override public FactorCategory category() { return FactorCategory.VALUE; }
        @Override public String name() { return id; }
        @Override public String description() { return "test factor " + id; }
        @Override public String formula() { return id; }
        @Override public List<String> inputs() { return List.of(); }

        @Override
        public double[] compute(FactorContext ctx) {
            computations.incrementAndGet();
            MarketPanel p = ctx.panel();
            double[] out = new double[p.cellCount()];
            for (int a = 0; a < p.assetCount(); a++) {
                for (int d = 0; d < p.dateCount(); d++) out[p.at(a, d)] = f.at(a, d);
            }
            return out;
        }
    }
}
