package io.stocklab.server.ranking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One strategy on one board, from a backtest ({@code source} BACKTEST, {@code backtestId} set) or from a sweep's
 * chained out-of-sample curve ({@code source} SWEEP_OOS, {@code sweepId} set) (all metrics; which of them ranks depends on the metric board). {@code ownerId} never
 * leaves the server; {@code authorNickname} is null for anonymous strategies.
 */
record BoardEntry(UUID strategyId, UUID ownerId, String strategyName, boolean anonymous, String authorNickname,
                  UUID backtestId, Instant finishedAt, LocalDate windowStart, LocalDate windowEnd,
                  double totalReturnPct, double cagrPct, Double sharpe, Double calmar, double maxDrawdownPct,
                  String source, UUID sweepId) {
    static final String BACKTEST = "BACKTEST";
    static final String SWEEP_OOS = "SWEEP_OOS";
}
