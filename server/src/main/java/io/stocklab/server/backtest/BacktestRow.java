package io.stocklab.server.backtest;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code backtests}. */
record BacktestRow(UUID id, UUID ownerId, UUID strategyId, Integer strategyVersion, String name, String spec,
                   String datasetId, String dataVersion, String engineVersion, String configHash, String status,
                   boolean cached, Instant createdAt, Instant startedAt, Instant finishedAt, Instant heartbeatAt,
                   Long durationMs, int attempts, String runToken, String worker, boolean cancelRequested,
                   String error, Double totalReturnPct, Double cagrPct, Double sharpe, Double maxDrawdownPct,
                   String stats, String warnings) {

    boolean terminal() {
        return StatusView.isTerminal(status);
    }
}
