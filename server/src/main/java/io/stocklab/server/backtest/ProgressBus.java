package io.stocklab.server.backtest;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Fans backtest states out to the subscribers of every server instance: in-process in the local profile, Redis
 * pub/sub in prod (a worker publishes, the API node holding the SSE or WebSocket connection delivers).
 */
interface ProgressBus {
    void publish(StatusView state);

    /** The latest running state published for a backtest, if any (terminal states come from the database). */
    Optional<StatusView> latest(UUID id);

    /** Subscribes to one backtest's states; close the handle to unsubscribe. */
    AutoCloseable subscribe(UUID id, Consumer<StatusView> listener);
}
