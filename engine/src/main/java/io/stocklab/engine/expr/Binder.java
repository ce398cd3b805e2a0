package io.stocklab.engine.expr;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.expr.Ast.Binary;
import io.stocklab.engine.expr.Ast.Bool;
import io.stocklab.engine.expr.Ast.Call;
import io.stocklab.engine.expr.Ast.FactorRef;
import io.stocklab.engine.expr.Ast.Field;
import io.stocklab.engine.expr.Ast.Num;
import io.stocklab.engine.expr.Ast.Unary;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.factor.Indicators;
import io.stocklab.engine.factor.PerAsset;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a checked tree into evaluation {@link Node}s for one panel, library and universe. Bar fields and
 * factors become direct array reads; time-series calls are materialized over the whole panel once and memoized
 * in {@link MarketPanel#cache()} under {@code "expr:" + canonical text} (plus a digest of the universe when the
 * term holds a cross-sectional function, whose values depend on it); constant sub-trees are folded.
 */
final class Binder {
    static final String CACHE_PREFIX = "expr:";

    private final MarketPanel panel;
    private final FactorLibrary library;
    private final boolean[] universe; // null = every asset
    private final Cancellation cancellation;
    private final int dates;
    private String universeKey;

    Binder(MarketPanel panel, FactorLibrary library, boolean[] universe, Cancellation cancellation) {
        this.panel = panel;
        this.library = library;
        this.universe = universe;
        this.cancellation = cancellation == null ? Cancellation.NEVER : cancellation;
        this.dates = panel.dateCount();
    }

    Node bind(Ast node) {
        return switch (node) {
            case Num n -> new Node.Const(n.value());
            case Bool b -> new Node.Const(b.value() ? 1.0 : 0.0);
            case Field f -> new Node.Column(panel.field(f.field()), dates);
            case FactorRef f -> new Node.Column(library.values(panel, f.id(), cancellation), dates);
            case Unary u -> unary(u);
            case Binary b -> binary(b);
            case Call c -> call(c);
        };
    }

    private Node unary(Unary u) {
        Node x = bind(u.operand());
        Node n = u.op() == Ast.UnaryOp.NOT ? new Node.Not(x) : new Node.Neg(x);
        return fold(n, x);
    }

    private Node binary(Binary b) {
        Node l = bind(b.left());
        // and/or with a constant left side: decided without the right side, or the right side alone
        if (b.op() == Ast.BinaryOp.AND && l.constant()) return l.eval(0, 0) != 0 ? bind(b.right()) : l;
        if (b.op() == Ast.BinaryOp.OR && l.constant()) return l.eval(0, 0) != 0 ? l : bind(b.right());
        Node r = bind(b.right());
        if (b.op() == Ast.BinaryOp.AND && r.constant()) return r.eval(0, 0) != 0 ? l : r;
        if (b.op() == Ast.BinaryOp.OR && r.constant()) return r.eval(0, 0) != 0 ? r : l;
        if (b.op().comparison() && l instanceof Node.Column col && r.constant()) {
            return new Node.ColumnCompare(col.values, dates, compareCode(b.op(), false), r.eval(0, 0));
        }
        if (b.op().comparison() && r instanceof Node.Column col && l.constant()) {
            return new Node.ColumnCompare(col.values, dates, compareCode(b.op(), true), l.eval(0, 0));
        }
        Node n = switch (b.op()) {
            case OR -> new Node.Or(l, r);
            case AND -> new Node.And(l, r);
            case LT -> new Node.Lt(l, r);
            case LE -> new Node.Le(l, r);
            case GT -> new Node.Gt(l, r);
            case GE -> new Node.Ge(l, r);
            case EQ -> new Node.Eq(l, r);
            case NE -> new Node.Ne(l, r);
            case ADD -> new Node.Add(l, r);
            case SUB -> new Node.Sub(l, r);
            case MUL -> new Node.Mul(l, r);
            case DIV -> new Node.Div(l, r);
        };
        return fold(n, l, r);
    }

