package io.stocklab.server.strategy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code strategies}. */
record Strategy(UUID id, UUID ownerId, String name, String description, List<String> tags, Visibility visibility,
                boolean anonymous, boolean hideDetails, int currentVersion, UUID clonedFrom, Instant createdAt,
                Instant updatedAt) {

    enum Visibility { PUBLIC, PRIVATE }

    boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }
}
