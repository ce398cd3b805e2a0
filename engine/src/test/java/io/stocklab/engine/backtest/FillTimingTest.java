package io.stocklab.engine.backtest;

import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.Trade;
import org.junit.jupiter.api.Test;

import static io.stocklab.engine.backtest.Bars.N;
import static io.stocklab.engine.backtest.Sim.buys;
import static io.stocklab.engine.backtest.Sim.only;
import static io.stocklab.engine.backtest.Sim.sells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * When orders fill (close vs next_open), missing bars and delisting (strategy-spec §3 steps 1, 4, 5). Capital
 * 1,000,000, maxPositions 1, zero costs, monthly rebalance on January weekdays from 2024-01-02
 * (d0 = 01-02, d1 = 01-03, d2 = 01-04, d3 = 01-05, d4 = 01-08, d5 = 01-09).
 */
class FillTimingTest {
    private static final double EPS = 1e-6;

    private static BacktestResult run(MarketPanel p, String fill, String extra) {
        return Sim.run(p, """
                {"initialCapital": 1000000, "universe": {"symbols": ["AAA"]}, "buy": {"maxPositions": 1},
                 "execution": {"fill": "%s", "commissionPct": 0, "sellTaxPct": 0, "slippagePct": 0}%s}"""
                .formatted(fill, extra));
    }

    private static MarketPanel openClose(double[] open, double[] close) {
        return Bars.weekdays("2024-01-02", close.length).ohlc("AAA", open, close, close, close).build();
    }

    @Test
    void fillCloseExecutesAtTheDecisionDaysClose() {
        MarketPanel p = openClose(new double[] {99, 105, 115}, new double[] {100, 110, 120});
        BacktestResult r = run(p, "close", "");
        // decided and filled at d0's close 100: 10,000 shares, cash 0
        Trade b = only(buys(r));
        assertThat(b.date()).isEqualTo("2024-01-02");
        assertThat(b.price()).isEqualTo(100);
        assertThat(b.qty()).isEqualTo(10_000);
        // equity 1,000,000 / 1,100,000 / 1,200,000
        assertThat(r.equitySeries()).containsExactly(new double[] {1_000_000, 1_100_000, 1_200_000}, within(EPS));
    }

    @Test
    void nextOpenExecutesAtTheFollowingOpen() {
        MarketPanel p = openClose(new double[] {99, 105, 115}, new double[] {100, 110, 120});
        BacktestResult r = run(p, "next_open", "");
        // decided at d0's close (budget 1,000,000), filled at d1's open 105: floor(1,000,000 / 105) = 9523, cash 85
        Trade b = only(buys(r));
        assertThat(b.date()).isEqualTo("2024-01-03");
        assertThat(b.price()).isEqualTo(105);
        assertThat(b.qty()).isEqualTo(9523);
        // d0: nothing held → 1,000,000; d1: 85 + 9523 × 110 = 1,047,615; d2: 85 + 9523 × 120 = 1,142,845
        assertThat(r.equitySeries()).containsExactly(new double[] {1_000_000, 1_047_615, 1_142_845}, within(EPS));
        assertThat(r.cashSeries()[1]).isCloseTo(85, within(EPS));
    }

    @Test
    void nextOpenBuyIsDroppedWithAWarningWhenTheFillDayHasNoBar() {
        // decided at d0; AAA has no bar on d1 → the order is dropped (monthly rebalance: no new decision in January)
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset("AAA", 100, N, 100).build();
        BacktestResult r = run(p, "next_open", "");
        assertThat(r.trades()).isEmpty();
        assertThat(Sim.warnings(r)).contains("order(s) dropped: no bar for the asset on the fill day").contains("2024-01-03 AAA");
        assertThat(r.equitySeries()).containsExactly(new double[] {1_000_000, 1_000_000, 1_000_000}, within(EPS));
    }

    @Test
    void nextOpenSellIsDroppedWhenTheFillDayHasNoBarAndDecidedAgainLater() {
        // bought at d1's open 100; maxHoldDays 1 → decided at d2, but d3 has no bar → dropped with a warning;
        // no check on d3 (no bar); decided again at d4 (held 3 ≥ 1) → sold at d5's open 104
        MarketPanel p = openClose(new double[] {100, 100, 100, N, 103, 104}, new double[] {100, 100, 100, N, 103, 104});
        BacktestResult r = run(p, "next_open", """
                , "sell": {"maxHoldDays": 1}""");
        assertThat(only(buys(r)).date()).isEqualTo("2024-01-03");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-09");
        assertThat(s.price()).isEqualTo(104);
        assertThat(s.holdDays()).isEqualTo(4);
        assertThat(Sim.warnings(r)).contains("order(s) dropped: no bar for the asset on the fill day").contains("2024-01-05 AAA");
    }

