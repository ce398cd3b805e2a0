package io.stocklab.server.notification;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local profile's live fan-out: listeners in this process. */
class InProcessNotificationBus implements NotificationBus {
    private static final Logger log = LoggerFactory.getLogger(InProcessNotificationBus.class);

    private final List<BiConsumer<UUID, NotificationDtos.LiveEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(UUID userId, NotificationDtos.LiveEvent event) {
        deliver(listeners, userId, event);
    }

    static void deliver(List<BiConsumer<UUID, NotificationDtos.LiveEvent>> listeners, UUID userId,
                        NotificationDtos.LiveEvent event) {
        for (BiConsumer<UUID, NotificationDtos.LiveEvent> l : listeners) {
            try {
                l.accept(userId, event);
            } catch (RuntimeException e) {
                log.debug("notification listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public AutoCloseable subscribe(BiConsumer<UUID, NotificationDtos.LiveEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
