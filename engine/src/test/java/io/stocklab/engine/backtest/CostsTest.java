package io.stocklab.engine.backtest;

import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.Side;
import io.stocklab.engine.result.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static io.stocklab.engine.backtest.Sim.buys;
import static io.stocklab.engine.backtest.Sim.only;
import static io.stocklab.engine.backtest.Sim.sells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Costs, quantities and cash (strategy-spec §4). Calendar: weekdays from 2024-01-02 (d0 = 01-02, d1 = 01-03, …),
 * all in January, so with the default monthly rebalance the only entry is on d0; exits come from maxHoldDays.
 */
class CostsTest {
    private static final double EPS = 1e-6;

    private static String spec(int maxHold, String execution) {
        return """
                {"initialCapital": 1000000, "buy": {"maxPositions": 1},
                 "sell": {"maxHoldDays": %d},
                 "execution": %s}""".formatted(maxHold, execution);
    }

    @Test
    void commissionIsPaidOnBuysAndSells() {
        MarketPanel p = Bars.weekdays("2024-01-02", 4).asset("AAA", 100, 105, 110, 110).build();
        BacktestResult r = Sim.run(p, spec(2, """
                {"fill": "close", "commissionPct": 0.1, "sellTaxPct": 0, "slippagePct": 0}"""));

        // buy at d0's close 100: one share costs 100 × 1.001 = 100.1; floor(1,000,000 / 100.1) = floor(9990.01) = 9990
        // (9990 × 100.1 = 999,999 fits, 9991 × 100.1 = 1,000,099.1 does not); commission = 999,000 × 0.001 = 999
        Trade buy = only(buys(r));
        assertThat(buy.date()).isEqualTo("2024-01-02");
        assertThat(buy.qty()).isEqualTo(9990);
        assertThat(buy.price()).isEqualTo(100);
        assertThat(buy.commission()).isCloseTo(999.0, within(EPS));
        assertThat(buy.tax()).isZero();
        assertThat(buy.pnl()).isNull();
        // cash = 1,000,000 − 999,000 − 999 = 1; average cost = 999,999 / 9990 = 100.1
        assertThat(r.cashSeries()[0]).isCloseTo(1.0, within(EPS));

        // held 2 trading days on d2 → sold at d2's close 110: value 9990 × 110 = 1,098,900; commission 1,098.9
        // proceeds 1,097,801.1; pnl = 1,097,801.1 − 9990 × 100.1 = 1,097,801.1 − 999,999 = 97,802.1
        Trade sell = only(sells(r));
        assertThat(sell.date()).isEqualTo("2024-01-04");
        assertThat(sell.reason()).isEqualTo("max_hold");
        assertThat(sell.qty()).isEqualTo(9990);
        assertThat(sell.price()).isEqualTo(110);
        assertThat(sell.commission()).isCloseTo(1098.9, within(EPS));
        assertThat(sell.tax()).isZero();
        assertThat(sell.pnl()).isCloseTo(97_802.1, within(EPS));

        // equity: d0 1 + 9990 × 100 = 999,001; d1 1 + 9990 × 105 = 1,048,951; d2, d3 1 + 1,097,801.1 = 1,097,802.1
        assertThat(r.equitySeries()).containsExactly(new double[] {999_001, 1_048_951, 1_097_802.1, 1_097_802.1}, within(EPS));
    }

    @Test
    void sellTaxIsPaidOnSellsOnly() {
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset("AAA", 100, 110, 110).build();
        BacktestResult r = Sim.run(p, spec(1, """
                {"fill": "close", "commissionPct": 0, "sellTaxPct": 0.25, "slippagePct": 0}"""));

        // buy 1,000,000 / 100 = 10,000 shares, no tax on the buy; cash 0
        Trade buy = only(buys(r));
        assertThat(buy.qty()).isEqualTo(10_000);
        assertThat(buy.tax()).isZero();
        assertThat(r.cashSeries()[0]).isCloseTo(0, within(EPS));
        // sell at 110: value 1,100,000; tax 1,100,000 × 0.0025 = 2,750; pnl = 1,097,250 − 1,000,000 = 97,250
        Trade sell = only(sells(r));
        assertThat(sell.tax()).isCloseTo(2_750, within(EPS));
        assertThat(sell.commission()).isZero();
        assertThat(sell.pnl()).isCloseTo(97_250, within(EPS));
        assertThat(r.cashSeries()[1]).isCloseTo(1_097_250, within(EPS));
    }

