package io.stocklab.engine.backtest;

import java.time.LocalDate;

/**
 * Korea Exchange rules used with {@code execution.marketRules = "krx"}:
 * <ul>
 *   <li>Tick sizes (the unified KOSPI/KOSDAQ table in force since 2023-01-25, applied to the whole history):
 *       below 2,000 won: 1; below 5,000: 5; below 20,000: 10; below 50,000: 50; below 200,000: 100;
 *       below 500,000: 500; from 500,000: 1,000. Buy fills round up to the tick, sell fills round down
 *       (never in the trader's favour).</li>
 *   <li>Daily price limits: ±30 % of the previous close since 2015-06-15 (±15 % before), the limit price
 *       rounded toward the previous close to the tick. A close (or open, for {@code next_open} fills) at the
 *       upper limit cannot be bought; at the lower limit cannot be sold: the order waits for the next day.</li>
 *   <li>Sell tax (securities transaction tax + special tax for rural development) by market and trade date,
 *       see {@link #sellTaxPct(String, LocalDate)}.</li>
 * </ul>
 */
public final class KrxRules {
    private static final LocalDate LIMIT_30 = LocalDate.of(2015, 6, 15);

    private KrxRules() {
    }

    public static double tick(double price) {
        if (price < 2_000) return 1;
        if (price < 5_000) return 5;
        if (price < 20_000) return 10;
        if (price < 50_000) return 50;
        if (price < 200_000) return 100;
        if (price < 500_000) return 500;
        return 1_000;
    }

    /** Rounds up to the tick grid (a price already on the grid is unchanged). */
    public static double roundUp(double price) {
        double t = tick(price);
        double q = Math.ceil(price / t - 1e-9) * t;
        return Math.max(q, t);
    }

    /** Rounds down to the tick grid (never below one tick). */
    public static double roundDown(double price) {
        double t = tick(price);
        double q = Math.floor(price / t + 1e-9) * t;
        return Math.max(q, tick(q > 0 ? q : t));
    }

    public static double limitPct(LocalDate day) {
        return day.isBefore(LIMIT_30) ? 15.0 : 30.0;
    }

    /** Upper limit price for a day given the previous close (rounded down to the tick). */
    public static double upperLimit(double prevClose, LocalDate day) {
        return roundDown(prevClose * (1 + limitPct(day) / 100.0));
    }

    /** Lower limit price for a day given the previous close (rounded up to the tick). */
    public static double lowerLimit(double prevClose, LocalDate day) {
        return roundUp(prevClose * (1 - limitPct(day) / 100.0));
    }

    /**
     * Sell tax in % for a market on a trade date, or NaN for a market the schedule does not cover
     * (the spec's {@code sellTaxPct} applies then). KOSPI (0.15 % rural-development tax + transaction tax) and
     * KOSDAQ: 0.30 % until 2019-06-02, 0.25 % from 2019-06-03, 0.23 % from 2021, 0.20 % from 2023,
     * 0.18 % from 2024, 0.15 % from 2025, 0.20 % from 2026. KONEX: 0.30 % until 2019-06-02, then 0.10 %.
     * Market codes are matched ignoring case and surrounding blanks (as the universe's {@code markets} filter does).
     */
    public static double sellTaxPct(String market, LocalDate day) {
        if (market == null) return Double.NaN;
        switch (market.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "KOSPI", "KOSDAQ" -> {
                if (day.isBefore(LocalDate.of(2019, 6, 3))) return 0.30;
                if (day.isBefore(LocalDate.of(2021, 1, 1))) return 0.25;
                if (day.isBefore(LocalDate.of(2023, 1, 1))) return 0.23;
                if (day.isBefore(LocalDate.of(2024, 1, 1))) return 0.20;
                if (day.isBefore(LocalDate.of(2025, 1, 1))) return 0.18;
                if (day.isBefore(LocalDate.of(2026, 1, 1))) return 0.15;
                return 0.20;
            }
            case "KONEX" -> {
                return day.isBefore(LocalDate.of(2019, 6, 3)) ? 0.30 : 0.10;
            }
            default -> {
                return Double.NaN;
            }
        }
    }
}
