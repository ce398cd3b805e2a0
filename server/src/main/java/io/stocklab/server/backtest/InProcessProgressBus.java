package io.stocklab.server.backtest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local profile's progress fan-out: listeners in this process. */
class InProcessProgressBus implements ProgressBus {
    private static final Logger log = LoggerFactory.getLogger(InProcessProgressBus.class);

    private final Map<UUID, List<Consumer<StatusView>>> listeners = new ConcurrentHashMap<>();
    private final Map<UUID, StatusView> latest = new ConcurrentHashMap<>();

    @Override
    public void publish(StatusView state) {
        if (state.terminal()) latest.remove(state.id());
        else latest.put(state.id(), state);
        deliver(listeners, state);
    }

    static void deliver(Map<UUID, List<Consumer<StatusView>>> listeners, StatusView state) {
        List<Consumer<StatusView>> ls = listeners.get(state.id());
        if (ls == null) return;
        for (Consumer<StatusView> l : ls) {
            try {
                l.accept(state);
            } catch (RuntimeException e) {
                log.debug("progress listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public Optional<StatusView> latest(UUID id) {
        return Optional.ofNullable(latest.get(id));
    }

    @Override
    public AutoCloseable subscribe(UUID id, Consumer<StatusView> listener) {
        return add(listeners, id, listener);
    }

    static AutoCloseable add(Map<UUID, List<Consumer<StatusView>>> listeners, UUID id, Consumer<StatusView> listener) {
        listeners.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(id, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }
}
