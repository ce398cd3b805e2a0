package io.stocklab.engine.factor;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.data.MarketPanel;

/** What a factor sees while it computes: the panel and the (cached) values of other factors. */
public final class FactorContext {
    private final MarketPanel panel;
    private final FactorLibrary library;
    private final Cancellation cancellation;

    public FactorContext(MarketPanel panel, FactorLibrary library, Cancellation cancellation) {
        this.panel = panel;
        this.library = library;
        this.cancellation = cancellation == null ? Cancellation.NEVER : cancellation;
    }

    public MarketPanel panel() {
        return panel;
    }

    public FactorLibrary library() {
        return library;
    }

    /** Values of another factor (computed once per panel and cached). */
    public double[] factor(String id) {
        return library.values(panel, id, cancellation);
    }
}
