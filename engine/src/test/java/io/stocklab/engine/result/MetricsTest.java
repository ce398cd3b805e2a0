package io.stocklab.engine.result;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The formulas of strategy-spec §5 on a tiny equity series, every expected value worked out by hand:
 * E_0 = 100; E_1..E_4 = 110, 99, 118.8, 112.86, i.e. daily returns r = +10 %, −10 %, +20 %, −5 %.
 */
class MetricsTest {
    private static final double E0 = 100;
    private static final double[] EQ = {110, 99, 118.8, 112.86};
    private static final double TOL = 1e-12;

    @Test
    void dailyReturns() {
        // 110/100 − 1, 99/110 − 1, 118.8/99 − 1, 112.86/118.8 − 1
        assertThat(Metrics.returns(E0, EQ)).containsExactly(new double[] {0.1, -0.1, 0.2, -0.05}, within(TOL));
    }

    @Test
    void totalReturn() {
        // (112.86 / 100 − 1) × 100 = 12.86
        assertThat(Metrics.totalReturnPct(E0, EQ)).isCloseTo(12.86, within(TOL));
        assertThat(Metrics.totalReturnPct(E0, new double[0])).isZero();
    }

    @Test
    void cagrAnnualizesWith252OverN() {
        // n = 4 days: (1.1286^(252/4) − 1) × 100 = (1.1286^63 − 1) × 100
        double expected = (Math.pow(1.1286, 63) - 1) * 100;
        assertThat(Metrics.cagrPct(E0, EQ)).isCloseTo(expected, within(1e-9 * expected));
        // a whole year of 252 days: the CAGR is the total return. Grow 10 % over 252 days, 1.1^(1/252) a day
        double[] year = new double[252];
        for (int t = 0; t < 252; t++) year[t] = 100 * Math.pow(1.1, (t + 1) / 252.0);
        assertThat(Metrics.cagrPct(100, year)).isCloseTo(10, within(1e-9));
        // 504 days for 21 %: 1.21^(252/504) = 1.1 → 10 %
        double[] two = new double[504];
        two[503] = 121;
        for (int t = 0; t < 503; t++) two[t] = 100;
        assertThat(Metrics.cagrPct(100, two)).isCloseTo(10, within(1e-9));
    }

    @Test
    void volatilityIsTheSampleStdTimesRoot252() {
        // mean r = (0.1 − 0.1 + 0.2 − 0.05) / 4 = 0.0375
        // deviations 0.0625, −0.1375, 0.1625, −0.0875; squares 0.00390625, 0.01890625, 0.02640625, 0.00765625
        // sum 0.056875; sample variance 0.056875 / 3 = 0.018958333…; std = √0.018958333… = 0.137689…
        double std = Math.sqrt(0.056875 / 3);
        assertThat(Metrics.sampleStd(new double[] {0.1, -0.1, 0.2, -0.05})).isCloseTo(std, within(TOL));
        assertThat(Metrics.volatilityPct(Metrics.returns(E0, EQ))).isCloseTo(std * Math.sqrt(252) * 100, within(1e-9));
        // population std (÷ 4) would give √(0.056875 / 4) — make sure that is not what we get
        assertThat(Metrics.volatilityPct(Metrics.returns(E0, EQ))).isNotCloseTo(Math.sqrt(0.056875 / 4) * Math.sqrt(252) * 100, within(1e-3));
        // a single return has no sample std: volatility 0
        assertThat(Metrics.volatilityPct(new double[] {0.1})).isZero();
    }

    @Test
    void sharpeWithAndWithoutRiskFree() {
        double[] r = Metrics.returns(E0, EQ);
        double std = Math.sqrt(0.056875 / 3);
        // rf 0: 0.0375 / 0.137689… × √252
        assertThat(Metrics.sharpe(r, 0)).isCloseTo(0.0375 / std * Math.sqrt(252), within(1e-9));
        // rf 5 %: rf_d = 1.05^(1/252) − 1 = 0.000193630…; mean(r − rf_d) = 0.0375 − rf_d; the std stays that of r
        double rfd = Math.pow(1.05, 1.0 / 252) - 1;
        assertThat(Metrics.dailyRiskFree(5)).isCloseTo(rfd, within(1e-15));
        assertThat(rfd).isCloseTo(0.000193630, within(1e-9));
        assertThat(Metrics.sharpe(r, rfd)).isCloseTo((0.0375 - rfd) / std * Math.sqrt(252), within(1e-9));
        // no variation → undefined
        assertThat(Metrics.sharpe(new double[] {0.01, 0.01, 0.01}, 0)).isNull();
    }

    @Test
    void sortinoUsesTheDownsideDeviationOverAllDays() {
        double[] r = Metrics.returns(E0, EQ);
        // min(0, r)² = 0, 0.01, 0, 0.0025 → mean over all 4 days 0.003125 → √ = 0.0559017…
        // sortino = 0.0375 / 0.0559017 × √252
        assertThat(Metrics.sortino(r, 0)).isCloseTo(0.0375 / Math.sqrt(0.0125 / 4) * Math.sqrt(252), within(1e-9));
        // with rf 5 %: excess e = r − rf_d; downside of e: (−0.1 − rf_d)², (−0.05 − rf_d)²; 0.1 − rf_d etc. stay positive
        double rfd = Math.pow(1.05, 1.0 / 252) - 1;
        double down = (Math.pow(-0.1 - rfd, 2) + Math.pow(-0.05 - rfd, 2)) / 4;
        assertThat(Metrics.sortino(r, rfd)).isCloseTo((0.0375 - rfd) / Math.sqrt(down) * Math.sqrt(252), within(1e-9));
        // no downside → undefined
        assertThat(Metrics.sortino(new double[] {0.01, 0.02}, 0)).isNull();
    }

