package io.stocklab.server.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Request and response bodies of {@code /api/v1/backtests}. */
final class BacktestDtos {
    private BacktestDtos() {
    }

    /** Either a saved strategy (optionally a version of it) or an inline spec. */
    record SubmitRequest(UUID strategyId, Integer strategyVersion, JsonNode spec, String name) {
    }

    /**
     * A backtest's summary. {@code spec} is null when its strategy's owner hides the rules from the caller.
     */
    record BacktestView(UUID id, String name, String status, boolean mine, UUID strategyId, Integer strategyVersion,
                        String datasetId, String dataVersion, String engineVersion, String configHash, boolean cached,
                        Instant createdAt, Instant startedAt, Instant finishedAt, Long durationMs, int attempts,
                        String error, JsonNode stats, List<String> warnings, JsonNode spec) {
    }

    record EquityPointView(LocalDate date, double equity, double cash, double invested, double drawdownPct,
                           Double benchmark) {
    }

    record TradeView(int seq, LocalDate date, String symbol, String side, double qty, double price, double commission,
                     double tax, Double pnl, String reason, Integer holdDays) {
    }

    record MonthlyView(String month, double returnPct) {
    }

    record CompareRequest(List<UUID> ids) {
    }

    record CompareItem(UUID id, String name, JsonNode stats) {
    }

    /**
     * Stats side by side; equity curves on the dates all runs share, each normalized to 100 on the first of them;
     * the correlation matrix of the daily returns on those dates.
     */
    record CompareResponse(List<CompareItem> items, List<LocalDate> dates, List<List<Double>> normalizedEquity,
                           List<List<Double>> returnCorrelation) {
    }

    record HistoryPage(List<BacktestView> items, String nextCursor) {
    }
}
