package io.stocklab.server.sweep;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (as a Spring application event, after the state is stored) when a sweep reaches a final state:
 * COMPLETED, FAILED or CANCELLED. {@code strategyId} is null for a sweep of an ad-hoc spec. Listeners must be
 * idempotent and must never throw back into the publisher (a sweep worker).
 */
public record SweepFinished(UUID sweepId, UUID ownerId, UUID strategyId, String datasetId, String dataVersion,
                            Instant finishedAt, String status) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
