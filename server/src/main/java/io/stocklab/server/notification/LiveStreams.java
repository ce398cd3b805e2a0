package io.stocklab.server.notification;

import java.io.IOException;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open notification streams of this instance. Every bus event (from any instance) reaches
 * {@link #deliver}, which writes it to the streams of its user held here. Idle streams get a comment line every
 * {@code stocklab.notifications.stream.heartbeat} so proxies keep them open.
 */
@Component
class LiveStreams implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final NotificationProperties.Stream properties;
    private final Map<UUID, Deque<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;
    private final ScheduledExecutorService heartbeats;

    LiveStreams(NotificationBus bus, NotificationProperties properties) {
        this.properties = properties.stream();
        this.subscription = bus.subscribe(this::deliver);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notification-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, this.properties.heartbeat().toMillis());
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Opens a stream for a user, starting with an {@code unread} event carrying the current count. */
    SseEmitter open(UUID userId, long unreadCount) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Deque<SseEmitter> mine = streams.computeIfAbsent(userId, k -> new ConcurrentLinkedDeque<>());
        mine.addLast(emitter);
        Runnable remove = () -> streams.computeIfPresent(userId, (k, d) -> {
            d.remove(emitter);
            return d.isEmpty() ? null : d;
        });
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        while (mine.size() > properties.maxPerUser()) {
            SseEmitter oldest = mine.pollFirst();
            if (oldest != null) oldest.complete();
        }
        send(emitter, new NotificationDtos.LiveEvent("unread", null, unreadCount));
        return emitter;
    }

    void deliver(UUID userId, NotificationDtos.LiveEvent event) {
        Deque<SseEmitter> mine = streams.get(userId);
        if (mine == null) return;
        for (SseEmitter e : mine) send(e, event);
    }

    int openStreams() {
        return streams.values().stream().mapToInt(Deque::size).sum();
    }

    private void send(SseEmitter emitter, NotificationDtos.LiveEvent event) {
        try {
            emitter.send(SseEmitter.event().name(event.type()).data(event, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }

    private void heartbeat() {
        for (Deque<SseEmitter> mine : streams.values()) {
            for (SseEmitter e : mine) {
                try {
                    e.send(SseEmitter.event().comment("keep-alive"));
                } catch (IOException | IllegalStateException ex) {
                    e.completeWithError(ex);
                } catch (RuntimeException ex) {
                    log.debug("heartbeat failed: {}", ex.toString());
                }
            }
        }
    }

    @Override
    public void destroy() throws Exception {
        heartbeats.shutdownNow();
        subscription.close();
        streams.values().forEach(d -> d.forEach(SseEmitter::complete));
        streams.clear();
    }
}
