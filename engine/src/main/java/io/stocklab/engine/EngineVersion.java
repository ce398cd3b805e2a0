package io.stocklab.engine;

/** The engine's version, recorded in every result (a result cache keys on it). */
public final class EngineVersion {
    /** Bump when any number a backtest produces may change. */
    public static final String VERSION = "0.1.0";

    private EngineVersion() {
    }
}
