package io.stocklab.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits expression text into tokens, each with its 1-based line and column. */
final class Lexer {
    enum Kind {
        NUMBER, IDENT, LPAREN, RPAREN, COMMA,
        PLUS, MINUS, STAR, SLASH, LT, LE, GT, GE, EQ, NE,
        NOT, AND, OR, TRUE, FALSE, END
    }

    record Token(Kind kind, String text, double number, Ast.Pos pos) {
        /** How messages quote the token. */
        String describe() {
            return kind == Kind.END ? "end of expression" : "'" + text + "'";
        }
    }

    private final String src;
    private int i;
    private int line = 1;
    private int lineStart;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String src) {
        return new Lexer(src).run();
    }

    private Ast.Pos pos(int offset) {
        return new Ast.Pos(offset, line, offset - lineStart + 1);
    }

    private ExpressionException error(int offset, String problem, String hint) {
        Ast.Pos p = pos(offset);
        return new ExpressionException(problem, hint, p.offset(), p.line(), p.column());
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        int n = src.length();
        while (true) {
            while (i < n && Character.isWhitespace(src.charAt(i))) {
                if (src.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
                i++;
            }
            if (i >= n) {
                out.add(new Token(Kind.END, "", 0, pos(n)));
                return out;
            }
            int start = i;
            char c = src.charAt(i);
            if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(src.charAt(i + 1)))) {
                out.add(number(start));
            } else if (isIdentStart(c)) {
                while (i < n && isIdentPart(src.charAt(i))) i++;
                String word = src.substring(start, i);
                String lower = word.toLowerCase(Locale.ROOT);
                Kind kind = switch (lower) {
                    case "and" -> Kind.AND;
                    case "or" -> Kind.OR;
                    case "not" -> Kind.NOT;
                    case "true" -> Kind.TRUE;
                    case "false" -> Kind.FALSE;
                    default -> Kind.IDENT;
                };
                out.add(new Token(kind, word, 0, pos(start)));
            } else {
                out.add(symbol(start, c));
            }
        }
    }

    private Token symbol(int start, char c) {
        char next = i + 1 < src.length() ? src.charAt(i + 1) : '\0';
        Kind kind;
        int len = 1;
        switch (c) {
            case '(' -> kind = Kind.LPAREN;
            case ')' -> kind = Kind.RPAREN;
            case ',' -> kind = Kind.COMMA;
            case '+' -> kind = Kind.PLUS;
            case '-' -> kind = Kind.MINUS;
            case '*' -> kind = Kind.STAR;
            case '/' -> kind = Kind.SLASH;
            case '<' -> {
                if (next == '=') { kind = Kind.LE; len = 2; }
                else if (next == '>') throw error(start, "unexpected '<>'", "did you mean '!='?");
                else kind = Kind.LT;
            }
            case '>' -> {
                if (next == '=') { kind = Kind.GE; len = 2; } else kind = Kind.GT;
            }
            case '=' -> {
                if (next == '=') { kind = Kind.EQ; len = 2; }
                else if (next == '>' || next == '<') throw error(start, "unexpected '=" + next + "'", "did you mean '" + next + "='?");
                else throw error(start, "unexpected '='", "did you mean '=='?");
            }
            case '!' -> {
                if (next == '=') { kind = Kind.NE; len = 2; } else kind = Kind.NOT;
            }
            case '&' -> {
                if (next == '&') { kind = Kind.AND; len = 2; }
                else throw error(start, "unexpected '&'", "did you mean '&&' (or 'and')?");
            }
            case '|' -> {
                if (next == '|') { kind = Kind.OR; len = 2; }
                else throw error(start, "unexpected '|'", "did you mean '||' (or 'or')?");
            }
            case '≥' -> throw error(start, "unexpected character '≥'", "did you mean '>='?");
            case '≤' -> throw error(start, "unexpected character '≤'", "did you mean '<='?");
            case '≠' -> throw error(start, "unexpected character '≠'", "did you mean '!='?");
            case '−' -> throw error(start, "unexpected character '−'", "did you mean '-'?");
            case '×' -> throw error(start, "unexpected character '×'", "did you mean '*'?");
            case '÷' -> throw error(start, "unexpected character '÷'", "did you mean '/'?");
            default -> {
                String shown = new String(Character.toChars(src.codePointAt(start)));
                throw error(start, "unexpected character '" + shown + "'", null);
            }
        }
        i += len;
        return new Token(kind, src.substring(start, start + len), 0, pos(start));
    }

    private Token number(int start) {
        int n = src.length();
        while (i < n && isDigit(src.charAt(i))) i++;
        if (i < n && src.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(src.charAt(i))) i++;
        }
        boolean bad = false;
        if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            i++;
            if (i < n && (src.charAt(i) == '+' || src.charAt(i) == '-')) i++;
            if (i < n && isDigit(src.charAt(i))) {
                while (i < n && isDigit(src.charAt(i))) i++;
            } else {
                bad = true;
            }
        }
        // "20d", "1.5.2", "3_000": glued letters, dots or underscores make a malformed number
        while (i < n && (isIdentPart(src.charAt(i)) || src.charAt(i) == '.')) {
            bad = true;
            i++;
        }
        String text = src.substring(start, i);
        if (bad) throw error(start, "malformed number '" + text + "'", null);
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) throw error(start, "number '" + text + "' is too large", null);
        return new Token(Kind.NUMBER, text, v, pos(start));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }
}
