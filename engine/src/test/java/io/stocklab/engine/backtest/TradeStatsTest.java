package io.stocklab.engine.backtest;

import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.EquityPoint;
import io.stocklab.engine.result.Stats;
import io.stocklab.engine.result.Trade;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stocklab.engine.backtest.Bars.N;
import static io.stocklab.engine.backtest.Sim.sells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Statistics a run derives from its trades and series (strategy-spec §5), computed by hand on small runs. */
class TradeStatsTest {
    private static final double EPS = 1e-9;

    @Test
    void roundTripsWinRateAndAverageHoldingDays() {
        // weekdays from 2024-01-02; capital 3,000,000, 3 slots of 1,000,000 → 10,000 shares of each at 100 on d0
        // AAA: take profit 20 % at d2 (125 ≥ 120), held 2, pnl 10,000 × 25 = +250,000
        // BBB: stop loss 10 % at d3 (85 ≤ 90), held 3, pnl 10,000 × −15 = −150,000
        // CCC: flat, still open at the end
        MarketPanel p = Bars.weekdays("2024-01-02", 5)
                .asset("AAA", 100, 110, 125, 125, 125)
                .asset("BBB", 100, 95, 92, 85, 85)
                .asset("CCC", 100, 100, 100, 100, 100).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 3000000, "buy": {"maxPositions": 3},
                 "sell": {"takeProfitPct": 20, "stopLossPct": 10},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        List<Trade> s = sells(r);
        assertThat(s).extracting(t -> t.symbol() + " " + t.reason() + " " + t.holdDays() + " " + t.pnl())
                .containsExactly("AAA take_profit 2 250000.0", "BBB stop_loss 3 -150000.0");
        Stats st = r.stats();
        assertThat(st.trades()).isEqualTo(5);        // 3 buys + 2 sells
        assertThat(st.roundTrips()).isEqualTo(2);
        assertThat(st.winRatePct()).isEqualTo(50.0); // 1 of 2 with pnl > 0
        assertThat(st.avgHoldDays()).isEqualTo(2.5); // (2 + 3) / 2
        // final equity 3,000,000 + 250,000 − 150,000 = 3,100,000 → total return 3.333… %
        assertThat(st.finalEquity()).isCloseTo(3_100_000, within(1e-6));
        assertThat(st.totalReturnPct()).isCloseTo(100.0 / 30, within(EPS));
        assertThat(st.days()).isEqualTo(5);
    }

    @Test
    void noClosedPositionMeansNoWinRate() {
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset("AAA", 100, 101, 102).build();
        Stats st = Sim.run(p, """
                {"execution": {"fill": "close"}}""").stats();
        assertThat(st.trades()).isEqualTo(1);
        assertThat(st.roundTrips()).isZero();
        assertThat(st.winRatePct()).isNull();
        assertThat(st.avgHoldDays()).isNull();
    }

