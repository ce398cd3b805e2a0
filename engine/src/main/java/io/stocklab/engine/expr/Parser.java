package io.stocklab.engine.expr;

import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.expr.Ast.Binary;
import io.stocklab.engine.expr.Ast.BinaryOp;
import io.stocklab.engine.expr.Ast.Call;
import io.stocklab.engine.expr.Ast.Num;
import io.stocklab.engine.expr.Ast.Pos;
import io.stocklab.engine.expr.Ast.Unary;
import io.stocklab.engine.expr.Ast.UnaryOp;
import io.stocklab.engine.expr.Lexer.Kind;
import io.stocklab.engine.expr.Lexer.Token;
import io.stocklab.engine.factor.Factor;
import io.stocklab.engine.factor.FactorLibrary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser that resolves names and checks types while it builds the tree, so the first error
 * reported is the leftmost one. Grammar (lowest precedence first):
 * <pre>
 * or      := and  (("or" | "||") and)*
 * and     := cmp  (("and" | "&amp;&amp;") cmp)*
 * cmp     := add  (("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") add)*
 * add     := mul  (("+" | "-") mul)*
 * mul     := unary (("*" | "/") unary)*
 * unary   := ("not" | "!" | "-") unary | primary
 * primary := number | "true" | "false" | name | name "(" [or ("," or)*] ")" | "(" or ")"
 * </pre>
 */
final class Parser {
    static final Map<String, Integer> FIELDS = Map.of(
            "open", MarketPanel.OPEN, "high", MarketPanel.HIGH, "low", MarketPanel.LOW,
            "close", MarketPanel.CLOSE, "volume", MarketPanel.VOLUME);
    private static final List<String> FIELD_ORDER = List.of("open", "high", "low", "close", "volume");

    private final List<Token> tokens;
    private final FactorLibrary library;
    private int p;

    private Parser(List<Token> tokens, FactorLibrary library) {
        this.tokens = tokens;
        this.library = library;
    }

    static Ast parse(String text, FactorLibrary library) {
        List<Token> tokens = Lexer.tokenize(text);
        Parser parser = new Parser(tokens, library);
        if (tokens.get(0).kind() == Kind.END) throw new ExpressionException("empty expression", null, 0, 1, 1);
        Ast ast = parser.or();
        Token t = parser.peek();
        if (t.kind() != Kind.END) {
            if (t.kind() == Kind.RPAREN) throw error(t.pos(), "unexpected ')'", "there is no '(' to close");
            throw error(t.pos(), "unexpected " + t.describe(), "expected an operator or the end of the expression");
        }
        return ast;
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(p);
    }

    private Token next() {
        return tokens.get(p++);
    }

    static ExpressionException error(Pos pos, String problem, String hint) {
        return new ExpressionException(problem, hint, pos.offset(), pos.line(), pos.column());
    }

    // ---- grammar

    private Ast or() {
        Ast left = and();
        while (peek().kind() == Kind.OR) {
            Token op = next();
            left = binary(BinaryOp.OR, op, left, and());
        }
        return left;
    }

    private Ast and() {
        Ast left = comparison();
        while (peek().kind() == Kind.AND) {
            Token op = next();
            left = binary(BinaryOp.AND, op, left, comparison());
        }
        return left;
    }

    private Ast comparison() {
        Ast left = additive();
        while (true) {
            BinaryOp op = switch (peek().kind()) {
                case LT -> BinaryOp.LT;
                case LE -> BinaryOp.LE;
                case GT -> BinaryOp.GT;
                case GE -> BinaryOp.GE;
                case EQ -> BinaryOp.EQ;
                case NE -> BinaryOp.NE;
                default -> null;
            };
            if (op == null) return left;
            Token t = next();
            left = binary(op, t, left, additive());
        }
    }

