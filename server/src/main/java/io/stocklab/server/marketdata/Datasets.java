package io.stocklab.server.marketdata;

import java.util.List;
import java.util.Optional;

/**
 * The market-data feature's public service: which datasets exist and their in-memory panels. Other features
 * (strategies, backtests, rankings) use only this, never the market-data tables.
 */
public interface Datasets {
    /** Every dataset, default first. */
    List<DatasetInfo> list();

    /** The dataset used when a spec names none. */
    DatasetInfo defaultDataset();

    Optional<DatasetInfo> find(String id);

    /**
     * The current snapshot of a dataset (loaded on first use, then cached in memory).
     *
     * @throws io.stocklab.server.platform.error.ApiException NOT_FOUND for an unknown id
     */
    DatasetSnapshot snapshot(String id);
}
