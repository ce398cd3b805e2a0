package io.stocklab.server.backtest;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's stream of a backtest's states, shared by SSE and WebSocket: the first message is the current
 * state, then every published state, the last one final. A slow check of the stored state every two seconds ends
 * the stream even when a final message was lost (a Redis outage).
 */
final class StateStream {
    private static final Logger log = LoggerFactory.getLogger(StateStream.class);
    private static final ScheduledExecutorService CHECKS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backtest-stream-check");
        t.setDaemon(true);
        return t;
    });

    /** Where the states go. */
    interface Sink {
        void send(StatusView state) throws Exception;

        void complete();
    }

    private final UUID id;
    private final ProgressBus bus;
    private final Supplier<StatusView> current;
    private final Sink sink;
    private AutoCloseable subscription;
    private ScheduledFuture<?> check;
    private boolean closed;
    private StatusView last;

    StateStream(UUID id, ProgressBus bus, Supplier<StatusView> current, Sink sink) {
        this.id = id;
        this.bus = bus;
        this.current = current;
        this.sink = sink;
    }

    synchronized void start() {
        subscription = bus.subscribe(id, this::onState);
        deliver(current.get());
        if (!closed) {
            check = CHECKS.scheduleWithFixedDelay(this::checkStored, 2, 2, TimeUnit.SECONDS);
        }
    }

    private synchronized void onState(StatusView state) {
        deliver(state);
    }

    private void checkStored() {
        StatusView s;
        try {
            s = current.get();
        } catch (RuntimeException e) {
            return;
        }
        if (s.terminal()) onState(s);
    }

    private void deliver(StatusView state) {
        if (closed) return;
        // never go back: a running state older than the last one sent is skipped
        if (last != null && !state.terminal() && state.at() != null && last.at() != null
                && state.at().isBefore(last.at()) && !last.status().equals("QUEUED")) {
            return;
        }
        try {
            sink.send(state);
            last = state;
        } catch (Exception e) {
            log.debug("backtest {} subscriber gone: {}", id, e.toString());
            close();
            return;
        }
        if (state.terminal()) {
            close();
            sink.complete();
        }
    }

    synchronized void close() {
        if (closed) return;
        closed = true;
        if (check != null) check.cancel(false);
        try {
            if (subscription != null) subscription.close();
        } catch (Exception e) {
            log.debug("unsubscribe failed: {}", e.toString());
        }
    }
}
