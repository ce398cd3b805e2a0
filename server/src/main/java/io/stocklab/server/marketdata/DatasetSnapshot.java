package io.stocklab.server.marketdata;

import io.stocklab.engine.data.MarketPanel;

import java.util.Objects;

/**
 * One consistent, immutable version of a dataset's in-memory panel. A backtest holds on to the snapshot it
 * started with, so a refresh after an import never changes the data under a running job.
 */
public record DatasetSnapshot(String datasetId, String version, MarketPanel panel) {
    public DatasetSnapshot {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(panel, "panel");
    }
}