    @Test
    void maxDrawdownOverE0ToEn() {
        // peaks: 110 → 99 is 1 − 99/110 = 10 %; 118.8 → 112.86 is 1 − 112.86/118.8 = 5 % → 10 %
        assertThat(Metrics.maxDrawdownPct(E0, EQ)).isCloseTo(10, within(1e-9));
        // E_0 counts as a peak: 100 → 90 → 95 is a 10 % drawdown (ignoring E_0 it would be 0 %)
        assertThat(Metrics.maxDrawdownPct(100, new double[] {90, 95})).isCloseTo(10, within(1e-9));
        // drawdown series: 0, 10, 0, 5
        assertThat(Metrics.drawdownPct(E0, EQ)).containsExactly(new double[] {0, 10, 0, 5}, within(1e-9));
        assertThat(Metrics.drawdownPct(100, new double[] {90, 95})).containsExactly(new double[] {10, 5}, within(1e-9));
        assertThat(Metrics.maxDrawdownPct(100, new double[] {100, 101, 102})).isZero();
    }

    @Test
    void calmarIsCagrOverMaxDrawdown() {
        // Calmar is assembled by the backtester as cagrPct ÷ maxDrawdownPct; check the parts agree on the example
        double cagr = (Math.pow(1.1286, 63) - 1) * 100;
        assertThat(Metrics.cagrPct(E0, EQ) / Metrics.maxDrawdownPct(E0, EQ)).isCloseTo(cagr / 10, within(1e-9 * cagr));
    }

    @Test
    void alphaAndBetaByOls() {
        // b = 0.01, 0.02, 0.03 (mean 0.02), r = 0.02, 0.01, 0.06 (mean 0.03)
        // cov = (−0.01)(−0.01) + 0·(−0.02) + (0.01)(0.03) = 0.0004; var = 0.0001 + 0 + 0.0001 = 0.0002
        // beta = 2; alpha = (0.03 − 2 × 0.02) × 252 = −2.52
        double[] ab = Metrics.alphaBeta(new double[] {0.02, 0.01, 0.06}, new double[] {0.01, 0.02, 0.03});
        assertThat(ab).containsExactly(new double[] {-2.52, 2}, within(1e-12));
        // r = 0.001 + 2b exactly → beta 2, alpha 0.001 × 252 = 0.252
        double[] b = {0.05, -0.05, 0.1, 0};
        double[] r = {0.101, -0.099, 0.201, 0.001};
        assertThat(Metrics.alphaBeta(r, b)).containsExactly(new double[] {0.252, 2}, within(1e-12));
        // days where either is NaN are left out: the same points plus NaNs give the same answer
        double[] b2 = {Double.NaN, 0.01, 0.02, 0.5, 0.03};
        double[] r2 = {0.7, 0.02, 0.01, Double.NaN, 0.06};
        assertThat(Metrics.alphaBeta(r2, b2)).containsExactly(new double[] {-2.52, 2}, within(1e-12));
        // fewer than two points, or a flat benchmark → undefined
        assertThat(Metrics.alphaBeta(new double[] {0.1}, new double[] {0.2})).isNull();
        assertThat(Metrics.alphaBeta(new double[] {0.1, 0.2}, new double[] {0.01, 0.01})).isNull();
    }

    @Test
    void monthlyReturnsChainMonthEnds() {
        // E_0 = 100; 2024-01-30 110, 2024-01-31 99 | 2024-02-01 118.8 | 2024-03-04 112.86
        // Jan: 99 / 100 − 1 = −1 %; Feb: 118.8 / 99 − 1 = +20 %; Mar: 112.86 / 118.8 − 1 = −5 %
        int[] days = {
                (int) LocalDate.of(2024, 1, 30).toEpochDay(), (int) LocalDate.of(2024, 1, 31).toEpochDay(),
                (int) LocalDate.of(2024, 2, 1).toEpochDay(), (int) LocalDate.of(2024, 3, 4).toEpochDay()};
        List<MonthlyReturn> m = Metrics.monthly(E0, days, EQ);
        assertThat(m).extracting(MonthlyReturn::month).containsExactly("2024-01", "2024-02", "2024-03");
        assertThat(m).extracting(MonthlyReturn::returnPct)
                .satisfiesExactly(
                        x -> assertThat(x).isCloseTo(-1, within(1e-9)),
                        x -> assertThat(x).isCloseTo(20, within(1e-9)),
                        x -> assertThat(x).isCloseTo(-5, within(1e-9)));
        // the same month in two years is two entries
        int[] years = {(int) LocalDate.of(2023, 1, 31).toEpochDay(), (int) LocalDate.of(2024, 1, 31).toEpochDay()};
        assertThat(Metrics.monthly(100, years, new double[] {110, 121})).extracting(MonthlyReturn::month)
                .containsExactly("2023-01", "2024-01");
    }
}
