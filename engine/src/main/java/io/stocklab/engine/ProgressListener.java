package io.stocklab.engine;

/**
 * Receives progress of long work (a backtest, a sweep, data generation). Called from the working thread;
 * implementations must be fast and thread-safe (sweeps report from several threads).
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (fraction, phase, detail) -> { };

    /**
     * @param fraction done so far, 0..1 (non-decreasing within one phase sequence)
     * @param phase    short phase name, e.g. {@code factors}, {@code simulating}
     * @param detail   optional detail such as the simulated date, or null
     */
    void progress(double fraction, String phase, String detail);
}
