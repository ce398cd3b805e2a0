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
 * Exit rules (strategy-spec §3 step 2). One asset, capital 1,000,000, maxPositions 1, zero costs unless said, the
 * default monthly rebalance on a January calendar (weekdays from 2024-01-02: d0 = 01-02, d1 = 01-03, d2 = 01-04,
 * d3 = 01-05, d4 = 01-08, d5 = 01-09), so the only entry is on d0 and an exit is never followed by a re-entry.
 */
class ExitRulesTest {
    private static final double EPS = 1e-9;

    private static BacktestResult run(MarketPanel p, String sell, String fill, double commissionPct) {
        return Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 1}, "sell": %s,
                 "execution": {"fill": "%s", "commissionPct": %s, "sellTaxPct": 0, "slippagePct": 0}}"""
                .formatted(sell, fill, commissionPct));
    }

    private static BacktestResult runClose(MarketPanel p, String sell) {
        return run(p, sell, "close", 0);
    }

    private static MarketPanel closes(double... c) {
        return Bars.weekdays("2024-01-02", c.length).asset("AAA", c).build();
    }

    @Test
    void stopLossOnCloseUsesAverageCostIncludingCommission() {
        // commission 1 %: one share costs 101; floor(1,000,000 / 101) = 9900; average cost (990,000 + 9,900) / 9900 = 101
        // stop = 101 × (1 − 0.10) = 90.9. Closes: d1 95, d2 91 (> 90.9), d3 90.5 ≤ 90.9 → sold at d3's close.
        // (A stop on the raw price 100 would be at 90 and 90.5 would not trigger it.)
        MarketPanel p = closes(100, 95, 91, 90.5, 85);
        BacktestResult r = run(p, """
                {"stopLossPct": 10}""", "close", 1);
        assertThat(only(buys(r)).qty()).isEqualTo(9900);
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-05");
        assertThat(s.reason()).isEqualTo("stop_loss");
        assertThat(s.price()).isEqualTo(90.5);
        assertThat(s.holdDays()).isEqualTo(3);
    }

    @Test
    void stopLossTriggersAtExactlyTheStopPrice() {
        // entry 100, stop 50 % → 100 × 0.5 = 50 (exact in binary); close ≤ stop: d2's close 50 triggers
        BacktestResult r = runClose(closes(100, 60, 50, 40), """
                {"stopLossPct": 50}""");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-04");
        assertThat(s.price()).isEqualTo(50);
    }

    @Test
    void takeProfitOnClose() {
        // entry 100, target 120: d2 119 no, d3 121 ≥ 120 → sold at 121; pnl = 10,000 × 21 = 210,000
        BacktestResult r = runClose(closes(100, 110, 119, 121, 130), """
                {"takeProfitPct": 20}""");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-05");
        assertThat(s.reason()).isEqualTo("take_profit");
        assertThat(s.price()).isEqualTo(121);
        assertThat(s.pnl()).isCloseTo(210_000, within(EPS));
    }

    @Test
    void trailingStopFollowsTheHighestClose() {
        // highest close since entry 130 (d2) → stop 130 × 0.9 = 117: d3 118 no, d4 116 ≤ 117 → sold at d4
        BacktestResult r = runClose(closes(100, 120, 130, 118, 116, 140), """
                {"trailingStopPct": 10}""");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-08");
        assertThat(s.reason()).isEqualTo("trailing_stop");
        assertThat(s.price()).isEqualTo(116);
        assertThat(s.holdDays()).isEqualTo(4);
    }

    @Test
    void trailingStopCountsTheEntryDaysCloseForAPositionBoughtAtTheClose() {
        // bought at d0's close 100: the highest close since entry is 100 → stop 90; d1 closes at 89 → sold at d1
        BacktestResult r = runClose(closes(100, 89, 120), """
                {"trailingStopPct": 10}""");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-03");
        assertThat(s.reason()).isEqualTo("trailing_stop");
        assertThat(s.price()).isEqualTo(89);
    }

    @Test
    void maxHoldDaysCountsTradingDays() {
        // bought d0; trading days held on d3 = 3 ≥ 3 → sold at d3
        BacktestResult r = runClose(closes(100, 100, 100, 100, 100, 100), """
                {"maxHoldDays": 3}""");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-05");
        assertThat(s.reason()).isEqualTo("max_hold");
        assertThat(s.holdDays()).isEqualTo(3);
    }

    @Test
    void sellWhenExpression() {
        // close < lag(close, 1): d1 105 > 100, d2 107 > 105, d3 103 < 107 → sold at d3's close 103
        BacktestResult r = runClose(closes(100, 105, 107, 103, 90), """
                {"when": "close < lag(close, 1)"}""");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-05");
        assertThat(s.reason()).isEqualTo("sell_when");
        assertThat(s.price()).isEqualTo(103);
    }

    // ---- stopMode intraday ---------------------------------------------------------------------------------

    /** d0 flat at 100 (bought at its close, entry 100); then the given bars for d1 and a flat d2 at d1's close. */
    private static MarketPanel day1(double o, double h, double l, double c) {
        return Bars.weekdays("2024-01-02", 3).ohlc("AAA",
                new double[] {100, o, c}, new double[] {100, h, c}, new double[] {100, l, c}, new double[] {100, c, c}).build();
    }

    @Test
    void intradayStopLossFillsAtTheStopPrice() {
        // stop 90; d1: open 95, low 88 ≤ 90, close 94 → sold on d1 at the stop, 90
        MarketPanel p = day1(95, 96, 88, 94);
        Trade s = only(sells(runClose(p, """
                {"stopLossPct": 10, "stopMode": "intraday"}""")));
        assertThat(s.date()).isEqualTo("2024-01-03");
        assertThat(s.reason()).isEqualTo("stop_loss");
        assertThat(s.price()).isCloseTo(90, within(EPS));
        // pnl = 10,000 × (90 − 100) = −100,000
        assertThat(s.pnl()).isCloseTo(-100_000, within(1e-6));

        // the same bars in close mode: 94 > 90, no exit at all
        assertThat(sells(runClose(p, """
                {"stopLossPct": 10, "stopMode": "close"}"""))).isEmpty();
    }

    @Test
    void intradayStopLossGappedThroughFillsAtTheOpen() {
        // d1 opens at 85, below the stop 90 → sold at the open 85
        Trade s = only(sells(runClose(day1(85, 87, 80, 86), """
                {"stopLossPct": 10, "stopMode": "intraday"}""")));
        assertThat(s.date()).isEqualTo("2024-01-03");
        assertThat(s.price()).isEqualTo(85);
    }

    @Test
    void intradayTakeProfitFillsAtTheTargetOrAGapOpen() {
        // target 120; d1 high 125 ≥ 120, open 110 below it → sold at 120
        Trade s = only(sells(runClose(day1(110, 125, 108, 115), """
                {"takeProfitPct": 20, "stopMode": "intraday"}""")));
        assertThat(s.reason()).isEqualTo("take_profit");
        assertThat(s.price()).isCloseTo(120, within(EPS));
        // gap up: opens at 130 ≥ 120 → sold at the open 130
        Trade g = only(sells(runClose(day1(130, 135, 128, 131), """
                {"takeProfitPct": 20, "stopMode": "intraday"}""")));
        assertThat(g.price()).isEqualTo(130);
        // close mode on the first bars: close 115 < 120 → no exit
        assertThat(sells(runClose(day1(110, 125, 108, 115), """
                {"takeProfitPct": 20, "stopMode": "close"}"""))).isEmpty();
    }

    @Test
    void intradayStopLossWinsWhenBothTrigger() {
        // d1: high 125 ≥ 120 and low 85 ≤ 90 (open 100 between) → the stop-loss, at 90
        Trade s = only(sells(runClose(day1(100, 125, 85, 100), """
                {"stopLossPct": 10, "takeProfitPct": 20, "stopMode": "intraday"}""")));
        assertThat(s.reason()).isEqualTo("stop_loss");
        assertThat(s.price()).isCloseTo(90, within(EPS));
    }

    @Test
    void intradayStopOfAPositionBoughtAtTheOpenIsActiveThatDay() {
        // next_open: decided at d0's close, bought at d1's open 100 (entry 100, stop 90); d1's low 85 → sold on d1 at 90
        MarketPanel p = Bars.weekdays("2024-01-02", 3).ohlc("AAA",
                new double[] {100, 100, 95}, new double[] {100, 101, 95},
                new double[] {100, 85, 95}, new double[] {100, 95, 95}).build();
        BacktestResult r = run(p, """
                {"stopLossPct": 10, "stopMode": "intraday"}""", "next_open", 0);
        Trade b = only(buys(r));
        assertThat(b.date()).isEqualTo("2024-01-03");
        assertThat(b.price()).isEqualTo(100);
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-03");
        assertThat(s.price()).isCloseTo(90, within(EPS));
    }

    @Test
    void closeModeStopWithNextOpenSellsAtTheFollowingOpen() {
        // bought at d1's open 100; stop 90; d1 close 95, d2 close 85 ≤ 90 → decided at d2, sold at d3's open 82
        MarketPanel p = Bars.weekdays("2024-01-02", 4).ohlc("AAA",
                new double[] {100, 100, 96, 82}, new double[] {100, 100, 96, 82},
                new double[] {100, 94, 85, 80}, new double[] {100, 95, 85, 80}).build();
        BacktestResult r = run(p, """
                {"stopLossPct": 10}""", "next_open", 0);
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-05");
        assertThat(s.reason()).isEqualTo("stop_loss");
        assertThat(s.price()).isEqualTo(82);
        assertThat(s.holdDays()).isEqualTo(2);
    }

    @Test
    void anExitedAssetIsNotBoughtBackTheSameDay() {
        // daily rebalance, fill close: bought d0 at 100, stop 90 hit at d1's close 85; d1 is a rebalance day and the
        // asset passes every buy rule, but it is not bought back on d1; it is bought again on d2
        MarketPanel p = closes(100, 85, 86);
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000000, "rebalance": "daily", "buy": {"maxPositions": 1},
                 "sell": {"stopLossPct": 10},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(r.trades()).extracting(t -> t.date().toString() + " " + t.side() + " " + t.price())
                .containsExactly("2024-01-02 BUY 100.0", "2024-01-03 SELL 85.0", "2024-01-04 BUY 86.0");
    }

    @Test
    void exitsAreNotCheckedOnADayWithoutABar() {
        // stop 90; d2 has no bar (halt) → nothing checked; d3 closes at 80 → sold at d3
        BacktestResult r = runClose(closes(100, 95, N, 80), """
                {"stopLossPct": 10}""");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-05");
        assertThat(s.price()).isEqualTo(80);
    }
}
