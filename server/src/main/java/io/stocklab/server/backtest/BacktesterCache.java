package io.stocklab.server.backtest;

import io.stocklab.engine.backtest.Backtester;
import io.stocklab.server.marketdata.DatasetSnapshot;
import io.stocklab.server.strategy.SpecValidator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One engine per dataset snapshot: runs on the same snapshot share its panel and the factors and expression terms
 * cached on it. A new snapshot version (after an import) replaces the old engine.
 */
@Component
public class BacktesterCache {
    private record Entry(String version, Backtester backtester) {
    }

    private final Map<String, Entry> engines = new ConcurrentHashMap<>();

    public Backtester get(DatasetSnapshot snapshot) {
        return engines.compute(snapshot.datasetId(), (id, e) -> e != null && e.version().equals(snapshot.version())
                && e.backtester().panel() == snapshot.panel() ? e
                : new Entry(snapshot.version(), new Backtester(snapshot.panel(), SpecValidator.library())))
                .backtester();
    }
}
