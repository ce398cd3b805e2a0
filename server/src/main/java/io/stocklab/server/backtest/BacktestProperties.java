package io.stocklab.server.backtest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stocklab.backtests.*}.
 *
 * @param maxRunning        backtests running at once across the cluster
 * @param maxRunningPerUser backtests of one user running at once (the others wait in the queue)
 * @param progressInterval  how often a running backtest publishes its progress
 * @param heartbeatInterval how often a running backtest records its heartbeat and looks for a cancel request
 * @param warmUp            backtest the famous templates on the default dataset at start-up (cache warming)
 * @param defaultEstimate   estimated run time before any run has been measured
 */
@ConfigurationProperties("stocklab.backtests")
record BacktestProperties(Integer maxRunning, Integer maxRunningPerUser, Duration progressInterval,
                          Duration heartbeatInterval, Boolean warmUp, Duration defaultEstimate) {
    BacktestProperties {
        if (maxRunning == null) maxRunning = 64;
        if (maxRunningPerUser == null) maxRunningPerUser = 4;
        if (progressInterval == null) progressInterval = Duration.ofMillis(200);
        if (heartbeatInterval == null) heartbeatInterval = Duration.ofMillis(400);
        if (warmUp == null) warmUp = false;
        if (defaultEstimate == null) defaultEstimate = Duration.ofSeconds(2);
    }
}
