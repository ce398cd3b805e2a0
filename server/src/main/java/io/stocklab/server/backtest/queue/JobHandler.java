package io.stocklab.server.backtest.queue;

import java.util.List;

/** Runs the jobs of one kind. Called on a worker thread; must be idempotent (a job may be delivered again). */
public interface JobHandler {

    /** What the queue does with the job after {@link #handle}. */
    enum Outcome {
        /** Finished (completed, failed for good, cancelled, or nothing left to do): acknowledge. */
        DONE,
        /** Failed in a way that may pass (a crash, a lost connection): leave it for redelivery. */
        RETRY,
        /** Not runnable now (a concurrency limit): put it back at the end of the queue. */
        DEFER
    }

    Outcome handle(QueuedJob job);

    /** The job was delivered too many times without finishing: record it as failed, with the reason. */
    void deadLettered(QueuedJob job, int deliveries, String reason);

    /** Every job of this kind that should be in the queue now (used to rebuild a lost queue). */
    List<QueuedJob> recoverable();
}
