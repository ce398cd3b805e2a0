package io.stocklab.engine.expr;

/**
 * An {@link Expression} bound to one panel, factor library and universe, ready to evaluate. One instance per
 * backtest run, used by a single thread (cross-sectional terms memoize the current day's cross-section).
 * Evaluation is cheapest when days are visited in ascending order (all the assets of a day, then the next day).
 */
public interface BoundExpression {
    /** The type of the expression. */
    ValueType type();

    /** A NUMBER expression: its value for asset {@code asset} on date index {@code date} (NaN if missing);
     *  a BOOLEAN expression: 1.0 or 0.0. */
    double value(int date, int asset);

    /** A BOOLEAN expression: whether it holds. Throws {@link IllegalStateException} for a NUMBER expression. */
    boolean test(int date, int asset);

    /** Every cell as a new asset-major array (index {@code asset * dateCount + date}). */
    double[] materialize();
}
