package io.stocklab.engine.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Rank direction: ASC means the lowest value is best. Written in specs in lower snake case. */
public enum Order {
    ASC, DESC;

    /** The spec spelling, e.g. {@code next_open}. */
    @JsonValue
    public String spec() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the spec spelling (case-insensitive); null if unknown. */
    public static Order parse(String s) {
        for (Order v : values()) if (v.spec().equalsIgnoreCase(s)) return v;
        return null;
    }

    /** The accepted spellings, for error messages. */
    public static String accepted() {
        StringBuilder b = new StringBuilder();
        for (Order v : values()) b.append(b.length() == 0 ? "" : ", ").append('"').append(v.spec()).append('"');
        return b.toString();
    }
}
