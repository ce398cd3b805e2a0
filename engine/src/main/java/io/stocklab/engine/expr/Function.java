package io.stocklab.engine.expr;

import java.util.Arrays;
import java.util.List;

/** The built-in functions of the expression language and their signatures. */
enum Function {
    SMA("sma", Family.SERIES, ValueType.NUMBER, "x", "n"),
    EMA("ema", Family.SERIES, ValueType.NUMBER, "x", "n"),
    WMA("wma", Family.SERIES, ValueType.NUMBER, "x", "n"),
    STD("std", Family.SERIES, ValueType.NUMBER, "x", "n"),
    SUM("sum", Family.SERIES, ValueType.NUMBER, "x", "n"),
    HIGHEST("highest", Family.SERIES, ValueType.NUMBER, "x", "n"),
    LOWEST("lowest", Family.SERIES, ValueType.NUMBER, "x", "n"),
    LAG("lag", Family.SERIES, ValueType.NUMBER, "x", "n"),
    CHANGE("change", Family.SERIES, ValueType.NUMBER, "x", "n"),
    RSI("rsi", Family.SERIES, ValueType.NUMBER, "x", "n"),
    CROSS_ABOVE("cross_above", Family.SERIES, ValueType.BOOLEAN, "a", "b"),
    CROSS_BELOW("cross_below", Family.SERIES, ValueType.BOOLEAN, "a", "b"),
    RANK("rank", Family.CROSS_SECTION, ValueType.NUMBER, "x"),
    ZSCORE("zscore", Family.CROSS_SECTION, ValueType.NUMBER, "x"),
    ABS("abs", Family.SCALAR, ValueType.NUMBER, "x"),
    LOG("log", Family.SCALAR, ValueType.NUMBER, "x"),
    SQRT("sqrt", Family.SCALAR, ValueType.NUMBER, "x"),
    MIN("min", Family.SCALAR, ValueType.NUMBER, "a", "b"),
    MAX("max", Family.SCALAR, ValueType.NUMBER, "a", "b"),
    BETWEEN("between", Family.SCALAR, ValueType.BOOLEAN, "x", "lo", "hi"),
    IS_MISSING("is_missing", Family.SCALAR, ValueType.BOOLEAN, "x");

    /** Largest window length accepted for {@code n}. */
    static final int MAX_WINDOW = 10_000;

    enum Family { SERIES, CROSS_SECTION, SCALAR }

    final String id;
    final Family family;
    final ValueType result;
    final List<String> params;

    Function(String id, Family family, ValueType result, String... params) {
        this.id = id;
        this.family = family;
        this.result = result;
        this.params = List.of(params);
    }

    int arity() {
        return params.size();
    }

    /** Index of the window-length argument {@code n}, or -1. */
    int windowArg() {
        return params.indexOf("n");
    }

    /** Smallest accepted window length: 0 for {@code lag}, 1 otherwise. */
    int minWindow() {
        return this == LAG ? 0 : 1;
    }

    /** E.g. {@code sma(x, n)}. */
    String signature() {
        return id + "(" + String.join(", ", params) + ")";
    }

    static Function byId(String id) {
        for (Function f : values()) if (f.id.equals(id)) return f;
        return null;
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(f -> f.id).toList();
    }
}
