package io.stocklab.engine.expr;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.factor.FactorLibrary;
import org.junit.jupiter.api.Test;

import static io.stocklab.engine.expr.TestData.AAA;
import static io.stocklab.engine.expr.TestData.BBB;
import static io.stocklab.engine.expr.TestData.CCC;
import static io.stocklab.engine.expr.TestData.DDD;
import static io.stocklab.engine.expr.TestData.N;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every function against values worked out by hand on {@link TestData}'s panel (see its table):
 * AAA closes 10, 11, –, 12, 9, 13 (no bar on day 2), so time-series windows of AAA skip day 2.
 */
class FunctionsTest {
    private static final FactorLibrary LIB = TestData.library();

    private static BoundExpression bind(String text, boolean[] universe) {
        MarketPanel panel = TestData.panel(); // fresh: nothing cached between tests
        return Expression.parse(text, LIB).bind(panel, LIB, universe, Cancellation.NEVER);
    }

    /** The values of {@code text} for one asset on days 0..5. */
    private static double[] days(String text, int asset) {
        BoundExpression b = bind(text, null);
        double[] out = new double[TestData.DAYS];
        for (int d = 0; d < out.length; d++) out[d] = b.value(d, asset);
        return out;
    }

    /** The values of {@code text} for every asset on one day. */
    private static double[] assets(String text, int day, boolean[] universe) {
        BoundExpression b = bind(text, universe);
        double[] out = new double[4];
        for (int a = 0; a < out.length; a++) out[a] = b.value(day, a);
        return out;
    }

