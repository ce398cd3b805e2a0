package io.stocklab.engine.result;

import com.fasterxml.jackson.annotation.JsonValue;

/** Direction of a fill. */
public enum Side {
    BUY, SELL;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
