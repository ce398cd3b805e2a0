package io.stocklab.server.strategy;

import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the transaction that changed a strategy (listen with
 * {@code @TransactionalEventListener(fallbackExecution = true)} to act after commit). {@code isPublic} is the
 * visibility after the change; {@code wasPublic} the one before (false for CREATED); for DELETED both describe the
 * strategy as it was.
 */
public record StrategyChanged(UUID strategyId, UUID ownerId, String name, Kind kind, boolean isPublic,
                              boolean wasPublic, boolean anonymous, int version, boolean specChanged, Instant at) {

    public enum Kind { CREATED, UPDATED, DELETED }
}
