package io.stocklab.engine.factor;

import java.util.List;

/**
 * One factor of the library: a named value per asset per trading day, computed vectorized over the whole
 * panel. Implementations must be deterministic and use only data visible on or before each day (bars up to
 * that day's close; fundamentals from their disclosure date on).
 */
public interface Factor {
    /** Lower snake case id used in expressions, e.g. {@code per}, {@code mom_126d}. */
    String id();

    FactorCategory category();

    /** Short human name, e.g. "Price / earnings". */
    String name();

    /** One or two sentences on what it measures and how to read it. */
    String description();

    /** The formula in words/symbols, e.g. {@code market_cap / net_income_ttm}. */
    String formula();

    /** What it reads: bar fields ({@code close}), statement items ({@code net_income}) and other factor ids. */
    List<String> inputs();

    /**
     * Computes the factor for every cell of the panel: an asset-major array of length
     * {@code ctx.panel().cellCount()}, NaN where undefined. Other factors are obtained through
     * {@link FactorContext#factor(String)} (cached, so dependencies are computed once, in order).
     */
    double[] compute(FactorContext ctx);
}