    private Ast additive() {
        Ast left = multiplicative();
        while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
            Token t = next();
            left = binary(t.kind() == Kind.PLUS ? BinaryOp.ADD : BinaryOp.SUB, t, left, multiplicative());
        }
        return left;
    }

    private Ast multiplicative() {
        Ast left = unary();
        while (peek().kind() == Kind.STAR || peek().kind() == Kind.SLASH) {
            Token t = next();
            left = binary(t.kind() == Kind.STAR ? BinaryOp.MUL : BinaryOp.DIV, t, left, unary());
        }
        return left;
    }

    private Ast unary() {
        Token t = peek();
        if (t.kind() == Kind.NOT) {
            next();
            Ast x = unary();
            if (x.type() != ValueType.BOOLEAN) {
                String hint = null;
                Token after = peek();
                if (isComparison(after.kind())) {
                    hint = "'" + opText(t) + "' applies before '" + after.text() + "': write "
                            + opText(t) + " (… " + after.text() + " …)";
                }
                throw error(t.pos(), "'" + opText(t) + "' needs true/false, got " + x.type().description(), hint);
            }
            return new Unary(UnaryOp.NOT, x, t.pos());
        }
        if (t.kind() == Kind.MINUS) {
            next();
            Ast x = unary();
            if (x.type() != ValueType.NUMBER) {
                throw error(t.pos(), "'-' needs a number, got " + x.type().description(), null);
            }
            return new Unary(UnaryOp.NEG, x, t.pos());
        }
        return primary();
    }

    private Ast primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Num(t.number(), t.pos());
            case TRUE:
                return new Ast.Bool(true, t.pos());
            case FALSE:
                return new Ast.Bool(false, t.pos());
            case LPAREN: {
                Ast inner = or();
                Token close = next();
                if (close.kind() == Kind.RPAREN) return inner;
                if (close.kind() == Kind.END) throw error(t.pos(), "unclosed '('", "expected ')' before the end of the expression");
                throw error(close.pos(), "unexpected " + close.describe(),
                        "expected ')' to close the '(' at " + t.pos().line() + ":" + t.pos().column());
            }
            case IDENT:
                return peek().kind() == Kind.LPAREN ? call(t) : identifier(t);
            default: {
                Token prev = p >= 2 ? tokens.get(p - 2) : null;
                String hint = prev == null ? "expected a value" : "expected a value after '" + prev.text() + "'";
                throw error(t.pos(), "unexpected " + t.describe(), hint);
            }
        }
    }

    private Ast identifier(Token t) {
        String name = t.text().toLowerCase(Locale.ROOT);
        Integer field = FIELDS.get(name);
        if (field != null) return new Ast.Field(name, field, t.pos());
        if (library.contains(name)) return new Ast.FactorRef(name, t.pos());
        Function f = Function.byId(name);
        if (f != null) throw error(t.pos(), "'" + t.text() + "' is a function", "write " + f.signature());
        throw error(t.pos(), "unknown identifier '" + t.text() + "'",
                Suggestions.didYouMean(Suggestions.nearest(name, knownIdentifiers(library))));
    }

    /** The bar fields, then the factor ids of the library in catalogue order. */
    static Set<String> knownIdentifiers(FactorLibrary library) {
        Set<String> names = new LinkedHashSet<>(FIELD_ORDER);
        for (Factor f : library.all()) names.add(f.id());
        return names;
    }

    private Ast call(Token nameToken) {
        String name = nameToken.text().toLowerCase(Locale.ROOT);
        Function f = Function.byId(name);
        if (f == null) {
            if (FIELDS.containsKey(name) || library.contains(name)) {
                throw error(nameToken.pos(), "'" + nameToken.text() + "' is not a function", null);
            }
            throw error(nameToken.pos(), "unknown function '" + nameToken.text() + "'",
                    Suggestions.didYouMean(Suggestions.nearest(name, Function.ids())));
        }
        Token open = next(); // '('
        List<Ast> args = new ArrayList<>();
        if (peek().kind() == Kind.RPAREN) {
            next();
        } else {
            while (true) {
                if (peek().kind() == Kind.END) throw unclosedCall(f, open);
                args.add(or());
                Token sep = next();
                if (sep.kind() == Kind.RPAREN) break;
                if (sep.kind() == Kind.COMMA) continue;
                if (sep.kind() == Kind.END) throw unclosedCall(f, open);
                throw error(sep.pos(), "unexpected " + sep.describe(), "expected ',' or ')' in " + f.signature());
            }
        }
        if (args.size() != f.arity()) {
            throw error(nameToken.pos(), f.signature() + " takes " + f.arity() + " argument" + (f.arity() == 1 ? "" : "s")
                    + ", got " + args.size(), null);
        }
        int window = f.windowArg();
        for (int i = 0; i < args.size(); i++) {
            Ast arg = args.get(i);
            if (i == window) {
                checkWindow(f, arg);
            } else if (arg.type() != ValueType.NUMBER) {
                throw error(start(arg), f.signature() + " needs a number for " + f.params.get(i) + ", got "
                        + arg.type().description(), null);
            }
        }
        return new Call(f, List.copyOf(args), nameToken.pos());
    }

    private static ExpressionException unclosedCall(Function f, Token open) {
        return error(open.pos(), "unclosed '(' of " + f.id + "(…)", "expected ')' before the end of the expression");
    }

    private static void checkWindow(Function f, Ast arg) {
        Double literal = null;
        if (arg instanceof Num n) literal = n.value();
        else if (arg instanceof Unary u && u.op() == UnaryOp.NEG && u.operand() instanceof Num n) literal = -n.value();
        String need = f.signature() + " needs n to be a whole number from " + f.minWindow() + " to " + Function.MAX_WINDOW;
        if (literal == null) {
            throw error(start(arg), need + " written as a literal, e.g. " + f.id + "(x, 20)", null);
        }
        double v = literal;
        if (v != Math.rint(v) || v < f.minWindow() || v > Function.MAX_WINDOW) {
            throw error(start(arg), need + ", got " + Canonical.number(v), null);
        }
    }

    private Ast binary(BinaryOp op, Token t, Ast left, Ast right) {
        String sym = opText(t);
        if (op.logical()) {
            if (left.type() != ValueType.BOOLEAN || right.type() != ValueType.BOOLEAN) {
                throw error(t.pos(), "'" + sym + "' needs true/false on both sides, got a number", null);
            }
        } else if (op == BinaryOp.EQ || op == BinaryOp.NE) {
            if (left.type() != right.type()) {
                throw error(t.pos(), "'" + sym + "' needs two numbers or two true/false values, got "
                        + left.type().description() + " and " + right.type().description(), null);
            }
        } else if (left.type() != ValueType.NUMBER || right.type() != ValueType.NUMBER) {
            String hint = null;
            if (op.comparison() && left instanceof Binary b && b.op().comparison()) {
                hint = "comparisons do not chain: write a " + b.op().symbol + " b and b " + op.symbol + " c";
            } else if (op.comparison() && left instanceof Unary u && u.op() == UnaryOp.NOT) {
                hint = "'not' applies before '" + sym + "': write not (… " + sym + " …)";
            }
            throw error(t.pos(), "'" + sym + "' needs numbers on both sides, got true/false", hint);
        }
        return new Binary(op, left, right, t.pos());
    }

    private static String opText(Token t) {
        return t.text().toLowerCase(Locale.ROOT);
    }

    private static boolean isComparison(Kind k) {
        return k == Kind.LT || k == Kind.LE || k == Kind.GT || k == Kind.GE || k == Kind.EQ || k == Kind.NE;
    }

    /** Position of the leftmost token of a node. */
    static Pos start(Ast node) {
        return switch (node) {
            case Binary b -> start(b.left());
            default -> node.pos();
        };
    }
}
