package io.stocklab.server.backtest.queue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The local profile's queue: a fixed pool of worker threads in this process, fed in submission order. A job that
 * asks for a retry is run again after {@code retryDelay}, up to {@code maxDeliveries} times; then it is dead-lettered.
 */
public class InProcessJobQueue implements JobQueue, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(InProcessJobQueue.class);

    private final QueueProperties properties;
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Map<QueuedJob, Integer> deliveries = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final AtomicInteger running = new AtomicInteger();

    public InProcessJobQueue(QueueProperties properties) {
        this.properties = properties;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "backtest-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backtest-queue-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void register(String kind, JobHandler handler) {
        handlers.put(kind, handler);
    }

    @Override
    public void submit(QueuedJob job) {
        pool.execute(() -> run(job));
    }

    @Override
    public int running() {
        return running.get();
    }

    @Override
    public boolean consumes() {
        return true;
    }

    private void run(QueuedJob job) {
        JobHandler handler = handlers.get(job.kind());
        if (handler == null) {
            log.error("no handler for job kind {}; dropped {}", job.kind(), job);
            return;
        }
        int delivery = deliveries.merge(job, 1, Integer::sum);
        JobHandler.Outcome outcome;
        running.incrementAndGet();
        try {
            outcome = handler.handle(job);
        } catch (RuntimeException e) {
            log.error("job {} crashed: {}", job, e.toString(), e);
            outcome = JobHandler.Outcome.RETRY;
        } finally {
            running.decrementAndGet();
        }
        switch (outcome) {
            case DONE -> deliveries.remove(job);
            case DEFER -> {
                deliveries.computeIfPresent(job, (k, v) -> v - 1);
                timer.schedule(() -> submit(job), 200, TimeUnit.MILLISECONDS);
            }
            case RETRY -> {
                if (delivery >= properties.maxDeliveries()) {
                    deliveries.remove(job);
                    handler.deadLettered(job, delivery, "delivered " + delivery + " times without finishing");
                } else {
                    timer.schedule(() -> submit(job), properties.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        pool.shutdownNow();
    }
}
