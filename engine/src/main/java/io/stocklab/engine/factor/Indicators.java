package io.stocklab.engine.factor;

import java.util.Arrays;

/**
 * Time-series kernels over one compact series (an asset's own bars, oldest first). Every kernel writes
 * {@code out[i]} for each {@code i}; a window that is not yet full, or that holds a NaN, gives NaN.
 * Conventions (TA-Lib's):
 * <ul>
 *   <li>{@code sma}: arithmetic mean of the last n values.</li>
 *   <li>{@code ema}: α = 2/(n+1), seeded with the SMA of its first n values (the first output is at index n−1);
 *       a NaN input gives NaN and the next full window of n values seeds it again.</li>
 *   <li>{@code wilder}: Wilder's smoothing, α = 1/n, seeded the same way (used by RSI, ATR, ADX).</li>
 *   <li>{@code wma}: weights 1..n, newest heaviest.</li>
 *   <li>{@code std}: population standard deviation (divide by n) of the last n values.</li>
 *   <li>{@code rsi}: Wilder's RSI; average gain and loss seeded with the mean of the first n changes, so the
 *       first value is at index n; 100 when the average loss is 0 (and 50 when both are 0).</li>
 * </ul>
 * All kernels are allocation-free given {@code out}, and may be called with {@code out == x} only where noted.
 */
public final class Indicators {
    private Indicators() {
    }

    public static void sma(double[] x, int n, double[] out) {
        checkN(n);
        int len = x.length;
        double sum = 0;
        int nanInWindow = 0;
        for (int i = 0; i < len; i++) {
            double v = x[i];
            if (Double.isNaN(v)) nanInWindow++;
            else sum += v;
            if (i >= n) {
                double old = x[i - n];
                if (Double.isNaN(old)) nanInWindow--;
                else sum -= old;
            }
            out[i] = (i >= n - 1 && nanInWindow == 0) ? sum / n : Double.NaN;
        }
    }

    public static void sum(double[] x, int n, double[] out) {
        sma(x, n, out);
        for (int i = 0; i < out.length; i++) out[i] *= n;
    }

    public static void ema(double[] x, int n, double[] out) {
        smooth(x, n, 2.0 / (n + 1), out);
    }

    /** Wilder's smoothing (α = 1/n), SMA-seeded. */
    public static void wilder(double[] x, int n, double[] out) {
        smooth(x, n, 1.0 / n, out);
    }

    private static void smooth(double[] x, int n, double alpha, double[] out) {
        checkN(n);
        int len = x.length;
        double prev = Double.NaN;
        int run = 0; // consecutive non-NaN values
        double seedSum = 0;
        for (int i = 0; i < len; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                run = 0;
                seedSum = 0;
                prev = Double.NaN;
                out[i] = Double.NaN;
                continue;
            }
            if (!Double.isNaN(prev)) {
                prev = prev + alpha * (v - prev);
                out[i] = prev;
                continue;
            }
            run++;
            seedSum += v;
            if (run == n) {
                prev = seedSum / n;
                out[i] = prev;
            } else {
                out[i] = Double.NaN;
            }
        }
    }

    public static void wma(double[] x, int n, double[] out) {
        checkN(n);
        double denom = n * (n + 1) / 2.0;
        for (int i = 0; i < x.length; i++) {
            if (i < n - 1) {
                out[i] = Double.NaN;
                continue;
            }
            double s = 0;
            for (int k = 0; k < n; k++) s += x[i - n + 1 + k] * (k + 1);
            out[i] = s / denom;
        }
    }

    /** Population standard deviation of the last n values (two-pass per window for accuracy). */
    public static void std(double[] x, int n, double[] out) {
        checkN(n);
        for (int i = 0; i < x.length; i++) {
            if (i < n - 1) {
                out[i] = Double.NaN;
                continue;
            }
            double m = 0;
            for (int k = i - n + 1; k <= i; k++) m += x[k];
            m /= n;
            double ss = 0;
            for (int k = i - n + 1; k <= i; k++) {
                double dv = x[k] - m;
                ss += dv * dv;
            }
            out[i] = Math.sqrt(ss / n);
        }
    }

    public static void highest(double[] x, int n, double[] out) {
        extreme(x, n, out, true);
    }

    public static void lowest(double[] x, int n, double[] out) {
        extreme(x, n, out, false);
    }

    private static void extreme(double[] x, int n, double[] out, boolean max) {
        checkN(n);
        for (int i = 0; i < x.length; i++) {
            if (i < n - 1) {
                out[i] = Double.NaN;
                continue;
            }
            double best = x[i];
            for (int k = i - n + 1; k < i && !Double.isNaN(best); k++) {
                double v = x[k];
                if (Double.isNaN(v)) best = Double.NaN;
                else if (max ? v > best : v < best) best = v;
            }
            out[i] = best;
        }
    }

    /** The value n bars earlier (n ≥ 0). {@code out} must not be {@code x}. */
    public static void lag(double[] x, int n, double[] out) {
        if (n < 0) throw new IllegalArgumentException("lag must be >= 0, got " + n);
        for (int i = 0; i < x.length; i++) out[i] = i >= n ? x[i - n] : Double.NaN;
    }

    /** x ÷ lag(x, n) − 1. {@code out} must not be {@code x}. */
    public static void change(double[] x, int n, double[] out) {
        if (n < 1) throw new IllegalArgumentException("change period must be >= 1, got " + n);
        for (int i = 0; i < x.length; i++) out[i] = i >= n ? x[i] / x[i - n] - 1.0 : Double.NaN;
    }

    /** Wilder's RSI; see the class comment. {@code out} must not be {@code x}. */
    public static void rsi(double[] x, int n, double[] out) {
        checkN(n);
        int len = x.length;
        Arrays.fill(out, Double.NaN);
        int start = 0;
        while (start < len) {
            // find a run starting at 'start' without NaN
            while (start < len && Double.isNaN(x[start])) start++;
            int i = start;
            double gain = 0, loss = 0;
            int k = 0;
            boolean seeded = false;
            double ag = 0, al = 0;
            for (i = start + 1; i < len; i++) {
                if (Double.isNaN(x[i])) break;
                double ch = x[i] - x[i - 1];
                double g = ch > 0 ? ch : 0, l = ch < 0 ? -ch : 0;
                if (!seeded) {
                    gain += g;
                    loss += l;
                    k++;
                    if (k == n) {
                        ag = gain / n;
                        al = loss / n;
                        seeded = true;
                        out[i] = rsiValue(ag, al);
                    }
                } else {
                    ag = (ag * (n - 1) + g) / n;
                    al = (al * (n - 1) + l) / n;
                    out[i] = rsiValue(ag, al);
                }
            }
            start = i;
        }
    }

    static double rsiValue(double avgGain, double avgLoss) {
        if (avgLoss == 0) return avgGain == 0 ? 50.0 : 100.0;
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }

    private static void checkN(int n) {
        if (n < 1) throw new IllegalArgumentException("window length must be >= 1, got " + n);
    }
}
