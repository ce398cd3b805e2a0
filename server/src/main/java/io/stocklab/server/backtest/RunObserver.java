package io.stocklab.server.backtest;

import java.util.UUID;

/**
 * Observes the progress of the backtests running in this process (every bean of this type is called from the
 * running job's thread at each progress report of the engine: at least once per simulated month). For metrics and
 * tests; an observer must be quick.
 */
public interface RunObserver {
    void progress(UUID backtestId, String name, double fraction, String phase);
}
