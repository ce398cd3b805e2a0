package io.stocklab.engine.factor;

import java.util.Arrays;

/**
 * Time-series kernels over one compact series (an asset's own bars, oldest first). Every kernel writes
 * {@code out[i]} for each {@code i}; a window that is not yet full, or that holds a NaN, gives NaN.
 * Conventions (TA-Lib's; the full table with first valid indices is in {@code docs/indicators.md}):
 * <ul>
 *   <li>{@code sma}: arithmetic mean of the last n values.</li>
 *   <li>{@code ema}: α = 2/(n+1), seeded with the SMA of its first n values (the first output is at index n−1);
 *       a NaN input gives NaN and the next full window of n values seeds it again.</li>
 *   <li>{@code wilder}: Wilder's smoothing, α = 1/n, seeded the same way (used by RSI, ATR, ADX).</li>
 *   <li>{@code wma}: weights 1..n, newest heaviest.</li>
 *   <li>{@code std}: population standard deviation (divide by n) of the last n values;
 *       {@link #stdSample} divides by n − 1.</li>
 *   <li>{@code rsi}: Wilder's RSI; average gain and loss seeded with the mean of the first n changes, so the
 *       first value is at index n; 100 when the average loss is 0 (and 50 when both are 0).</li>
 * </ul>
 * Rolling kernels run in O(length) whatever the window: running sums and Welford-style moments are
 * re-computed exactly (two-pass) every max(n, 256) slides, and at once when an update cancels most of a sum
 * of squares, so rounding never drifts (relative error ~1e-12); rolling extremes, arg-extremes (Aroon) and
 * windowed drawdowns use van Herk / Gil-Werman blocks. Only CCI's mean deviation is O(length · n).
 * All kernels are deterministic and allocate only scratch arrays; {@code out} must not be one of the inputs.
 */
public final class Indicators {
    private Indicators() {
    }

    /**
     * When a sliding update shrinks a sum of squares below this fraction of its previous value, most of its
     * significant digits cancelled: the window is then re-computed exactly (rare; keeps relative error ~1e-12).
     */
    private static final double CANCELLATION = 1e-3;

    // ------------------------------------------------------------------------------------------------
    // Moving averages and rolling sums
    // ------------------------------------------------------------------------------------------------

    public static void sma(double[] x, int n, double[] out) {
        rollingSum(x, n, true, out);
    }

    /** Rolling sum of the last n values. {@code out} must not be {@code x}. */
    public static void sum(double[] x, int n, double[] out) {
        rollingSum(x, n, false, out);
    }

    /** Slides between exact re-computations of a running sum (bounds rounding drift to ~1e-13 relative). */
    private static int recomputeEvery(int n) {
        return Math.max(n, 256);
    }

    private static void rollingSum(double[] x, int n, boolean mean, double[] out) {
        checkN(n);
        int len = x.length;
        int every = recomputeEvery(n);
        int lastNan = -1;
        double s = 0;
        int slides = 0;
        for (int i = 0; i < len; i++) {
            double v = x[i];
            if (v != v) {
                lastNan = i;
                s = 0;
                slides = 0;
                out[i] = Double.NaN;
                continue;
            }
            if (i - lastNan > n) {
                s += v - x[i - n];
                if (++slides == every) {
                    s = exactSum(x, i - n + 1, i);
                    slides = 0;
                }
            } else {
                s += v;
            }
            out[i] = i - lastNan >= n ? (mean ? s / n : s) : Double.NaN;
        }
    }

