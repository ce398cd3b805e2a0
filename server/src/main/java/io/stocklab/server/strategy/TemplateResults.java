package io.stocklab.server.strategy;

import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The latest finished result of a spec, if any (implemented by the backtest feature, which owns the results), so
 * that the template list can show the warmed-up figures at once.
 */
public interface TemplateResults {
    Optional<TemplateResult> latest(JsonNode spec);

    /** The cached result of a template on the default dataset. */
    record TemplateResult(UUID backtestId, Double totalReturnPct, Double cagrPct, Double sharpe,
                          Double maxDrawdownPct) {
    }
}
