package io.stocklab.engine.expr;

import java.util.List;

/** The type-checked syntax tree of an expression. */
sealed interface Ast {
    /** Where the node starts (a binary operator's position is its operator's). */
    Pos pos();

    ValueType type();

    record Pos(int offset, int line, int column) {
    }

    record Num(double value, Pos pos) implements Ast {
        public ValueType type() {
            return ValueType.NUMBER;
        }
    }

    record Bool(boolean value, Pos pos) implements Ast {
        public ValueType type() {
            return ValueType.BOOLEAN;
        }
    }

    /** A bar field: {@code field} is a {@link io.stocklab.engine.data.MarketPanel} field index. */
    record Field(String name, int field, Pos pos) implements Ast {
        public ValueType type() {
            return ValueType.NUMBER;
        }
    }

    record FactorRef(String id, Pos pos) implements Ast {
        public ValueType type() {
            return ValueType.NUMBER;
        }
    }

    enum UnaryOp { NOT, NEG }

    record Unary(UnaryOp op, Ast operand, Pos pos) implements Ast {
        public ValueType type() {
            return op == UnaryOp.NOT ? ValueType.BOOLEAN : ValueType.NUMBER;
        }
    }

    enum BinaryOp {
        OR("or", 1), AND("and", 2),
        LT("<", 3), LE("<=", 3), GT(">", 3), GE(">=", 3), EQ("==", 3), NE("!=", 3),
        ADD("+", 4), SUB("-", 4), MUL("*", 5), DIV("/", 5);

        final String symbol;
        final int precedence;

        BinaryOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        boolean comparison() {
            return precedence == 3;
        }

        boolean logical() {
            return this == AND || this == OR;
        }

        boolean arithmetic() {
            return precedence >= 4;
        }
    }

    record Binary(BinaryOp op, Ast left, Ast right, Pos pos) implements Ast {
        public ValueType type() {
            return op.arithmetic() ? ValueType.NUMBER : ValueType.BOOLEAN;
        }
    }

    record Call(Function function, List<Ast> args, Pos pos) implements Ast {
        public ValueType type() {
            return function.result;
        }
    }

    /** True if the tree holds a cross-sectional function (its values depend on the universe). */
    static boolean crossSectional(Ast node) {
        return switch (node) {
            case Unary u -> crossSectional(u.operand());
            case Binary b -> crossSectional(b.left()) || crossSectional(b.right());
            case Call c -> c.function().family == Function.Family.CROSS_SECTION
                    || c.args().stream().anyMatch(Ast::crossSectional);
            default -> false;
        };
    }
}
