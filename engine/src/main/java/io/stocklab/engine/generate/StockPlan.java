package io.stocklab.engine.generate;

import java.time.LocalDate;

/**
 * The static description of one generated stock, decided before any price is simulated.
 *
 * @param number   the stock's generation number (0-based), which seeds its random stream
 * @param code     6-digit KRX-style code
 * @param name     synthetic Korean name
 * @param kospi    true for KOSPI, false for KOSDAQ
 * @param sector   its sector
 * @param listIdx  trading-day index of its first bar (0 for stocks listed before the start)
 * @param listed   listing date (before the start, or the day of its first bar for new listings)
 */
record StockPlan(int number, String code, String name, boolean kospi, Sector sector, int listIdx, LocalDate listed) {
    String market() {
        return kospi ? "KOSPI" : "KOSDAQ";
    }

    boolean newListing() {
        return listIdx > 0;
    }
}