    @Test
    void exposureIsTheMeanInvestedShareOfEquity() {
        // capital 1,000, AAA at 300 → 3 shares (900), cash 100
        // d0: 900 / 1,000 = 0.9; d1 at 400: 1,200 / 1,300; d2: sold at 500 by maxHoldDays 2 → 0 / 1,600 = 0
        // exposure = (0.9 + 12/13 + 0) / 3 × 100 = 60.769…; total return 1,600 / 1,000 − 1 = 60 %
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset("AAA", 300, 400, 500).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000, "buy": {"maxPositions": 1}, "sell": {"maxHoldDays": 2},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0}}""");
        assertThat(r.stats().exposurePct()).isCloseTo((0.9 + 12.0 / 13 + 0) / 3 * 100, within(EPS));
        assertThat(r.stats().totalReturnPct()).isCloseTo(60, within(EPS));
        // no drawdown: 1,000 → 1,300 → 1,600 → Calmar undefined
        assertThat(r.stats().maxDrawdownPct()).isZero();
        assertThat(r.stats().calmar()).isNull();
        List<EquityPoint> eq = r.equity();
        assertThat(eq).extracting(EquityPoint::invested).containsExactly(900.0, 1200.0, 0.0);
        assertThat(eq).extracting(EquityPoint::cash).containsExactly(100.0, 100.0, 1600.0);
        assertThat(eq.get(0).benchmark()).isNull();
    }

    @Test
    void alphaAndBetaAgainstABenchmark() {
        // capital 1,000, fractional, zero costs: 10 shares of AAA at d0's close 100 → equity 1,000, 1,100, 990, 1,089
        // r = 0, 0.1, −0.1, 0.1. Benchmark IDX 200, 210, 201.6, 211.68 → b = (none for d0), 0.05, −0.04, 0.05
        // OLS over the 3 days with both: mean r = 0.1/3, mean b = 0.02;
        //   r − mr = 0.2/3, −0.4/3, 0.2/3; b − mb = 0.03, −0.06, 0.03
        //   cov = (0.2/3)·0.03·2 + (0.4/3)·0.06 = 0.004 + 0.008 = 0.012; var = 0.0009 + 0.0036 + 0.0009 = 0.0054
        //   beta = 0.012 / 0.0054 = 2.2222…; alpha = (0.1/3 − 2.2222… × 0.02) × 252 = −0.01111… × 252 = −2.8
        MarketPanel p = Bars.weekdays("2024-01-02", 4).asset("AAA", 100, 110, 99, 108.9)
                .benchmark("IDX", 200, 210, 201.6, 211.68).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000, "benchmark": "IDX", "buy": {"maxPositions": 1},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0, "fractionalShares": true}}""");
        assertThat(r.equitySeries()).containsExactly(new double[] {1000, 1100, 990, 1089}, within(1e-9));
        assertThat(r.stats().beta()).isCloseTo(0.012 / 0.0054, within(1e-9));
        assertThat(r.stats().alpha()).isCloseTo(-2.8, within(1e-9));
        // the benchmark series is scaled to E_0 at the first day: 1,000 × 200/200, 210/200, 201.6/200, 211.68/200
        assertThat(r.benchmarkSeries()).containsExactly(new double[] {1000, 1050, 1008, 1058.4}, within(1e-9));
        assertThat(r.equity().get(1).benchmark()).isCloseTo(1050, within(1e-9));

        // the other statistics of this run, by the §5 formulas:
        Stats st = r.stats();
        // total: 1,089 / 1,000 − 1 = 8.9 %; CAGR over n = 4 days: (1.089^(252/4) − 1) × 100
        assertThat(st.totalReturnPct()).isCloseTo(8.9, within(1e-9));
        double cagr = (Math.pow(1.089, 63) - 1) * 100;
        assertThat(st.cagrPct()).isCloseTo(cagr, within(1e-9 * cagr));
        // mean r = 0.1 / 4 = 0.025; deviations −0.025, 0.075, −0.125, 0.075; squares sum 0.0275; sample var 0.0275 / 3
        double std = Math.sqrt(0.0275 / 3);
        assertThat(st.volatilityPct()).isCloseTo(std * Math.sqrt(252) * 100, within(1e-9));
        assertThat(st.sharpe()).isCloseTo(0.025 / std * Math.sqrt(252), within(1e-9));
        // downside: only −0.1 → √(0.01 / 4) = 0.05 → 0.025 / 0.05 × √252
        assertThat(st.sortino()).isCloseTo(0.5 * Math.sqrt(252), within(1e-9));
        // drawdown 1,100 → 990 = 10 %; Calmar = CAGR / 10
        assertThat(st.maxDrawdownPct()).isCloseTo(10, within(1e-9));
        assertThat(st.calmar()).isCloseTo(cagr / 10, within(1e-9 * cagr));
        assertThat(r.monthlyReturns()).singleElement().satisfies(m -> {
            assertThat(m.month()).isEqualTo("2024-01");
            assertThat(m.returnPct()).isCloseTo(8.9, within(1e-9));
        });
        // fully invested every day (10 shares, cash 0)
        assertThat(st.exposurePct()).isCloseTo(100, within(1e-9));
    }

    @Test
    void aMissingBenchmarkIsAWarningAndNoAlphaBeta() {
        MarketPanel p = Bars.weekdays("2024-01-02", 3).asset("AAA", 100, 110, 99).build();
        BacktestResult r = Sim.run(p, """
                {"benchmark": "KOSPI", "execution": {"fill": "close"}}""");
        assertThat(r.stats().alpha()).isNull();
        assertThat(r.stats().beta()).isNull();
        assertThat(r.benchmarkSeries()).isNull();
        assertThat(Sim.warnings(r)).contains("benchmark 'KOSPI' is not in the data");
    }

    @Test
    void aSymbolOfTheDataCanBeTheBenchmark() {
        // benchmark BBB (an asset with a halt on d2): its returns are NaN around the gap and left out
        MarketPanel p = Bars.weekdays("2024-01-02", 4).asset("AAA", 100, 110, 99, 108.9).asset("BBB", 50, 55, N, 50).build();
        BacktestResult r = Sim.run(p, """
                {"initialCapital": 1000, "benchmark": "BBB", "universe": {"symbols": ["AAA"]}, "buy": {"maxPositions": 1},
                 "execution": {"fill": "close", "commissionPct": 0, "sellTaxPct": 0, "fractionalShares": true}}""");
        // scaled: 1,000 × 50/50, 55/50, NaN, 50/50
        assertThat(r.benchmarkSeries()[1]).isCloseTo(1100, within(1e-9));
        assertThat(r.benchmarkSeries()[2]).isNaN();
        assertThat(r.equity().get(2).benchmark()).isNull();
        // only d1 has both returns (b = 0.1) → fewer than two points → no regression
        assertThat(r.stats().beta()).isNull();
    }
}
