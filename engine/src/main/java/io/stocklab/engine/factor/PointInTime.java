package io.stocklab.engine.factor;

import io.stocklab.engine.data.FundamentalItem;
import io.stocklab.engine.data.Fundamentals;
import io.stocklab.engine.data.MarketPanel;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Point-in-time access to quarterly reports, forward-filled onto the daily calendar.
 *
 * <p>A report disclosed on epoch day D is visible on every trading day whose epoch day is ≥ D, never
 * earlier. At any moment the visible reports of an asset form its <em>quarter sequence</em>: the visible
 * reports ordered by fiscal quarter (period end), one per quarter; when a quarter was reported twice (a
 * restatement) the later disclosure wins. Quarters are identified by the calendar month of the period end
 * (a period ending on day 1–14 of a month counts as the previous month, for 52/53-week fiscal years), and two
 * reports are consecutive quarters when their months are exactly three apart.
 * <ul>
 *   <li>balance (stock item) at lag L: the item of the quarter exactly L quarters before the latest visible
 *       quarter (L = 0: the latest visible report); NaN if that quarter is missing or did not report it;</li>
 *   <li>TTM (flow item) at lag L: the sum of the item over four consecutive quarters ending L quarters before
 *       the latest; NaN unless all four quarters are visible and consecutive and report the item;</li>
 *   <li>growth over k years compares TTM (or balance) at lag 0 with lag 4k, both as visible now.</li>
 * </ul>
 * {@link #daily(MarketPanel, Metric)} evaluates a {@link Metric} of the visible reports once per disclosure
 * event of each asset and forward-fills it onto the asset's bars in one pass (a pointer walk over the reports
 * sorted by disclosure date), so only the requested metric is ever materialized densely. Values persist until
 * the next disclosure; days without a bar are NaN (like every factor).
 */
final class PointInTime {
    private PointInTime() {
    }

    /** A number derived from the reports visible at one moment. Must be a pure function of {@code r}. */
    @FunctionalInterface
    interface Metric {
        double eval(Reports r);
    }

    /** The visible reports of one asset at one moment (see the class comment). Reused while walking. */
    static final class Reports {
        private final Fundamentals f;
        private final int[] qkey;
        private int[] seq = new int[64];
        private int len;

        Reports(Fundamentals f, int[] qkey) {
            this.f = f;
            this.qkey = qkey;
        }

        void reset() {
            len = 0;
        }

        /** Makes report {@code r} visible (reports must be added in disclosure order). */
        void add(int r) {
            int k = qkey[r];
            if (len == 0 || k > qkey[seq[len - 1]]) {
                if (len == seq.length) seq = Arrays.copyOf(seq, len * 2);
                seq[len++] = r;
                return;
            }
            int pos = len;
            while (pos > 0 && qkey[seq[pos - 1]] > k) pos--;
            if (pos > 0 && qkey[seq[pos - 1]] == k) {
                seq[pos - 1] = r; // restatement: the later disclosure wins
                return;
            }
            if (len == seq.length) seq = Arrays.copyOf(seq, len * 2);
            System.arraycopy(seq, pos, seq, pos + 1, len - pos);
            seq[pos] = r;
            len++;
        }

        /** Number of distinct quarters visible. */
        int quarters() {
            return len;
        }

        /** Position in the quarter sequence of the quarter {@code lag} quarters before the latest, or −1. */
        private int position(int lag) {
            if (len == 0) return -1;
            int target = qkey[seq[len - 1]] - 3 * lag;
            int p = len - 1;
            while (p >= 0 && qkey[seq[p]] > target) p--;
            return p >= 0 && qkey[seq[p]] == target ? p : -1;
        }

        /** Balance-sheet value of the quarter {@code lag} quarters before the latest visible one. */
        double balance(FundamentalItem item, int lag) {
            int p = position(lag);
            return p < 0 ? Double.NaN : f.value(item, seq[p]);
        }

        /** The single-quarter value of a flow item, {@code lag} quarters before the latest. */
        double quarter(FundamentalItem item, int lag) {
            return balance(item, lag);
        }

        /** Trailing-twelve-month sum ending {@code lag} quarters before the latest; NaN unless complete. */
        double ttm(FundamentalItem item, int lag) {
            return ttm(item, lag, false);
        }

        /** Like {@link #ttm} but a quarter that does not report the item counts as 0 (optional items). */
        double ttmOrZero(FundamentalItem item, int lag) {
            return ttm(item, lag, true);
        }

        private double ttm(FundamentalItem item, int lag, boolean missingAsZero) {
            int p = position(lag);
            if (p < 3) return Double.NaN;
            int k = qkey[seq[p]];
            double[] col = f.column(item);
            double s = 0;
            for (int j = 0; j < 4; j++) {
                int r = seq[p - j];
                if (qkey[r] != k - 3 * j) return Double.NaN;
                double v = col[r];
                if (v != v) {
                    if (!missingAsZero) return Double.NaN;
                    v = 0;
                }
                s += v;
            }
            return s;
        }
    }

    /** The metric forward-filled onto every bar of every asset (asset-major; NaN before the first report). */
    static double[] daily(MarketPanel panel, Metric metric) {
        int nd = panel.dateCount(), na = panel.assetCount();
        double[] out = new double[panel.cellCount()];
        Fundamentals f = panel.fundamentals();
        if (f.isEmpty()) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        Reports view = new Reports(f, quarterKeys(panel));
        int[] days = panel.epochDays();
        double[] close = panel.close();
        for (int a = 0; a < na; a++) {
            int s = f.start(a), e = f.end(a);
            int first = panel.firstBar(a), base = a * nd;
            if (s == e || first < 0) {
                Arrays.fill(out, base, base + nd, Double.NaN);
                continue;
            }
            view.reset();
            int p = s;
            double value = Double.NaN;
            boolean dirty = false;
            int d = 0;
            // days before the first disclosure: nothing is visible yet
            int firstDisclosed = f.disclosed(s);
            for (; d < nd && days[d] < firstDisclosed; d++) out[base + d] = Double.NaN;
            for (; d < nd; d++) {
                int i = base + d;
                if (close[i] != close[i]) {
                    out[i] = Double.NaN;
                    continue;
                }
                int day = days[d];
                while (p < e && f.disclosed(p) <= day) {
                    view.add(p++);
                    dirty = true;
                }
                if (dirty) {
                    value = metric.eval(view);
                    dirty = false;
                }
                out[i] = value;
            }
        }
        return out;
    }

    /** Fiscal-quarter key (a month number) of every report, cached per panel. */
    static int[] quarterKeys(MarketPanel panel) {
        double[] cached = panel.cache().get("factor-internal:quarter_keys", () -> {
            Fundamentals f = panel.fundamentals();
            double[] k = new double[f.reportCount()];
            for (int r = 0; r < k.length; r++) k[r] = monthKey(f.periodEnd(r));
            return k;
        });
        int[] keys = new int[cached.length];
        for (int i = 0; i < keys.length; i++) keys[i] = (int) cached[i];
        return keys;
    }

    /** year·12 + month − 1 of a period end, counting days 1–14 as the previous month. */
    static int monthKey(int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        int key = d.getYear() * 12 + d.getMonthValue() - 1;
        return d.getDayOfMonth() <= 14 ? key - 1 : key;
    }
}
