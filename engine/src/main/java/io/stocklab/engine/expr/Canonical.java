package io.stocklab.engine.expr;

import io.stocklab.engine.expr.Ast.Binary;
import io.stocklab.engine.expr.Ast.Bool;
import io.stocklab.engine.expr.Ast.Call;
import io.stocklab.engine.expr.Ast.FactorRef;
import io.stocklab.engine.expr.Ast.Field;
import io.stocklab.engine.expr.Ast.Num;
import io.stocklab.engine.expr.Ast.Unary;
import io.stocklab.engine.expr.Ast.UnaryOp;

/**
 * Prints a tree in canonical form: lower case names, {@code and}/{@code or}/{@code not} for the aliases, one
 * space around binary operators, {@code ", "} between arguments, numbers in shortest form, and only the
 * parentheses the tree needs (plus parentheses around a comparison inside a comparison). Parsing the
 * canonical form gives the same tree, so the canonical form is a fixed point.
 */
final class Canonical {
    private static final int UNARY = 6, ATOM = 7;

    private Canonical() {
    }

    static String print(Ast node) {
        StringBuilder sb = new StringBuilder();
        print(node, sb);
        return sb.toString();
    }

    private static int precedence(Ast node) {
        return switch (node) {
            case Binary b -> b.op().precedence;
            case Unary u -> UNARY;
            default -> ATOM;
        };
    }

    private static void print(Ast node, StringBuilder sb) {
        switch (node) {
            case Num n -> sb.append(number(n.value()));
            case Bool b -> sb.append(b.value());
            case Field f -> sb.append(f.name());
            case FactorRef f -> sb.append(f.id());
            case Unary u -> {
                Ast x = u.operand();
                boolean parens = precedence(x) < UNARY;
                if (u.op() == UnaryOp.NOT) {
                    sb.append("not ");
                } else {
                    sb.append('-');
                    // "--x" would not read back as two minus signs in most people's eyes: write -(-x)
                    if (x instanceof Unary inner && inner.op() == UnaryOp.NEG) parens = true;
                }
                wrap(x, parens, sb);
            }
            case Binary b -> {
                int p = b.op().precedence;
                boolean leftParens = precedence(b.left()) < p
                        || (b.op().comparison() && b.left() instanceof Binary l && l.op().comparison());
                boolean rightParens = precedence(b.right()) <= p;
                wrap(b.left(), leftParens, sb);
                sb.append(' ').append(b.op().symbol).append(' ');
                wrap(b.right(), rightParens, sb);
            }
            case Call c -> {
                sb.append(c.function().id).append('(');
                for (int i = 0; i < c.args().size(); i++) {
                    if (i > 0) sb.append(", ");
                    print(c.args().get(i), sb);
                }
                sb.append(')');
            }
        }
    }

    private static void wrap(Ast node, boolean parens, StringBuilder sb) {
        if (parens) sb.append('(');
        print(node, sb);
        if (parens) sb.append(')');
    }

    /** Shortest text that reads back as exactly {@code v}: whole numbers without a fraction, else Java's shortest repr. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v).replace('E', 'e');
    }
}