    /** The {@link Node.ColumnCompare} code of a comparison, {@code flipped} when the column is on the right. */
    private static int compareCode(Ast.BinaryOp op, boolean flipped) {
        return switch (op) {
            case LT -> flipped ? Node.ColumnCompare.GT : Node.ColumnCompare.LT;
            case LE -> flipped ? Node.ColumnCompare.GE : Node.ColumnCompare.LE;
            case GT -> flipped ? Node.ColumnCompare.LT : Node.ColumnCompare.GT;
            case GE -> flipped ? Node.ColumnCompare.LE : Node.ColumnCompare.GE;
            case EQ -> Node.ColumnCompare.EQ;
            case NE -> Node.ColumnCompare.NE;
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    private Node call(Call c) {
        Function f = c.function();
        List<Ast> args = c.args();
        switch (f.family) {
            case SERIES: {
                String key = CACHE_PREFIX + Canonical.print(c);
                if (Ast.crossSectional(c)) key += "@universe:" + universeKey();
                double[] values = panel.cache().get(key, () -> materialize(c));
                return new Node.Column(values, dates);
            }
            case CROSS_SECTION:
                return new Node.CrossSection(bind(args.get(0)), f == Function.ZSCORE, panel, universe);
            default:
                break;
        }
        Node x = bind(args.get(0));
        Node n = switch (f) {
            case ABS -> new Node.Abs(x);
            case LOG -> new Node.Log(x);
            case SQRT -> new Node.Sqrt(x);
            case MIN -> new Node.Min(x, bind(args.get(1)));
            case MAX -> new Node.Max(x, bind(args.get(1)));
            case BETWEEN -> new Node.Between(x, bind(args.get(1)), bind(args.get(2)));
            case IS_MISSING -> new Node.IsMissing(x);
            default -> throw new IllegalStateException("not a scalar function: " + f);
        };
        return switch (n) {
            case Node.Binary bn -> fold(n, bn.l, bn.r);
            case Node.Between bt -> fold(n, bt.x, bt.lo, bt.hi);
            default -> fold(n, x);
        };
    }

    private static Node fold(Node n, Node... children) {
        for (Node c : children) if (!c.constant()) return n;
        return new Node.Const(n.eval(0, 0));
    }

    // ---- time series

    /** Computes a time-series call over every asset's own bars. */
    private double[] materialize(Call c) {
        cancellation.throwIfCancelled();
        Function f = c.function();
        List<Ast> args = c.args();
        if (f == Function.CROSS_ABOVE || f == Function.CROSS_BELOW) {
            boolean above = f == Function.CROSS_ABOVE;
            double[] out = PerAsset.apply(panel, new double[][] {input(args.get(0)), input(args.get(1))},
                    (in, o) -> cross(in[0], in[1], above, o));
            for (int i = 0; i < out.length; i++) if (Double.isNaN(out[i])) out[i] = 0.0; // no bar: false
            return out;
        }
        int n = (int) windowLiteral(args.get(1));
        double[] x = input(args.get(0));
        PerAsset.Kernel kernel = switch (f) {
            case SMA -> (in, o) -> Indicators.sma(in, n, o);
            case EMA -> (in, o) -> Indicators.ema(in, n, o);
            case WMA -> (in, o) -> Indicators.wma(in, n, o);
            case STD -> (in, o) -> Indicators.std(in, n, o);
            case SUM -> (in, o) -> Indicators.sum(in, n, o);
            case HIGHEST -> (in, o) -> Indicators.highest(in, n, o);
            case LOWEST -> (in, o) -> Indicators.lowest(in, n, o);
            case LAG -> (in, o) -> Indicators.lag(in, n, o);
            case CHANGE -> (in, o) -> Indicators.change(in, n, o);
            case RSI -> (in, o) -> Indicators.rsi(in, n, o);
            default -> throw new IllegalStateException("not a time-series function: " + f);
        };
        double[] out = PerAsset.apply(panel, x, kernel);
        if (f == Function.CHANGE) {
            for (int i = 0; i < out.length; i++) if (Double.isInfinite(out[i])) out[i] = Double.NaN; // from a zero base
        }
        cancellation.throwIfCancelled();
        return out;
    }

    /** cross_above / cross_below over one compact series: a(t) vs b(t) and a(t−1) vs b(t−1), all present. */
    static void cross(double[] a, double[] b, boolean above, double[] out) {
        if (out.length > 0) out[0] = 0.0;
        for (int i = 1; i < out.length; i++) {
            boolean hit = above
                    ? a[i] > b[i] && a[i - 1] <= b[i - 1]
                    : a[i] < b[i] && a[i - 1] >= b[i - 1];
            out[i] = hit ? 1.0 : 0.0;
        }
    }

    static double windowLiteral(Ast arg) {
        if (arg instanceof Num n) return n.value();
        if (arg instanceof Unary u && u.operand() instanceof Num n) return -n.value();
        throw new IllegalStateException("window is not a literal: " + arg);
    }

    /** The asset-major input of a time-series call: a field or factor array as is, else evaluated on every bar. */
    private double[] input(Ast arg) {
        if (arg instanceof Field f) return panel.field(f.field());
        if (arg instanceof FactorRef f) return library.values(panel, f.id(), cancellation);
        Node node = bind(arg);
        double[] out = new double[panel.cellCount()];
        Arrays.fill(out, Double.NaN);
        double[] close = panel.close();
        int na = panel.assetCount();
        if (Ast.crossSectional(arg)) {
            // day by day, so each day's cross-section is computed once
            for (int d = 0; d < dates; d++) {
                if ((d & 63) == 0) cancellation.throwIfCancelled();
                for (int a = 0; a < na; a++) {
                    int i = a * dates + d;
                    if (!Double.isNaN(close[i])) out[i] = node.eval(d, a);
                }
            }
        } else {
            for (int a = 0; a < na; a++) {
                if ((a & 63) == 0) cancellation.throwIfCancelled();
                int first = panel.firstBar(a);
                if (first < 0) continue;
                int base = a * dates;
                for (int d = first, last = panel.lastBar(a); d <= last; d++) {
                    if (!Double.isNaN(close[base + d])) out[base + d] = node.eval(d, a);
                }
            }
        }
        return out;
    }

    /** A digest of the universe (the assets in it), so cached terms that depend on it are kept apart. */
    private String universeKey() {
        if (universeKey == null) {
            if (universe == null) {
                universeKey = "all";
            } else {
                byte[] bits = new byte[(universe.length + 7) / 8];
                boolean all = true;
                for (int a = 0; a < universe.length; a++) {
                    if (universe[a]) bits[a >> 3] |= (byte) (1 << (a & 7));
                    else all = false;
                }
                universeKey = all ? "all" : sha256(bits);
            }
        }
        return universeKey;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