    @Test
    void aHaltedHoldingKeepsItsLastCloseAndIsNotChecked() {
        // fill close, maxHoldDays 2: bought 10,000 at d0's 100; d2 has no bar: held 2 days but not checked,
        // equity marked at the last close 95; d3: checked (held 3) → sold at 80
        MarketPanel p = Bars.weekdays("2024-01-02", 5).asset("AAA", 100, 95, N, 80, 80).build();
        BacktestResult r = run(p, "close", """
                , "sell": {"maxHoldDays": 2}""");
        // equity: 1,000,000; 950,000; 950,000 (95 kept); 800,000; 800,000
        assertThat(r.equitySeries()).containsExactly(new double[] {1_000_000, 950_000, 950_000, 800_000, 800_000}, within(EPS));
        assertThat(r.investedSeries()[2]).isCloseTo(950_000, within(EPS));
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-05");
        assertThat(s.holdDays()).isEqualTo(3);
        assertThat(Sim.warnings(r)).doesNotContain("dropped");
    }

    @Test
    void aHaltedHoldingIsNotCheckedWithNextOpenEither() {
        // bought at d1's open 100 (entry day d1); maxHoldDays 1; d2 has no bar: if it were checked (held 1 ≥ 1) the
        // sale would fill at d3's open 90; it is checked on d3 instead (held 2) and sold at d4's open 78
        MarketPanel p = openClose(new double[] {100, 100, N, 90, 78}, new double[] {100, 95, N, 80, 78});
        BacktestResult r = run(p, "next_open", """
                , "sell": {"maxHoldDays": 1}""");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-08");
        assertThat(s.price()).isEqualTo(78);
        assertThat(s.holdDays()).isEqualTo(3);
        // d2 equity marked at d1's close: 10,000 × 95
        assertThat(r.equitySeries()[2]).isCloseTo(950_000, within(EPS));
    }

    @Test
    void anAssetWhoseDataEndsIsSoldAtItsLastClose() {
        // AAA's data ends on d2 (01-04); BBB keeps the calendar going to d4 → AAA sold at d2's close 110
        MarketPanel p = Bars.weekdays("2024-01-02", 5)
                .asset("AAA", 100, 105, 110, N, N)
                .asset("BBB", 50, 50, 50, 50, 50).build();
        BacktestResult r = run(p, "close", "");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-04");
        assertThat(s.reason()).isEqualTo("delisted");
        assertThat(s.price()).isEqualTo(110);
        assertThat(s.pnl()).isCloseTo(100_000, within(EPS)); // 10,000 × (110 − 100)
        assertThat(r.stats().roundTrips()).isEqualTo(1);
        assertThat(Sim.warnings(r)).contains("delisting").contains("2024-01-04 AAA");
        // cash 1,100,000 from d2 on
        assertThat(r.equitySeries()).containsExactly(new double[] {1_000_000, 1_050_000, 1_100_000, 1_100_000, 1_100_000}, within(EPS));
        assertThat(r.investedSeries()[3]).isZero();
    }

    @Test
    void delistingAlsoAppliesWithNextOpen() {
        // bought at d1's open 105: 9523 shares, cash 85; sold at d2's close 110 → cash 85 + 1,047,530 = 1,047,615
        MarketPanel p = Bars.weekdays("2024-01-02", 4)
                .asset("AAA", 100, 105, 110, N)
                .asset("BBB", 50, 50, 50, 50).build();
        BacktestResult r = run(p, "next_open", "");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-04");
        assertThat(s.reason()).isEqualTo("delisted");
        assertThat(r.finalEquity()).isCloseTo(1_047_615, within(EPS));
    }

    @Test
    void aNextOpenBuyDecidedOnTheLastDayOfAnAssetsDataIsDroppedWithAWarning() {
        // AAA's data ends on d0, where the entry is decided; d1 (the fill day) has no bar for it
        MarketPanel p = Bars.weekdays("2024-01-02", 3)
                .asset("AAA", 100, N, N)
                .asset("BBB", 50, 50, 50).build();
        BacktestResult r = run(p, "next_open", "");
        assertThat(r.trades()).isEmpty();
        assertThat(Sim.warnings(r)).contains("order(s) dropped: no bar for the asset on the fill day").contains("2024-01-03 AAA");
    }

    @Test
    void dataEndingOnThePeriodsLastDayIsNotADelisting() {
        // the period ends on 01-04, AAA's last bar in the period: the position is simply held at the end
        MarketPanel p = Bars.weekdays("2024-01-02", 5)
                .asset("AAA", 100, 105, 110, N, N)
                .asset("BBB", 50, 50, 50, 50, 50).build();
        BacktestResult r = run(p, "close", """
                , "period": {"end": "2024-01-04"}""");
        assertThat(sells(r)).isEmpty();
        assertThat(r.days()).isEqualTo(3);
        assertThat(r.finalEquity()).isCloseTo(1_100_000, within(EPS));
    }

    @Test
    void thePeriodLimitsTheCalendar() {
        // period 01-03..01-05: three days, the first (01-03) a rebalance day; E_0 = capital before 01-03
        MarketPanel p = Bars.weekdays("2024-01-02", 5).asset("AAA", 90, 100, 110, 120, 130).build();
        BacktestResult r = run(p, "close", """
                , "period": {"start": "2024-01-03", "end": "2024-01-05"}""");
        assertThat(r.days()).isEqualTo(3);
        assertThat(r.date(0)).isEqualTo("2024-01-03");
        assertThat(only(buys(r)).price()).isEqualTo(100);
        // 10,000 shares: 1,000,000; 1,100,000; 1,200,000 → total return 20 %
        assertThat(r.stats().totalReturnPct()).isCloseTo(20, within(1e-9));
    }
}
