package io.stocklab.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cooperative cancellation: work checks {@link #throwIfCancelled()} at safe points (the simulator does so at
 * least once per simulated month, and before each factor) and stops with {@link CancelledException}.
 */
public final class Cancellation {
    public static final Cancellation NEVER = new Cancellation();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        if (this == NEVER) throw new IllegalStateException("Cancellation.NEVER cannot be cancelled");
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public void throwIfCancelled() {
        if (cancelled.get()) throw new CancelledException();
    }

    /** Thrown when work stops because it was cancelled. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException() {
            super("cancelled", null, false, false);
        }
    }
}
