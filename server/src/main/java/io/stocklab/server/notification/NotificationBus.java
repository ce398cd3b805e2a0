package io.stocklab.server.notification;

import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Fans live notification events out to the instance holding the user's stream: in-process in the local profile,
 * Redis pub/sub in prod (a worker JVM creates a notification; the API JVM with the SSE connection pushes it).
 */
interface NotificationBus {
    void publish(UUID userId, NotificationDtos.LiveEvent event);

    /** Receives every event published by any instance; close the handle to stop. */
    AutoCloseable subscribe(BiConsumer<UUID, NotificationDtos.LiveEvent> listener);

    /** The message on the wire (Redis). */
    record Message(UUID userId, NotificationDtos.LiveEvent event) {
    }
}
