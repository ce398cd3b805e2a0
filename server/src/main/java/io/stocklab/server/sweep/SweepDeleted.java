package io.stocklab.server.sweep;

import java.util.UUID;

/** Published after a finished sweep (and its results) was deleted by its owner. */
public record SweepDeleted(UUID sweepId, UUID ownerId, UUID strategyId) {
}
