package io.stocklab.server.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Read access to backtests for other features (rankings, community cards). No access control here: callers decide
 * what they may show (e.g. only backtests of public strategies).
 */
@Service
public class BacktestLookup {
    private final BacktestRepository repository;

    BacktestLookup(BacktestRepository repository) {
        this.repository = repository;
    }

    /** One backtest as other features see it; metrics are null unless COMPLETED. */
    public record Summary(UUID id, UUID ownerId, UUID strategyId, Integer strategyVersion, String name, String status,
                          String datasetId, String dataVersion, String engineVersion, boolean cached, JsonNode spec,
                          Double totalReturnPct, Double cagrPct, Double sharpe, Double maxDrawdownPct, JsonNode stats,
                          Instant createdAt, Instant finishedAt) {
    }

    /** One day of a backtest's equity curve. */
    public record EquityPoint(LocalDate date, double equity, Double benchmark) {
    }

    public Optional<Summary> summary(UUID id) {
        return repository.find(id).map(BacktestLookup::summary);
    }

    /** The equity curve, oldest first (empty when the backtest has none or does not exist). */
    public List<EquityPoint> equity(UUID id) {
        return repository.equity(id).stream().map(e -> new EquityPoint(e.date(), e.equity(), e.benchmark())).toList();
    }

    static Summary summary(BacktestRow r) {
        return new Summary(r.id(), r.ownerId(), r.strategyId(), r.strategyVersion(), r.name(), r.status(),
                r.datasetId(), r.dataVersion(), r.engineVersion(), r.cached(), BacktestRunner.JSON.readTree(r.spec()),
                r.totalReturnPct(), r.cagrPct(), r.sharpe(), r.maxDrawdownPct(),
                r.stats() == null ? null : BacktestRunner.JSON.readTree(r.stats()), r.createdAt(), r.finishedAt());
    }
}
