package io.stocklab.engine.generate;

import java.util.SplittableRandom;

/**
 * The generator's random source: a {@link SplittableRandom} (whose bit stream is fully specified) plus the
 * distributions drawn from it, implemented here so that the output never depends on the JDK's own
 * (unspecified) Gaussian algorithm. Not thread-safe: each stock has its own.
 */
final class Rng {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);

    private final SplittableRandom random;
    private double spareGaussian;
    private boolean hasSpare;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A well-mixed 64-bit seed for stream {@code stream}, item {@code item} of master seed {@code seed}. */
    static long mix(long seed, long stream, long item) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + item * 0x94D049BB133111EBL + 0x2545F4914F6CDD1DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return (random.nextLong() >>> 11) * 0x1.0p-53;
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * uniform();
    }

    /** Uniform integer in [0, n). */
    int nextInt(int n) {
        return (int) Math.floor(uniform() * n);
    }

    boolean chance(double p) {
        return uniform() < p;
    }

    /** Standard normal (Marsaglia's polar method). */
    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        while (true) {
            double u = 2 * uniform() - 1, v = 2 * uniform() - 1;
            double s = u * u + v * v;
            if (s < 1 && s > 0) {
                double f = Math.sqrt(-2 * Math.log(s) / s);
                spareGaussian = v * f;
                hasSpare = true;
                return u * f;
            }
        }
    }

    double normal(double mean, double sd) {
        return mean + sd * gaussian();
    }

    double lognormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    /**
     * A Student-t draw with 4 degrees of freedom scaled to unit variance (Bailey's polar method: only square
     * roots, no logarithms).
     */
    double studentT4() {
        while (true) {
            double u = 2 * uniform() - 1, v = 2 * uniform() - 1;
            double w = u * u + v * v;
            if (w < 1 && w > 0) return u * Math.sqrt(4 * (1 / Math.sqrt(w) - 1) / w) * INV_SQRT2;
        }
    }

    static double clamp(double x, double lo, double hi) {
        return x < lo ? lo : Math.min(x, hi);
    }
}
