package io.stocklab.engine.result;

/**
 * The statistics of strategy-spec §5. Ratios that are undefined (a zero denominator, no benchmark, no closed
 * position) are null.
 */
public record Stats(double totalReturnPct, double cagrPct, double volatilityPct, Double sharpe, Double sortino,
                    double maxDrawdownPct, Double calmar, int trades, int roundTrips, Double winRatePct,
                    Double avgHoldDays, double exposurePct, Double alpha, Double beta, double finalEquity, int days) {
}
