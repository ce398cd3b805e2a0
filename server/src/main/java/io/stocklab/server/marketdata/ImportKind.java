package io.stocklab.server.marketdata;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an import file holds (see docs/market-data.md for each format). */
enum ImportKind {
    /** Long format: date,open,high,low,close,volume,symbol (optional adj_close / adj_factor). */
    PRICES("prices"),
    /** Wide format: date then one close column per symbol. */
    PRICES_WIDE("prices-wide"),
    /** Yahoo Finance download: Date,Open,High,Low,Close,Adj Close,Volume for one symbol (sent with the file). */
    PRICES_YAHOO("prices-yahoo"),
    ASSETS("assets"),
    FUNDAMENTALS("fundamentals"),
    BENCHMARKS("benchmarks");

    private final String slug;

    ImportKind(String slug) {
        this.slug = slug;
    }

    String slug() {
        return slug;
    }

    static Optional<ImportKind> of(String s) {
        if (s == null) return Optional.empty();
        String k = s.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.slug.equals(k)).findFirst();
    }

    static String slugs() {
        return String.join(", ", Arrays.stream(values()).map(ImportKind::slug).toList());
    }
}
