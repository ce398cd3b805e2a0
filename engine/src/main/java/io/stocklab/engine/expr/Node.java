package io.stocklab.engine.expr;

import io.stocklab.engine.data.MarketPanel;

/**
 * A bound evaluation node: the value of a (sub-)expression for asset {@code a} on date index {@code d}.
 * Conditions evaluate to exactly 1.0 or 0.0, never NaN. {@code eval} never allocates.
 */
abstract class Node {
    abstract double eval(int d, int a);

    /** True if the node's value is the same for every cell (it is a {@link Const}). */
    boolean constant() {
        return false;
    }

    static double bool(boolean b) {
        return b ? 1.0 : 0.0;
    }

    static final class Const extends Node {
        final double v;

        Const(double v) {
            this.v = v;
        }

        @Override
        double eval(int d, int a) {
            return v;
        }

        @Override
        boolean constant() {
            return true;
        }
    }

    /** A panel-shaped asset-major array: a bar field, a factor, or a materialized time-series term. */
    static final class Column extends Node {
        final double[] values;
        final int dates;

        Column(double[] values, int dates) {
            this.values = values;
            this.dates = dates;
        }

        @Override
        double eval(int d, int a) {
            return values[a * dates + d];
        }
    }

    // ---- unary

    static final class Neg extends Node {
        final Node x;

        Neg(Node x) {
            this.x = x;
        }

        @Override
        double eval(int d, int a) {
            return -x.eval(d, a);
        }
    }

    static final class Not extends Node {
        final Node x;

        Not(Node x) {
            this.x = x;
        }

        @Override
        double eval(int d, int a) {
            return x.eval(d, a) != 0 ? 0.0 : 1.0;
        }
    }

    // ---- binary

    abstract static class Binary extends Node {
        final Node l, r;

        Binary(Node l, Node r) {
            this.l = l;
            this.r = r;
        }
    }

