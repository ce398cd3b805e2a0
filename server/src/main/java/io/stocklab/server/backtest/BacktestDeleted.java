package io.stocklab.server.backtest;

import java.util.UUID;

/** Published after a backtest (and its results) were deleted by its owner. */
public record BacktestDeleted(UUID backtestId, UUID ownerId, UUID strategyId) {
}
