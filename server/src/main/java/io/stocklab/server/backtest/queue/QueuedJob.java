package io.stocklab.server.backtest.queue;

import java.util.Objects;

/**
 * One unit of queued work: a kind ({@code backtest}, {@code sweep-chunk}) and the id the kind's handler understands.
 * The database row the id names is the truth; the queue only carries the reference.
 */
public record QueuedJob(String kind, String id) {
    public QueuedJob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
