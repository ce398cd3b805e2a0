package io.stocklab.server.backtest.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stocklab.queue.*}: the job queue.
 *
 * @param role            {@code all} (API and worker, the default), {@code api} (takes no jobs) or {@code worker}
 * @param workers         jobs run at once by this process
 * @param idleTimeout     a delivered job not kept alive for this long is taken over by another worker
 * @param keepAlive       how often a running job's claim is renewed (well below {@code idleTimeout})
 * @param reclaimInterval how often stale jobs of dead workers are looked for
 * @param maxDeliveries   deliveries after which a job goes to the dead-letter stream and fails
 * @param retryDelay      in-process queue: wait before a job that crashed is run again
 * @param block           Redis: how long one read waits for new jobs
 */
@ConfigurationProperties("stocklab.queue")
public record QueueProperties(String role, Integer workers, Duration idleTimeout, Duration keepAlive,
                              Duration reclaimInterval, Integer maxDeliveries, Duration retryDelay, Duration block) {
    public QueueProperties {
        if (role == null || role.isBlank()) role = "all";
        if (workers == null) workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        if (idleTimeout == null) idleTimeout = Duration.ofSeconds(60);
        if (keepAlive == null) keepAlive = idleTimeout.dividedBy(4);
        if (reclaimInterval == null) reclaimInterval = idleTimeout.dividedBy(2);
        if (maxDeliveries == null) maxDeliveries = 5;
        if (retryDelay == null) retryDelay = Duration.ofSeconds(1);
        if (block == null) block = Duration.ofSeconds(2);
        if (!role.equals("all") && !role.equals("api") && !role.equals("worker")) {
            throw new IllegalArgumentException("stocklab.queue.role (or stocklab.role) must be all, api or worker, got "
                    + role);
        }
    }

    public boolean consumes() {
        return !role.equals("api");
    }
}
