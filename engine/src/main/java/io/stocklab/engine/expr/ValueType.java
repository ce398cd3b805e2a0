package io.stocklab.engine.expr;

/** The type of an expression or sub-expression: a number (possibly missing, NaN) or a condition. */
public enum ValueType {
    NUMBER("a number"),
    BOOLEAN("true/false");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** How error messages name a value of this type: "a number" or "true/false". */
    public String description() {
        return description;
    }
}
