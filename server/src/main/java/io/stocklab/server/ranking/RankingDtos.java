package io.stocklab.server.ranking;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@code /api/v1/rankings}. */
final class RankingDtos {
    private RankingDtos() {
    }

    @Schema(description = "A leaderboard: runs of public strategies on one dataset version, market and period,"
            + " ranked by one metric (higher first); on period oos, the chained out-of-sample results of walk-forward"
            + " sweeps' winners")
    record BoardView(String datasetId, String dataVersion,
                     @Schema(description = "ALL, or one market (runs whose universe is that market only)") String market,
                     @Schema(description = "1y, 3y, 5y, all or oos") String period,
                     @Schema(description = "SHARPE, TOTAL_RETURN, CAGR or CALMAR") String metric,
                     @Schema(description = "first day of the compared window (oos: of the first entry's"
                             + " out-of-sample period; null on an empty oos board)", nullable = true)
                     LocalDate windowStart,
                     @Schema(description = "last day of the compared window (oos: as windowStart)", nullable = true)
                     LocalDate windowEnd,
                     @Schema(description = "true when this is the dataset's current version") boolean currentVersion) {
    }

    @Schema(description = "One strategy on a board")
    record EntryView(long rank, UUID strategyId, String strategyName,
                     @Schema(description = "the author's nickname, or \"anonymous\"") String author,
                     boolean anonymous,
                     @Schema(description = "BACKTEST (1y, 3y, 5y, all) or SWEEP_OOS (oos)") String source,
                     @Schema(description = "the backtest the figures come from (null for SWEEP_OOS)",
                             nullable = true) UUID backtestId,
                     @Schema(description = "the sweep whose winners' chained out-of-sample curve the figures come"
                             + " from (null for BACKTEST)", nullable = true) UUID sweepId,
                     @Schema(description = "when that backtest or sweep finished") Instant runAt,
                     @Schema(description = "the value of the board's metric") Double value,
                     double totalReturnPct, double cagrPct, Double sharpe, Double calmar, double maxDrawdownPct,
                     @Schema(description = "true when the strategy is the caller's") boolean mine) {
    }

    record BoardResponse(BoardView board, List<EntryView> entries,
                         @Schema(description = "the caller's best-ranked strategy on this board, null if none",
                                 nullable = true) EntryView myRank,
                         long totalEntries,
                         @Schema(description = "pass as cursor for the next entries; null at the end", nullable = true)
                         String nextCursor) {
    }

    @Schema(description = "A board that has entries")
    record BoardSummary(String datasetId, String dataVersion, boolean currentVersion, String market, String period,
                        String metric, long entries) {
    }

    @Schema(description = "A strategy's rank on one board")
    record StrategyRankView(BoardView board, long rank, long totalEntries, EntryView entry) {
    }

    record RebuildResponse(long generation, int publicStrategies, long runs, int entries, int boards,
                           long durationMs) {
    }
}
