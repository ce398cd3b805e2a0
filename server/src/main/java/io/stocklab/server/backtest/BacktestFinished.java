package io.stocklab.server.backtest;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (as a Spring application event, after the state is committed) when a backtest reaches a final state:
 * COMPLETED, FAILED or CANCELLED. It may be published more than once for the same backtest (a retry after a crash,
 * a cancel racing the end of a run); listeners must be idempotent and must never throw back into the publisher.
 * Cached completions (a result reused by configuration hash) are published too, with {@code cached} true.
 */
public record BacktestFinished(UUID backtestId, UUID ownerId, UUID strategyId, Integer strategyVersion, String name,
                               String status, String error, String datasetId, String dataVersion, boolean cached,
                               Double totalReturnPct, Double cagrPct, Double sharpe, Double maxDrawdownPct,
                               Instant finishedAt) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
