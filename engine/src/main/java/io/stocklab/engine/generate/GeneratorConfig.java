package io.stocklab.engine.generate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of {@link SyntheticMarket#generate}. Everything the generator does follows from these four values:
 * the same config always gives the same market, bit for bit, on any machine and any number of threads.
 *
 * @param stocks total number of distinct stocks in the panel (listed at the start, listed later, delisted), ≥ 1
 * @param years  calendar years of trading days, counted back from {@code end} (1..40)
 * @param seed   random seed
 * @param end    last calendar day of the panel (the last trading day is on or before it)
 */
public record GeneratorConfig(int stocks, int years, long seed, LocalDate end) {
    public static final int DEFAULT_STOCKS = 2500;
    public static final int DEFAULT_YEARS = 10;
    public static final long DEFAULT_SEED = 42;
    public static final LocalDate DEFAULT_END = LocalDate.of(2025, 12, 30);
    /** Largest number of stocks accepted. */
    public static final int MAX_STOCKS = 100_000;
    public static final int MAX_YEARS = 40;
    /** Bound on stocks × years: the panel's arrays (about 10 KB per stock-year) must fit in one JVM. */
    public static final long MAX_STOCK_YEARS = 1_000_000L;

    public GeneratorConfig {
        if (stocks < 1) throw new IllegalArgumentException("stocks must be at least 1, got " + stocks);
        if (stocks > MAX_STOCKS) throw new IllegalArgumentException("stocks must be at most " + MAX_STOCKS + ", got " + stocks);
        if (years < 1 || years > MAX_YEARS) {
            throw new IllegalArgumentException("years must be between 1 and " + MAX_YEARS + ", got " + years);
        }
        if (end == null) throw new IllegalArgumentException("end date must be given");
        if (end.getYear() > 2100 || end.minusYears(years).getYear() < 1950) {
            throw new IllegalArgumentException("the generated period must lie within 1950..2100, got " + years
                    + " year(s) ending " + end);
        }
        if ((long) stocks * years > MAX_STOCK_YEARS) {
            throw new IllegalArgumentException("stocks × years must be at most " + MAX_STOCK_YEARS + " (the panel would need about "
                    + ((long) stocks * years * 10 / 1_000_000) + " GB of memory), got " + stocks + " × " + years);
        }
    }

    /** 2,500 stocks, 10 years, seed 42, ending 2025-12-30. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(DEFAULT_STOCKS, DEFAULT_YEARS, DEFAULT_SEED, DEFAULT_END);
    }

    /** The defaults with the given size and seed. */
    public static GeneratorConfig of(int stocks, int years, long seed) {
        return new GeneratorConfig(stocks, years, seed, DEFAULT_END);
    }

    public GeneratorConfig withStocks(int stocks) {
        return new GeneratorConfig(stocks, years, seed, end);
    }

    public GeneratorConfig withYears(int years) {
        return new GeneratorConfig(stocks, years, seed, end);
    }

    public GeneratorConfig withSeed(long seed) {
        return new GeneratorConfig(stocks, years, seed, end);
    }

    public GeneratorConfig withEnd(LocalDate end) {
        return new GeneratorConfig(stocks, years, seed, end);
    }

    /** First calendar day of the panel: {@code years} calendar years before {@code end}, plus one day. */
    public LocalDate start() {
        return end.minusYears(years).plusDays(1);
    }

    /** The panel name, e.g. {@code synthetic-krx-s42}. */
    public String panelName() {
        return "synthetic-krx-s" + seed;
    }

    /** The config as plain values (for dataset.json). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "stocklab synthetic KRX-like market v1");
        m.put("stocks", stocks);
        m.put("years", years);
        m.put("seed", seed);
        m.put("end", end.toString());
        return m;
    }
}
