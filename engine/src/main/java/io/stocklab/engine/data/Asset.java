package io.stocklab.engine.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Static description of one tradable asset of a {@link MarketPanel}.
 *
 * @param symbol   the asset's code (e.g. {@code 005930} or {@code AAPL}); unique within a panel
 * @param name     display name (the symbol when unknown)
 * @param market   market code such as {@code KOSPI}, {@code KOSDAQ}, {@code NYSE}; {@code UNKNOWN} when not given
 * @param sector   sector name, or {@code null} when unknown
 * @param listed   listing date, or {@code null} when unknown
 * @param delisted delisting date, or {@code null} while listed / unknown
 */
public record Asset(String symbol, String name, String market, String sector, LocalDate listed, LocalDate delisted) {
    public static final String UNKNOWN_MARKET = "UNKNOWN";

    public Asset {
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.isBlank()) throw new IllegalArgumentException("asset symbol must not be blank");
        if (name == null || name.isBlank()) name = symbol;
        if (market == null || market.isBlank()) market = UNKNOWN_MARKET;
        if (listed != null && delisted != null && delisted.isBefore(listed)) {
            throw new IllegalArgumentException("asset " + symbol + ": delisted " + delisted + " before listed " + listed);
        }
    }

    public static Asset of(String symbol) {
        return new Asset(symbol, symbol, UNKNOWN_MARKET, null, null, null);
    }
}
