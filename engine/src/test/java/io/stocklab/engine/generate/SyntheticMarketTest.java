package io.stocklab.engine.generate;

import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.DatasetDirectory;
import io.stocklab.engine.data.FundamentalItem;
import io.stocklab.engine.data.Fundamentals;
import io.stocklab.engine.data.MarketPanel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticMarketTest {
    static final GeneratorConfig CONFIG = new GeneratorConfig(300, 4, 42, GeneratorConfig.DEFAULT_END);
    static MarketPanel panel;

    @BeforeAll
    static void generate() {
        panel = SyntheticMarket.generate(CONFIG, ProgressListener.NONE);
    }

    @Test
    void shapeAndNotice() {
        assertThat(panel.name()).isEqualTo("synthetic-krx-s42");
        assertThat(panel.synthetic()).isTrue();
        assertThat(panel.assetCount()).isEqualTo(300);
        assertThat(panel.dateCount()).isBetween(4 * 243, 4 * 254);
        assertThat(SyntheticMarket.configOf(panel)).contains(CONFIG);
        assertThat(DatasetDirectory.generatorOf(panel)).containsEntry("seed", 42L).containsEntry("stocks", 300);
    }

    @Test
    void calendarIsTheKrxLikeCalendar() {
        int[] expected = KrxCalendar.tradingDays(CONFIG.start(), CONFIG.end());
        assertThat(panel.epochDays()).isEqualTo(expected);
        assertThat(panel.date(panel.dateCount() - 1)).isEqualTo(LocalDate.of(2025, 12, 30));
        for (int d = 0; d < panel.dateCount(); d++) {
            LocalDate day = panel.date(d);
            assertThat(day.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(day.getMonthValue() * 100 + day.getDayOfMonth()).isNotIn(101, 301, 505, 606, 815, 1003, 1009, 1225, 1231);
        }
    }

    @Test
    void assetsLookLikeKrxListings() {
        Set<String> names = new HashSet<>();
        Set<String> sectors = new HashSet<>();
        int kospi = 0;
        String prev = "";
        for (Asset a : panel.assets()) {
            assertThat(a.symbol()).matches("\\d{6}");
            assertThat(a.symbol()).isGreaterThan(prev); // sorted, unique
            prev = a.symbol();
            assertThat(a.name()).isNotBlank().isNotEqualTo(a.symbol());
            assertThat(names.add(a.name())).as("unique name %s", a.name()).isTrue();
            assertThat(a.market()).isIn("KOSPI", "KOSDAQ");
            if (a.market().equals("KOSPI")) kospi++;
            sectors.add(a.sector());
            assertThat(a.listed()).isNotNull();
        }
        assertThat(kospi).isBetween(75, 135);
        assertThat(sectors).hasSize(12);
    }

    @Test
    void listingsAndDelistingsAreConsistentWithBars() {
        int newListings = 0, delisted = 0;
        List<Double> survivorReturns = new ArrayList<>(), delistedReturns = new ArrayList<>();
        double[] close = panel.close();
        int nd = panel.dateCount();
        for (int a = 0; a < panel.assetCount(); a++) {
            Asset asset = panel.asset(a);
            int first = panel.firstBar(a), last = panel.lastBar(a);
            assertThat(first).isGreaterThanOrEqualTo(0);
            if (first > 0) {
                newListings++;
                assertThat(asset.listed()).isEqualTo(panel.date(first));
            } else {
                assertThat(asset.listed()).isBefore(panel.date(0));
            }
            double total = close[a * nd + last] / close[a * nd + first] - 1;
            if (asset.delisted() != null) {
                delisted++;
                assertThat(last).isLessThan(nd - 1);
                assertThat(asset.delisted()).isEqualTo(panel.date(last + 1));
                delistedReturns.add(total);
            } else {
                assertThat(last).isGreaterThan(nd - 25); // survivors trade to the end (short halts aside)
                survivorReturns.add(total);
            }
            for (int d = 0; d < first; d++) assertThat(panel.hasBar(a, d)).isFalse();
            for (int d = last + 1; d < nd; d++) assertThat(panel.hasBar(a, d)).isFalse();
        }
        assertThat(newListings).isBetween(25, 75);
        assertThat(delisted).isBetween(3, 40);
        // delisted stocks mostly fell hard before leaving: the survivors alone are a biased sample
        assertThat(median(delistedReturns)).isLessThan(-0.5).isLessThan(median(survivorReturns));
    }

    @Test
    void haltsLeaveShortGaps() {
        int halted = 0;
        int nd = panel.dateCount();
        for (int a = 0; a < panel.assetCount(); a++) {
            if (panel.asset(a).delisted() != null) continue;
            int gap = 0;
            for (int d = panel.firstBar(a); d <= panel.lastBar(a); d++) {
                if (!panel.hasBar(a, d)) {
                    gap++;
                } else if (gap > 0) {
                    assertThat(gap).isBetween(1, 40); // two overlapping halts at most
                    halted++;
                    gap = 0;
                }
            }
            if (gap > 0) halted++;
            assertThat(panel.barCount(a)).isGreaterThan(0);
            assertThat(panel.lastBar(a)).isLessThan(nd);
        }
        // ~3 % of stocks per year: about 36 halts expected over 300 stocks × 4 years
        assertThat(halted).isBetween(15, 70);
    }

    @Test
    void pricesAreOnTheTickGridWithinTheDailyLimitAndOhlcConsistent() {
        double[] o = panel.open(), h = panel.high(), l = panel.low(), c = panel.close(), v = panel.volume();
        int nd = panel.dateCount();
        int limitUp = 0, limitDown = 0;
        for (int a = 0; a < panel.assetCount(); a++) {
            double prev = Double.NaN;
            for (int d = 0; d < nd; d++) {
                int i = a * nd + d;
                if (Double.isNaN(c[i])) {
                    assertThat(o[i]).isNaN();
                    assertThat(v[i]).isNaN();
                    continue;
                }
                for (double p : new double[] {o[i], h[i], l[i], c[i]}) {
                    assertThat(KrxTicks.onGrid(p)).as("price %s of %s on %s", p, panel.symbol(a), panel.date(d)).isTrue();
                }
                assertThat(l[i]).isGreaterThan(0).isLessThanOrEqualTo(Math.min(o[i], c[i]));
                assertThat(h[i]).isGreaterThanOrEqualTo(Math.max(o[i], c[i]));
                assertThat(v[i]).isGreaterThanOrEqualTo(1).isEqualTo(Math.rint(v[i]));
                if (!Double.isNaN(prev)) {
                    assertThat(Math.abs(c[i] / prev - 1)).isLessThanOrEqualTo(0.3 + 1e-9);
                    assertThat(h[i]).isLessThanOrEqualTo(KrxTicks.upperLimit(prev));
                    assertThat(l[i]).isGreaterThanOrEqualTo(KrxTicks.lowerLimit(prev));
                    if (c[i] == KrxTicks.upperLimit(prev)) limitUp++;
                    if (c[i] == KrxTicks.lowerLimit(prev)) limitDown++;
                }
                prev = c[i];
            }
        }
        assertThat(limitUp).isPositive();
        assertThat(limitDown).isPositive();
    }

    @Test
    void dailyReturnsHaveFatTails() {
        double[] r = stockReturns(panel);
        assertThat(r.length).isGreaterThan(200_000);
        assertThat(excessKurtosis(r)).isGreaterThan(1);
        double sd = Math.sqrt(variance(r));
        assertThat(sd).isBetween(0.015, 0.045);
    }

    @Test
    void marketVolatilityClusters() {
        for (String index : List.of("KOSPI", "KOSDAQ")) {
            double[] b = panel.benchmarks().get(index);
            double[] r = new double[b.length - 1];
            for (int d = 1; d < b.length; d++) r[d - 1] = b[d] / b[d - 1] - 1;
            double acf = 0;
            for (int lag = 1; lag <= 5; lag++) acf += autocorrelationOfSquares(r, lag);
            assertThat(acf / 5).as("mean autocorrelation of squared %s returns, lags 1..5", index).isGreaterThan(0.02);
            assertThat(excessKurtosis(r)).isGreaterThan(0.5);
        }
    }

    @Test
    void benchmarksAreCapWeightedIndices() {
        assertThat(panel.benchmarks()).containsOnlyKeys("KOSPI", "KOSDAQ");
        double[] kospi = panel.benchmarks().get("KOSPI"), kosdaq = panel.benchmarks().get("KOSDAQ");
        assertThat(kospi[0]).isEqualTo(2000);
        assertThat(kosdaq[0]).isEqualTo(700);
        for (double[] b : List.of(kospi, kosdaq)) {
            assertThat(b).hasSize(panel.dateCount());
            for (int d = 0; d < b.length; d++) {
                assertThat(b[d]).isPositive();
                if (d > 0) assertThat(Math.abs(b[d] / b[d - 1] - 1)).isLessThan(0.3);
            }
        }
        // an index follows its members: it correlates with the equal-weighted mean return of its market
        int nd = panel.dateCount();
        double[] ew = new double[nd - 1];
        int[] n = new int[nd - 1];
        double[] c = panel.close();
        for (int a = 0; a < panel.assetCount(); a++) {
            if (!panel.asset(a).market().equals("KOSPI")) continue;
            for (int d = 1; d < nd; d++) {
                double p0 = c[a * nd + d - 1], p1 = c[a * nd + d];
                if (!Double.isNaN(p0) && !Double.isNaN(p1)) {
                    ew[d - 1] += p1 / p0 - 1;
                    n[d - 1]++;
                }
            }
        }
        double[] idx = new double[nd - 1];
        for (int d = 1; d < nd; d++) {
            ew[d - 1] /= Math.max(1, n[d - 1]);
            idx[d - 1] = kospi[d] / kospi[d - 1] - 1;
        }
        assertThat(correlation(ew, idx)).isGreaterThan(0.8);
    }

    @Test
    void fundamentalsArePointInTimeAndConsistent() {
        Fundamentals f = panel.fundamentals();
        int endDay = (int) CONFIG.end().toEpochDay();
        int losses = 0, reports = 0;
        double q4Dividends = 0, otherDividends = 0;
        for (int a = 0; a < panel.assetCount(); a++) {
            assertThat(f.end(a) - f.start(a)).as("reports of %s", panel.symbol(a)).isGreaterThanOrEqualTo(4);
            Asset asset = panel.asset(a);
            int visibleUntil = asset.delisted() == null ? endDay : panel.epochDay(panel.lastBar(a));
            int disclosedByDayOne = 0;
            for (int r = f.start(a); r < f.end(a); r++) {
                reports++;
                LocalDate end = LocalDate.ofEpochDay(f.periodEnd(r));
                assertThat(end.getDayOfMonth()).isEqualTo(end.lengthOfMonth());
                assertThat(end.getMonthValue() % 3).isZero();
                int lag = f.disclosed(r) - f.periodEnd(r);
                if (panel.firstBar(a) == 0) {
                    if (end.getMonthValue() == 12) assertThat(lag).isBetween(60, 92);
                    else assertThat(lag).isBetween(30, 47);
                } else {
                    assertThat(lag).isGreaterThanOrEqualTo(30); // earlier periods are disclosed on the listing day
                }
                assertThat(f.disclosed(r)).isLessThanOrEqualTo(visibleUntil);
                if (f.disclosed(r) <= panel.epochDay(0)) disclosedByDayOne++;
                for (FundamentalItem item : FundamentalItem.values()) assertThat(f.value(item, r)).isNotNaN();
                double assets = f.value(FundamentalItem.TOTAL_ASSETS, r);
                assertThat(assets).isEqualTo(f.value(FundamentalItem.TOTAL_LIABILITIES, r) + f.value(FundamentalItem.EQUITY, r));
                assertThat(assets).isPositive();
                assertThat(f.value(FundamentalItem.CURRENT_ASSETS, r)).isBetween(0.0, assets);
                assertThat(f.value(FundamentalItem.CASH, r)).isBetween(0.0, f.value(FundamentalItem.CURRENT_ASSETS, r));
                assertThat(f.value(FundamentalItem.CURRENT_LIABILITIES, r)).isGreaterThanOrEqualTo(0);
                assertThat(f.value(FundamentalItem.REVENUE, r)).isPositive();
                assertThat(f.value(FundamentalItem.GROSS_PROFIT, r)).isGreaterThanOrEqualTo(f.value(FundamentalItem.OPERATING_INCOME, r));
                assertThat(f.value(FundamentalItem.SHARES_OUTSTANDING, r)).isPositive();
                assertThat(f.value(FundamentalItem.DIVIDENDS, r)).isGreaterThanOrEqualTo(0);
                assertThat(f.value(FundamentalItem.CAPEX, r)).isGreaterThanOrEqualTo(0);
                assertThat(f.value(FundamentalItem.DEPRECIATION, r)).isGreaterThanOrEqualTo(0);
                if (f.value(FundamentalItem.NET_INCOME, r) < 0) losses++;
                if (end.getMonthValue() == 12) q4Dividends += f.value(FundamentalItem.DIVIDENDS, r);
                else otherDividends += f.value(FundamentalItem.DIVIDENDS, r);
                if (r > f.start(a)) {
                    assertThat(f.disclosed(r)).isGreaterThanOrEqualTo(f.disclosed(r - 1));
                    assertThat(f.periodEnd(r)).isGreaterThan(f.periodEnd(r - 1));
                    // share count never shrinks (issuance only)
                    assertThat(f.value(FundamentalItem.SHARES_OUTSTANDING, r))
                            .isGreaterThanOrEqualTo(f.value(FundamentalItem.SHARES_OUTSTANDING, r - 1));
                }
            }
            // trailing twelve months available on day one for stocks listed before the start
            if (panel.firstBar(a) == 0) assertThat(disclosedByDayOne).isGreaterThanOrEqualTo(4);
        }
        assertThat((double) losses / reports).isBetween(0.05, 0.45);
        assertThat(q4Dividends).isGreaterThan(otherDividends);
    }

    @Test
    void sameSeedSameMarketOnAnyNumberOfThreads() throws Exception {
        GeneratorConfig small = new GeneratorConfig(40, 2, 7, GeneratorConfig.DEFAULT_END);
        MarketPanel a = SyntheticMarket.generate(small, ProgressListener.NONE);
        ForkJoinPool single = new ForkJoinPool(1);
        MarketPanel b;
        try {
            b = single.submit(() -> SyntheticMarket.generate(small, null)).get();
        } finally {
            single.shutdown();
        }
        assertSamePanel(a, b);
        MarketPanel other = SyntheticMarket.generate(small.withSeed(8), ProgressListener.NONE);
        assertThat(other.assets()).isNotEqualTo(a.assets());
        assertThat(Arrays.equals(other.close(), a.close())).isFalse();
    }

    @Test
    void aSubsetOfStocksIsAPrefixOfTheLargerMarket() {
        // stock #i depends only on the seed and i: a smaller market holds the same first stocks
        MarketPanel small = SyntheticMarket.generate(new GeneratorConfig(20, 2, 11, GeneratorConfig.DEFAULT_END), null);
        MarketPanel large = SyntheticMarket.generate(new GeneratorConfig(60, 2, 11, GeneratorConfig.DEFAULT_END), null);
        int nd = small.dateCount();
        for (int a = 0; a < small.assetCount(); a++) {
            int b = large.assetIndex(small.symbol(a));
            assertThat(b).isGreaterThanOrEqualTo(0);
            assertThat(large.asset(b)).isEqualTo(small.asset(a));
            assertThat(Arrays.copyOfRange(large.close(), b * nd, b * nd + nd))
                    .isEqualTo(Arrays.copyOfRange(small.close(), a * nd, a * nd + nd));
        }
    }

    @Test
    void reportsMonotonicProgress() {
        List<Double> fractions = new ArrayList<>();
        Set<String> phases = new HashSet<>();
        SyntheticMarket.generate(new GeneratorConfig(250, 1, 3, GeneratorConfig.DEFAULT_END), (fraction, phase, detail) -> {
            synchronized (fractions) {
                fractions.add(fraction);
                phases.add(phase);
            }
        });
        assertThat(phases).containsExactly(SyntheticMarket.PHASE);
        assertThat(fractions).isSorted();
        assertThat(fractions.get(0)).isEqualTo(0.0);
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
        assertThat(fractions.size()).isGreaterThan(10);
    }

    @Test
    void tinyMarketsWork() {
        MarketPanel one = SyntheticMarket.generate(new GeneratorConfig(1, 1, 0, LocalDate.of(2001, 3, 31)), null);
        assertThat(one.assetCount()).isEqualTo(1);
        assertThat(one.dateCount()).isBetween(243, 254);
        assertThat(one.barTotal()).isGreaterThan(50);
        assertThat(one.fundamentals().reportCount()).isGreaterThanOrEqualTo(4);
        assertThat(one.benchmarks().get("KOSPI")).doesNotContain(Double.NaN);
    }

    /** The default market: 2,500 stocks × 10 years (a few seconds). */
    @Test
    void defaultMarketShowsSurvivorshipBias() {
        MarketPanel p = SyntheticMarket.generate(GeneratorConfig.defaults(), null);
        int nd = p.dateCount(), na = p.assetCount();
        assertThat(na).isEqualTo(2500);
        assertThat(nd).isBetween(2470, 2510);
        int newListings = 0, delisted = 0, delistedOfOld = 0, old = 0;
        double allGrowth = 0, survivorGrowth = 0;
        int survivors = 0;
        double[] c = p.close();
        for (int a = 0; a < na; a++) {
            boolean isNew = p.firstBar(a) > 0, gone = p.asset(a).delisted() != null;
            if (isNew) newListings++;
            if (gone) delisted++;
            if (!isNew) {
                old++;
                double g = c[a * nd + p.lastBar(a)] / c[a * nd];
                allGrowth += g;
                if (gone) {
                    delistedOfOld++;
                } else {
                    survivorGrowth += g;
                    survivors++;
                }
            }
        }
        assertThat(newListings / 2500.0).isBetween(0.12, 0.18);
        assertThat(delisted / 2500.0).isBetween(0.07, 0.13);
        assertThat((double) delistedOfOld / old).isBetween(0.07, 0.14);
        // equal-weighted buy and hold of the stocks listed at the start: survivors only look clearly better
        double all = allGrowth / old - 1, survivorsOnly = survivorGrowth / survivors - 1;
        assertThat(survivorsOnly - all).isGreaterThan(0.05);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static void assertSamePanel(MarketPanel a, MarketPanel b) {
        assertThat(b.name()).isEqualTo(a.name());
        assertThat(b.epochDays()).isEqualTo(a.epochDays());
        assertThat(b.assets()).isEqualTo(a.assets());
        for (int f = MarketPanel.OPEN; f <= MarketPanel.VOLUME; f++) {
            assertThat(Arrays.equals(b.field(f), a.field(f))).as("field %d", f).isTrue();
        }
        assertThat(b.fundamentals()).isEqualTo(a.fundamentals());
        assertThat(b.benchmarks().keySet()).containsExactlyElementsOf(a.benchmarks().keySet());
        for (String k : a.benchmarks().keySet()) {
            assertThat(Arrays.equals(b.benchmarks().get(k), a.benchmarks().get(k))).as("benchmark %s", k).isTrue();
        }
    }

    static double[] stockReturns(MarketPanel p) {
        int nd = p.dateCount();
        double[] c = p.close();
        double[] out = new double[(int) p.barTotal()];
        int n = 0;
        for (int a = 0; a < p.assetCount(); a++) {
            double prev = Double.NaN;
            for (int d = 0; d < nd; d++) {
                double x = c[a * nd + d];
                if (Double.isNaN(x)) continue;
                if (!Double.isNaN(prev)) out[n++] = Math.log(x / prev);
                prev = x;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    static double excessKurtosis(double[] x) {
        double m = mean(x), s2 = 0, s4 = 0;
        for (double v : x) {
            double d = (v - m) * (v - m);
            s2 += d;
            s4 += d * d;
        }
        s2 /= x.length;
        s4 /= x.length;
        return s4 / (s2 * s2) - 3;
    }

    static double autocorrelationOfSquares(double[] r, int lag) {
        double[] y = new double[r.length];
        for (int i = 0; i < r.length; i++) y[i] = r[i] * r[i];
        double m = mean(y), num = 0, den = 0;
        for (int i = 0; i < y.length; i++) {
            den += (y[i] - m) * (y[i] - m);
            if (i >= lag) num += (y[i] - m) * (y[i - lag] - m);
        }
        return num / den;
    }

    static double correlation(double[] x, double[] y) {
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double median(List<Double> x) {
        List<Double> s = new ArrayList<>(x);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
