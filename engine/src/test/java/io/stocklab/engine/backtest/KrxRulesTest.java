package io.stocklab.engine.backtest;

import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static io.stocklab.engine.backtest.Sim.buys;
import static io.stocklab.engine.backtest.Sim.only;
import static io.stocklab.engine.backtest.Sim.sells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** KRX market rules: the tables of {@link KrxRules} and their use in a backtest with {@code marketRules: "krx"}. */
class KrxRulesTest {
    private static final double EPS = 1e-6;

    private static Asset kospi(String symbol) {
        return new Asset(symbol, symbol, "KOSPI", null, null, null);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "1999, 1", "2000, 5", "4999, 5", "5000, 10", "19999, 10", "20000, 50", "49999, 50",
            "50000, 100", "199999, 100", "200000, 500", "499999, 500", "500000, 1000", "2000000, 1000"})
    void tickTable(double price, double tick) {
        assertThat(KrxRules.tick(price)).isEqualTo(tick);
    }

    @Test
    void roundingToTheTick() {
        assertThat(KrxRules.roundUp(10_005)).isEqualTo(10_010);   // tick 10: 1000.5 ticks → 1001
        assertThat(KrxRules.roundUp(10_010)).isEqualTo(10_010);   // on the grid: unchanged
        assertThat(KrxRules.roundDown(10_994.5)).isEqualTo(10_990);
        assertThat(KrxRules.roundDown(10_990)).isEqualTo(10_990);
        assertThat(KrxRules.roundUp(1_999.5)).isEqualTo(2_000);   // crosses into the 5-won band, 2,000 is on it
        assertThat(KrxRules.roundDown(2_003)).isEqualTo(2_000);   // tick 5
        assertThat(KrxRules.roundUp(49_960)).isEqualTo(50_000);   // tick 50 → 999.2 ticks → 1000 × 50
        assertThat(KrxRules.roundDown(500_999)).isEqualTo(500_000);
        assertThat(KrxRules.roundDown(0.4)).isEqualTo(1);         // never below one tick
    }

    @Test
    void dailyPriceLimits() {
        LocalDate after = LocalDate.of(2020, 1, 2), before = LocalDate.of(2015, 6, 12);
        assertThat(KrxRules.limitPct(after)).isEqualTo(30);
        assertThat(KrxRules.limitPct(LocalDate.of(2015, 6, 15))).isEqualTo(30);
        assertThat(KrxRules.limitPct(before)).isEqualTo(15);
        // ±30 % of 10,000: 13,000 / 7,000; ±15 %: 11,500 / 8,500
        assertThat(KrxRules.upperLimit(10_000, after)).isEqualTo(13_000);
        assertThat(KrxRules.lowerLimit(10_000, after)).isEqualTo(7_000);
        assertThat(KrxRules.upperLimit(10_000, before)).isEqualTo(11_500);
        assertThat(KrxRules.lowerLimit(10_000, before)).isEqualTo(8_500);
        // 15,432 × 1.3 = 20,061.6 → down to the 50-won tick: 20,050; × 0.7 = 10,802.4 → up to the 10-won tick: 10,810
        assertThat(KrxRules.upperLimit(15_432, after)).isEqualTo(20_050);
        assertThat(KrxRules.lowerLimit(15_432, after)).isEqualTo(10_810);
    }

    @ParameterizedTest
    @CsvSource({"KOSPI, 2015-01-02, 0.30", "KOSPI, 2019-06-02, 0.30", "KOSPI, 2019-06-03, 0.25", "KOSPI, 2020-12-31, 0.25",
            "KOSPI, 2021-01-04, 0.23", "KOSPI, 2022-12-29, 0.23", "KOSPI, 2023-01-02, 0.20", "KOSPI, 2024-01-02, 0.18",
            "KOSPI, 2025-01-02, 0.15", "KOSPI, 2026-01-02, 0.20",
            "KOSDAQ, 2019-06-02, 0.30", "KOSDAQ, 2019-06-03, 0.25", "KOSDAQ, 2021-01-04, 0.23", "KOSDAQ, 2023-01-02, 0.20",
            "KOSDAQ, 2024-12-30, 0.18", "KOSDAQ, 2025-06-02, 0.15", "KOSDAQ, 2026-03-03, 0.20",
            "KONEX, 2019-06-02, 0.30", "KONEX, 2019-06-03, 0.10", "KONEX, 2025-01-02, 0.10"})
    void sellTaxSchedule(String market, String date, double pct) {
        assertThat(KrxRules.sellTaxPct(market, LocalDate.parse(date))).isEqualTo(pct);
    }

    @Test
    void marketCodesMatchIgnoringCase() {
        // the universe's markets filter ignores case; so does the tax schedule
        assertThat(KrxRules.sellTaxPct("kospi", LocalDate.of(2024, 1, 2))).isEqualTo(0.18);
        assertThat(KrxRules.sellTaxPct("Kosdaq ", LocalDate.of(2023, 1, 2))).isEqualTo(0.20);
    }

    @Test
    void sellTaxOfOtherMarketsIsNotCovered() {
        assertThat(KrxRules.sellTaxPct("NASDAQ", LocalDate.of(2024, 1, 2))).isNaN();
        assertThat(KrxRules.sellTaxPct(Asset.UNKNOWN_MARKET, LocalDate.of(2024, 1, 2))).isNaN();
        assertThat(KrxRules.sellTaxPct(null, LocalDate.of(2024, 1, 2))).isNaN();
    }

    // ---- in a backtest -------------------------------------------------------------------------------------

    private static BacktestResult run(MarketPanel p, String extra, String execution) {
        return Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 1}%s,
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0, "marketRules": "krx"%s}}"""
                .formatted(extra, execution));
    }

    @Test
    void fillsAreRoundedToTheTickAgainstTheTrader() {
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset(kospi("AAA"), 10_000, 11_000, 11_000).build();
        BacktestResult r = run(p, """
                , "sell": {"maxHoldDays": 1}""", """
                , "slippagePct": 0.05""");
        // buy: 10,000 × 1.0005 = 10,005 → up to 10,010; floor(1,000,000 / 10,010) = 99 shares (990,990), cash 9,010
        Trade b = only(buys(r));
        assertThat(b.price()).isEqualTo(10_010);
        assertThat(b.qty()).isEqualTo(99);
        // sell: 11,000 × 0.9995 = 10,994.5 → down to 10,990; value 99 × 10,990 = 1,088,010
        // KRX tax for KOSPI in 2024 = 0.18 %: 1,958.418; pnl = 1,088,010 − 1,958.418 − 990,990 = 95,061.582
        Trade s = only(sells(r));
        assertThat(s.price()).isEqualTo(10_990);
        assertThat(s.tax()).isCloseTo(1_958.418, within(EPS));
        assertThat(s.pnl()).isCloseTo(95_061.582, within(EPS));
        assertThat(r.finalEquity()).isCloseTo(9_010 + 1_088_010 - 1_958.418, within(EPS));

        // without KRX rules the same run fills at 10,005 / 10,994.5 and pays the spec's sellTaxPct (0 here)
        BacktestResult n = Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 1}, "sell": {"maxHoldDays": 1},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0, "slippagePct": 0.05}}""");
        assertThat(only(buys(n)).price()).isCloseTo(10_005, within(EPS));
        assertThat(only(sells(n)).price()).isCloseTo(10_994.5, within(EPS));
        assertThat(only(sells(n)).tax()).isZero();
    }

    @Test
    void aBuyAtALimitUpCloseWaitsForTheNextDay() {
        // period starts 01-03 (a rebalance day): close 13,000 = 10,000 × 1.3, the upper limit → the buy waits;
        // 01-04 closes at 12,500 (limit 16,900) → bought then: floor(1,000,000 / 12,500) = 80 shares
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset(kospi("AAA"), 10_000, 13_000, 12_500).build();
        BacktestResult r = run(p, """
                , "period": {"start": "2024-01-03"}""", "");
        Trade b = only(buys(r));
        assertThat(b.date()).isEqualTo("2024-01-04");
        assertThat(b.price()).isEqualTo(12_500);
        assertThat(b.qty()).isEqualTo(80);
        assertThat(Sim.warnings(r)).contains("buy order(s) waited: price locked at the KRX daily limit").contains("2024-01-03 AAA");
        // without KRX rules it is bought on 01-03 at 13,000
        BacktestResult n = Sim.run(p, """
                {"initialCapital": 1000000, "buy": {"maxPositions": 1}, "period": {"start": "2024-01-03"},
                 "execution": {"fill": "close", "commissionPct": 0}}""");
        assertThat(only(buys(n)).date()).isEqualTo("2024-01-03");
    }

    @Test
    void aSellAtALimitDownCloseWaitsForTheNextDay() {
        // bought 100 at 10,000 on 01-02; maxHoldDays 2 → decided 01-04 at 7,000 = the lower limit of 10,000 → waits;
        // 01-05 closes at 7,500 (limit 4,900) → sold; tax 0.18 % of 750,000 = 1,350
        MarketPanel p = Bars.weekdays("2024-01-02", 4).asset(kospi("AAA"), 10_000, 10_000, 7_000, 7_500).build();
        BacktestResult r = run(p, """
                , "sell": {"maxHoldDays": 2}""", "");
        Trade s = only(sells(r));
        assertThat(s.date()).isEqualTo("2024-01-05");
        assertThat(s.price()).isEqualTo(7_500);
        assertThat(s.tax()).isCloseTo(1_350, within(EPS));
        assertThat(s.holdDays()).isEqualTo(3);
        assertThat(Sim.warnings(r)).contains("sell order(s) waited: price locked at the KRX daily limit").contains("2024-01-04 AAA");
    }

    @Test
    void krxSellTaxReplacesTheSpecsSellTaxForKoreanMarkets() {
        // 2023: KOSPI and KOSDAQ 0.20 %; a NASDAQ asset keeps the spec's 1 %. 500,000 each → 50 shares at 10,000;
        // sold at 11,000: value 550,000 → tax 1,100 (0.20 %) or 5,500 (1 %)
        MarketPanel p = Bars.on("2023-03-02", "2023-03-03")
                .asset(kospi("KKK"), 10_000, 11_000)
                .asset(new Asset("NNN", "NNN", "NASDAQ", null, null, null), 10_000, 11_000)
                .asset(new Asset("QQQ", "QQQ", "KOSDAQ", null, null, null), 10_000, 11_000).build();
        String spec = """
                {"initialCapital": 1500000, "buy": {"maxPositions": 3}, "sell": {"maxHoldDays": 1},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 1, "marketRules": "%s"}}""";
        BacktestResult krx = Sim.run(p, spec.formatted("krx"));
        assertThat(sells(krx)).extracting(t -> t.symbol() + " " + t.qty() + " " + t.tax())
                .containsExactly("KKK 50.0 1100.0", "NNN 50.0 5500.0", "QQQ 50.0 1100.0");
        // marketRules none: everyone pays the spec's 1 %
        BacktestResult none = Sim.run(p, spec.formatted("none"));
        assertThat(sells(none)).extracting(Trade::tax).containsExactly(5_500.0, 5_500.0, 5_500.0);
    }
}
