package io.stocklab.server.backtest.queue;

/**
 * The job queue, one interface for both adapters: an in-process executor ({@code stocklab.store=memory}) and a Redis
 * Streams consumer group shared by every worker process ({@code stocklab.store=redis}). Delivery is at least once;
 * handlers make redelivery harmless.
 */
public interface JobQueue {

    void register(String kind, JobHandler handler);

    /** Adds a job at the end of the queue. */
    void submit(QueuedJob job);

    /** Jobs this process is running right now. */
    int running();

    /** Whether this process takes jobs from the queue (role {@code all} or {@code worker}). */
    boolean consumes();
}
