package io.stocklab.server.backtest.queue;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * The prod queue: one Redis stream ({@code <prefix>queue:jobs}) read by the consumer group {@code workers}, which every
 * worker process joins under its own consumer name.
 *
 * <ul>
 *   <li>At least once: an entry is acknowledged only after its handler returned (the result is committed by then).
 *   <li>A running job's entry is re-claimed by its own consumer every {@code keepAlive} ({@code XCLAIM … JUSTID}), so
 *       it never looks idle; an entry of a dead worker becomes idle and is taken over with {@code XAUTOCLAIM} after
 *       {@code idleTimeout}.
 *   <li>An entry delivered more than {@code maxDeliveries} times goes to {@code <prefix>queue:dead} and its handler
 *       records the job as failed.
 *   <li>A lost stream or group (a Redis restart without persistence) is recreated; the process that recreates it
 *       re-enqueues every job the database says is pending. Errors back off (up to 5 s), so an unreachable Redis
 *       causes no hot loop.
 * </ul>
 */
public class RedisStreamJobQueue implements JobQueue, SmartLifecycle, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RedisStreamJobQueue.class);
    static final String GROUP = "workers";

    private final QueueProperties properties;
    private final String stream;
    private final String deadStream;
    private final String consumerName;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, String> reader;
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, QueuedJob> inFlight = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean active;
    private ExecutorService workers;
    private ScheduledExecutorService timers;
    private Thread poller;

    public RedisStreamJobQueue(RedisClient client, String keyPrefix, QueueProperties properties) {
        this.properties = properties;
        this.stream = keyPrefix + "queue:jobs";
        this.deadStream = keyPrefix + "queue:dead";
        this.consumerName = newConsumerName();
        this.commands = client.connect();
        this.reader = client.connect();
        this.slots = new Semaphore(properties.workers());
    }

    private static String newConsumerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String consumerName() {
        return consumerName;
    }

    public String streamKey() {
        return stream;
    }

    public String deadLetterKey() {
        return deadStream;
    }

    @Override
    public void register(String kind, JobHandler handler) {
        handlers.put(kind, handler);
    }

    @Override
    public void submit(QueuedJob job) {
        commands.sync().xadd(stream, Map.of("kind", job.kind(), "id", job.id()));
    }

    @Override
    public int running() {
        return running.get();
    }

    @Override
    public boolean consumes() {
        return properties.consumes();
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    @Override
    public void start() {
        active = true;
        try {
            ensureGroup();
        } catch (RuntimeException e) {
            log.warn("could not create the consumer group of {} yet: {}", stream, e.toString());
        }
        if (!properties.consumes()) return;
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(properties.workers(), r -> {
            Thread t = new Thread(r, "backtest-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "backtest-queue-timer");
            t.setDaemon(true);
            return t;
        });
        timers.scheduleWithFixedDelay(this::keepAlive, properties.keepAlive().toMillis(),
                properties.keepAlive().toMillis(), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::reclaim, properties.reclaimInterval().toMillis(),
                properties.reclaimInterval().toMillis(), TimeUnit.MILLISECONDS);
        poller = Thread.ofPlatform().daemon().name("backtest-queue-poller").start(this::pollLoop);
        log.info("worker {} consuming {} ({} at once, idle timeout {})", consumerName, stream, properties.workers(),
                properties.idleTimeout());
    }

    @Override
    public void stop() {
        active = false;
        if (poller != null) {
            // the poller's read may be waiting in Redis: let it return (at most `block`) so that a job Redis hands
            // this consumer meanwhile is given back at once instead of waiting the idle timeout for a takeover
            try {
                poller.join(properties.block().plusSeconds(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller.interrupt();
        }
        if (timers != null) timers.shutdownNow();
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The connections outlive stop(): a stopped (e.g. paused) context may be started again and must still reach
     * Redis; they close when the bean is destroyed.
     */
    @Override
    public void destroy() {
        reader.close();
        commands.close();
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    @Override
    public int getPhase() {
        // stopped before the web server and the database pool
        return Integer.MAX_VALUE - 1000;
    }

    // ---- consuming ---------------------------------------------------------------------------------------------

    private void pollLoop() {
        long backoff = 0;
        while (active) {
            try {
                if (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) continue;
            } catch (InterruptedException e) {
                return;
            }
            boolean dispatched = false;
            try {
                List<StreamMessage<String, String>> messages = reader.sync().xreadgroup(
                        Consumer.from(GROUP, consumerName),
                        XReadArgs.Builder.block(properties.block()).count(1),
                        XReadArgs.StreamOffset.lastConsumed(stream));
                for (StreamMessage<String, String> m : messages) {
                    if (active) {
                        dispatch(m);
                        dispatched = true;
                    } else {
                        handBack(m);
                    }
                }
                backoff = 0;
            } catch (RuntimeException e) {
                if (!active) return;
                if (isNoGroup(e)) {
                    log.warn("the job stream or its consumer group is gone (Redis restarted?): recreating it");
                    try {
                        ensureGroup();
                    } catch (RuntimeException again) {
                        log.warn("could not recreate the consumer group: {}", again.toString());
                    }
                } else {
                    log.warn("reading the job stream failed: {}", e.toString());
                }
                backoff = Math.min(5000, Math.max(100, backoff * 2));
                sleep(backoff);
            } finally {
                if (!dispatched) slots.release();
            }
        }
    }

    private void dispatch(StreamMessage<String, String> message) {
        String kind = message.getBody().get("kind");
        String id = message.getBody().get("id");
        JobHandler handler = kind == null ? null : handlers.get(kind);
        if (handler == null || id == null) {
            log.error("dropping unreadable queue entry {} {}", message.getId(), message.getBody());
            ack(message.getId());
            slots.release();
            return;
        }
        QueuedJob job = new QueuedJob(kind, id);
        inFlight.put(message.getId(), job);
        running.incrementAndGet();
        workers.execute(() -> {
            JobHandler.Outcome outcome;
            try {
                outcome = handler.handle(job);
            } catch (RuntimeException e) {
                log.error("job {} crashed: {}", job, e.toString(), e);
                outcome = JobHandler.Outcome.RETRY;
            }
            try {
                switch (outcome) {
                    case DONE -> ack(message.getId());
                    case DEFER -> {
                        sleep(200);
                        submit(job);
                        ack(message.getId());
                    }
                    case RETRY -> {
                        // left pending: taken over again after the idle timeout (counted as a delivery)
                    }
                }
            } catch (RuntimeException e) {
                log.warn("could not settle queue entry {} of {}: {} (it may be delivered again)", message.getId(),
                        job, e.toString());
            } finally {
                inFlight.remove(message.getId());
                running.decrementAndGet();
                slots.release();
            }
        });
    }

    /** A job read while stopping: queued again for the other consumers, then dropped from this one's claims. */
    private void handBack(StreamMessage<String, String> message) {
        try {
            commands.sync().xadd(stream, message.getBody());
            commands.sync().xack(stream, GROUP, message.getId());
            commands.sync().xdel(stream, message.getId());
            log.info("stopping: handed job {} back to the queue", message.getBody().get("id"));
        } catch (RuntimeException e) {
            log.warn("could not hand {} back (another worker takes it over after the idle timeout): {}",
                    message.getId(), e.toString());
        }
    }

    private void ack(String entryId) {
        try {
            commands.sync().xack(stream, GROUP, entryId);
        } catch (RuntimeException e) {
            log.warn("could not acknowledge {}: {}", entryId, e.toString());
        }
    }

    /** Renews the claim of every job this process is running, so none of them looks idle. */
    private void keepAlive() {
        if (inFlight.isEmpty()) return;
        try {
            commands.sync().xclaim(stream, Consumer.from(GROUP, consumerName), XClaimArgs.Builder.justid(),
                    inFlight.keySet().toArray(String[]::new));
        } catch (RuntimeException e) {
            log.warn("could not renew the claims of running jobs: {}", e.toString());
        }
    }

    /** Takes over entries idle for longer than the idle timeout (their worker died or gave up). */
    private void reclaim() {
        try {
            while (active && slots.tryAcquire()) {
                ClaimedMessages<String, String> claimed = commands.sync().xautoclaim(stream,
                        new XAutoClaimArgs<String>().consumer(Consumer.from(GROUP, consumerName))
                                .minIdleTime(properties.idleTimeout()).startId("0-0").count(1));
                List<StreamMessage<String, String>> messages = claimed.getMessages();
                if (messages.isEmpty() || messages.getFirst() == null) {
                    slots.release();
                    return;
                }
                StreamMessage<String, String> m = messages.getFirst();
                List<PendingMessage> pending = commands.sync().xpending(stream, GROUP,
                        Range.create(m.getId(), m.getId()), Limit.from(1));
                long deliveries = pending.isEmpty() ? 1 : pending.getFirst().getRedeliveryCount();
                log.info("took over idle queue entry {} {} (delivery {})", m.getId(), m.getBody(), deliveries);
                if (deliveries > properties.maxDeliveries()) {
                    try {
                        deadLetter(m, deliveries);
                    } finally {
                        slots.release();
                    }
                } else {
                    dispatch(m);
                }
            }
        } catch (RuntimeException e) {
            slots.release();
            if (isNoGroup(e)) {
                try {
                    ensureGroup();
                } catch (RuntimeException again) {
                    log.warn("could not recreate the consumer group: {}", again.toString());
                }
            } else {
                log.warn("reclaiming idle jobs failed: {}", e.toString());
            }
        }
    }

    private void deadLetter(StreamMessage<String, String> m, long deliveries) {
        String kind = m.getBody().getOrDefault("kind", "?");
        String id = m.getBody().getOrDefault("id", "?");
        String reason = "delivered " + deliveries + " times without finishing (more than the "
                + properties.maxDeliveries() + " allowed)";
        commands.sync().xadd(deadStream, Map.of("kind", kind, "id", id, "entry", m.getId(),
                "deliveries", Long.toString(deliveries), "reason", reason, "at", Instant.now().toString()));
        ack(m.getId());
        log.error("job {} {} dead-lettered: {}", kind, id, reason);
        JobHandler handler = handlers.get(kind);
        if (handler != null) handler.deadLettered(new QueuedJob(kind, id), (int) deliveries, reason);
    }

    /** Creates the stream and group if missing; the process that created them re-enqueues every pending job. */
    private void ensureGroup() {
        try {
            commands.sync().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), GROUP,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException e) {
            return;
        }
        int n = 0;
        for (JobHandler h : handlers.values()) {
            for (QueuedJob job : h.recoverable()) {
                submit(job);
                n++;
            }
        }
        log.info("created consumer group {} on {}; re-enqueued {} pending jobs from the database", GROUP, stream, n);
    }

    private static boolean isNoGroup(RuntimeException e) {
        return e instanceof RedisCommandExecutionException && e.getMessage() != null
                && e.getMessage().startsWith("NOGROUP");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
