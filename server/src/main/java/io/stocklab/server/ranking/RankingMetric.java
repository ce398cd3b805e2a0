package io.stocklab.server.ranking;

import io.stocklab.server.platform.error.ApiException;
import java.util.Arrays;
import java.util.Locale;

/** What a board ranks by, higher first. */
enum RankingMetric {
    TOTAL_RETURN, CAGR, SHARPE, CALMAR;

    /** The entry's value of this metric (null: the entry is not on this metric's board). */
    Double of(BoardEntry e) {
        return switch (this) {
            case TOTAL_RETURN -> e.totalReturnPct();
            case CAGR -> e.cagrPct();
            case SHARPE -> e.sharpe();
            case CALMAR -> e.calmar();
        };
    }

    static RankingMetric of(String name, String field) {
        if (name == null || name.isBlank()) return SHARPE;
        String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(m -> m.name().equals(n)).findFirst()
                .orElseThrow(() -> ApiException.invalidField(field, "one of SHARPE, TOTAL_RETURN, CAGR, CALMAR"));
    }
}
