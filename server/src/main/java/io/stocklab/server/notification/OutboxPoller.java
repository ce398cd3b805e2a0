package io.stocklab.server.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works the delivery outbox: every {@code poll-interval} (and right after a notification is queued) it claims due
 * deliveries with a lease ({@link NotificationRepository#claim}: safe with several instances), sends each on a
 * virtual thread, and records the outcome: DELIVERED, PENDING again after an exponential backoff, or FAILED
 * after {@code max-attempts} or a permanent error. A delivery whose instance died is taken over when its lease
 * runs out.
 */
@Component
@ConditionalOnProperty(name = "stocklab.notifications.outbox.enabled", havingValue = "true", matchIfMissing = true)
class OutboxPoller implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

    private final NotificationRepository repository;
    private final NotificationProperties.Outbox properties;
    private final Map<String, ChannelSender> senders;
    private final Clock clock;
    private final String owner = "outbox-" + UUID.randomUUID();
    private final AtomicBoolean pollAgain = new AtomicBoolean();
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private volatile boolean running;

    OutboxPoller(NotificationRepository repository, NotificationProperties properties, List<ChannelSender> senders,
                 Clock clock) {
        this.repository = repository;
        this.properties = properties.outbox();
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running) return;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notification-outbox");
            t.setDaemon(true);
            return t;
        });
        workers = Executors.newVirtualThreadPerTaskExecutor();
        long every = Math.max(50, properties.pollInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) scheduler.shutdownNow();
        if (workers != null) workers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Polls soon (a notification was just queued). */
    void wake() {
        ScheduledExecutorService s = scheduler;
        if (!running || s == null || pollAgain.getAndSet(true)) return;
        try {
            s.execute(this::pollSafely);
        } catch (RuntimeException rejected) {
            pollAgain.set(false);
        }
    }

    private void pollSafely() {
        pollAgain.set(false);
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("notification outbox poll failed: {}", e.toString());
        }
    }

    /** One round: claim what is due, send it all, record the outcomes. Answers how many were attempted. */
    int poll() {
        Instant now = clock.instant();
        List<Future<?>> inFlight = new ArrayList<>();
        for (UUID id : repository.due(now, properties.batchSize())) {
            repository.claim(id, owner, now, now.plus(properties.lease())).ifPresent(d ->
                    inFlight.add(workers.submit(() -> attempt(d))));
        }
        for (Future<?> f : inFlight) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("notification delivery failed: {}", e.getCause().toString());
            }
        }
        return inFlight.size();
    }

    private void attempt(NotificationRepository.DeliveryRow d) {
        ChannelSender sender = senders.get(d.channel());
        ChannelSender.Outcome outcome;
        try {
            outcome = sender == null ? ChannelSender.Outcome.giveUp(null, "unknown channel " + d.channel())
                    : sender.send(d);
        } catch (RuntimeException e) {
            outcome = ChannelSender.Outcome.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
        Instant at = clock.instant();
        int attempts = d.attempts() + 1;
        switch (outcome.result()) {
            case DELIVERED -> repository.finishAttempt(d.id(), owner, "DELIVERED", attempts, at, outcome.statusCode(),
                    null, at, at);
            case GIVE_UP -> repository.finishAttempt(d.id(), owner, "FAILED", attempts, at, outcome.statusCode(),
                    outcome.error(), at, null);
            case RETRY -> {
                if (attempts >= properties.maxAttempts()) {
                    repository.finishAttempt(d.id(), owner, "FAILED", attempts, at, outcome.statusCode(),
                            outcome.error() + " (gave up after " + attempts + " attempts)", at, null);
                } else {
                    Duration wait = properties.backoff(attempts);
                    if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
                        wait = outcome.retryAfter();
                    }
                    repository.finishAttempt(d.id(), owner, "PENDING", attempts, at.plus(wait), outcome.statusCode(),
                            outcome.error(), at, null);
                }
            }
        }
        log.debug("delivery {} over {}: {} (attempt {})", d.id(), d.channel(), outcome.result(), attempts);
    }
}
