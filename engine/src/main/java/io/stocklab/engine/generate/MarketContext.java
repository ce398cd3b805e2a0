package io.stocklab.engine.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What all stocks share: the trading calendar, the quarter grid of fundamentals, and the common return factors
 * (market, KOSDAQ, sectors) generated once from the master seed. Immutable after construction.
 */
final class MarketContext {
    /** Trading days per year used to scale annual parameters. */
    static final double DAYS_PER_YEAR = 248;

    // market factor: GARCH(1,1) with Student-t(4) shocks
    static final double MARKET_VOL = 0.17;          // annual, long-run
    static final double MARKET_DRIFT = -0.015;      // annual log drift (stock returns come mainly from company growth)
    static final double GARCH_ALPHA = 0.085, GARCH_BETA = 0.90;
    static final double KOSDAQ_VOL = 0.11;          // annual, the KOSDAQ-specific factor
    static final double KOSDAQ_DRIFT = -0.07;

    final GeneratorConfig config;
    final int[] days;             // epoch days of the trading calendar
    final int nd;
    final int startDay, endDay;   // calendar bounds (epoch days)
    /** Quarter ends (epoch days) of all fundamentals periods, ascending: 8 before the start up to the end. */
    final int[] quarterEnds;
    /** For each trading day, the number of quarter ends strictly before it. */
    final int[] quartersBefore;
    /** Daily log returns of the market factor, the KOSDAQ factor and each sector factor. */
    final double[] market, kosdaq;
    final double[][] sector;
    /** Conditional daily variance of the market factor (for volume and intraday ranges). */
    final double[] marketVar;
    /** Cumulative sums of the factors (through day d inclusive). */
    final double[] marketCum, kosdaqCum;
    final double[][] sectorCum;
    /** Index of the first trading day of each calendar year in the calendar (ascending), plus nd at the end. */
    final int[] yearStarts;

    MarketContext(GeneratorConfig config, long masterSeed) {
        this.config = config;
        LocalDate start = config.start();
        this.startDay = (int) start.toEpochDay();
        this.endDay = (int) config.end().toEpochDay();
        this.days = KrxCalendar.tradingDays(start, config.end());
        this.nd = days.length;
        if (nd < 2) throw new IllegalArgumentException("the period " + start + ".." + config.end() + " has fewer than 2 trading days");

        // quarter grid: the quarter ends from 8 quarters before the start to the end date
        List<Integer> qs = new ArrayList<>();
        LocalDate q = quarterEndOnOrAfter(start.minusYears(2));
        while (!q.isAfter(config.end())) {
            qs.add((int) q.toEpochDay());
            q = q.plusDays(1).plusMonths(3).minusDays(1);
        }
        this.quarterEnds = qs.stream().mapToInt(Integer::intValue).toArray();
        this.quartersBefore = new int[nd];
        int k = 0;
        for (int d = 0; d < nd; d++) {
            while (k < quarterEnds.length && quarterEnds[k] < days[d]) k++;
            quartersBefore[d] = k;
        }

        Rng rng = new Rng(masterSeed);
        this.market = new double[nd];
        this.marketVar = new double[nd];
        double lrVar = MARKET_VOL * MARKET_VOL / DAYS_PER_YEAR;
        double omega = lrVar * (1 - GARCH_ALPHA - GARCH_BETA);
        double h = lrVar, e2 = lrVar;
        for (int d = 0; d < nd; d++) {
            h = Math.min(omega + GARCH_ALPHA * e2 + GARCH_BETA * h, StockSimulator.MAX_VARIANCE_MULTIPLE * lrVar);
            double e = Math.sqrt(h) * Rng.clamp(rng.studentT4(), -StockSimulator.MAX_SHOCK, StockSimulator.MAX_SHOCK);
            e2 = e * e;
            marketVar[d] = h;
            market[d] = MARKET_DRIFT / DAYS_PER_YEAR - 0.5 * lrVar + e;
        }
        this.kosdaq = new double[nd];
        double kVar = KOSDAQ_VOL * KOSDAQ_VOL / DAYS_PER_YEAR;
        double kOmega = kVar * (1 - GARCH_ALPHA - GARCH_BETA);
        h = kVar;
        e2 = kVar;
        for (int d = 0; d < nd; d++) {
            h = Math.min(kOmega + GARCH_ALPHA * e2 + GARCH_BETA * h, StockSimulator.MAX_VARIANCE_MULTIPLE * kVar);
            double e = Math.sqrt(h) * Rng.clamp(rng.studentT4(), -StockSimulator.MAX_SHOCK, StockSimulator.MAX_SHOCK);
            e2 = e * e;
            kosdaq[d] = KOSDAQ_DRIFT / DAYS_PER_YEAR - 0.5 * kVar + e;
        }
        Sector[] sectors = Sector.values();
        this.sector = new double[sectors.length][nd];
        for (int s = 0; s < sectors.length; s++) {
            double vol = sectors[s].sectorVol;
            for (int d = 0; d < nd; d++) {
                // sector moves scale with the market's current volatility (correlations rise in turmoil)
                sector[s][d] = vol * Math.sqrt(marketVar[d] / lrVar) * Rng.clamp(rng.studentT4(), -StockSimulator.MAX_SHOCK, StockSimulator.MAX_SHOCK)
                        - 0.5 * vol * vol;
            }
        }
        this.yearStarts = computeYearStarts();
        this.marketCum = cumulative(market);
        this.kosdaqCum = cumulative(kosdaq);
        this.sectorCum = new double[sectors.length][];
        for (int s = 0; s < sectors.length; s++) sectorCum[s] = cumulative(sector[s]);
    }

    private static double[] cumulative(double[] x) {
        double[] c = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            c[i] = sum;
        }
        return c;
    }

    static LocalDate quarterEndOnOrAfter(LocalDate day) {
        int m = ((day.getMonthValue() - 1) / 3 + 1) * 3;
        return LocalDate.of(day.getYear(), m, 1).plusMonths(1).minusDays(1);
    }

    private int[] computeYearStarts() {
        List<Integer> starts = new ArrayList<>();
        int lastYear = Integer.MIN_VALUE;
        for (int d = 0; d < nd; d++) {
            int y = LocalDate.ofEpochDay(days[d]).getYear();
            if (y != lastYear) {
                starts.add(d);
                lastYear = y;
            }
        }
        starts.add(nd);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Index of the first trading day on or after epoch day {@code day} (nd if none). */
    int dayIndexOnOrAfter(int day) {
        int i = java.util.Arrays.binarySearch(days, day);
        return i >= 0 ? i : -i - 1;
    }
}
