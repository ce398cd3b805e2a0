package io.stocklab.engine.generate;

import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.DatasetDirectory;
import io.stocklab.engine.data.FundamentalItem;
import io.stocklab.engine.data.Fundamentals;
import io.stocklab.engine.data.MarketPanel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A deterministic synthetic KOSPI/KOSDAQ-like market: daily bars, quarterly statements with disclosure dates,
 * listings, delistings, halts and two cap-weighted indices. <b>The data is synthetic</b>: names, codes and
 * numbers are generated and describe no real company; the panel says so ({@link MarketPanel#synthetic()}).
 *
 * <p>The output depends only on the {@link GeneratorConfig}: every stock draws from its own random stream,
 * seeded from the master seed and the stock's number, and writes its own slice of the arrays, so generating in
 * parallel gives the same bits as generating on one thread. The model is described in
 * {@code docs/synthetic-data.md}.
 */
public final class SyntheticMarket {
    private SyntheticMarket() {
    }

    /** The progress phase reported while generating. */
    public static final String PHASE = "generating";
    /** Share of stocks listed during the period (the rest were listed before it starts). */
    static final double NEW_LISTING_SHARE = 0.15;
    static final double KOSPI_SHARE = 0.35;
    public static final double KOSPI_BASE = 2000, KOSDAQ_BASE = 700;

    private static final Map<MarketPanel, GeneratorConfig> CONFIGS = Collections.synchronizedMap(new WeakHashMap<>());

    private static final String[] SYLLABLES = {"가", "누", "도", "로", "미", "벨", "비", "사", "세", "소", "아", "온", "유",
            "이", "제", "주", "케", "타", "토", "파", "포", "하", "휘", "루", "린", "솔", "윤", "결", "담", "뮤", "슬", "키"};

    /** Generates the market described by {@code config}, reporting progress (phase {@value #PHASE}). */
    public static MarketPanel generate(GeneratorConfig config, ProgressListener listener) {
        ProgressListener progress = monotonic(listener == null ? ProgressListener.NONE : listener);
        progress.progress(0, PHASE, "calendar and market factors");
        long seed = config.seed();
        MarketContext mc = new MarketContext(config, Rng.mix(seed, 1, 0));
        int nd = mc.nd;
        List<StockPlan> plans = plan(config, mc);
        int n = plans.size();

        double[] open = new double[n * nd], high = new double[n * nd], low = new double[n * nd],
                close = new double[n * nd], volume = new double[n * nd];
        StockSimulator.Result[] results = new StockSimulator.Result[n];
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, n / 100);
        IntStream.range(0, n).parallel().forEach(a -> {
            StockPlan p = plans.get(a);
            results[a] = new StockSimulator(mc, p, new Rng(Rng.mix(seed, 2, p.number()))).run(open, high, low, close, volume, a * nd);
            int k = done.incrementAndGet();
            if (k % step == 0 || k == n) progress.progress(0.9 * k / n, PHASE, "stock " + k + " of " + n);
        });

        progress.progress(0.9, PHASE, "indices and statements");
        List<Asset> assets = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            StockPlan p = plans.get(a);
            StockSimulator.Result r = results[a];
            LocalDate delisted = r.exit() != StockSimulator.Exit.NONE ? LocalDate.ofEpochDay(mc.days[r.lastBar() + 1]) : null;
            assets.add(new Asset(p.code(), p.name(), p.market(), p.sector().displayName(), p.listed(), delisted));
        }
        Fundamentals fundamentals = fundamentals(results, n);
        Map<String, double[]> benchmarks = benchmarks(mc, plans, results, close);
        MarketPanel panel = new MarketPanel(config.panelName(), true, mc.days, assets, open, high, low, close, volume,
                fundamentals, benchmarks, List.of());
        CONFIGS.put(panel, config);
        DatasetDirectory.describeGenerator(panel, config.toMap());
        progress.progress(1, PHASE, "done");
        return panel;
    }

    /** The config a panel was generated from, if it was generated in this process by {@link #generate}. */
    public static Optional<GeneratorConfig> configOf(MarketPanel panel) {
        return Optional.ofNullable(CONFIGS.get(panel));
    }

    /** Decides every stock's market, sector, code, name and listing, in symbol order. */
    static List<StockPlan> plan(GeneratorConfig config, MarketContext mc) {
        int n = config.stocks();
        int nd = mc.nd;
        Rng namesAndCodes = new Rng(Rng.mix(config.seed(), 3, 0));
        Set<String> codes = new HashSet<>(), names = new HashSet<>();
        boolean sparseCodes = n <= 20_000;
        Sector[] sectors = Sector.values();
        LocalDate start = config.start();
        List<StockPlan> plans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Rng r = new Rng(Rng.mix(config.seed(), 4, i));
            boolean kospi = r.chance(KOSPI_SHARE);
            Sector sector = pickSector(r, sectors, kospi);
            boolean newListing = r.chance(NEW_LISTING_SHARE) && nd > 100;
            int listIdx = newListing ? 20 + r.nextInt(nd - 80) : 0;
            LocalDate listed;
            if (newListing) {
                listed = LocalDate.ofEpochDay(mc.days[listIdx]);
            } else {
                LocalDate marketOpen = kospi ? LocalDate.of(1956, 3, 3) : LocalDate.of(1996, 7, 1);
                LocalDate earliest = marketOpen.isBefore(start.minusYears(1)) ? marketOpen : start.minusYears(1);
                long span = start.toEpochDay() - 30 - earliest.toEpochDay();
                // more recent listings are more common (KOSDAQ and many KOSPI listings are young)
                double u = r.uniform();
                listed = start.minusDays(30 + (long) (u * u * span));
                while (listed.getDayOfWeek().getValue() > 5) listed = listed.minusDays(1);
            }
            String code;
            do {
                code = sparseCodes
                        ? String.format("%06d", 10 * (2 + namesAndCodes.nextInt(49_998)))
                        : String.format("%06d", 1 + namesAndCodes.nextInt(999_999));
            } while (!codes.add(code));
            String[] suffixes = sector.nameSuffixes();
            String name = null;
            for (int attempt = 0; name == null; attempt++) {
                StringBuilder sb = new StringBuilder();
                int prev = -1;
                for (int s = 0; s < 3; s++) {
                    int k;
                    do {
                        k = namesAndCodes.nextInt(SYLLABLES.length);
                    } while (k == prev);
                    sb.append(SYLLABLES[k]);
                    prev = k;
                }
                sb.append(suffixes[namesAndCodes.nextInt(suffixes.length)]);
                if (attempt > 20) sb.append(' ').append(attempt);
                if (names.add(sb.toString())) name = sb.toString();
            }
            plans.add(new StockPlan(i, code, name, kospi, sector, listIdx, listed));
        }
        plans.sort(Comparator.comparing(StockPlan::code));
        return plans;
    }

    private static Sector pickSector(Rng r, Sector[] sectors, boolean kospi) {
        double total = 0;
        for (Sector s : sectors) total += kospi ? s.kospiWeight : s.kosdaqWeight;
        double u = r.uniform() * total;
        for (Sector s : sectors) {
            u -= kospi ? s.kospiWeight : s.kosdaqWeight;
            if (u < 0) return s;
        }
        return sectors[sectors.length - 1];
    }

    private static Fundamentals fundamentals(StockSimulator.Result[] results, int n) {
        int total = 0;
        int[] offsets = new int[n + 1];
        for (int a = 0; a < n; a++) {
            total += results[a].reportCount();
            offsets[a + 1] = total;
        }
        int items = FundamentalItem.values().length;
        int[] periodEnd = new int[total], disclosed = new int[total];
        double[][] values = new double[items][total];
        for (int a = 0; a < n; a++) {
            StockSimulator.Result r = results[a];
            int o = offsets[a], k = r.reportCount();
            System.arraycopy(r.periodEnd(), 0, periodEnd, o, k);
            System.arraycopy(r.disclosed(), 0, disclosed, o, k);
            for (int it = 0; it < items; it++) System.arraycopy(r.values()[it], 0, values[it], o, k);
        }
        return new Fundamentals(offsets, periodEnd, disclosed, values);
    }

    /**
     * Cap-weighted indices of each market's listed stocks: each day the index moves by the change of the total
     * market cap of the stocks that trade that day and had traded before (shares held fixed over the day, so
     * listings, delistings, halts and share issuance do not move it).
     */
    private static Map<String, double[]> benchmarks(MarketContext mc, List<StockPlan> plans, StockSimulator.Result[] results,
                                                    double[] close) {
        int nd = mc.nd;
        double[][] num = new double[2][nd], den = new double[2][nd];
        for (int a = 0; a < plans.size(); a++) {
            int m = plans.get(a).kospi() ? 0 : 1;
            StockSimulator.Result r = results[a];
            double[] sharesAfter = r.sharesAfterQuarter();
            double prev = Double.NaN;
            int base = a * nd;
            for (int d = 0; d < nd; d++) {
                double c = close[base + d];
                if (Double.isNaN(c)) continue;
                if (!Double.isNaN(prev)) {
                    double sh = r.shares0();
                    for (int k = mc.quartersBefore[d] - 1; k >= 0; k--) {
                        if (!Double.isNaN(sharesAfter[k])) {
                            sh = sharesAfter[k];
                            break;
                        }
                    }
                    num[m][d] += sh * c;
                    den[m][d] += sh * prev;
                }
                prev = c;
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        String[] names = {"KOSPI", "KOSDAQ"};
        double[] bases = {KOSPI_BASE, KOSDAQ_BASE};
        for (int m = 0; m < 2; m++) {
            double[] idx = new double[nd];
            double level = bases[m];
            for (int d = 0; d < nd; d++) {
                if (d > 0 && den[m][d] > 0) level *= num[m][d] / den[m][d];
                idx[d] = level;
            }
            out.put(names[m], idx);
        }
        return out;
    }

    /** Wraps a listener so that fractions never go down even when several threads report. */
    private static ProgressListener monotonic(ProgressListener listener) {
        return new ProgressListener() {
            private double last = -1;

            @Override
            public synchronized void progress(double fraction, String phase, String detail) {
                if (fraction < last) return;
                last = fraction;
                listener.progress(fraction, phase, detail);
            }
        };
    }
}
