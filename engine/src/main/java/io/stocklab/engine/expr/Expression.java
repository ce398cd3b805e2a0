package io.stocklab.engine.expr;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.expr.Ast.Binary;
import io.stocklab.engine.expr.Ast.Call;
import io.stocklab.engine.expr.Ast.FactorRef;
import io.stocklab.engine.expr.Ast.Field;
import io.stocklab.engine.expr.Ast.Unary;
import io.stocklab.engine.factor.FactorLibrary;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed and type-checked expression of the strategy language (see {@code docs/expressions.md}), e.g.
 * {@code per > 0 and per < 10 and roe > 15}. Immutable and thread-safe; {@link #bind} it to a panel to evaluate.
 */
public final class Expression {
    private final String text;
    private final Ast ast;
    private final String canonical;
    private final Set<String> factorIds;
    private final Set<String> fields;
    private final boolean crossSectional;

    private Expression(String text, Ast ast) {
        this.text = text;
        this.ast = ast;
        this.canonical = Canonical.print(ast);
        TreeSet<String> factors = new TreeSet<>();
        TreeSet<String> bars = new TreeSet<>();
        collect(ast, factors, bars);
        this.factorIds = Collections.unmodifiableSet(factors);
        this.fields = Collections.unmodifiableSet(bars);
        this.crossSectional = Ast.crossSectional(ast);
    }

    /**
     * Parses and type-checks {@code text}. The identifiers are the bar fields {@code open high low close volume}
     * and every factor id of {@code library}; names are case-insensitive.
     *
     * @throws ExpressionException with the position and reason of the first problem
     */
    public static Expression parse(String text, FactorLibrary library) throws ExpressionException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(library, "library");
        return new Expression(text, Parser.parse(text, library));
    }

    /**
     * Parses {@code text} and requires its type to be {@code expected}, e.g. a condition for {@code buy.when}:
     * otherwise an {@link ExpressionException} at 1:1 says what was expected.
     */
    public static Expression parse(String text, FactorLibrary library, ValueType expected) throws ExpressionException {
        Expression e = parse(text, library);
        if (expected != null && e.type() != expected) {
            Ast.Pos p = Parser.start(e.ast);
            String want = expected == ValueType.BOOLEAN ? "a condition (true/false)" : "a number";
            String got = e.type() == ValueType.BOOLEAN ? "a condition (true/false)" : "a number";
            String hint = expected == ValueType.BOOLEAN ? "compare it, e.g. " + e.canonical + " > 0" : null;
            throw new ExpressionException("expected " + want + ", got " + got, hint, p.offset(), p.line(), p.column());
        }
        return e;
    }

    /** NUMBER or BOOLEAN. */
    public ValueType type() {
        return ast.type();
    }

    /** The source text as given. */
    public String text() {
        return text;
    }

    /**
     * The normalized form: lower-case names, {@code and}/{@code or}/{@code not} for {@code &&}/{@code ||}/{@code !},
     * single spaces around binary operators, {@code ", "} between arguments, numbers in shortest form
     * ({@code 1.5e9} → {@code 1500000000}) and only the parentheses needed. Stable: parsing it gives it back.
     */
    public String canonical() {
        return canonical;
    }

    /** The factor ids referenced, sorted. */
    public Set<String> factorIds() {
        return factorIds;
    }

    /** The bar fields referenced ({@code open high low close volume}), sorted. */
    public Set<String> fields() {
        return fields;
    }

    /** True if the expression holds {@code rank} or {@code zscore}, so its values depend on the universe. */
    public boolean crossSectional() {
        return crossSectional;
    }

    /**
     * Binds the expression to a panel for evaluation. Factor arrays are fetched (and computed if needed) now;
     * time-series terms are materialized now and shared through {@code panel.cache()} by every run on the panel.
     *
     * @param universe     the assets of the cross-section for {@code rank}/{@code zscore} (length = assets),
     *                     or null for every asset; on each day only assets with a bar take part
     * @param cancellation checked while materializing (null = never cancelled)
     * @throws IllegalArgumentException if the library lacks a referenced factor or the universe has the wrong length
     */
    public BoundExpression bind(MarketPanel panel, FactorLibrary library, boolean[] universe, Cancellation cancellation) {
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(library, "library");
        for (String id : factorIds) {
            if (!library.contains(id)) throw new IllegalArgumentException("unknown factor '" + id + "' in expression " + canonical);
        }
        if (universe != null && universe.length != panel.assetCount()) {
            throw new IllegalArgumentException("universe has " + universe.length + " entries, panel has " + panel.assetCount() + " assets");
        }
        boolean[] members = universe == null ? null : universe.clone();
        Node root = new Binder(panel, library, members, cancellation).bind(ast);
        return new Bound(root, type(), panel, crossSectional, cancellation == null ? Cancellation.NEVER : cancellation);
    }

    private static void collect(Ast node, Set<String> factors, Set<String> bars) {
        switch (node) {
            case FactorRef f -> factors.add(f.id());
            case Field f -> bars.add(f.name());
            case Unary u -> collect(u.operand(), factors, bars);
            case Binary b -> {
                collect(b.left(), factors, bars);
                collect(b.right(), factors, bars);
            }
            case Call c -> c.args().forEach(a -> collect(a, factors, bars));
            default -> {
            }
        }
    }

    /** Equal when the canonical forms are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Expression e && e.canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return canonical;
    }

    private static final class Bound implements BoundExpression {
        private final Node root;
        private final ValueType type;
        private final MarketPanel panel;
        private final boolean dayMajor;
        private final Cancellation cancellation;

        Bound(Node root, ValueType type, MarketPanel panel, boolean dayMajor, Cancellation cancellation) {
            this.root = root;
            this.type = type;
            this.panel = panel;
            this.dayMajor = dayMajor;
            this.cancellation = cancellation;
        }

        @Override
        public ValueType type() {
            return type;
        }

        @Override
        public double value(int date, int asset) {
            return root.eval(date, asset);
        }

        @Override
        public boolean test(int date, int asset) {
            if (type != ValueType.BOOLEAN) throw new IllegalStateException("test() needs a true/false expression, this one is a number");
            return root.eval(date, asset) != 0;
        }

        @Override
        public double[] materialize() {
            int nd = panel.dateCount(), na = panel.assetCount();
            if (root instanceof Node.Column col) return col.values.clone();
            double[] out = new double[panel.cellCount()];
            if (dayMajor) {
                for (int d = 0; d < nd; d++) {
                    if ((d & 63) == 0) cancellation.throwIfCancelled();
                    for (int a = 0; a < na; a++) out[a * nd + d] = root.eval(d, a);
                }
            } else {
                for (int a = 0; a < na; a++) {
                    if ((a & 63) == 0) cancellation.throwIfCancelled();
                    int base = a * nd;
                    for (int d = 0; d < nd; d++) out[base + d] = root.eval(d, a);
                }
            }
            return out;
        }
    }
}
