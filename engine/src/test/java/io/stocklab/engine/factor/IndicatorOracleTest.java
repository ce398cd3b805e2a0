package io.stocklab.engine.factor;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.data.PanelLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.WilliamsRIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.aroon.AroonDownIndicator;
import org.ta4j.core.indicators.aroon.AroonUpIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.averages.WMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.MoneyFlowIndexIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Our indicator factors against ta4j 0.22.2 on the real S&P 500 sample, for a handful of symbols. ta4j seeds
 * recursive averages differently (its EMA/MMA start from the first value, TA-Lib's from the SMA of the first
 * n), so recursive indicators are compared only after a warm-up, where the seed's influence has decayed below
 * the tolerance. Window indicators agree from their first full window. The tolerances are documented in
 * {@code docs/indicators.md}; |ours − ta4j| ≤ abs + rel · |ta4j| must hold at every compared bar.
 */
class IndicatorOracleTest {
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "XOM", "JPM", "AAL");

    private static MarketPanel panel;
    private static final Map<String, BarSeries> SERIES = new HashMap<>();

    /** One comparison: our factor vs a ta4j indicator, from bar {@code warmup} on. */
    record Check(String factor, Function<BarSeries, Indicator<Num>> oracle, int warmup, double abs, double rel,
                 boolean obvOffset) {
        @Override
        public String toString() {
            return factor;
        }
    }

    static List<Check> checks() {
        return List.of(
                exact("sma_20", s -> new SMAIndicator(close(s), 20), 19),
                exact("sma_50", s -> new SMAIndicator(close(s), 50), 49),
                exact("sma_200", s -> new SMAIndicator(close(s), 200), 199),
                exact("wma_20", s -> new WMAIndicator(close(s), 20), 19),
                exact("roc_10", s -> new ROCIndicator(close(s), 10), 10),
                new Check("ema_12", s -> new EMAIndicator(close(s), 12), 200, 0, 1e-9, false),
                new Check("ema_26", s -> new EMAIndicator(close(s), 26), 200, 0, 1e-6, false),
                new Check("macd", s -> new MACDIndicator(close(s), 12, 26), 250, 1e-5, 0, false),
                new Check("macd_signal", s -> new MACDIndicator(close(s), 12, 26).getSignalLine(9), 250, 1e-5, 0, false),
                new Check("macd_hist", s -> new MACDIndicator(close(s), 12, 26).getHistogram(9), 250, 1e-5, 0, false),
                new Check("rsi_14", s -> new RSIIndicator(close(s), 14), 300, 1e-5, 0, false),
                new Check("atr_14", s -> new ATRIndicator(s, 14), 300, 0, 1e-6, false),
                new Check("plus_di_14", s -> new PlusDIIndicator(s, 14), 300, 1e-5, 0, false),
                new Check("minus_di_14", s -> new MinusDIIndicator(s, 14), 300, 1e-5, 0, false),
                new Check("adx_14", s -> new ADXIndicator(s, 14), 400, 1e-5, 0, false),
                exact("bb_pctb_20", s -> new PercentBIndicator(close(s), 20, 2.0), 19),
                exact("bb_width_20", s -> {
                    BollingerBandsMiddleIndicator mid = new BollingerBandsMiddleIndicator(new SMAIndicator(close(s), 20));
                    StandardDeviationIndicator sd = new StandardDeviationIndicator(close(s), 20);
                    Num two = s.numFactory().numOf(2);
                    return new BollingerBandWidthIndicator(new BollingerBandsUpperIndicator(mid, sd, two), mid,
                            new BollingerBandsLowerIndicator(mid, sd, two));
                }, 19),
                exact("stoch_k_14", s -> new StochasticOscillatorKIndicator(s, 14), 13),
                exact("stoch_d_14", s -> new StochasticOscillatorDIndicator(new StochasticOscillatorKIndicator(s, 14)), 15),
                exact("cci_20", s -> new CCIIndicator(s, 20), 19),
                exact("willr_14", s -> new WilliamsRIndicator(s, 14), 13),
                exact("mfi_14", s -> new MoneyFlowIndexIndicator(s, 14), 14),
                exact("aroon_up_25", s -> new AroonUpIndicator(s, 25), 25),
                exact("aroon_down_25", s -> new AroonDownIndicator(s, 25), 25),
                new Check("obv", OnBalanceVolumeIndicator::new, 0, 1e-3, 0, true));
    }

    private static Check exact(String factor, Function<BarSeries, Indicator<Num>> oracle, int firstIndex) {
        return new Check(factor, oracle, firstIndex, 1e-9, 1e-9, false);
    }

    private static ClosePriceIndicator close(BarSeries s) {
        return new ClosePriceIndicator(s);
    }

    @BeforeAll
    static void load() throws Exception {
        panel = PanelLoader.load(TestPanels.sampleData());
        for (String sym : SYMBOLS) {
            int a = panel.assetIndex(sym);
            assertThat(a).as("symbol %s in the sample", sym).isNotNegative();
            BarSeries s = new BaseBarSeriesBuilder().withName(sym).withNumFactory(DoubleNumFactory.getInstance()).build();
            for (int d : PerAsset.barDates(panel, a)) {
                int i = panel.at(a, d);
                s.barBuilder().timePeriod(Duration.ofDays(1))
                        .endTime(Instant.ofEpochSecond(panel.epochDay(d) * 86_400L + 16 * 3600))
                        .openPrice(panel.open()[i]).highPrice(panel.high()[i]).lowPrice(panel.low()[i])
                        .closePrice(panel.close()[i]).volume(panel.volume()[i]).add();
            }
            SERIES.put(sym, s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void agreesWithTa4j(Check check) {
        double[] all = FactorLibrary.standard().values(panel, check.factor());
        for (String sym : SYMBOLS) {
            int a = panel.assetIndex(sym);
            double[] ours = TestPanels.compact(panel, all, a);
            BarSeries s = SERIES.get(sym);
            assertThat(ours).hasSize(s.getBarCount());
            Indicator<Num> oracle = check.oracle().apply(s);
            double offset = check.obvOffset() ? s.getBar(0).getVolume().doubleValue() : 0; // TA-Lib starts OBV at volume[0]
            int compared = 0;
            double worst = 0;
            for (int j = check.warmup(); j < ours.length; j++) {
                double theirs = oracle.getValue(j).doubleValue() + offset;
                if (!Double.isFinite(theirs)) continue; // ta4j divides by zero where TA-Lib (and we) define 0
                double tol = check.abs() + check.rel() * Math.abs(theirs);
                assertThat(ours[j]).as("%s %s bar %d (%s): ours %s, ta4j %s", check.factor(), sym, j,
                        panel.date(PerAsset.barDates(panel, a)[j]), ours[j], theirs).isBetween(theirs - tol, theirs + tol);
                worst = Math.max(worst, Math.abs(ours[j] - theirs) / (check.abs() + check.rel() * Math.abs(theirs)));
                compared++;
            }
            assertThat(compared).as("%s %s bars compared", check.factor(), sym).isGreaterThan(ours.length - check.warmup() - 5);
            assertThat(worst).as("%s %s worst |diff| / tolerance", check.factor(), sym).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void theComparisonCanFail() {
        // a deliberately wrong convention (sample instead of population σ) must be caught by the %b tolerance
        BarSeries s = SERIES.get("AAPL");
        Indicator<Num> oracle = new PercentBIndicator(close(s), 20, 2.0);
        double[] c = new double[s.getBarCount()], wrong = new double[c.length], sd = new double[c.length];
        for (int j = 0; j < c.length; j++) c[j] = s.getBar(j).getClosePrice().doubleValue();
        Indicators.sma(c, 20, wrong);
        Indicators.stdSample(c, 20, sd);
        int mismatches = 0;
        for (int j = 19; j < c.length; j++) {
            double pb = (c[j] - (wrong[j] - 2 * sd[j])) / (4 * sd[j]);
            if (Math.abs(pb - oracle.getValue(j).doubleValue()) > 1e-9) mismatches++;
        }
        assertThat(mismatches).isGreaterThan(c.length / 2);
    }
}
