package io.stocklab.server.marketdata;

import io.stocklab.engine.data.FundamentalItem;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A source of market data with its own API (OpenDART, the public-data-portal KRX prices, KIS, Alpha Vantage).
 * Implementations page through results, retry transient failures with backoff, respect the provider's rate limit,
 * and validate every response: an error the provider reports inside a successful HTTP answer (KIS {@code rt_cd},
 * OpenDART {@code status}, data.go.kr {@code resultCode}, Alpha Vantage {@code Error Message}/{@code Note}) is a
 * {@link ProviderException}, never data.
 */
interface MarketDataProvider {
    enum Capability { DAILY_PRICES, DAILY_PRICES_ALL_SYMBOLS, FUNDAMENTALS, DISCLOSURES }

    /** Stable id used in configuration ({@code krx}, {@code kis}, {@code alphavantage}, {@code opendart}). */
    String id();

    Set<Capability> capabilities();

    /** True when the provider has what it needs to run (e.g. an API key). */
    boolean configured();

    /** One daily bar as a provider reports it. */
    record DailyBar(String code, String name, String market, LocalDate date, double open, double high, double low,
                    double close, double volume) {
    }

    /** Bars of every listed symbol on one market day (providers with {@link Capability#DAILY_PRICES_ALL_SYMBOLS}). */
    default List<DailyBar> dailyBarsOn(LocalDate day) {
        throw new UnsupportedOperationException(id() + " has no all-symbol daily prices");
    }

    /** Bars of one symbol between two days, inclusive, oldest first. */
    default List<DailyBar> dailyBars(String code, LocalDate from, LocalDate to) {
        throw new UnsupportedOperationException(id() + " has no per-symbol daily prices");
    }

    /** A filing (OpenDART). */
    record Disclosure(String corpCode, String corpName, String stockCode, String reportName, String receiptNo,
                      LocalDate receiptDate) {
    }

    default List<Disclosure> disclosures(LocalDate from, LocalDate to) {
        throw new UnsupportedOperationException(id() + " has no disclosures");
    }

    /** The main statement items of one periodic report (OpenDART), amounts in the report's currency. */
    record Statement(String corpCode, String stockCode, int year, String reportCode, LocalDate periodEnd,
                     Map<FundamentalItem, Double> items) {
    }

    default Statement statement(String corpCode, int year, String reportCode) {
        throw new UnsupportedOperationException(id() + " has no financial statements");
    }
}
