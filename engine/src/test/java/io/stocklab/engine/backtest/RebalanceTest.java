package io.stocklab.engine.backtest;

import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.Side;
import io.stocklab.engine.result.Trade;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.stocklab.engine.backtest.Bars.N;
import static io.stocklab.engine.backtest.Sim.buys;
import static io.stocklab.engine.backtest.Sim.on;
import static io.stocklab.engine.backtest.Sim.only;
import static io.stocklab.engine.backtest.Sim.sells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Rebalance calendars, ranking, sizing and the rebalance sells (strategy-spec §3 step 3, §4). */
class RebalanceTest {
    private static final double EPS = 1e-6;

    // ---- calendars -------------------------------------------------------------------------------------------

    /**
     * Weekdays 2020-12-23 (a Wednesday) .. 2021-04-09 without 2021-01-04 (Mon), 2021-02-01 (Mon) and 2021-04-01 (Thu),
     * so some periods start on a day other than their first weekday. 2021-01-01 (Fri) is in ISO week 53 of 2020.
     */
    private static MarketPanel calendarPanel() {
        List<String> days = new ArrayList<>();
        for (LocalDate d : Bars.weekdayList(LocalDate.parse("2020-12-23"), 200)) {
            if (d.isAfter(LocalDate.parse("2021-04-09"))) break;
            String s = d.toString();
            if (!s.equals("2021-01-04") && !s.equals("2021-02-01") && !s.equals("2021-04-01")) days.add(s);
        }
        Bars b = Bars.on(days.toArray(String[]::new));
        double[] c = new double[b.days()];
        for (int d = 0; d < c.length; d++) c[d] = 100 + 0.5 * d; // rises every day
        return b.asset("AAA", c).build();
    }

    /**
     * One asset, maxPositions 2, rebalanceToTarget, fractional shares, zero costs: the first rebalance day buys half
     * the equity; since the price rises every day, every later rebalance day finds the position above its target
     * (equity ÷ 2) and sells the excess. So the trade dates are exactly the rebalance days.
     */
    private static List<String> rebalanceDays(String rebalance, String periodStart) {
        BacktestResult r = Sim.run(calendarPanel(), """
                {"initialCapital": 1000000, "rebalance": "%s", "period": {"start": %s},
                 "buy": {"maxPositions": 2, "sizing": {"rebalanceToTarget": true}},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0, "fractionalShares": true}}"""
                .formatted(rebalance, periodStart == null ? "null" : '"' + periodStart + '"'));
        assertThat(r.trades().get(0).side()).isEqualTo(Side.BUY);
        assertThat(r.trades().subList(1, r.trades().size())).allSatisfy(t -> {
            assertThat(t.side()).isEqualTo(Side.SELL);
            assertThat(t.reason()).isEqualTo("resize");
        });
        return r.trades().stream().map(t -> t.date().toString()).toList();
    }

    @Test
    void dailyRebalancesEveryTradingDay() {
        MarketPanel p = calendarPanel();
        List<String> all = new ArrayList<>();
        for (int d = 0; d < p.dateCount(); d++) all.add(p.date(d).toString());
        assertThat(rebalanceDays("daily", null)).isEqualTo(all);
    }

    @Test
    void weeklyRebalancesOnTheFirstTradingDayOfEachIsoWeek() {
        assertThat(rebalanceDays("weekly", null)).containsExactly(
                "2020-12-23", // first day of the period (a Wednesday)
                "2020-12-28", // ISO 2020-W53, which also holds 2021-01-01
                "2021-01-05", // 2021-W01: Monday 01-04 is not a trading day
                "2021-01-11", "2021-01-18", "2021-01-25",
                "2021-02-02", // 2021-W05: Monday 02-01 is not a trading day
                "2021-02-08", "2021-02-15", "2021-02-22", "2021-03-01", "2021-03-08", "2021-03-15", "2021-03-22",
                "2021-03-29", "2021-04-05");
    }

    @Test
    void monthlyRebalancesOnTheFirstTradingDayOfEachMonth() {
        assertThat(rebalanceDays("monthly", null))
                .containsExactly("2020-12-23", "2021-01-01", "2021-02-02", "2021-03-01", "2021-04-02");
    }

