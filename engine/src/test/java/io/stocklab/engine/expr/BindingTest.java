package io.stocklab.engine.expr;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.factor.FactorLibrary;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BindingTest {
    private static final FactorLibrary LIB = TestData.library();

    private static Cancellation cancelled() {
        Cancellation c = new Cancellation();
        c.cancel();
        return c;
    }

    @Test
    void timeSeriesTermsAreCachedUnderTheirCanonicalText() {
        MarketPanel panel = TestData.panel();
        Expression.parse("SMA(close,2) > 10 and cross_above(close, EMA(close, 3))", LIB).bind(panel, LIB, null, null);
        assertThat(panel.cache().keys()).contains(
                "expr:sma(close, 2)", "expr:cross_above(close, ema(close, 3))", "expr:ema(close, 3)");
        assertThat(panel.cache().keys()).noneMatch(k -> k.startsWith("expr:") && k.contains(">"));
    }

    @Test
    void bindingReadsTheCachedArray() {
        MarketPanel panel = TestData.panel();
        double[] planted = new double[panel.cellCount()];
        Arrays.fill(planted, 42.0);
        panel.cache().get("expr:sma(close, 2)", () -> planted);
        BoundExpression b = Expression.parse("sma( close , 2 ) + 1", LIB).bind(panel, LIB, null, null);
        assertThat(b.value(0, 0)).isEqualTo(43.0);
    }

    @Test
    void aSecondBindComputesNothing() {
        MarketPanel panel = TestData.panel();
        Expression e = Expression.parse("per < 10 and sma(close - open, 2) > 0 and rsi(sma(close, 2), 2) < 80", LIB);
        // on a fresh panel binding has work to do, so a cancelled run stops
        assertThatThrownBy(() -> e.bind(panel, LIB, null, cancelled())).isInstanceOf(Cancellation.CancelledException.class);
        BoundExpression first = e.bind(panel, LIB, null, Cancellation.NEVER);
        List<String> keys = panel.cache().keys();
        // everything is cached now: a second bind (even a cancelled one) reuses it all
        BoundExpression second = e.bind(panel, LIB, null, cancelled());
        assertThat(panel.cache().keys()).containsExactlyInAnyOrderElementsOf(keys);
        for (int a = 0; a < panel.assetCount(); a++) {
            for (int d = 0; d < panel.dateCount(); d++) assertThat(second.value(d, a)).isEqualTo(first.value(d, a));
        }
        // materializing is cancellable too
        assertThatThrownBy(second::materialize).isInstanceOf(Cancellation.CancelledException.class);
        // and so does another expression sharing a term
        Expression.parse("sma(close, 2) > 0", LIB).bind(panel, LIB, null, cancelled());
    }

    @Test
    void factorsAreComputedOncePerPanel() {
        TestData.TestFactor per = TestData.per();
        FactorLibrary lib = new FactorLibrary(List.of(per, TestData.roe()));
        MarketPanel panel = TestData.panel();
        Expression.parse("per > 1 and sma(per, 2) < 10", lib).bind(panel, lib, null, null);
        Expression.parse("rank(per) > 0.5", lib).bind(panel, lib, null, null);
        assertThat(per.computations.get()).isEqualTo(1);
        assertThat(panel.cache().keys()).contains("factor:per", "expr:sma(per, 2)");
    }

    @Test
    void termsThatDependOnTheUniverseAreCachedPerUniverse() {
        MarketPanel panel = TestData.panel();
        Expression e = Expression.parse("sma(rank(per), 1)", LIB);
        BoundExpression all = e.bind(panel, LIB, null, null);
        BoundExpression allTrue = e.bind(panel, LIB, new boolean[] {true, true, true, true}, null);
        BoundExpression noBbb = e.bind(panel, LIB, new boolean[] {true, false, true, true}, null);
        // day 1: per 8, 8, 3, 8 → 2/3 for AAA; without BBB: 0.75
        assertThat(all.value(1, 0)).isEqualTo(2.0 / 3);
        assertThat(allTrue.value(1, 0)).isEqualTo(2.0 / 3);
        assertThat(noBbb.value(1, 0)).isEqualTo(0.75);
        List<String> keys = panel.cache().keys().stream().filter(k -> k.startsWith("expr:sma(rank(per), 1)")).toList();
        assertThat(keys).hasSize(2).contains("expr:sma(rank(per), 1)@universe:all");
    }

    @Test
    void materializeIsAssetMajorAndMatchesValue() {
        MarketPanel panel = TestData.panel();
        for (String text : List.of("per < 8 or close > 20", "rank(close) + zscore(per)", "sma(close, 2)", "close", "3 * 2")) {
            BoundExpression b = Expression.parse(text, LIB).bind(panel, LIB, null, null);
            double[] all = b.materialize();
            assertThat(all).as(text).hasSize(panel.cellCount());
            for (int a = 0; a < panel.assetCount(); a++) {
                for (int d = 0; d < panel.dateCount(); d++) {
                    assertThat(Double.compare(all[panel.at(a, d)], b.value(d, a))).as(text + " at " + a + "," + d).isZero();
                }
            }
        }
    }

    @Test
    void materializeReturnsACopy() {
        MarketPanel panel = TestData.panel();
        double[] m = Expression.parse("close", LIB).bind(panel, LIB, null, null).materialize();
        m[0] = -1;
        assertThat(panel.close()[0]).isEqualTo(10.0);
        double[] s = Expression.parse("sma(close, 2)", LIB).bind(panel, LIB, null, null).materialize();
        s[1] = -1;
        assertThat(Expression.parse("sma(close, 2)", LIB).bind(panel, LIB, null, null).value(1, 0)).isEqualTo(10.5);
    }

    @Test
    void crossSectionIsRecomputedWhenTheDayChanges() {
        MarketPanel panel = TestData.panel();
        BoundExpression b = Expression.parse("rank(close)", LIB).bind(panel, LIB, null, null);
        assertThat(b.value(0, 3)).isEqualTo(0.5);   // day 0: 10, 20, 15
        assertThat(b.value(4, 3)).isEqualTo(0.5);   // day 4: 9, 22, 15
        assertThat(b.value(1, 2)).isEqualTo(0.0);   // day 1: CCC 5 lowest
        assertThat(b.value(0, 0)).isEqualTo(0.0);   // back to day 0
        assertThat(b.value(0, 1)).isEqualTo(1.0);
    }

    @Test
    void constantsAreFolded() {
        MarketPanel panel = TestData.panel();
        BoundExpression b = Expression.parse("(1 + 2) * 3 > 8 and not false", LIB).bind(panel, LIB, null, null);
        assertThat(b.test(0, 0)).isTrue();
        Node root = new Binder(panel, LIB, null, null).bind(Parser.parse("(1 + 2) * 3 > 8 and not false", LIB));
        assertThat(root).isInstanceOf(Node.Const.class);
        Node partly = new Binder(panel, LIB, null, null).bind(Parser.parse("true and per < 2 * 5", LIB));
        assertThat(partly).isInstanceOf(Node.ColumnCompare.class);
    }

    @Test
    void bindValidatesItsInputs() {
        MarketPanel panel = TestData.panel();
        Expression e = Expression.parse("per > 1 and roe > 2", LIB);
        FactorLibrary other = new FactorLibrary(List.of(TestData.per()));
        assertThatThrownBy(() -> e.bind(panel, other, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown factor 'roe'");
        assertThatThrownBy(() -> e.bind(panel, LIB, new boolean[3], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("universe has 3 entries, panel has 4 assets");
    }

    @Test
    void theUniverseArrayIsCopied() {
        MarketPanel panel = TestData.panel();
        boolean[] universe = {true, true, true, true};
        BoundExpression b = Expression.parse("rank(close)", LIB).bind(panel, LIB, universe, null);
        universe[1] = false;
        assertThat(b.value(0, 1)).isEqualTo(1.0);
    }

    @Test
    void worksOnALargerPanel() {
        // 300 assets × 600 days, deterministic data with gaps; checks shapes and the sma definition on it
        int na = 300, nd = 600;
        double[] close = new double[na * nd];
        for (int a = 0; a < na; a++) {
            for (int d = 0; d < nd; d++) {
                close[a * nd + d] = (d + a) % 17 == 0 ? Double.NaN : 100 + 10 * Math.sin(0.05 * d + a) + a * 0.01;
            }
        }
        int[] days = new int[nd];
        for (int d = 0; d < nd; d++) days[d] = 18_000 + d;
        List<io.stocklab.engine.data.Asset> assets = new java.util.ArrayList<>();
        for (int a = 0; a < na; a++) assets.add(io.stocklab.engine.data.Asset.of("S" + a));
        MarketPanel panel = new MarketPanel("big", true, days, assets, close, close, close, close, close, null, null, null);
        FactorLibrary lib = new FactorLibrary(List.of());
        double[] both = Expression.parse("cross_above(sma(close, 5), sma(close, 20)) and rank(close) < 0.5", lib)
                .bind(panel, lib, null, null).materialize();
        double[] cross = Expression.parse("cross_above(sma(close, 5), sma(close, 20))", lib).bind(panel, lib, null, null).materialize();
        double[] low = Expression.parse("rank(close) < 0.5", lib).bind(panel, lib, null, null).materialize();
        long hits = 0;
        for (int i = 0; i < both.length; i++) {
            assertThat(both[i]).isEqualTo(cross[i] == 1.0 && low[i] == 1.0 ? 1.0 : 0.0);
            if (both[i] == 1.0) hits++;
        }
        assertThat(hits).isPositive();
        // sma(close, 5) at asset 7's 30th bar equals the mean of its 26th..30th bars
        BoundExpression sma = Expression.parse("sma(close, 5)", lib).bind(panel, lib, null, null);
        int a = 7;
        int[] bars = java.util.stream.IntStream.range(0, nd).filter(d -> !Double.isNaN(close[a * nd + d])).toArray();
        double sum = 0;
        for (int k = 25; k < 30; k++) sum += close[a * nd + bars[k]];
        assertThat(sma.value(bars[29], a)).isCloseTo(sum / 5, org.assertj.core.data.Offset.offset(1e-9));
    }
}
