package io.stocklab.server.backtest;

import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Test-only (picked up by the component scan of the test servers): backtests named {@code slow-test …} take 100 ms
 * per simulated month, so a test can watch one run and cancel it mid-way. Every other backtest is untouched.
 */
@Component
class SlowRunsForTests implements RunObserver {
    static final String PREFIX = "slow-test ";

    @Override
    public void progress(UUID backtestId, String name, double fraction, String phase) {
        if (name.startsWith(PREFIX) && phase.equals("simulating")) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
