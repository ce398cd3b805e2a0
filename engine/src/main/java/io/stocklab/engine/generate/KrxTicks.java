package io.stocklab.engine.generate;

/**
 * KRX price grid (the unified KOSPI/KOSDAQ tick table in force since 2023) and the ±30 % daily price limit, as
 * used by the generator. Every band boundary is a multiple of the next band's tick, so a price rounded with the
 * tick of its own band is always on the grid.
 */
public final class KrxTicks {
    private KrxTicks() {
    }

    /** Daily price limit as a fraction of the base price (the previous close). */
    public static final double LIMIT = 0.30;

    /** Tick size in won for a price: &lt;2,000: 1; &lt;5,000: 5; &lt;20,000: 10; &lt;50,000: 50; &lt;200,000: 100; &lt;500,000: 500; else 1,000. */
    public static double tickSize(double price) {
        if (price < 2_000) return 1;
        if (price < 5_000) return 5;
        if (price < 20_000) return 10;
        if (price < 50_000) return 50;
        if (price < 200_000) return 100;
        if (price < 500_000) return 500;
        return 1_000;
    }

    /** Nearest price on the grid (at least 1 won). */
    public static double round(double price) {
        double t = tickSize(price);
        return Math.max(1, Math.rint(price / t) * t);
    }

    /** Largest grid price ≤ {@code price} (at least 1 won). */
    public static double floor(double price) {
        double t = tickSize(price);
        return Math.max(1, Math.floor(price / t) * t);
    }

    /** Smallest grid price ≥ {@code price}. */
    public static double ceil(double price) {
        double t = tickSize(price);
        return Math.max(1, Math.ceil(price / t) * t);
    }

    /** True if {@code price} lies on the grid. */
    public static boolean onGrid(double price) {
        double t = tickSize(price);
        return price >= 1 && Math.rint(price / t) * t == price;
    }

    /** Upper limit price for a base price: base × 1.3, truncated to the grid. */
    public static double upperLimit(double base) {
        return Math.max(base, floor(base * 13 / 10));
    }

    /** Lower limit price for a base price: base × 0.7, rounded up to the grid (at least 1 won). */
    public static double lowerLimit(double base) {
        return Math.min(base, ceil(base * 7 / 10));
    }
}
