package io.stocklab.bench;

import io.stocklab.engine.data.MarketPanel;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The same SMA(20/50) crossover job done with ta4j, the comparison baseline of {@code stocklab bench}: one bar
 * series per symbol (built once, outside the timing, with ta4j's fast double numbers), SMA indicators, crossing
 * rules, next-open execution, {@link BarSeriesManager#run}.
 */
final class Ta4jBaseline {
    private final List<BarSeries> series = new ArrayList<>();

    Ta4jBaseline(MarketPanel panel) {
        int nd = panel.dateCount();
        for (int a = 0; a < panel.assetCount(); a++) {
            if (panel.barCount(a) == 0) continue;
            BarSeries s = new BaseBarSeriesBuilder().withName(panel.symbol(a)).withNumFactory(DoubleNumFactory.getInstance()).build();
            for (int d = 0; d < nd; d++) {
                int i = a * nd + d;
                if (Double.isNaN(panel.close()[i])) continue;
                Instant end = panel.date(d).atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(16));
                s.barBuilder().timePeriod(Duration.ofDays(1)).endTime(end)
                        .openPrice(panel.open()[i]).highPrice(panel.high()[i]).lowPrice(panel.low()[i])
                        .closePrice(panel.close()[i]).volume(panel.volume()[i]).add();
            }
            series.add(s);
        }
    }

    int symbols() {
        return series.size();
    }

    /** Runs the crossover on every series; returns the number of closed positions (so the work is not dead code). */
    int run() {
        int positions = 0;
        for (BarSeries s : series) {
            ClosePriceIndicator close = new ClosePriceIndicator(s);
            SMAIndicator fast = new SMAIndicator(close, 20);
            SMAIndicator slow = new SMAIndicator(close, 50);
            Strategy strategy = new BaseStrategy(new CrossedUpIndicatorRule(fast, slow), new CrossedDownIndicatorRule(fast, slow), 50);
            TradingRecord record = new BarSeriesManager(s, new TradeOnNextOpenModel()).run(strategy);
            positions += record.getPositionCount();
        }
        return positions;
    }
}
