package io.stocklab.engine.expr;

/**
 * A parse or type error in an expression. The message names the problem, its 1-based position and, where it
 * helps, a hint after an em dash, e.g. {@code unknown identifier 'pre' at 1:1 — did you mean 'per'?}.
 */
public class ExpressionException extends IllegalArgumentException {
    private final String reason;
    private final int line;
    private final int column;
    private final int offset;

    /**
     * @param problem what is wrong, e.g. {@code unknown identifier 'pre'}
     * @param hint    an optional hint shown after an em dash (null for none)
     * @param offset  0-based character offset of the position in the text
     * @param line    1-based line
     * @param column  1-based column
     */
    public ExpressionException(String problem, String hint, int offset, int line, int column) {
        super(problem + " at " + line + ":" + column + (hint == null ? "" : " — " + hint));
        this.reason = problem + (hint == null ? "" : " — " + hint);
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the position the error is about. */
    public int line() {
        return line;
    }

    /** 1-based column of the position the error is about. */
    public int column() {
        return column;
    }

    /** 0-based character offset of the position in the expression text (for highlighting). */
    public int offset() {
        return offset;
    }

    /** The message without the position, e.g. {@code unknown identifier 'pre' — did you mean 'per'?}. */
    public String reason() {
        return reason;
    }
}
