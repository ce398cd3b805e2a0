package io.stocklab.engine.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.Random;

/** Kernels against values worked out by hand, plus brute-force references for the running algorithms. */
class IndicatorsTest {
    private static final double NaN = Double.NaN;
    private static final double EPS = 1e-12;

    private static double[] run(double[] x, java.util.function.BiConsumer<double[], double[]> k) {
        double[] out = new double[x.length];
        k.accept(x, out);
        return out;
    }

    private static void assertSeries(double[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) assertThat(actual[i]).as("index %d", i).isNaN();
            else assertThat(actual[i]).as("index %d", i).isCloseTo(expected[i], within(1e-9));
        }
    }

    @Test
    void smaSumAndNaNWindows() {
        double[] x = {1, 2, 3, 4, 5, NaN, 7, 8, 9};
        assertSeries(run(x, (in, o) -> Indicators.sma(in, 3, o)), NaN, NaN, 2, 3, 4, NaN, NaN, NaN, 8);
        assertSeries(run(x, (in, o) -> Indicators.sum(in, 2, o)), NaN, 3, 5, 7, 9, NaN, NaN, 15, 17);
        assertSeries(run(new double[] {4}, (in, o) -> Indicators.sma(in, 1, o)), 4);
    }

    @Test
    void emaIsSeededWithTheSma() {
        // n = 3, α = 0.5: seed mean(1,2,3) = 2 at index 2; then 2 + 0.5(4−2) = 3; 3 + 0.5(8−3) = 5.5
        assertSeries(run(new double[] {1, 2, 3, 4, 8}, (in, o) -> Indicators.ema(in, 3, o)), NaN, NaN, 2, 3, 5.5);
        // a NaN restarts the seeding
        assertSeries(run(new double[] {1, 2, NaN, 4, 6, 8}, (in, o) -> Indicators.ema(in, 2, o)), NaN, 1.5, NaN, NaN, 5,
                5 + 2.0 / 3 * 3);
    }

    @Test
    void wilderSmoothing() {
        // n = 2, α = 1/2: seed (2+4)/2 = 3, then 3 + (10 − 3)/2 = 6.5, then 6.5 + (0 − 6.5)/2 = 3.25
        assertSeries(run(new double[] {2, 4, 10, 0}, (in, o) -> Indicators.wilder(in, 2, o)), NaN, 3, 6.5, 3.25);
    }

    @Test
    void wmaWeightsNewestHeaviest() {
        // n = 3: (1·1 + 2·2 + 3·3)/6 = 14/6; (2 + 6 + 12)/6 = 20/6; (3 + 8 + 30)/6 = 41/6
        assertSeries(run(new double[] {1, 2, 3, 4, 10}, (in, o) -> Indicators.wma(in, 3, o)), NaN, NaN, 14.0 / 6, 20.0 / 6, 41.0 / 6);
    }

    @Test
    void populationAndSampleStandardDeviation() {
        // {2,4,4,4,5,5,7,9}: mean 5, squared deviations sum 32 → population σ = 2, sample σ = √(32/7)
        double[] x = {2, 4, 4, 4, 5, 5, 7, 9};
        assertThat(run(x, (in, o) -> Indicators.std(in, 8, o))[7]).isCloseTo(2.0, within(EPS));
        assertThat(run(x, (in, o) -> Indicators.stdSample(in, 8, o))[7]).isCloseTo(Math.sqrt(32.0 / 7), within(EPS));
        assertSeries(run(new double[] {1, 3, 5, NaN, 1, 1}, (in, o) -> Indicators.std(in, 2, o)), NaN, 1, 1, NaN, NaN, 0);
    }

    @Test
    void highestLowestAndLag() {
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
        assertSeries(run(x, (in, o) -> Indicators.highest(in, 3, o)), NaN, NaN, 4, 4, 5, 9, 9, 9);
        assertSeries(run(x, (in, o) -> Indicators.lowest(in, 3, o)), NaN, NaN, 1, 1, 1, 1, 2, 2);
        assertSeries(run(new double[] {1, NaN, 3, 4, 5}, (in, o) -> Indicators.highest(in, 2, o)), NaN, NaN, NaN, 4, 5);
        assertSeries(run(x, (in, o) -> Indicators.lag(in, 2, o)), NaN, NaN, 3, 1, 4, 1, 5, 9);
        assertSeries(run(new double[] {10, 11, 12.1}, (in, o) -> Indicators.change(in, 1, o)), NaN, 0.1, 0.1);
    }

    @Test
    void rsiByHand() {
        // n = 2: changes +1, −2, +3, +0: seed gains (1+0)/2 = .5, losses (0+2)/2 = 1 → RSI = 100 − 100/1.5
        // then gain (.5·1 + 3)/2 = 1.75, loss (1·1 + 0)/2 = .5 → 100 − 100/4.5
        // then gain 1.75/2 = .875, loss .25 → 100 − 100/4.5
        assertSeries(run(new double[] {10, 11, 9, 12, 12}, (in, o) -> Indicators.rsi(in, 2, o)),
                NaN, NaN, 100 - 100 / 1.5, 100 - 100 / 4.5, 100 - 100 / 4.5);
        assertSeries(run(new double[] {1, 2, 3}, (in, o) -> Indicators.rsi(in, 2, o)), NaN, NaN, 100);
        assertSeries(run(new double[] {5, 5, 5}, (in, o) -> Indicators.rsi(in, 2, o)), NaN, NaN, 50);
    }

    @Test
    void trueRangeAtrAndDirectionalMovement() {
        double[] h = {10, 12, 11, 15}, l = {8, 9, 7, 12}, c = {9, 11, 8, 14};
        double[] tr = new double[4];
        Indicators.trueRange(h, l, c, tr);
        // TR1 = max(3, |12−9|, |9−9|) = 3; TR2 = max(4, 0, 4) = 4; TR3 = max(3, 7, 4) = 7
        assertSeries(tr, NaN, 3, 4, 7);
        double[] atr = new double[4];
        Indicators.atr(h, l, c, 2, atr);
        // seed (3 + 4)/2 = 3.5 at index 2; then (3.5·1 + 7)/2 = 5.25
        assertSeries(atr, NaN, NaN, 3.5, 5.25);
        double[] pdi = new double[4], mdi = new double[4], adx = new double[4];
        Indicators.dmi(h, l, c, 2, pdi, mdi, adx);
        // +DM: i1 up 2 down −1 → 2; i2 up −1 down 2 → 0 (−DM 2); i3 up 4 down −5 → 4
        // smoothed +DM (n=2): (2+0)/2 = 1 at 2, then 1 + (4−1)/2 = 2.5; −DM: (0+2)/2 = 1, then 1 + (0−1)/2 = .5
        // +DI = 100·1/3.5, −DI = 100·1/3.5 at 2 → DX 0; at 3: +DI = 250/5.25, −DI = 50/5.25 → DX = 100·200/300
        assertSeries(pdi, NaN, NaN, 100 / 3.5, 250 / 5.25);
        assertSeries(mdi, NaN, NaN, 100 / 3.5, 50 / 5.25);
        assertSeries(adx, NaN, NaN, NaN, (0 + 200.0 / 3) / 2);
    }

    @Test
    void oscillatorsByHand() {
        double[] h = {10, 12, 11, 15}, l = {8, 9, 7, 12}, c = {9, 11, 8, 14};
        double[] k = new double[4], w = new double[4];
        Indicators.stochK(h, l, c, 3, k);
        // at 2: HH 12, LL 7, c 8 → 20; at 3: HH 15, LL 7 → 87.5
        assertSeries(k, NaN, NaN, 20, 87.5);
        Indicators.williamsR(h, l, c, 3, w);
        assertSeries(w, NaN, NaN, -80, -12.5);
        double[] cci = new double[4];
        Indicators.cci(h, l, c, 2, cci);
        // tp = 9, 32/3, 26/3, 41/3; at 1: mean 29/3·... (9 + 32/3)/2 = 59/6, dev = |9 − 59/6| = 5/6 → (32/3 − 59/6)/(0.015·5/6)
        assertThat(cci[1]).isCloseTo((32.0 / 3 - 59.0 / 6) / (0.015 * 5.0 / 6), within(1e-9));
        double[] obv = new double[4];
        Indicators.obv(new double[] {1, 2, 2, 1}, new double[] {10, 20, 30, 40}, obv);
        assertSeries(obv, 10, 30, 30, -10);
        double[] mfi = new double[4];
        Indicators.mfi(h, l, c, new double[] {100, 200, 300, 400}, 2, mfi);
        // tp 9, 32/3 (up, flow 6400/3), 26/3 (down, flow 2600), 41/3 (up, flow 16400/3)
        double f1 = 32.0 / 3 * 200, f2 = 26.0 / 3 * 300, f3 = 41.0 / 3 * 400;
        assertSeries(mfi, NaN, NaN, 100 * f1 / (f1 + f2), 100 * f3 / (f2 + f3));
    }

    @Test
    void bollingerAndAroon() {
        double[] x = {1, 2, 3, 4};
        double[] b = new double[4], wdt = new double[4];
        Indicators.bollingerPctB(x, 3, 2, b);
        // at 2: mean 2, σ = √(2/3); %b = (3 − (2 − 2σ)) / (4σ)
        double s = Math.sqrt(2.0 / 3);
        assertThat(b[2]).isCloseTo((3 - (2 - 2 * s)) / (4 * s), within(EPS));
        Indicators.bollingerWidth(x, 3, 2, wdt);
        assertThat(wdt[3]).isCloseTo(100 * 4 * s / 3, within(EPS));
        double[] up = new double[6], dn = new double[6];
        double[] hi = {1, 5, 2, 5, 3, 1};
        Indicators.aroonUp(hi, 3, up);
        // window of 4: at 3 [1,5,2,5] latest max at 3 → 100; at 4 [5,2,5,3] max at 3 → 1 bar → 66.67; at 5 → 33.3
        assertSeries(up, NaN, NaN, NaN, 100, 200.0 / 3, 100.0 / 3);
        Indicators.aroonDown(hi, 3, dn);
        // lows: at 3 min 1 at 0 → 3 bars → 0; at 4 [5,2,5,3] min at 2 → 2 bars → 33.3; at 5 min at 5 → 100
        assertSeries(dn, NaN, NaN, NaN, 0, 100.0 / 3, 100);
    }

    @Test
    void maxDrawdownByHand() {
        double[] x = {100, 120, 90, 110, 60, 80, 130, 65};
        double[] out = new double[x.length];
        Indicators.maxDrawdown(x, 3, out);
        // [100,120,90] 1−90/120 = .25; [120,90,110] .25; [90,110,60] 1−60/110; [110,60,80] 1−60/110;
        // [60,80,130] 0; [80,130,65] .5
        assertSeries(out, NaN, NaN, .25, .25, 1 - 60.0 / 110, 1 - 60.0 / 110, 0, .5);
    }

    @Test
    void betaCorrelationAndMoments() {
        double[] m = {0.01, -0.02, 0.03, 0.00}, r = new double[4];
        for (int i = 0; i < 4; i++) r[i] = 2 * m[i] + 0.001;
        double[] beta = new double[4], corr = new double[4];
        Indicators.beta(r, m, 3, beta);
        Indicators.correlation(r, m, 3, corr);
        assertSeries(beta, NaN, NaN, 2, 2);
        assertSeries(corr, NaN, NaN, 1, 1);
        // skewness of {1,2,3,10}: mean 4, deviations −3,−2,−1,6: m2 = 50/4, m3 = (−27−8−1+216)/4 = 45
        double[] sk = new double[4], ku = new double[4];
        Indicators.skewness(new double[] {1, 2, 3, 10}, 4, sk);
        double m2 = 12.5, m3 = 45, m4 = (81 + 16 + 1 + 1296) / 4.0;
        assertThat(sk[3]).isCloseTo(Math.sqrt(12.0) / 2 * m3 / Math.pow(m2, 1.5), within(1e-12));
        Indicators.kurtosis(new double[] {1, 2, 3, 10}, 4, ku);
        assertThat(ku[3]).isCloseTo((5 * (m4 / (m2 * m2) - 3) + 6) * 3 / (2 * 1), within(1e-12));
    }

    /** The running (O(length)) kernels agree with direct window computations on long noisy series. */
    @Test
    void runningKernelsMatchBruteForce() {
        Random rnd = new Random(42);
        int len = 3000;
        double[] x = new double[len], y = new double[len];
        double p = 1e6; // a large price level: cancellation would show
        for (int i = 0; i < len; i++) {
            p *= 1 + rnd.nextGaussian() * 0.01;
            x[i] = p;
            y[i] = rnd.nextGaussian() * 0.02;
            if (i == 1000 || i == 1001 || i == 2200) x[i] = y[i] = NaN;
        }
        for (int n : new int[] {1, 2, 5, 20, 63, 250}) {
            double[] sma = run(x, (in, o) -> Indicators.sma(in, n, o));
            double[] std = run(x, (in, o) -> Indicators.std(in, n, o));
            double[] ss = run(y, (in, o) -> Indicators.stdSample(in, n, o));
            double[] wma = run(x, (in, o) -> Indicators.wma(in, n, o));
            double[] hi = run(x, (in, o) -> Indicators.highest(in, n, o));
            double[] lo = run(x, (in, o) -> Indicators.lowest(in, n, o));
            double[] mdd = run(x, (in, o) -> Indicators.maxDrawdown(in, n, o));
            double[] beta = new double[len];
            Indicators.beta(y, x, n, beta);
            double[] sk = run(y, (in, o) -> Indicators.skewness(in, n, o));
            for (int i = 0; i < len; i++) {
                int s = i - n + 1;
                boolean valid = s >= 0;
                for (int k = Math.max(s, 0); k <= i && valid; k++) valid = !Double.isNaN(x[k]);
                if (!valid) {
                    assertThat(sma[i]).isNaN();
                    assertThat(hi[i]).isNaN();
                    assertThat(mdd[i]).isNaN();
                    continue;
                }
                double mean = 0, w = 0, mx = Double.NEGATIVE_INFINITY, mn = Double.POSITIVE_INFINITY, dd = 0, peak = 0;
                for (int k = s; k <= i; k++) {
                    mean += x[k];
                    w += (k - s + 1) * x[k];
                    mx = Math.max(mx, x[k]);
                    mn = Math.min(mn, x[k]);
                    peak = Math.max(peak, x[k]);
                    dd = Math.max(dd, 1 - x[k] / peak);
                }
                mean /= n;
                double var = 0, my = 0, vy = 0;
                for (int k = s; k <= i; k++) {
                    var += (x[k] - mean) * (x[k] - mean);
                    my += y[k];
                }
                my /= n;
                double cov = 0;
                for (int k = s; k <= i; k++) {
                    vy += (y[k] - my) * (y[k] - my);
                    cov += (y[k] - my) * (x[k] - mean);
                }
                assertThat(sma[i]).as("sma %d at %d", n, i).isCloseTo(mean, within(mean * 1e-12));
                assertThat(wma[i]).as("wma %d at %d", n, i).isCloseTo(w / (n * (n + 1) / 2.0), within(mean * 1e-12));
                assertThat(std[i]).as("std %d at %d", n, i).isCloseTo(Math.sqrt(var / n), within(mean * 1e-12));
                assertThat(hi[i]).isEqualTo(mx);
                assertThat(lo[i]).isEqualTo(mn);
                assertThat(mdd[i]).as("mdd %d at %d", n, i).isCloseTo(dd, within(1e-12));
                if (n > 1) {
                    assertThat(ss[i]).as("stdSample %d at %d", n, i).isCloseTo(Math.sqrt(vy / (n - 1)), within(1e-12));
                    if (var > 0) {
                        assertThat(beta[i]).as("beta %d at %d", n, i).isCloseTo(cov / var, within(Math.abs(cov / var) * 1e-8 + 1e-20));
                    }
                }
                if (n >= 20) {
                    double m2 = vy / n, m3 = 0;
                    for (int k = s; k <= i; k++) m3 += Math.pow(y[k] - my, 3);
                    m3 /= n;
                    double g = Math.sqrt((double) n * (n - 1)) / (n - 2) * m3 / Math.pow(m2, 1.5);
                    assertThat(sk[i]).as("skew %d at %d", n, i).isCloseTo(g, within(1e-9));
                }
            }
        }
    }
}
