package io.stocklab.server.backtest;

import io.stocklab.server.support.ProdIntegrationTest;

/** Backtest jobs on the prod profile: PostgreSQL, the Redis Streams queue and Redis pub/sub progress. */
@ProdIntegrationTest
class BacktestProdIT extends BacktestScenarios {
    @Override
    void adminFirst() {
    }
}