    private static void assertValues(double[] actual, double... expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                if (!Double.isNaN(actual[i])) fail("element " + i + ": expected NaN but was " + actual[i] + " in " + java.util.Arrays.toString(actual));
            } else if (Double.isNaN(actual[i]) || Math.abs(actual[i] - expected[i]) > 1e-12) {
                fail("element " + i + ": expected " + expected[i] + " but was " + actual[i] + " in " + java.util.Arrays.toString(actual));
            }
        }
    }

    // ---- identifiers

    @Test
    void barFieldsAndFactorsReadTheirCells() {
        assertValues(days("close", AAA), 10, 11, N, 12, 9, 13);
        assertValues(days("open", AAA), 9, 10, N, 11, 8, 12);
        assertValues(days("high", CCC), N, 7, 8, 9, N, 10);
        assertValues(days("low", DDD), 13, 13, 13, 13, 13, 13);
        assertValues(days("volume", BBB), 2000, 2001, 2002, 2003, 2004, 2005);
        assertValues(days("per", AAA), 8, 8, 7, 6, N, 5);
        assertValues(days("roe", CCC), 30, 31, 32, 33, 34, 35);
    }

    // ---- time series over the asset's own bars

    @Test
    void smaSkipsDaysWithoutABar() {
        // AAA: windows of 2 bars: (10,11) (11,12) (12,9) (9,13); day 2 has no bar and no value
        assertValues(days("sma(close, 2)", AAA), N, 10.5, N, 11.5, 10.5, 11);
        // CCC: first bar on day 1, no bar on day 4: day 5's window is (7, 8)
        assertValues(days("sma(close, 2)", CCC), N, N, 5.5, 6.5, N, 7.5);
        assertValues(days("sma(close, 3)", AAA), N, N, N, 11, 32.0 / 3, 34.0 / 3);
        assertValues(days("sma(close, 1)", AAA), 10, 11, N, 12, 9, 13);
    }

    @Test
    void smaOfAFactorUsesOnlyBarDaysAndANaNInTheWindowGivesNaN() {
        // AAA per on its bars: 8, 8, (day 2 skipped although per = 7 there), 6, NaN, 5
        assertValues(days("sma(per, 2)", AAA), N, 8, N, 7, N, N);
        // CCC per on its bars: 3, 3, 10, (day 4 skipped although per = 1 there), 2
        assertValues(days("sma(per, 2)", CCC), N, N, 3, 6.5, N, 6);
    }

    @Test
    void emaIsSeededWithTheSmaOfItsFirstNValues() {
        double alpha = 2.0 / 3; // 2 / (n + 1), n = 2
        double e1 = (10 + 11) / 2.0;
        double e3 = e1 + alpha * (12 - e1);
        double e4 = e3 + alpha * (9 - e3);
        double e5 = e4 + alpha * (13 - e4);
        assertThat(e3).isEqualTo(11.5);
        assertValues(days("ema(close, 2)", AAA), N, e1, N, e3, e4, e5);
        assertValues(days("ema(close, 3)", AAA), N, N, N, 11, 11 + 0.5 * (9 - 11), 10 + 0.5 * (13 - 10));
    }

    @Test
    void wmaWeighsTheNewestHeaviest() {
        assertValues(days("wma(close, 3)", AAA), N, N, N,
                (10 * 1 + 11 * 2 + 12 * 3) / 6.0, (11 * 1 + 12 * 2 + 9 * 3) / 6.0, (12 * 1 + 9 * 2 + 13 * 3) / 6.0);
    }

    @Test
    void stdIsThePopulationStandardDeviation() {
        assertValues(days("std(close, 3)", AAA), N, N, N,
                Math.sqrt(2.0 / 3), Math.sqrt(14.0 / 9), Math.sqrt(26.0 / 9));
        assertValues(days("std(close, 2)", DDD), N, 0, 0, 0, 0, 0);
    }

    @Test
    void sumHighestLowest() {
        assertValues(days("sum(close, 3)", AAA), N, N, N, 33, 32, 34);
        assertValues(days("highest(close, 3)", AAA), N, N, N, 12, 12, 13);
        assertValues(days("lowest(close, 3)", AAA), N, N, N, 10, 9, 9);
        assertValues(days("highest(close, 2)", CCC), N, N, 6, 7, N, 8);
    }

    @Test
    void lagAndChangeCountBarsNotDays() {
        assertValues(days("lag(close, 1)", AAA), N, 10, N, 11, 12, 9);
        assertValues(days("lag(close, 2)", AAA), N, N, N, 10, 11, 12);
        assertValues(days("lag(close, 0)", AAA), 10, 11, N, 12, 9, 13);
        assertValues(days("lag(close, 1)", CCC), N, N, 5, 6, N, 7);
        assertValues(days("change(close, 1)", AAA), N, 11 / 10.0 - 1, N, 12 / 11.0 - 1, 9 / 12.0 - 1, 13 / 9.0 - 1);
        assertValues(days("change(close, 2)", CCC), N, N, N, 7 / 5.0 - 1, N, 8 / 6.0 - 1);
    }

    @Test
    void changeFromAZeroBaseIsMissing() {
        // close - 10 for AAA: 0, 1, –, 2, -1, 3; change over 1 bar on day 1 divides by 0
        assertValues(days("change(close - 10, 1)", AAA), N, N, N, 1, -1.5, -4);
    }

    @Test
    void rsiUsesWildersSmoothing() {
        // AAA changes between bars: +1, +1, -3, +4. Seed (n = 2): gain (1+1)/2 = 1, loss 0 → 100.
        // then gain (1·1 + 0)/2 = 0.5, loss (0·1 + 3)/2 = 1.5 → 100 − 100/(1 + 1/3) = 25
        // then gain (0.5 + 4)/2 = 2.25, loss (1.5 + 0)/2 = 0.75 → 100 − 100/(1 + 3) = 75
        assertValues(days("rsi(close, 2)", AAA), N, N, N, 100, 25, 75);
        // no change at all: 50
        assertValues(days("rsi(close, 2)", DDD), N, N, 50, 50, 50, 50);
    }

    @Test
    void nestedAndComputedTimeSeriesArguments() {
        // lag(close, 1) of AAA on its bars: NaN, 10, 11, 12, 9 → sma over 2
        assertValues(days("sma(lag(close, 1), 2)", AAA), N, N, N, 10.5, 11.5, 10.5);
        assertValues(days("sma(close - open, 2)", AAA), N, 1, N, 1, 1, 1);
        assertValues(days("sum(2, 3)", CCC), N, N, N, 6, N, 6);
    }

    @Test
    void crossAboveIsTrueOnTheBarThatCrosses() {
        // AAA vs 11: day 3 is 12 > 11 after 11 <= 11 on the previous bar (day 1; day 2 has no bar);
        // day 5 is 13 > 11 after 9 <= 11
        assertValues(days("cross_above(close, 11)", AAA), 0, 0, 0, 1, 0, 1);
        assertValues(days("cross_below(close, 11)", AAA), 0, 0, 0, 0, 1, 0);
        // CCC vs 7.5: day 5 (8) follows the bar of day 3 (7); day 4 has no bar and is skipped
        assertValues(days("cross_above(close, 7.5)", CCC), 0, 0, 0, 0, 0, 1);
        // the first bar has no previous bar: never a cross
        assertValues(days("cross_above(close, 4)", CCC), 0, 0, 0, 0, 0, 0);
        assertValues(days("cross_below(close, 100)", CCC), 0, 0, 0, 0, 0, 0);
    }

    @Test
    void crossNeedsAllFourValuesPresent() {
        // sma(close, 2) of AAA: NaN, 10.5, –, 11.5, 10.5, 11. Day 1: 11 > 10.5 but b(t−1) is NaN → false.
        // Day 3: 12 > 11.5 but 11 <= 10.5 is false. Day 5: 13 > 11 after 9 <= 10.5 → true.
        assertValues(days("cross_above(close, sma(close, 2))", AAA), 0, 0, 0, 0, 0, 1);
        // per of AAA is NaN on day 4, so day 5 (5 < 5.5, previous per NaN) is no cross below
        assertValues(days("cross_below(per, 5.5)", AAA), 0, 0, 0, 0, 0, 0);
        assertValues(days("cross_below(per, 7)", AAA), 0, 0, 0, 1, 0, 0);
    }

    // ---- cross-sectional

    @Test
    void rankIsAPercentileOverTheAssetsWithABar() {
        // day 0: AAA 10, DDD 15, BBB 20; CCC has no bar
        assertValues(assets("rank(close)", 0, null), 0, 1, N, 0.5);
        // day 2: CCC 6, DDD 15, BBB 21; AAA has no bar
        assertValues(assets("rank(close)", 2, null), N, 1, 0, 0.5);
    }

    @Test
    void rankGivesTiesTheMeanOfTheirPlaces() {
        // day 1 per: AAA 8, BBB 8, CCC 3, DDD 8 → CCC 0; the three 8s: (1 below + (3 − 1)/2) / (4 − 1) = 2/3
        assertValues(assets("rank(per)", 1, null), 2.0 / 3, 2.0 / 3, 0, 2.0 / 3);
        assertValues(assets("rank(-per)", 1, null), 1.0 / 3, 1.0 / 3, 1, 1.0 / 3);
    }

    @Test
    void rankLeavesOutMissingValuesAndAssetsWithoutABar() {
        // day 4: AAA per NaN → NaN; CCC has per = 1 but no bar → NaN; BBB 4 < DDD 9
        assertValues(assets("rank(per)", 4, null), N, 0, N, 1);
    }

    @Test
    void rankUsesTheUniverse() {
        boolean[] noBbb = {true, false, true, true};
        // day 1 among AAA 8, CCC 3, DDD 8: CCC 0, the two 8s (1 + 0.5) / 2
        assertValues(assets("rank(per)", 1, noBbb), 0.75, N, 0, 0.75);
        // a single asset in the cross-section gets 0.5
        boolean[] onlyAaa = {true, false, false, false};
        assertValues(assets("rank(close)", 0, onlyAaa), 0.5, N, N, N);
        assertValues(assets("rank(close)", 2, onlyAaa), N, N, N, N);
        assertValues(assets("rank(close)", 2, new boolean[4]), N, N, N, N);
    }

    @Test
    void zscoreUsesThePopulationStandardDeviation() {
        double sd = Math.sqrt((25 + 25 + 0) / 3.0);
        assertValues(assets("zscore(close)", 0, null), -5 / sd, 5 / sd, N, 0);
        // day 3 per: 6, -2, 10, 9
        double mean = (6 - 2 + 10 + 9) / 4.0;
        double sd3 = Math.sqrt((Math.pow(6 - mean, 2) + Math.pow(-2 - mean, 2) + Math.pow(10 - mean, 2) + Math.pow(9 - mean, 2)) / 4);
        assertValues(assets("zscore(per)", 3, null), (6 - mean) / sd3, (-2 - mean) / sd3, (10 - mean) / sd3, (9 - mean) / sd3);
    }

    @Test
    void zscoreOfEqualValuesIsZero() {
        // three equal values whose floating-point mean is not exactly 0.1: still exactly 0
        assertValues(assets("zscore(close * 0 + 0.1)", 0, null), 0, 0, N, 0);
        assertValues(assets("zscore(close)", 0, new boolean[] {false, false, false, true}), N, N, N, 0);
        // NaN x is left out: day 4 per: AAA NaN, BBB 4, DDD 9 → ±1
        assertValues(assets("zscore(per)", 4, null), N, -1, N, 1);
    }

    @Test
    void crossSectionalTermsInsideTimeSeries() {
        // rank(close) of AAA by day: day 0: AAA 0; day 1: CCC 5 < AAA 11 < DDD 15 < BBB 20 → 1/3; day 3: CCC 7 < AAA 12 < DDD 15 < BBB 19 → 1/3;
        // day 4: AAA 9 < DDD 15 < BBB 22 → 0; day 5: CCC 8 < AAA 13 < DDD 15 < BBB 22 → 1/3
        assertValues(days("rank(close)", AAA), 0, 1.0 / 3, N, 1.0 / 3, 0, 1.0 / 3);
        assertValues(days("sma(rank(close), 2)", AAA), N, 1.0 / 6, N, 1.0 / 3, 1.0 / 6, 1.0 / 6);
    }

    // ---- scalar

    @Test
    void scalarFunctions() {
        assertValues(days("abs(-per)", BBB), 12, 8, 9, 2, 4, 4);
        assertValues(days("abs(close - 11)", AAA), 1, 0, N, 1, 2, 2);
        assertValues(days("log(close)", AAA), Math.log(10), Math.log(11), N, Math.log(12), Math.log(9), Math.log(13));
        assertValues(days("log(close - 10)", AAA), N, 0, N, Math.log(2), N, Math.log(3)); // log of 0 or less: missing
        assertValues(days("sqrt(close - 10)", AAA), 0, 1, N, Math.sqrt(2), N, Math.sqrt(3));
        assertValues(days("min(close, per)", AAA), 8, 8, N, 6, N, 5);
        assertValues(days("max(close, per)", AAA), 10, 11, N, 12, N, 13);
        assertValues(days("min(2, 3) + max(2, 3)", AAA), 5, 5, 5, 5, 5, 5);
    }

    @Test
    void betweenIsInclusiveAndFalseOnMissing() {
        assertValues(days("between(close, 10, 11)", AAA), 1, 1, 0, 0, 0, 0);
        assertValues(days("between(close, 9, 12)", AAA), 1, 1, 0, 1, 1, 0);
        assertValues(days("between(per, 0, 100)", AAA), 1, 1, 1, 1, 0, 1);
        assertValues(days("between(close, 9, per)", AAA), 0, 0, 0, 0, 0, 0);
    }

    @Test
    void isMissing() {
        assertValues(days("is_missing(close)", AAA), 0, 0, 1, 0, 0, 0);
        assertValues(days("is_missing(per)", AAA), 0, 0, 0, 0, 1, 0);
        assertValues(days("is_missing(sma(close, 2))", AAA), 1, 0, 1, 0, 0, 0);
        assertValues(days("not is_missing(close)", AAA), 1, 1, 0, 1, 1, 1);
    }

    // ---- missing values

    @Test
    void nanPropagatesThroughArithmetic() {
        assertValues(days("close + 1", AAA), 11, 12, N, 13, 10, 14);
        assertValues(days("-close * 2", AAA), -20, -22, N, -24, -18, -26);
        assertValues(days("per + roe", AAA), 18, 19, 19, 19, N, 20);
    }

    @Test
    void divisionByZeroIsMissing() {
        assertValues(days("close / (close - 10)", AAA), N, 11, N, 6, -9, 13 / 3.0);
        assertValues(days("1 / 0", AAA), N, N, N, N, N, N);
        assertValues(days("is_missing(close / 0)", BBB), 1, 1, 1, 1, 1, 1);
    }

    @Test
    void everyComparisonWithNaNIsFalse() {
        // AAA has no bar on day 2: close is NaN there
        int d = 2;
        for (String cmp : new String[] {"close > 0", "close >= 0", "close < 0", "close <= 0", "close == close",
                "close != 5", "close != close", "0 < close", "5 != close", "close == 0 / 0"}) {
            assertThat(bind(cmp, null).test(d, AAA)).as(cmp).isFalse();
            assertThat(bind(cmp, null).value(d, AAA)).as(cmp).isEqualTo(0.0);
        }
        assertThat(bind("close != 5", null).test(0, AAA)).isTrue();
        assertThat(bind("5 != close", null).test(0, AAA)).isTrue();
        assertThat(bind("not (close > 0)", null).test(d, AAA)).isTrue();
        assertThat(bind("close > 0 or true", null).test(d, AAA)).isTrue();
        assertThat(bind("per > 0 and roe > 0", null).test(4, AAA)).isFalse();
    }

    @Test
    void comparisonsWithTheColumnOnEitherSide() {
        assertValues(days("close > 10", AAA), 0, 1, 0, 1, 0, 1);
        assertValues(days("10 < close", AAA), 0, 1, 0, 1, 0, 1);
        assertValues(days("10 >= close", AAA), 1, 0, 0, 0, 1, 0);
        assertValues(days("11 <= close", AAA), 0, 1, 0, 1, 0, 1);
        assertValues(days("11 == close", AAA), 0, 1, 0, 0, 0, 0);
        assertValues(days("close - 1 == open", AAA), 1, 1, 0, 1, 1, 1);
        assertValues(days("close - 1 == open + 1", AAA), 0, 0, 0, 0, 0, 0);
        assertValues(days("close == open + 1", AAA), 1, 1, 0, 1, 1, 1);
    }

    @Test
    void testIsForConditionsOnly() {
        BoundExpression number = bind("close * 2", null);
        assertThatThrownBy(() -> number.test(0, AAA)).isInstanceOf(IllegalStateException.class);
        assertThat(number.type()).isEqualTo(ValueType.NUMBER);
        BoundExpression condition = bind("per < 10", null);
        assertThat(condition.type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(condition.test(0, AAA)).isTrue();
        assertThat(condition.test(0, BBB)).isFalse();
        assertThat(condition.value(0, AAA)).isEqualTo(1.0);
        assertThat(condition.value(0, BBB)).isEqualTo(0.0);
    }
}
