package io.stocklab.engine.backtest;

import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.Trade;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No look-ahead: on a deterministic pseudo-random panel (20 assets × 300 days, with late listings, halts and
 * delistings), changing every price and volume strictly after a cut day t — keeping which bars exist, since the
 * delisting rule legitimately depends on where an asset's data ends — must not change anything up to t: the trades
 * dated on or before t and the equity, cash and invested series up to t are identical.
 */
class LookAheadTest {
    private static final int NA = 20, ND = 300;
    /** Every day from 20 to 298: a rule that peeks one day ahead only shows on the day it peeks from. */
    private static final int[] CUTS = java.util.stream.IntStream.rangeClosed(20, ND - 2).toArray();

    /** Whether asset a has a bar on day d: fixed, the same in every variant of the panel. */
    private static boolean exists(int a, int d) {
        return switch (a) {
            case 3 -> d >= 40;                     // listed on day 40
            case 7 -> d <= 200;                    // data ends on day 200 (delisting)
            case 11 -> d < 100 || d > 104;         // halted days 100..104
            case 15 -> d % 37 != 5;                // scattered one-day gaps
            case 19 -> d <= 280;                   // data ends on day 280
            default -> true;
        };
    }

    /**
     * The panel; with {@code cut >= 0} every value after day {@code cut} comes from a different random stream (and
     * a different drift), continuing from the cut day's close.
     */
    static MarketPanel panel(int cut) {
        SplittableRandom base = new SplittableRandom(42);
        SplittableRandom other = new SplittableRandom(4242 + cut);
        double[] o = new double[NA * ND], h = new double[NA * ND], l = new double[NA * ND], c = new double[NA * ND],
                v = new double[NA * ND];
        Arrays.fill(o, Double.NaN);
        Arrays.fill(h, Double.NaN);
        Arrays.fill(l, Double.NaN);
        Arrays.fill(c, Double.NaN);
        Arrays.fill(v, Double.NaN);
        List<Asset> assets = new ArrayList<>();
        for (int a = 0; a < NA; a++) {
            assets.add(new Asset(String.format("%06d", 100 + a * 7), "A" + a, a % 2 == 0 ? "KOSPI" : "KOSDAQ", null, null, null));
            double prev = 3_000 + 2_500 * a;
            for (int d = 0; d < ND; d++) {
                boolean perturbed = cut >= 0 && d > cut;
                SplittableRandom rnd = perturbed ? other : base;
                // draw from the base stream every day so the base values do not depend on the cut
                double g1 = base.nextGaussian(), g2 = base.nextGaussian(), g3 = base.nextGaussian(), g4 = base.nextGaussian(),
                        u = base.nextDouble();
                if (perturbed) {
                    g1 = rnd.nextGaussian();
                    g2 = rnd.nextGaussian();
                    g3 = rnd.nextGaussian();
                    g4 = rnd.nextGaussian();
                    u = rnd.nextDouble();
                }
                if (!exists(a, d)) continue;
                double drift = perturbed ? -0.004 + 0.0008 * a : 0.0006 - 0.0001 * (a % 5);
                double open = prev * (1 + 0.012 * g1);
                double close = prev * Math.exp(drift + 0.025 * g2);
                int i = a * ND + d;
                o[i] = open;
                c[i] = close;
                h[i] = Math.max(open, close) * (1 + 0.01 * Math.abs(g3));
                l[i] = Math.min(open, close) * (1 - 0.01 * Math.abs(g4));
                v[i] = 20_000 + 100_000 * u;
                prev = close;
            }
        }
        int[] days = Bars.weekdayList(LocalDate.of(2022, 1, 3), ND).stream().mapToInt(d -> (int) d.toEpochDay()).toArray();
        return new MarketPanel("lookahead", true, days, assets, o, h, l, c, v, null, null, null);
    }

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of("next_open, close stops, weekly, two rank keys", true, """
                        {"rebalance": "weekly",
                         "buy": {"when": "close > sma(close, 20) and rsi(close, 14) < 70",
                                 "rank": [{"by": "change(close, 20)", "order": "desc"},
                                          {"by": "volume", "order": "asc", "weight": 0.5}],
                                 "maxPositions": 5},
                         "sell": {"when": "cross_below(close, sma(close, 10))", "stopLossPct": 8, "takeProfitPct": 15,
                                  "trailingStopPct": 10, "maxHoldDays": 30, "dropUnselected": true},
                         "execution": {"fill": "next_open", "slippagePct": 0.1}}"""),
                Arguments.of("close fill, intraday stops, daily resize, fractional", false, """
                        {"rebalance": "daily", "universe": {"filter": "volume > 40000"},
                         "buy": {"when": "close > lag(close, 5)", "rank": [{"by": "-std(close, 10) / close"}],
                                 "maxPositions": 4, "sizing": {"rebalanceToTarget": true}},
                         "sell": {"stopLossPct": 5, "takeProfitPct": 10, "maxHoldDays": 15, "stopMode": "intraday"},
                         "execution": {"fill": "close", "fractionalShares": true, "commissionPct": 0.05, "slippagePct": 0.2}}"""),
                Arguments.of("next_open, KRX rules, intraday stops, monthly, cross-sectional filter", false, """
                        {"rebalance": "monthly", "universe": {"filter": "rank(volume) > 0.2"},
                         "buy": {"when": "cross_above(sma(close, 5), sma(close, 20)) or close > highest(close, 20) * 0.97",
                                 "rank": [{"by": "ema(close, 12) / ema(close, 26)"}, {"by": "zscore(change(close, 5))", "weight": 0.3}],
                                 "maxPositions": 6},
                         "sell": {"when": "close < lag(lowest(close, 10), 1)", "trailingStopPct": 7, "stopLossPct": 6,
                                  "stopMode": "intraday"},
                         "execution": {"fill": "next_open", "marketRules": "krx", "slippagePct": 0.05}}"""),
                Arguments.of("close fill, KRX rules, close stops, quarterly, wma", false, """
                        {"rebalance": "quarterly",
                         "buy": {"when": "wma(close, 10) > sma(close, 30)", "maxPositions": 8},
                         "sell": {"trailingStopPct": 12, "takeProfitPct": 25, "maxHoldDays": 50},
                         "execution": {"fill": "close", "marketRules": "krx"}}"""),
                Arguments.of("next_open, daily resize, close stops, rsi exit", true, """
                        {"rebalance": "daily",
                         "buy": {"when": "rsi(close, 10) > 45 and volume > 30000",
                                 "rank": [{"by": "close / sma(close, 15)"}], "maxPositions": 3,
                                 "sizing": {"rebalanceToTarget": true}},
                         "sell": {"when": "rsi(close, 10) > 75", "stopLossPct": 4, "trailingStopPct": 6, "maxHoldDays": 12},
                         "execution": {"fill": "next_open", "commissionPct": 0.1, "slippagePct": 0.1}}"""));
    }

    /**
     * @param ordersAtNextOpen next_open with close-mode stops and no KRX limits: then the orders decided at the cut
     *                         day's close are also visible, as the fills at the next open (symbol, side, reason, and
     *                         for sells the quantity), and must not change either
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void nothingUpToTheCutDependsOnDataAfterIt(String name, boolean ordersAtNextOpen, String json) {
        MarketPanel basePanel = panel(-1);
        BacktestResult base = Sim.run(basePanel, json);
        assertThat(base.trades()).as("the strategy trades").hasSizeGreaterThan(10);
        int checkedTrades = 0, changedOutcomes = 0;
        for (int cut : CUTS) {
            MarketPanel changed = panel(cut);
            // the perturbation keeps everything up to the cut and which bars exist, and changes every value after it
            int wrong = 0;
            for (int a = 0; a < NA; a++) {
                for (int d = 0; d < ND; d++) {
                    int i = a * ND + d;
                    double x = basePanel.close()[i], y = changed.close()[i];
                    if (Double.isNaN(x) != Double.isNaN(y)) wrong++;
                    else if (Double.isNaN(x)) continue;
                    else if (d <= cut && (x != y || basePanel.open()[i] != changed.open()[i]
                            || basePanel.high()[i] != changed.high()[i] || basePanel.low()[i] != changed.low()[i]
                            || basePanel.volume()[i] != changed.volume()[i])) wrong++;
                    else if (d > cut && (x == y || basePanel.open()[i] == changed.open()[i]
                            || basePanel.volume()[i] == changed.volume()[i])) wrong++;
                }
            }
            assertThat(wrong).as("cells not perturbed as intended, cut %d", cut).isZero();
            BacktestResult r = Sim.run(changed, json);
            LocalDate cutDate = basePanel.date(cut);
            List<Trade> before = upTo(base.trades(), cutDate);
            assertThat(upTo(r.trades(), cutDate)).as("%s: trades up to day %d (%s)", name, cut, cutDate).isEqualTo(before);
            checkedTrades += before.size();
            if (ordersAtNextOpen) {
                LocalDate next = basePanel.date(cut + 1);
                List<String> decided = decidedAtPreviousClose(base.trades(), next);
                assertThat(decidedAtPreviousClose(r.trades(), next)).as("%s: orders decided on day %d", name, cut).isEqualTo(decided);
                checkedTrades += decided.size();
            }
            assertThat(Arrays.copyOf(r.equitySeries(), cut + 1)).as("equity up to day %d", cut)
                    .isEqualTo(Arrays.copyOf(base.equitySeries(), cut + 1));
            assertThat(Arrays.copyOf(r.cashSeries(), cut + 1)).isEqualTo(Arrays.copyOf(base.cashSeries(), cut + 1));
            assertThat(Arrays.copyOf(r.investedSeries(), cut + 1)).isEqualTo(Arrays.copyOf(base.investedSeries(), cut + 1));
            // the change after the cut matters (unless the portfolio sits in cash from the cut on)
            if (r.finalEquity() != base.finalEquity()) changedOutcomes++;
        }
        assertThat(checkedTrades).isGreaterThan(10);
        assertThat(changedOutcomes).as("runs whose final equity the perturbation changed").isGreaterThanOrEqualTo(CUTS.length / 2);
    }

    /** The fills on {@code day} of orders decided the day before (all but delisting sales at the day's close). */
    private static List<String> decidedAtPreviousClose(List<Trade> trades, LocalDate day) {
        return trades.stream().filter(t -> t.date().equals(day) && !t.reason().equals("delisted"))
                .map(t -> t.symbol() + " " + t.side() + " " + t.reason() + (t.side() == io.stocklab.engine.result.Side.SELL ? " " + t.qty() : ""))
                .toList();
    }

    private static List<Trade> upTo(List<Trade> trades, LocalDate day) {
        return trades.stream().filter(t -> !t.date().isAfter(day)).toList();
    }
}