    static final class Add extends Binary {
        Add(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) + r.eval(d, a);
        }
    }

    static final class Sub extends Binary {
        Sub(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) - r.eval(d, a);
        }
    }

    static final class Mul extends Binary {
        Mul(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) * r.eval(d, a);
        }
    }

    /** Division; a zero divisor gives NaN (a missing value), never ±Infinity. */
    static final class Div extends Binary {
        Div(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            double x = l.eval(d, a), y = r.eval(d, a);
            return y == 0 ? Double.NaN : x / y;
        }
    }

    static final class Lt extends Binary {
        Lt(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) < r.eval(d, a) ? 1.0 : 0.0;
        }
    }

    static final class Le extends Binary {
        Le(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) <= r.eval(d, a) ? 1.0 : 0.0;
        }
    }

    static final class Gt extends Binary {
        Gt(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) > r.eval(d, a) ? 1.0 : 0.0;
        }
    }

    static final class Ge extends Binary {
        Ge(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) >= r.eval(d, a) ? 1.0 : 0.0;
        }
    }

    static final class Eq extends Binary {
        Eq(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) == r.eval(d, a) ? 1.0 : 0.0; // NaN == anything is false
        }
    }

    /** Not equal; false when either side is NaN (any comparison with a missing value is false). */
    static final class Ne extends Binary {
        Ne(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            double x = l.eval(d, a), y = r.eval(d, a);
            return x != y && x == x && y == y ? 1.0 : 0.0;
        }
    }

    static final class And extends Binary {
        And(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) != 0 && r.eval(d, a) != 0 ? 1.0 : 0.0;
        }
    }

    static final class Or extends Binary {
        Or(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return l.eval(d, a) != 0 || r.eval(d, a) != 0 ? 1.0 : 0.0;
        }
    }

    /** {@code column op constant}, the most common shape of a condition ({@code per < 10}), fused. */
    static final class ColumnCompare extends Node {
        static final int LT = 0, LE = 1, GT = 2, GE = 3, EQ = 4, NE = 5;
        final double[] values;
        final int dates;
        final int op;
        final double c;

        ColumnCompare(double[] values, int dates, int op, double c) {
            this.values = values;
            this.dates = dates;
            this.op = op;
            this.c = c;
        }

        @Override
        double eval(int d, int a) {
            double x = values[a * dates + d];
            boolean r = switch (op) {
                case LT -> x < c;
                case LE -> x <= c;
                case GT -> x > c;
                case GE -> x >= c;
                case EQ -> x == c;
                default -> x != c && x == x && c == c;
            };
            return r ? 1.0 : 0.0;
        }
    }

    // ---- scalar functions

    static final class Abs extends Node {
        final Node x;

        Abs(Node x) {
            this.x = x;
        }

        @Override
        double eval(int d, int a) {
            return Math.abs(x.eval(d, a));
        }
    }

    /** Natural logarithm; NaN for x ≤ 0. */
    static final class Log extends Node {
        final Node x;

        Log(Node x) {
            this.x = x;
        }

        @Override
        double eval(int d, int a) {
            double v = x.eval(d, a);
            return v > 0 ? Math.log(v) : Double.NaN;
        }
    }

    /** Square root; NaN for x &lt; 0. */
    static final class Sqrt extends Node {
        final Node x;

        Sqrt(Node x) {
            this.x = x;
        }

        @Override
        double eval(int d, int a) {
            return Math.sqrt(x.eval(d, a));
        }
    }

    /** min(a, b); NaN if either is NaN. */
    static final class Min extends Binary {
        Min(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return Math.min(l.eval(d, a), r.eval(d, a));
        }
    }

    /** max(a, b); NaN if either is NaN. */
    static final class Max extends Binary {
        Max(Node l, Node r) { super(l, r); }

        @Override
        double eval(int d, int a) {
            return Math.max(l.eval(d, a), r.eval(d, a));
        }
    }

    /** lo ≤ x ≤ hi; false if any is NaN. */
    static final class Between extends Node {
        final Node x, lo, hi;

        Between(Node x, Node lo, Node hi) {
            this.x = x;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        double eval(int d, int a) {
            double v = x.eval(d, a);
            return v >= lo.eval(d, a) && v <= hi.eval(d, a) ? 1.0 : 0.0;
        }
    }

    static final class IsMissing extends Node {
        final Node x;

        IsMissing(Node x) {
            this.x = x;
        }

        @Override
        double eval(int d, int a) {
            return Double.isNaN(x.eval(d, a)) ? 1.0 : 0.0;
        }
    }

    // ---- cross-sectional functions

    /**
     * {@code rank(x)} or {@code zscore(x)} across the assets of the day's cross-section (universe members with a
     * bar that day and a finite x). Computed for the whole day on the first request for that day and kept until
     * another day is asked for; assets outside the cross-section get NaN.
     */
    static final class CrossSection extends Node {
        final Node x;
        final boolean zscore;
        final boolean[] universe; // null = every asset
        final double[] close;
        final int dates, assets;
        final double[] dayValues;   // by asset: the result for the current day
        final double[] members;     // the cross-section's values, compact
        final int[] memberAssets;   // the asset of each compact value
        final double[] sorted;      // scratch for rank: the members' values, sorted
        final double[] rankAt;      // scratch for rank: by sorted position
        int day = -1;

        CrossSection(Node x, boolean zscore, MarketPanel panel, boolean[] universe) {
            this.x = x;
            this.zscore = zscore;
            this.universe = universe;
            this.close = panel.close();
            this.dates = panel.dateCount();
            this.assets = panel.assetCount();
            this.dayValues = new double[assets];
            this.members = new double[assets];
            this.memberAssets = new int[assets];
            this.sorted = zscore ? null : new double[assets];
            this.rankAt = zscore ? null : new double[assets];
        }

        @Override
        double eval(int d, int a) {
            if (d != day) compute(d);
            return dayValues[a];
        }

        private void compute(int d) {
            day = -1; // in case x throws half-way
            int m = 0;
            for (int a = 0; a < assets; a++) {
                dayValues[a] = Double.NaN;
                if ((universe == null || universe[a]) && !Double.isNaN(close[a * dates + d])) {
                    double v = x.eval(d, a);
                    if (Double.isFinite(v)) {
                        members[m] = v + 0.0; // -0.0 → 0.0, so sorting and comparing agree
                        memberAssets[m++] = a;
                    }
                }
            }
            if (zscore) zscores(m);
            else ranks(m);
            day = d;
        }

        /** (values strictly below + (ties − 1) / 2) / (m − 1); a lone member gets 0.5. */
        private void ranks(int m) {
            if (m == 0) return;
            if (m == 1) {
                dayValues[memberAssets[0]] = 0.5;
                return;
            }
            double[] s = sorted;
            System.arraycopy(members, 0, s, 0, m);
            java.util.Arrays.sort(s, 0, m);
            // the rank of each group of equal values, stored at the group's first position
            double scale = 1.0 / (m - 1);
            for (int i = 0; i < m; ) {
                int j = i + 1;
                while (j < m && s[j] == s[i]) j++;
                rankAt[i] = (i + (j - i - 1) / 2.0) * scale;
                i = j;
            }
            for (int k = 0; k < m; k++) {
                double v = members[k];
                // branch-free lower bound: the first position whose value is not below v
                int lo = 0, len = m;
                while (len > 1) {
                    int half = len >>> 1;
                    lo = s[lo + half - 1] < v ? lo + half : lo;
                    len -= half;
                }
                dayValues[memberAssets[k]] = rankAt[lo];
            }
        }

        /** (x − mean) / population std; 0 for every member when all values are equal. */
        private void zscores(int m) {
            if (m == 0) return;
            double sum = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                double v = members[i];
                sum += v;
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
            double mean = sum / m;
            double ss = 0;
            for (int i = 0; i < m; i++) {
                double dv = members[i] - mean;
                ss += dv * dv;
            }
            double std = Math.sqrt(ss / m);
            boolean flat = lo == hi || std == 0; // all equal: 0, not rounding noise divided by rounding noise
            for (int i = 0; i < m; i++) {
                dayValues[memberAssets[i]] = flat ? 0.0 : (members[i] - mean) / std;
            }
        }
    }
}
