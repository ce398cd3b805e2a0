package io.stocklab.server.ranking;

import io.stocklab.server.platform.error.ApiException;
import java.util.Arrays;

/**
 * A ranking period: the trailing 1, 3 or 5 years ending at the dataset's last day, or the whole dataset (backtests);
 * or {@code oos}: the chained out-of-sample curve of a walk-forward sweep's winners (sweeps of strategies).
 */
enum RankingPeriod {
    Y1("1y", 1), Y3("3y", 3), Y5("5y", 5), ALL("all", 0), OOS("oos", 0);

    private final String id;
    private final int years;

    RankingPeriod(String id, int years) {
        this.id = id;
        this.years = years;
    }

    String id() {
        return id;
    }

    /** Length of a trailing window in years; 0 for {@link #ALL} and {@link #OOS}. */
    int years() {
        return years;
    }

    static RankingPeriod of(String id, String field) {
        if (id == null || id.isBlank()) return ALL;
        return Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id.strip())).findFirst()
                .orElseThrow(() -> ApiException.invalidField(field, "one of 1y, 3y, 5y, all, oos"));
    }
}
