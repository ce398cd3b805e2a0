package io.stocklab.server.backtest.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.stocklab.server.support.TestRun;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Redis job queue against the real Redis: what a worker does with a job that reaches it while it stops. */
class RedisStreamJobQueueIT {

    /** Records the jobs it is given. */
    record Recorder(BlockingQueue<String> seen) implements JobHandler {
        @Override
        public Outcome handle(QueuedJob job) {
            seen.add(job.id());
            return Outcome.DONE;
        }

        @Override
        public void deadLettered(QueuedJob job, int deliveries, String reason) {
        }

        @Override
        public List<QueuedJob> recoverable() {
            return List.of();
        }
    }

    @Test
    void aJobReadWhileStoppingIsHandedBackNotHeldUntilTheIdleTimeout() throws Exception {
        String prefix = TestRun.REDIS_PREFIX + "queue-" + UUID.randomUUID() + ":";
        // a long idle timeout: if the stopping worker kept the job, the other would only get it a minute later
        QueueProperties props = new QueueProperties("worker", 1, Duration.ofSeconds(60), null, null, null, null,
                Duration.ofSeconds(3));
        RedisClient client = RedisClient.create(TestRun.REDIS_URL);
        RedisStreamJobQueue stopping = new RedisStreamJobQueue(client, prefix, props);
        RedisStreamJobQueue other = new RedisStreamJobQueue(client, prefix, props);
        BlockingQueue<String> seenByStopping = new LinkedBlockingQueue<>();
        BlockingQueue<String> seenByOther = new LinkedBlockingQueue<>();
        stopping.register("backtest", new Recorder(seenByStopping));
        other.register("backtest", new Recorder(seenByOther));
        try {
            stopping.start();
            Thread.sleep(500);   // its poller now waits in XREADGROUP ... BLOCK 3000
            CompletableFuture<Void> stop = CompletableFuture.runAsync(stopping::stop);
            Thread.sleep(200);
            assertThat(stopping.isRunning()).isFalse();
            // Redis hands this entry to the read still waiting for the stopping worker
            other.submit(new QueuedJob("backtest", "job-1"));
            stop.get(10, TimeUnit.SECONDS);
            assertThat(seenByStopping).as("a stopping worker runs nothing").isEmpty();

            other.start();
            assertThat(seenByOther.poll(10, TimeUnit.SECONDS)).as("handed back, taken by the other worker")
                    .isEqualTo("job-1");
        } finally {
            stopping.stop();
            other.stop();
            stopping.destroy();
            other.destroy();
            try (var c = client.connect()) {
                c.sync().del(stopping.streamKey(), stopping.deadLetterKey());
            }
            client.shutdown();
        }
    }
}