    @Test
    void quarterlyRebalancesOnTheFirstTradingDayOfEachQuarter() {
        assertThat(rebalanceDays("quarterly", null)).containsExactly("2020-12-23", "2021-01-01", "2021-04-02");
    }

    @Test
    void theFirstTradingDayOfThePeriodIsAlwaysARebalanceDay() {
        // 2021-01-06 is a Wednesday in the middle of a week, month and quarter
        assertThat(rebalanceDays("weekly", "2021-01-06")).startsWith("2021-01-06", "2021-01-11");
        assertThat(rebalanceDays("monthly", "2021-01-06")).containsExactly("2021-01-06", "2021-02-02", "2021-03-01", "2021-04-02");
        assertThat(rebalanceDays("quarterly", "2021-01-06")).containsExactly("2021-01-06", "2021-04-02");
    }

    // ---- ranking ---------------------------------------------------------------------------------------------

    private static List<String> boughtSymbols(MarketPanel p, int maxPositions, String rank) {
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": %d, "rank": %s},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""".formatted(maxPositions, rank));
        return buys(r).stream().map(Trade::symbol).sorted().toList();
    }

    @Test
    void equalScoresAreBrokenBySymbolAscending() {
        // panel order CCC, AAA, BBB, all at 100: two slots go to AAA and BBB, with or without a rank key
        MarketPanel p = Bars.weekdays("2024-01-02", 1).asset("CCC", 100).asset("AAA", 100).asset("BBB", 100).build();
        assertThat(boughtSymbols(p, 2, "null")).containsExactly("AAA", "BBB");
        assertThat(boughtSymbols(p, 2, """
                [{"by": "close"}]""")).containsExactly("AAA", "BBB");
        // DDD is best on close; AAA, BBB, CCC tie behind it → DDD and AAA
        MarketPanel q = Bars.weekdays("2024-01-02", 1).asset("CCC", 100).asset("DDD", 200).asset("BBB", 100).asset("AAA", 100).build();
        assertThat(boughtSymbols(q, 2, """
                [{"by": "close", "order": "desc"}]""")).containsExactly("AAA", "DDD");
    }

    /**
     * close:  AAA 10, BBB 40, CCC 30, DDD 50, EEE 20 → percentile (ascending) AAA 0, EEE .25, CCC .5, BBB .75, DDD 1
     * volume: AAA 100, BBB 200, CCC 300, DDD 500, EEE 400 → percentile AAA 0, BBB .25, CCC .5, EEE .75, DDD 1
     */
    private static MarketPanel fiveAssets() {
        return Bars.weekdays("2024-01-02", 1)
                .asset("AAA", 10).volume(100)
                .asset("BBB", 40).volume(200)
                .asset("CCC", 30).volume(300)
                .asset("DDD", 50).volume(500)
                .asset("EEE", 20).volume(400).build();
    }

    @Test
    void weightedMultiKeyRanking() {
        MarketPanel p = fiveAssets();
        // close desc (weight 1) scores the percentile; volume asc (weight 0.5) scores 1 − percentile:
        // AAA 0 + .5 × 1 = .5; BBB .75 + .5 × .75 = 1.125; CCC .5 + .5 × .5 = .75; DDD 1 + .5 × 0 = 1; EEE .25 + .5 × .25 = .375
        // best: BBB (either key alone would pick another: close → DDD, volume asc → AAA)
        assertThat(boughtSymbols(p, 1, """
                [{"by": "close", "order": "desc", "weight": 1}, {"by": "volume", "order": "asc", "weight": 0.5}]"""))
                .containsExactly("BBB");
        assertThat(boughtSymbols(p, 1, """
                [{"by": "close", "order": "desc"}]""")).containsExactly("DDD");
        assertThat(boughtSymbols(p, 1, """
                [{"by": "volume", "order": "asc"}]""")).containsExactly("AAA");
        // volume weight 2: AAA 0 + 2 = 2; BBB .75 + 1.5 = 2.25; CCC .5 + 1 = 1.5; DDD 1 + 0 = 1; EEE .25 + .5 = .75
        // top 3: BBB, AAA, CCC; with weight 0.5 above the top 3 is BBB 1.125, DDD 1, CCC .75
        assertThat(boughtSymbols(p, 3, """
                [{"by": "close", "order": "desc", "weight": 1}, {"by": "volume", "order": "asc", "weight": 2}]"""))
                .containsExactly("AAA", "BBB", "CCC");
        assertThat(boughtSymbols(p, 3, """
                [{"by": "close", "order": "desc", "weight": 1}, {"by": "volume", "order": "asc", "weight": 0.5}]"""))
                .containsExactly("BBB", "CCC", "DDD");
    }

    @Test
    void ascendingOrderAndExpressionKeys() {
        MarketPanel p = fiveAssets();
        // lowest close best: AAA (10), then EEE (20)
        assertThat(boughtSymbols(p, 2, """
                [{"by": "close", "order": "asc"}]""")).containsExactly("AAA", "EEE");
        // -close descending is the same order
        assertThat(boughtSymbols(p, 2, """
                [{"by": "-close", "order": "desc"}]""")).containsExactly("AAA", "EEE");
        // an expression key: close × volume: AAA 1,000, BBB 8,000, CCC 9,000, DDD 25,000, EEE 8,000 → DDD, CCC
        assertThat(boughtSymbols(p, 2, """
                [{"by": "close * volume"}]""")).containsExactly("CCC", "DDD");
    }

    @Test
    void candidatesWithANaNRankKeyAreLeftOut() {
        // period starts 01-03: lag(close, 1) is 100 for AAA, NaN for BBB (first bar on 01-03) → BBB is left out even
        // though a slot is free and BBB passes every buy rule
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset("AAA", 100, 100, 100).asset("BBB", N, 500, 500).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000000, "period": {"start": "2024-01-03"},
                 "buy": {"maxPositions": 2, "rank": [{"by": "lag(close, 1)"}]},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(buys(r)).extracting(Trade::symbol).containsExactly("AAA");
        // without the rank key BBB is bought too
        BacktestResult r2 = Sim.run(p, """
                {"initialCapital": 1000000, "period": {"start": "2024-01-03"}, "buy": {"maxPositions": 2},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(buys(r2)).extracting(Trade::symbol).containsExactly("AAA", "BBB");
    }

    @Test
    void buyWhenAndFilterSelectCandidates() {
        MarketPanel p = fiveAssets();
        // filter volume >= 300 keeps CCC, DDD, EEE; when close < 45 drops DDD → CCC, EEE
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000000, "universe": {"filter": "volume >= 300"},
                 "buy": {"when": "close < 45", "maxPositions": 5},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(buys(r)).extracting(Trade::symbol).containsExactlyInAnyOrder("CCC", "EEE");
        // universe.symbols / exclude
        BacktestResult r2 = Sim.run(p, """
                {"initialCapital": 1000000, "universe": {"symbols": ["AAA", "BBB", "ZZZ"], "exclude": ["BBB"]},
                 "execution": {"fill": "close"}}""");
        assertThat(buys(r2)).extracting(Trade::symbol).containsExactly("AAA");
        assertThat(Sim.warnings(r2)).contains("ZZZ");
    }

    // ---- sizing ----------------------------------------------------------------------------------------------

    @Test
    void maxPositionsWithEqualSizing() {
        // no rank: symbol order; 2 slots, target 1,000,000 ÷ 2 = 500,000: AAA 500,000 / 100 = 5,000; BBB 500,000 / 200 = 2,500
        MarketPanel p = Bars.weekdays("2024-01-02", 1).asset("AAA", 100).asset("BBB", 200).asset("CCC", 300).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 2},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(buys(r)).extracting(t -> t.symbol() + " " + t.qty()).containsExactly("AAA 5000.0", "BBB 2500.0");
        assertThat(r.cashSeries()[0]).isCloseTo(0, within(EPS));
    }

    @Test
    void equalSizingNeverSpendsMoreThanTheCashLeft() {
        // 01-02: only AAA has a bar → 500,000 / 100 = 5,000 shares, cash 500,000.
        // 02-01: AAA at 300 → equity 500,000 + 1,500,000 = 2,000,000, target 1,000,000, but only 500,000 cash is left:
        // BBB gets 500,000 / 100 = 5,000 shares, cash 0
        MarketPanel p = Bars.on("2024-01-02", "2024-01-03", "2024-02-01", "2024-02-02")
                .asset("AAA", 100, 100, 300, 300).asset("BBB", N, N, 100, 100).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 2},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(buys(r)).extracting(t -> t.date() + " " + t.symbol() + " " + t.qty())
                .containsExactly("2024-01-02 AAA 5000.0", "2024-02-01 BBB 5000.0");
        assertThat(r.cashSeries()).containsExactly(new double[] {500_000, 500_000, 0, 0}, within(EPS));
        assertThat(r.finalEquity()).isCloseTo(2_000_000, within(EPS));
    }

    @Test
    void anOrderThatCannotBuyOneShareIsSkippedWithAWarning() {
        MarketPanel p = Bars.weekdays("2024-01-02", 2).asset("AAA", 2000, 2000).build();
        // capital 1,000 < one share at 2,000
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000, "buy": {"maxPositions": 1}, "execution": {"fill": "close", "commissionPct": 0}}""");
        assertThat(r.trades()).isEmpty();
        assertThat(Sim.warnings(r)).contains("buy order(s) skipped: not enough cash for one share").contains("2024-01-02 AAA");
        assertThat(r.finalEquity()).isEqualTo(1000);
        // with fractional shares it buys 1,000 / 2,000 = 0.5 shares
        BacktestResult f = Sim.run(p, """
                {"initialCapital": 1000, "buy": {"maxPositions": 1},
                 "execution": {"fill": "close", "commissionPct": 0, "fractionalShares": true}}""");
        assertThat(only(buys(f)).qty()).isCloseTo(0.5, within(1e-12));
    }

    // ---- rebalance sells ---------------------------------------------------------------------------------------

    /** AAA best in January (200 > 100), BBB best from 02-01 (300 > 200); rank by close, one slot. */
    private static BacktestResult dropRun(boolean drop) {
        MarketPanel p = Bars.on("2024-01-02", "2024-01-03", "2024-02-01", "2024-02-02")
                .asset("AAA", 200, 200, 200, 200).asset("BBB", 100, 100, 300, 300).build();
        return Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 1, "rank": [{"by": "close"}]},
                 "sell": {"dropUnselected": %s},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""".formatted(drop));
    }

    @Test
    void dropUnselectedSellsHoldingsOutsideTheTargetSet() {
        BacktestResult r = dropRun(true);
        // 01-02: AAA 1,000,000 / 200 = 5,000 shares. 02-01: target {BBB}: AAA sold (5,000 × 200 = 1,000,000),
        // then BBB bought with the freed slot: target 1,000,000 / 1 → floor(1,000,000 / 300) = 3,333 shares
        assertThat(r.trades()).extracting(t -> t.date() + " " + t.side() + " " + t.symbol() + " " + t.qty() + " " + t.reason())
                .containsExactly(
                        "2024-01-02 BUY AAA 5000.0 entry",
                        "2024-02-01 SELL AAA 5000.0 rebalance",
                        "2024-02-01 BUY BBB 3333.0 entry");
        assertThat(r.finalEquity()).isCloseTo(1_000_000, within(EPS)); // 100 cash + 3,333 × 300 = 999,900
    }

    @Test
    void withoutDropUnselectedHoldingsStayAndNoSlotIsFree() {
        BacktestResult r = dropRun(false);
        assertThat(r.trades()).extracting(t -> t.date() + " " + t.side() + " " + t.symbol())
                .containsExactly("2024-01-02 BUY AAA");
    }

    @Test
    void dropUnselectedKeepsAHoldingThatHasNoBarOnTheRebalanceDay() {
        // AAA (held, best in January) has no bar on 02-01: it cannot be evaluated nor sold that day, so it keeps its
        // slot; BBB is not bought on top of it (that would make 2 positions with maxPositions 1)
        MarketPanel p = Bars.on("2024-01-02", "2024-01-03", "2024-02-01", "2024-02-02")
                .asset("AAA", 100, 100, N, 100).asset("BBB", 50, 50, 50, 50).build();
        for (String fill : List.of("close", "next_open")) {
            BacktestResult r = Sim.run(p, """
                    {"initialCapital": 1000000, "buy": {"maxPositions": 1, "rank": [{"by": "close"}]},
                     "sell": {"dropUnselected": true},
                     "execution": {"fill": "%s", "commissionPct": 0, "sellTaxPct": 0}}""".formatted(fill));
            assertThat(r.trades()).as(fill).extracting(Trade::symbol).containsExactly("AAA");
            assertThat(Sim.warnings(r)).as(fill).doesNotContain("dropped");
        }
    }

    @Test
    void rebalanceToTargetSellsFirstThenBuys() {
        // 01-02: AAA, BBB at 100, target 500,000 each → 5,000 shares each, cash 0.
        // 02-01: AAA 150, BBB 50: equity 750,000 + 250,000 = 1,000,000, target 500,000.
        //   AAA: excess (750,000 − 500,000) / 150 = 1,666.67 → sell 1,666 → cash 249,900
        //   BBB: short by 250,000 → buy with min(250,000, 249,900) → floor(249,900 / 50) = 4,998 shares
        // (were the buy first, cash would be 0 and nothing could be bought)
        MarketPanel p = Bars.on("2024-01-02", "2024-02-01").asset("AAA", 100, 150).asset("BBB", 100, 50).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 2, "sizing": {"method": "equal", "rebalanceToTarget": true}},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(on(r, "2024-02-01")).extracting(t -> t.side() + " " + t.symbol() + " " + t.qty() + " " + t.reason())
                .containsExactly("SELL AAA 1666.0 resize", "BUY BBB 4998.0 resize");
        // cash 249,900 − 249,900 = 0; AAA 3,334 × 150 = 500,100; BBB 9,998 × 50 = 499,900
        assertThat(r.cashSeries()[1]).isCloseTo(0, within(EPS));
        assertThat(r.investedSeries()[1]).isCloseTo(1_000_000, within(EPS));
        // a partial sale is not a round trip; pnl of the partial sale = 1,666 × (150 − 100) = 83,300
        Trade s = on(r, "2024-02-01").get(0);
        assertThat(s.pnl()).isCloseTo(83_300, within(EPS));
        assertThat(s.holdDays()).isNull();
        assertThat(r.stats().roundTrips()).isZero();

        // without rebalanceToTarget nothing trades on 02-01
        BacktestResult r2 = Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 2},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(on(r2, "2024-02-01")).isEmpty();
    }

    @Test
    void resizeBuysRaiseTheAverageCost() {
        // 01-02: AAA, BBB at 100 → 5,000 shares each, cash 0.
        // 02-01: AAA 60 (above its stop 100 × 0.5 = 50), BBB 150: equity 300,000 + 750,000 = 1,050,000, target 525,000
        //   BBB: excess (750,000 − 525,000) / 150 = 1,500 shares sold → cash 225,000; pnl 1,500 × 50 = 75,000
        //   AAA: short by 225,000 → floor(225,000 / 60) = 3,750 shares → 8,750 shares,
        //        average cost (500,000 + 225,000) / 8,750 = 82.857…, stop 50 % → 41.43
        // 02-02: AAA 45 > 41.43 → kept (against the first cost 100 the stop would be 50 and 45 would trigger it)
        // 02-05: AAA 40 ≤ 41.43 → sold; pnl = 8,750 × 40 − 725,000 = −375,000
        MarketPanel p = Bars.on("2024-01-02", "2024-02-01", "2024-02-02", "2024-02-05")
                .asset("AAA", 100, 60, 45, 40).asset("BBB", 100, 150, 150, 150).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 2, "sizing": {"rebalanceToTarget": true}},
                 "sell": {"stopLossPct": 50},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(on(r, "2024-02-01")).extracting(t -> t.side() + " " + t.symbol() + " " + t.qty() + " " + t.reason())
                .containsExactly("SELL BBB 1500.0 resize", "BUY AAA 3750.0 resize");
        assertThat(on(r, "2024-02-01").get(0).pnl()).isCloseTo(75_000, within(EPS));
        assertThat(on(r, "2024-02-02")).isEmpty();
        Trade s = only(on(r, "2024-02-05"));
        assertThat(s.symbol()).isEqualTo("AAA");
        assertThat(s.reason()).isEqualTo("stop_loss");
        assertThat(s.qty()).isEqualTo(8750);
        assertThat(s.pnl()).isCloseTo(-375_000, within(EPS));
        assertThat(s.holdDays()).isEqualTo(3); // entered 01-02 (index 0), sold at index 3
    }
}