    @Test
    void slippageWorsensBothSides() {
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset("AAA", 100, 110, 110).build();
        BacktestResult r = Sim.run(p, spec(1, """
                {"fill": "close", "commissionPct": 0, "sellTaxPct": 0, "slippagePct": 1}"""));

        // buy fill 100 × 1.01 = 101; floor(1,000,000 / 101) = floor(9900.99) = 9900; cash 1,000,000 − 999,900 = 100
        Trade buy = only(buys(r));
        assertThat(buy.price()).isCloseTo(101, within(EPS));
        assertThat(buy.qty()).isEqualTo(9900);
        assertThat(r.cashSeries()[0]).isCloseTo(100, within(EPS));
        // sell fill 110 × 0.99 = 108.9; value 9900 × 108.9 = 1,078,110; pnl = 1,078,110 − 9900 × 101 = 78,210
        Trade sell = only(sells(r));
        assertThat(sell.price()).isCloseTo(108.9, within(EPS));
        assertThat(sell.pnl()).isCloseTo(78_210, within(EPS));
        assertThat(r.cashSeries()[1]).isCloseTo(1_078_210, within(EPS));
    }

    @Test
    void allCostsTogetherWithDefaultCommissionAndTax() {
        // commissionPct and sellTaxPct omitted: the defaults 0.015 % and 0.18 % apply
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset("AAA", 20_000, 22_000, 22_000).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 10000000, "buy": {"maxPositions": 1}, "sell": {"maxHoldDays": 1},
                 "execution": {"fill": "close", "slippagePct": 0.05}}""");

        // buy fill 20,000 × 1.0005 = 20,010; one share with commission 20,010 × 1.00015 = 20,013.0015
        // 10,000,000 / 20,013.0015 = 499.67… → 499 shares; value 9,984,990; commission 9,984,990 × 0.00015 = 1,497.7485
        // cash 10,000,000 − 9,986,487.7485 = 13,512.2515; average cost 9,986,487.7485 / 499 = 20,013.0015
        Trade buy = only(buys(r));
        assertThat(buy.qty()).isEqualTo(499);
        assertThat(buy.price()).isCloseTo(20_010, within(EPS));
        assertThat(buy.commission()).isCloseTo(1_497.7485, within(EPS));
        assertThat(r.cashSeries()[0]).isCloseTo(13_512.2515, within(EPS));
        // sell fill 22,000 × 0.9995 = 21,989; value 499 × 21,989 = 10,972,511
        // commission 10,972,511 × 0.00015 = 1,645.87665; tax 10,972,511 × 0.0018 = 19,750.5198
        // proceeds 10,951,114.60355; pnl = 10,951,114.60355 − 499 × 20,013.0015 = 964,626.85505
        Trade sell = only(sells(r));
        assertThat(sell.price()).isCloseTo(21_989, within(EPS));
        assertThat(sell.commission()).isCloseTo(1_645.87665, within(EPS));
        assertThat(sell.tax()).isCloseTo(19_750.5198, within(EPS));
        assertThat(sell.pnl()).isCloseTo(964_626.85505, within(EPS));
        // final equity = 13,512.2515 + 10,951,114.60355 = 10,964,626.85505
        assertThat(r.finalEquity()).isCloseTo(10_964_626.85505, within(EPS));
        assertThat(r.stats().finalEquity()).isCloseTo(10_964_626.85505, within(EPS));
    }

    @Test
    void integerSharesLeaveTheRemainderInCash() {
        MarketPanel p = Bars.weekdays("2024-01-02", 2).asset("AAA", 100, 100).build();
        BacktestResult r = Sim.run(p, spec(5, """
                {"fill": "close", "commissionPct": 0.1, "sellTaxPct": 0, "fractionalShares": false}"""));
        // floor(1,000,000 / 100.1) = 9990 shares; cash 1,000,000 − 9990 × 100.1 = 1
        assertThat(only(buys(r)).qty()).isEqualTo(9990);
        assertThat(r.cashSeries()[0]).isCloseTo(1, within(EPS));
        assertThat(r.equitySeries()[0]).isCloseTo(999_001, within(EPS));
    }

    @Test
    void fractionalSharesSpendTheWholeTarget() {
        MarketPanel p = Bars.weekdays("2024-01-02", 2).asset("AAA", 100, 100).build();
        BacktestResult r = Sim.run(p, spec(5, """
                {"fill": "close", "commissionPct": 0.1, "sellTaxPct": 0, "fractionalShares": true}"""));
        // exactly 1,000,000 / 100.1 = 9990.00999000999… shares; commission 999.000999…; cash 0
        Trade buy = only(buys(r));
        assertThat(buy.qty()).isCloseTo(1_000_000 / 100.1, within(1e-9));
        assertThat(buy.qty()).isNotEqualTo(Math.floor(buy.qty()));
        assertThat(buy.commission()).isCloseTo(1_000_000 / 100.1 * 100 * 0.001, within(EPS));
        assertThat(r.cashSeries()[0]).isCloseTo(0, within(EPS)).isGreaterThanOrEqualTo(0);
        // equity at d0 = 9990.00999… × 100 = 999,000.999…
        assertThat(r.equitySeries()[0]).isCloseTo(100_000_000 / 100.1, within(EPS));
    }

    /**
     * Many positions, every cost, daily resizing and dropping, on a noisy 12-asset panel: cash never goes negative,
     * and replaying the trade list (buys pay qty × price + commission, sells receive qty × price − commission − tax)
     * reproduces the cash series day by day; equity = cash + invested.
     */
    @ParameterizedTest
    @CsvSource({"close, false, 5", "close, true, 5", "next_open, false, 5", "next_open, true, 5",
            "close, false, 12", "next_open, false, 3"})
    void cashNeverNegativeAndMatchesTheTradeList(String fill, boolean fractional, int maxPositions) {
        int nd = 60;
        Bars b = Bars.weekdays("2024-01-02", nd);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int a = 0; a < 12; a++) {
            double[] o = new double[nd], h = new double[nd], l = new double[nd], c = new double[nd];
            double px = 50 + 40 * a;
            for (int d = 0; d < nd; d++) {
                o[d] = px * (1 + 0.03 * (rnd.nextDouble() - 0.5));
                c[d] = px = px * (1 + 0.08 * (rnd.nextDouble() - 0.5));
                h[d] = Math.max(o[d], c[d]) * 1.01;
                l[d] = Math.min(o[d], c[d]) * 0.99;
            }
            b.ohlc("S" + (char) ('A' + a), o, h, l, c);
        }
        MarketPanel p = b.build();
        double capital = 1_000_000;
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000000, "rebalance": "daily",
                 "buy": {"rank": [{"by": "change(close, 3)", "order": "desc"}], "maxPositions": %d,
                         "sizing": {"rebalanceToTarget": true}},
                 "sell": {"stopLossPct": 3, "dropUnselected": true},
                 "execution": {"fill": "%s", "commissionPct": 0.5, "sellTaxPct": 0.3, "slippagePct": 1,
                               "fractionalShares": %s}}""".formatted(maxPositions, fill, fractional));

        assertThat(r.trades()).hasSizeGreaterThan(50);
        double[] cash = r.cashSeries(), eq = r.equitySeries(), inv = r.investedSeries();
        double replay = capital;
        int k = 0;
        Map<String, Double> holdings = new HashMap<>();
        for (int t = 0; t < r.days(); t++) {
            while (k < r.trades().size() && !r.trades().get(k).date().isAfter(r.date(t))) {
                Trade x = r.trades().get(k++);
                double value = x.qty() * x.price();
                if (x.side() == Side.BUY) {
                    replay -= value + x.commission();
                    holdings.merge(x.symbol(), x.qty(), Double::sum);
                } else {
                    replay += value - x.commission() - x.tax();
                    holdings.merge(x.symbol(), -x.qty(), Double::sum);
                }
                assertThat(replay).as("cash after %s", x).isGreaterThanOrEqualTo(-1e-6);
                if (!fractional) assertThat(x.qty()).isEqualTo(Math.rint(x.qty()));
            }
            assertThat(cash[t]).as("cash on day %d", t).isGreaterThanOrEqualTo(0).isCloseTo(replay, within(1e-4));
            assertThat(eq[t]).isCloseTo(cash[t] + inv[t], within(1e-6));
            long open = holdings.values().stream().filter(q -> q > 1e-9).count();
            assertThat(open).as("positions on day %d", t).isLessThanOrEqualTo(maxPositions);
        }
        assertThat(holdings.values()).allSatisfy(q -> assertThat(q).isGreaterThanOrEqualTo(-1e-9));
    }
}