    private static double exactSum(double[] x, int from, int to) {
        double s = 0;
        for (int k = from; k <= to; k++) s += x[k];
        return s;
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

    /** Linearly weighted moving average, weights 1..n (newest heaviest); O(length) with running sums. */
    public static void wma(double[] x, int n, double[] out) {
        checkN(n);
        int len = x.length;
        double denom = n * (n + 1) / 2.0;
        int count = 0; // values accumulated since the last NaN (capped at n)
        double s = 0, w = 0;
        int slides = 0;
        for (int i = 0; i < len; i++) {
            double v = x[i];
            if (v != v) {
                count = 0;
                s = 0;
                w = 0;
                slides = 0;
                out[i] = Double.NaN;
                continue;
            }
            if (count < n) {
                count++;
                w += count * v;
                s += v;
            } else {
                w += n * v - s;
                s += v - x[i - n];
                if (++slides == n) {
                    s = 0;
                    w = 0;
                    for (int k = 0; k < n; k++) {
                        double xv = x[i - n + 1 + k];
                        s += xv;
                        w += (k + 1) * xv;
                    }
                    slides = 0;
                }
            }
            out[i] = count == n ? w / denom : Double.NaN;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Dispersion and higher moments
    // ------------------------------------------------------------------------------------------------

    /** Population standard deviation of the last n values (divide by n). */
    public static void std(double[] x, int n, double[] out) {
        variance(x, n, 0, out);
        for (int i = 0; i < out.length; i++) out[i] = Math.sqrt(out[i]);
    }

    /** Sample standard deviation of the last n values (divide by n − 1; NaN for n = 1). */
    public static void stdSample(double[] x, int n, double[] out) {
        variance(x, n, 1, out);
        for (int i = 0; i < out.length; i++) out[i] = Math.sqrt(out[i]);
    }

    /**
     * Rolling variance with {@code ddof} = 0 (population) or 1 (sample): Welford's update while the window
     * fills, the exact add/remove update while it slides, and a two-pass re-computation every n slides.
     */
    public static void variance(double[] x, int n, int ddof, double[] out) {
        checkN(n);
        int len = x.length;
        double mean = 0, m2 = 0;
        int k = 0, slides = 0;
        double div = n - ddof, inv = 1.0 / n;
        int every = recomputeEvery(n);
        for (int i = 0; i < len; i++) {
            double v = x[i];
            if (v != v) {
                mean = 0;
                m2 = 0;
                k = 0;
                slides = 0;
                out[i] = Double.NaN;
                continue;
            }
            if (k < n) {
                k++;
                double d = v - mean;
                mean += d / k;
                m2 += d * (v - mean);
            } else {
                double old = x[i - n];
                double newMean = mean + (v - old) * inv;
                double before = m2;
                m2 += (v - old) * (v - newMean + old - mean);
                mean = newMean;
                // exact re-computation every n slides, and at once when the update cancelled most digits
                if (++slides == every || m2 < CANCELLATION * before) {
                    mean = exactSum(x, i - n + 1, i) / n;
                    m2 = 0;
                    for (int j = i - n + 1; j <= i; j++) {
                        double d = x[j] - mean;
                        m2 += d * d;
                    }
                    slides = 0;
                }
            }
            out[i] = k == n && div > 0 ? Math.max(m2, 0) / div : Double.NaN;
        }
    }

    /**
     * Rolling co-moments of two aligned series over the last n pairs: {@code cxy} = Σ(x−x̄)(y−ȳ),
     * {@code cxx} = Σ(x−x̄)², {@code cyy} = Σ(y−ȳ)² (not divided). A pair with a NaN on either side
     * invalidates every window that holds it. Any output array may be null.
     */
    public static void comoments(double[] x, double[] y, int n, double[] cxy, double[] cxx, double[] cyy) {
        checkN(n);
        int len = x.length;
        double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
        int k = 0, slides = 0;
        double inv = 1.0 / n;
        int every = recomputeEvery(n);
        for (int i = 0; i < len; i++) {
            double xv = x[i], yv = y[i];
            if (xv != xv || yv != yv) {
                mx = my = sxy = sxx = syy = 0;
                k = 0;
                slides = 0;
                if (cxy != null) cxy[i] = Double.NaN;
                if (cxx != null) cxx[i] = Double.NaN;
                if (cyy != null) cyy[i] = Double.NaN;
                continue;
            }
            if (k < n) {
                k++;
                double dx = xv - mx, dy = yv - my;
                mx += dx / k;
                my += dy / k;
                sxy += dx * (yv - my);
                sxx += dx * (xv - mx);
                syy += dy * (yv - my);
            } else {
                double xo = x[i - n], yo = y[i - n];
                double dx = xv - xo, dy = yv - yo;
                double mx2 = mx + dx * inv, my2 = my + dy * inv;
                double bxx = sxx, byy = syy;
                sxy += dx * (yv - my2) + dy * (xo - mx);
                sxx += dx * (xv - mx2 + xo - mx);
                syy += dy * (yv - my2 + yo - my);
                mx = mx2;
                my = my2;
                if (++slides == every || sxx < CANCELLATION * bxx || syy < CANCELLATION * byy) {
                    mx = exactSum(x, i - n + 1, i) / n;
                    my = exactSum(y, i - n + 1, i) / n;
                    sxy = sxx = syy = 0;
                    for (int j = i - n + 1; j <= i; j++) {
                        double a = x[j] - mx, b = y[j] - my;
                        sxy += a * b;
                        sxx += a * a;
                        syy += b * b;
                    }
                    slides = 0;
                }
            }
            boolean full = k == n;
            if (cxy != null) cxy[i] = full ? sxy : Double.NaN;
            if (cxx != null) cxx[i] = full ? Math.max(sxx, 0) : Double.NaN;
            if (cyy != null) cyy[i] = full ? Math.max(syy, 0) : Double.NaN;
        }
    }

    /** Rolling OLS slope of y on x over the last n pairs: cov(x, y) / var(x); NaN when var(x) is 0. */
    public static void beta(double[] y, double[] x, int n, double[] out) {
        double[] cxx = new double[x.length];
        comoments(x, y, n, out, cxx, null);
        for (int i = 0; i < out.length; i++) out[i] = cxx[i] > 0 ? out[i] / cxx[i] : Double.NaN;
    }

    /** Rolling Pearson correlation over the last n pairs; NaN when either variance is 0. */
    public static void correlation(double[] x, double[] y, int n, double[] out) {
        double[] cxx = new double[x.length], cyy = new double[x.length];
        comoments(x, y, n, out, cxx, cyy);
        for (int i = 0; i < out.length; i++) {
            double d = cxx[i] * cyy[i];
            out[i] = d > 0 ? out[i] / Math.sqrt(d) : Double.NaN;
        }
    }

    /**
     * Rolling sample skewness (adjusted Fisher–Pearson, as Excel SKEW and pandas):
     * √(n(n−1))/(n−2) · m3 / m2^1.5 with central moments m_k = Σ(x−x̄)^k / n. NaN for n &lt; 3 or m2 = 0.
     */
    public static void skewness(double[] x, int n, double[] out) {
        moments(x, n, false, out);
    }

    /**
     * Rolling sample excess kurtosis (as Excel KURT and pandas):
     * ((n+1)·g2 + 6)·(n−1)/((n−2)(n−3)) with g2 = m4/m2² − 3. NaN for n &lt; 4 or m2 = 0.
     */
    public static void kurtosis(double[] x, int n, double[] out) {
        moments(x, n, true, out);
    }

    /**
     * Power sums of (x − c) over the window where c, the centre, is re-chosen as the window mean at every
     * exact re-computation (every n slides), so the sums never suffer from cancellation.
     */
    private static void moments(double[] x, int n, boolean kurt, double[] out) {
        checkN(n);
        int len = x.length;
        double c = Double.NaN, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        int k = 0, slides = 0;
        int every = recomputeEvery(n);
        for (int i = 0; i < len; i++) {
            double v = x[i];
            if (v != v) {
                c = Double.NaN;
                s1 = s2 = s3 = s4 = 0;
                k = 0;
                slides = 0;
                out[i] = Double.NaN;
                continue;
            }
            if (c != c) c = v;
            double a = v - c, a2 = a * a;
            s1 += a;
            s2 += a2;
            s3 += a2 * a;
            s4 += a2 * a2;
            if (k < n) {
                k++;
            } else {
                double b = x[i - n] - c, b2 = b * b;
                double before = s2;
                s1 -= b;
                s2 -= b2;
                s3 -= b2 * b;
                s4 -= b2 * b2;
                if (++slides == every || s2 < CANCELLATION * (before + a2)) {
                    c = exactSum(x, i - n + 1, i) / n;
                    s1 = s2 = s3 = s4 = 0;
                    for (int j = i - n + 1; j <= i; j++) {
                        double d = x[j] - c, d2 = d * d;
                        s1 += d;
                        s2 += d2;
                        s3 += d2 * d;
                        s4 += d2 * d2;
                    }
                    slides = 0;
                }
            }
            if (k < n) {
                out[i] = Double.NaN;
                continue;
            }
            double mu = s1 / n, mu2 = mu * mu;
            double m2 = s2 / n - mu2;
            double m3 = s3 / n - 3 * mu * s2 / n + 2 * mu2 * mu;
            double m4 = s4 / n - 4 * mu * s3 / n + 6 * mu2 * s2 / n - 3 * mu2 * mu2;
            if (!(m2 > 1e-300)) {
                out[i] = Double.NaN;
            } else if (kurt) {
                out[i] = n < 4 ? Double.NaN
                        : ((n + 1.0) * (m4 / (m2 * m2) - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0));
            } else {
                out[i] = n < 3 ? Double.NaN : Math.sqrt(n * (n - 1.0)) / (n - 2.0) * m3 / (m2 * Math.sqrt(m2));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Extremes, drawdown
    // ------------------------------------------------------------------------------------------------

    public static void highest(double[] x, int n, double[] out) {
        extreme(x, n, out, true);
    }

    public static void lowest(double[] x, int n, double[] out) {
        extreme(x, n, out, false);
    }

    /**
     * Rolling max/min in O(length) for any window (van Herk / Gil-Werman): the series is cut into blocks of n;
     * a window spans at most two blocks, so its extreme is that of a block suffix and the next block's prefix.
     */
    private static void extreme(double[] x, int n, double[] out, boolean max) {
        checkN(n);
        int len = x.length;
        if (len == 0) return;
        double[] pre = new double[len], suf = new double[len];
        if (max) blockMax(x, n, pre, suf);
        else blockMin(x, n, pre, suf);
        // windows [s, s + n − 1] grouped by the block of s: no division or branch per element
        Arrays.fill(out, 0, Math.min(n - 1, len), Double.NaN);
        for (int b = 0; b + n - 1 < len; b += n) {
            out[b + n - 1] = pre[b + n - 1];
            int sEnd = Math.min(b + n, len - n + 1);
            if (max) {
                for (int s = b + 1; s < sEnd; s++) {
                    double a = suf[s], c = pre[s + n - 1];
                    out[s + n - 1] = a > c ? a : c;
                }
            } else {
                for (int s = b + 1; s < sEnd; s++) {
                    double a = suf[s], c = pre[s + n - 1];
                    out[s + n - 1] = a < c ? a : c;
                }
            }
        }
        maskNaNWindows(x, n, out);
    }

    /** Sets out[i] to NaN wherever the window of n values ending at i holds a NaN (one cheap pass). */
    private static void maskNaNWindows(double[] x, int n, double[] out) {
        int lastNan = -1;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != x[i]) lastNan = i;
            if (lastNan >= 0 && i - lastNan < n) out[i] = Double.NaN;
        }
    }

    /** Running max from each block start (pre) and to each block end (suf), blocks of n. */
    private static void blockMax(double[] x, int n, double[] pre, double[] suf) {
        int len = x.length;
        for (int b = 0; b < len; b += n) {
            int e = Math.min(b + n, len);
            double acc = x[b];
            pre[b] = acc;
            for (int j = b + 1; j < e; j++) {
                double v = x[j];
                acc = v > acc ? v : acc;
                pre[j] = acc;
            }
            acc = x[e - 1];
            suf[e - 1] = acc;
            for (int j = e - 2; j >= b; j--) {
                double v = x[j];
                acc = v > acc ? v : acc;
                suf[j] = acc;
            }
        }
    }

    private static void blockMin(double[] x, int n, double[] pre, double[] suf) {
        int len = x.length;
        for (int b = 0; b < len; b += n) {
            int e = Math.min(b + n, len);
            double acc = x[b];
            pre[b] = acc;
            for (int j = b + 1; j < e; j++) {
                double v = x[j];
                acc = v < acc ? v : acc;
                pre[j] = acc;
            }
            acc = x[e - 1];
            suf[e - 1] = acc;
            for (int j = e - 2; j >= b; j--) {
                double v = x[j];
                acc = v < acc ? v : acc;
                suf[j] = acc;
            }
        }
    }

    /**
     * Bars since the highest ({@code max}) or lowest value of the last {@code n + 1} values (today and the n
     * before), ties resolved to the most recent bar; NaN until n + 1 values are available. Used by Aroon.
     */
    public static void barsSinceExtreme(double[] x, int n, boolean max, double[] out) {
        if (n < 1) throw new IllegalArgumentException("window length must be >= 1, got " + n);
        int len = x.length;
        if (len == 0) return;
        int w = n + 1;
        // block prefix/suffix arg-extremes (van Herk / Gil-Werman), ties resolved to the later index
        int[] pre = new int[len], suf = new int[len];
        for (int b = 0; b < len; b += w) {
            int e = Math.min(b + w, len);
            int best = b;
            pre[b] = b;
            for (int j = b + 1; j < e; j++) {
                if (max ? x[j] >= x[best] : x[j] <= x[best]) best = j;
                pre[j] = best;
            }
            best = e - 1;
            suf[e - 1] = best;
            for (int j = e - 2; j >= b; j--) {
                if (max ? x[j] > x[best] : x[j] < x[best]) best = j;
                suf[j] = best;
            }
        }
        int lastNan = -1;
        int sMod = 0;
        for (int i = 0; i < len; i++) {
            if (x[i] != x[i]) lastNan = i;
            if (i >= w) {
                if (++sMod == w) sMod = 0;
            }
            if (i - lastNan < w) {
                out[i] = Double.NaN;
                continue;
            }
            int at;
            if (sMod == 0) {
                at = pre[i];
            } else {
                int a = suf[i - w + 1], c = pre[i];
                at = (max ? x[c] >= x[a] : x[c] <= x[a]) ? c : a;
            }
            out[i] = i - at;
        }
    }

    /** Aroon up: 100 × (n − bars since the highest of the last n + 1 values) / n (TA-Lib AROON). */
    public static void aroonUp(double[] high, int n, double[] out) {
        barsSinceExtreme(high, n, true, out);
        for (int i = 0; i < out.length; i++) out[i] = 100.0 * (n - out[i]) / n;
    }

    /** Aroon down: 100 × (n − bars since the lowest of the last n + 1 values) / n. */
    public static void aroonDown(double[] low, int n, double[] out) {
        barsSinceExtreme(low, n, false, out);
        for (int i = 0; i < out.length; i++) out[i] = 100.0 * (n - out[i]) / n;
    }

    /**
     * Maximum drawdown inside the window of the last n values, as a fraction ≥ 0:
     * max over i ≤ j in the window of 1 − x[j]/x[i] (values must be positive). O(length) for any n: the series
     * is cut into blocks of n; a window spans at most two blocks, so its drawdown is the larger of the suffix
     * drawdown of the first block, the prefix drawdown of the second, and the fall from the suffix maximum of
     * the first to the prefix minimum of the second.
     */
    public static void maxDrawdown(double[] x, int n, double[] out) {
        checkN(n);
        int len = x.length;
        double[] pMin = new double[len], pDd = new double[len];
        double[] sMax = new double[len], sDd = new double[len];
        for (int b = 0; b < len; b += n) {
            int e = Math.min(b + n, len);
            // a drawdown only improves when v < peak · (1 − dd): divide only then
            double mx = x[b], mn = x[b], dd = 0, floor = mx;
            for (int j = b; j < e; j++) {
                double v = x[j];
                if (v > mx) {
                    mx = v;
                    floor = mx * (1 - dd);
                }
                if (v < mn) mn = v;
                if (v < floor) {
                    dd = 1 - v / mx;
                    floor = mx * (1 - dd);
                }
                pMin[j] = mn;
                pDd[j] = dd;
            }
            double smx = x[e - 1], smn = x[e - 1], sdd = 0;
            sMax[e - 1] = smx;
            sDd[e - 1] = 0;
            for (int j = e - 2; j >= b; j--) {
                double v = x[j]; // v is a peak, smn the lowest value after it
                if (v * (1 - sdd) > smn) sdd = 1 - smn / v;
                if (v > smx) smx = v;
                if (v < smn) smn = v;
                sMax[j] = smx;
                sDd[j] = sdd;
            }
        }
        int lastNan = -1;
        int sMod = 0;
        for (int i = 0; i < len; i++) {
            if (x[i] != x[i]) lastNan = i;
            if (i >= n) {
                if (++sMod == n) sMod = 0;
            }
            if (i - lastNan < n) {
                out[i] = Double.NaN;
                continue;
            }
            int s = i - n + 1;
            if (sMod == 0) {
                out[i] = pDd[i];
            } else {
                double cross = 1 - pMin[i] / sMax[s];
                out[i] = Math.max(Math.max(sDd[s], pDd[i]), Math.max(cross, 0));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Lags and changes
    // ------------------------------------------------------------------------------------------------

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

    /** One-bar simple returns x[i]/x[i−1] − 1 (NaN at index 0). {@code out} must not be {@code x}. */
    public static void returns(double[] x, double[] out) {
        change(x, 1, out);
    }

    // ------------------------------------------------------------------------------------------------
    // Oscillators and bar-based indicators (TA-Lib conventions)
    // ------------------------------------------------------------------------------------------------

    /** Wilder's RSI; see the class comment. {@code out} must not be {@code x}. */
    public static void rsi(double[] x, int n, double[] out) {
        checkN(n);
        int len = x.length;
        double nm1 = n - 1, inv = 1.0 / n;
        int k = 0; // changes accumulated since the last NaN (seeding while k < n)
        double ag = 0, al = 0;
        for (int i = 0; i < len; i++) {
            double v = x[i];
            if (i == 0 || v != v || x[i - 1] != x[i - 1]) {
                k = 0;
                ag = al = 0;
                out[i] = Double.NaN;
                continue;
            }
            double ch = v - x[i - 1];
            double g = ch > 0 ? ch : 0, l = ch < 0 ? -ch : 0;
            if (k < n) {
                ag += g;
                al += l;
                if (++k < n) {
                    out[i] = Double.NaN;
                    continue;
                }
                ag *= inv;
                al *= inv;
            } else {
                ag = (ag * nm1 + g) * inv;
                al = (al * nm1 + l) * inv;
            }
            out[i] = rsiValue(ag, al);
        }
    }

    static double rsiValue(double avgGain, double avgLoss) {
        double s = avgGain + avgLoss;
        return s > 0 ? 100.0 * avgGain / s : 50.0;
    }

    /** True range max(h − l, |h − c[i−1]|, |l − c[i−1]|); NaN at index 0 (no previous close), as TA-Lib. */
    public static void trueRange(double[] high, double[] low, double[] close, double[] out) {
        int len = close.length;
        if (len > 0) out[0] = Double.NaN;
        for (int i = 1; i < len; i++) {
            double h = high[i], l = low[i], pc = close[i - 1];
            out[i] = Math.max(h - l, Math.max(Math.abs(h - pc), Math.abs(l - pc)));
        }
    }

    /** Average true range: Wilder's smoothing of the true range seeded with the mean of TR[1..n]; first at n. */
    public static void atr(double[] high, double[] low, double[] close, int n, double[] out) {
        double[] tr = new double[close.length];
        trueRange(high, low, close, tr);
        wilder(tr, n, out);
    }

    /**
     * Directional movement (Wilder): +DM = up move if it exceeds the down move and is positive, else 0
     * (−DM symmetric); +DI = 100 · wilder(+DM) / wilder(TR), −DI likewise (0 when the smoothed TR is 0),
     * both first at index n; DX = 100 · |+DI − −DI| / (+DI + −DI) (0 when the sum is 0); ADX = wilder(DX),
     * first at index 2n − 1. Any output may be null.
     */
    public static void dmi(double[] high, double[] low, double[] close, int n,
                           double[] plusDi, double[] minusDi, double[] adx) {
        checkN(n);
        int len = close.length;
        double alpha = 1.0 / n;
        int k = 0;            // bars with a TR/DM since the last gap (seeding while k < n)
        double str = 0, sp = 0, sm = 0;
        int kd = 0;           // DX values accumulated for the ADX seed
        double sdx = 0;
        for (int i = 0; i < len; i++) {
            double h = high[i], l = low[i];
            double ph = i > 0 ? high[i - 1] : Double.NaN, pl = i > 0 ? low[i - 1] : Double.NaN;
            double pc = i > 0 ? close[i - 1] : Double.NaN;
            double tr = Math.max(h - l, Math.max(Math.abs(h - pc), Math.abs(l - pc)));
            double up = h - ph, down = pl - l;
            if (tr != tr || up != up || down != down) {
                k = 0;
                kd = 0;
                str = sp = sm = sdx = 0;
                if (plusDi != null) plusDi[i] = Double.NaN;
                if (minusDi != null) minusDi[i] = Double.NaN;
                if (adx != null) adx[i] = Double.NaN;
                continue;
            }
            double pdm = up > down && up > 0 ? up : 0, mdm = down > up && down > 0 ? down : 0;
            if (k < n) {
                str += tr;
                sp += pdm;
                sm += mdm;
                if (++k < n) {
                    if (plusDi != null) plusDi[i] = Double.NaN;
                    if (minusDi != null) minusDi[i] = Double.NaN;
                    if (adx != null) adx[i] = Double.NaN;
                    continue;
                }
                str *= alpha;
                sp *= alpha;
                sm *= alpha;
            } else {
                str += alpha * (tr - str);
                sp += alpha * (pdm - sp);
                sm += alpha * (mdm - sm);
            }
            double scale = str == 0 ? 0 : 100 / str;
            double p = sp * scale, m = sm * scale;
            if (plusDi != null) plusDi[i] = p;
            if (minusDi != null) minusDi[i] = m;
            if (adx != null) {
                double sum = p + m;
                double dx = sum == 0 ? 0 : 100 * Math.abs(p - m) / sum;
                if (kd < n) {
                    sdx += dx;
                    if (++kd < n) {
                        adx[i] = Double.NaN;
                    } else {
                        sdx *= alpha;
                        adx[i] = sdx;
                    }
                } else {
                    sdx += alpha * (dx - sdx);
                    adx[i] = sdx;
                }
            }
        }
    }

    /** Fast stochastic %K: 100 · (c − lowest low) / (highest high − lowest low) over n bars; 0 if the range is 0. */
    public static void stochK(double[] high, double[] low, double[] close, int n, double[] out) {
        rangePosition(high, low, close, n, false, out);
    }

    /** Williams %R: −100 · (highest high − c) / (highest high − lowest low) over n bars; 0 if the range is 0. */
    public static void williamsR(double[] high, double[] low, double[] close, int n, double[] out) {
        rangePosition(high, low, close, n, true, out);
    }

    /** Stochastic %K or Williams %R in one pass over the block extremes of high and low (van Herk). */
    private static void rangePosition(double[] high, double[] low, double[] close, int n, boolean willr, double[] out) {
        checkN(n);
        int len = close.length;
        if (len == 0) return;
        double[] preH = new double[len], sufH = new double[len], preL = new double[len], sufL = new double[len];
        blockMax(high, n, preH, sufH);
        blockMin(low, n, preL, sufL);
        Arrays.fill(out, 0, Math.min(n - 1, len), Double.NaN);
        for (int b = 0; b + n - 1 < len; b += n) {
            int sEnd = Math.min(b + n, len - n + 1);
            for (int s = b; s < sEnd; s++) {
                int i = s + n - 1;
                double hh = preH[i], ll = preL[i];
                if (s != b) {
                    double h2 = sufH[s], l2 = sufL[s];
                    hh = h2 > hh ? h2 : hh;
                    ll = l2 < ll ? l2 : ll;
                }
                double r = hh - ll;
                double c = close[i];
                double v = willr ? -100 * (hh - c) : 100 * (c - ll);
                out[i] = r > 0 ? v / r : (r == 0 ? 0 : Double.NaN);
            }
        }
        maskNaNWindows(high, n, out);
        maskNaNWindows(low, n, out);
        for (int i = 0; i < len; i++) if (close[i] != close[i]) out[i] = Double.NaN;
    }

    /**
     * Commodity channel index: (tp − sma(tp, n)) / (0.015 · mean absolute deviation of tp around that sma),
     * tp = (h + l + c)/3; 0 when the deviation is 0. O(length · n) (the deviation has no running form).
     */
    public static void cci(double[] high, double[] low, double[] close, int n, double[] out) {
        checkN(n);
        int len = close.length;
        double[] tp = new double[len], avg = new double[len];
        for (int i = 0; i < len; i++) tp[i] = (high[i] + low[i] + close[i]) / 3.0;
        sma(tp, n, avg);
        for (int i = 0; i < len; i++) {
            double m = avg[i];
            if (m != m) {
                out[i] = Double.NaN;
                continue;
            }
            // four independent accumulators: the sum is not one long dependency chain
            double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
            int k = i - n + 1;
            for (; k + 3 <= i; k += 4) {
                d0 += Math.abs(tp[k] - m);
                d1 += Math.abs(tp[k + 1] - m);
                d2 += Math.abs(tp[k + 2] - m);
                d3 += Math.abs(tp[k + 3] - m);
            }
            for (; k <= i; k++) d0 += Math.abs(tp[k] - m);
            double dev = (d0 + d1 + d2 + d3) / n;
            out[i] = dev == 0 ? 0 : (tp[i] - m) / (0.015 * dev);
        }
    }

    /**
     * On-balance volume, TA-Lib style: starts at the first bar's volume, then adds the volume on an up close,
     * subtracts it on a down close, keeps it on an unchanged close.
     */
    public static void obv(double[] close, double[] volume, double[] out) {
        int len = close.length;
        double acc = Double.NaN;
        for (int i = 0; i < len; i++) {
            if (i == 0 || acc != acc) {
                acc = volume[i];
                if (Double.isNaN(close[i])) acc = Double.NaN;
            } else {
                double c = close[i], p = close[i - 1];
                if (c > p) acc += volume[i];
                else if (c < p) acc -= volume[i];
                else if (c != c) acc = Double.NaN;
            }
            out[i] = acc;
        }
    }

    /**
     * Money flow index: tp = (h + l + c)/3, raw flow = tp · volume, positive when tp rose from the previous bar,
     * negative when it fell; MFI = 100 · Σpos / (Σpos + Σneg) over the last n flows (first at index n);
     * 50 when both sums are 0.
     */
    public static void mfi(double[] high, double[] low, double[] close, double[] volume, int n, double[] out) {
        checkN(n);
        int len = close.length;
        double[] pos = new double[len], neg = new double[len];
        double prev = Double.NaN;
        int k = 0, slides = 0; // flows accumulated since the last gap
        double sp = 0, sn = 0;
        for (int i = 0; i < len; i++) {
            double tp = (high[i] + low[i] + close[i]) / 3.0; // as TA-Lib: ×(1/3) can merge 1-ulp-apart prices
            double vol = volume[i];
            if (prev != prev || tp != tp || vol != vol) {
                prev = tp;
                k = 0;
                slides = 0;
                sp = sn = 0;
                out[i] = Double.NaN;
                continue;
            }
            double flow = tp * vol;
            double p = tp > prev ? flow : 0, q = tp < prev ? flow : 0;
            prev = tp;
            pos[i] = p;
            neg[i] = q;
            sp += p;
            sn += q;
            if (k < n) {
                k++;
            } else {
                sp -= pos[i - n];
                sn -= neg[i - n];
                if (++slides == n) {
                    sp = exactSum(pos, i - n + 1, i);
                    sn = exactSum(neg, i - n + 1, i);
                    slides = 0;
                }
            }
            if (k < n) {
                out[i] = Double.NaN;
            } else {
                double s = sp + sn;
                out[i] = s > 0 ? 100 * sp / s : 50;
            }
        }
    }

    /** Bollinger %b: (x − lower) / (upper − lower), bands sma ± k·σ (population σ) over n; NaN when σ = 0. */
    public static void bollingerPctB(double[] x, int n, double k, double[] out) {
        double[] sd = new double[x.length];
        sma(x, n, out);
        std(x, n, sd);
        for (int i = 0; i < out.length; i++) {
            double width = 2 * k * sd[i];
            out[i] = width > 0 ? (x[i] - (out[i] - k * sd[i])) / width : Double.NaN;
        }
    }

    /** Bollinger band width in percent of the middle band: 100 · 2k·σ / sma (population σ). */
    public static void bollingerWidth(double[] x, int n, double k, double[] out) {
        double[] sd = new double[x.length];
        sma(x, n, out);
        std(x, n, sd);
        for (int i = 0; i < out.length; i++) out[i] = out[i] > 0 ? 100 * 2 * k * sd[i] / out[i] : Double.NaN;
    }

    private static void checkN(int n) {
        if (n < 1) throw new IllegalArgumentException("window length must be >= 1, got " + n);
    }
}
