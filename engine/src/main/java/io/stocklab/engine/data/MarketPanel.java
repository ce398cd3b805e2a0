package io.stocklab.engine.data;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Columnar, immutable snapshot of daily bars: a calendar of trading dates × a list of assets, one primitive
 * array per field. Arrays are asset-major: the value of asset {@code a} on date index {@code d} is at
 * {@code a * dateCount() + d} (see {@link #at(int, int)}), so one asset's history is contiguous. A missing bar
 * (halt, not yet listed, delisted) is NaN in every price field. Benchmarks (market indices) are aligned on the
 * same calendar. Derived arrays (factors, expression terms) are memoized in {@link #cache()}.
 */
public final class MarketPanel {
    public static final int OPEN = 0, HIGH = 1, LOW = 2, CLOSE = 3, VOLUME = 4;

    private final String name;
    private final boolean synthetic;
    private final int[] dates;
    private final List<Asset> assets;
    private final Map<String, Integer> assetIndex;
    private final double[] open, high, low, close, volume;
    private final Fundamentals fundamentals;
    private final Map<String, double[]> benchmarks;
    private final List<String> loadWarnings;
    private final int[] firstBar, lastBar, barCount;
    private final ComputeCache cache = new ComputeCache();

    /**
     * @param name        a human name of the data (file name, dataset id)
     * @param synthetic   true for generated data (said wherever results are shown)
     * @param dates       trading dates as epoch days, strictly ascending
     * @param assets      assets, with unique symbols
     * @param open        asset-major arrays of length assets × dates; NaN where there is no bar
     * @param fundamentals quarterly statements (use {@link Fundamentals#empty(int)} when there are none)
     * @param benchmarks  benchmark closes by name, each of length dates (NaN where missing)
     * @param loadWarnings warnings raised while loading (kept for the results)
     */
    public MarketPanel(String name, boolean synthetic, int[] dates, List<Asset> assets,
                       double[] open, double[] high, double[] low, double[] close, double[] volume,
                       Fundamentals fundamentals, Map<String, double[]> benchmarks, List<String> loadWarnings) {
        this.name = Objects.requireNonNull(name, "name");
        this.synthetic = synthetic;
        this.dates = dates.clone();
        this.assets = List.copyOf(assets);
        int nd = dates.length, na = assets.size();
        for (int i = 1; i < nd; i++) {
            if (dates[i] <= dates[i - 1]) throw new IllegalArgumentException("dates must be strictly ascending at index " + i);
        }
        long cells = (long) nd * na;
        if (cells > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("panel too large: " + cells + " cells");
        for (double[] f : new double[][] {open, high, low, close, volume}) {
            if (f.length != cells) throw new IllegalArgumentException("field length " + f.length + " != assets × dates " + cells);
        }
        this.assetIndex = new HashMap<>(na * 2);
        for (int a = 0; a < na; a++) {
            if (assetIndex.put(this.assets.get(a).symbol(), a) != null) {
                throw new IllegalArgumentException("duplicate asset symbol " + this.assets.get(a).symbol());
            }
        }
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.fundamentals = fundamentals == null ? Fundamentals.empty(na) : fundamentals;
        if (this.fundamentals.assetCount() != na) {
            throw new IllegalArgumentException("fundamentals cover " + this.fundamentals.assetCount() + " assets, panel has " + na);
        }
        Map<String, double[]> b = new LinkedHashMap<>();
        if (benchmarks != null) {
            benchmarks.forEach((k, v) -> {
                if (v.length != nd) throw new IllegalArgumentException("benchmark " + k + " length " + v.length + " != dates " + nd);
                b.put(k, v);
            });
        }
        this.benchmarks = Collections.unmodifiableMap(b);
        this.loadWarnings = loadWarnings == null ? List.of() : List.copyOf(loadWarnings);
        this.firstBar = new int[na];
        this.lastBar = new int[na];
        this.barCount = new int[na];
        for (int a = 0; a < na; a++) {
            int first = -1, last = -1, count = 0, base = a * nd;
            for (int d = 0; d < nd; d++) {
                if (!Double.isNaN(close[base + d])) {
                    if (first < 0) first = d;
                    last = d;
                    count++;
                }
            }
            firstBar[a] = first;
            lastBar[a] = last;
            barCount[a] = count;
        }
    }

    public String name() { return name; }

    public boolean synthetic() { return synthetic; }

    public int dateCount() { return dates.length; }

    public int assetCount() { return assets.size(); }

    /** Number of cells (assets × dates): the length of every field array. */
    public int cellCount() { return dates.length * assets.size(); }

    /** Index into a field array. */
    public int at(int asset, int date) { return asset * dates.length + date; }

    /** Trading date {@code d} as epoch day. */
    public int epochDay(int d) { return dates[d]; }

    public LocalDate date(int d) { return LocalDate.ofEpochDay(dates[d]); }

    /** A copy of the calendar (epoch days). */
    public int[] epochDays() { return dates.clone(); }

    /** Index of the first trading date on or after {@code day}, or dateCount() if none. */
    public int dateIndexOnOrAfter(LocalDate day) {
        int i = Arrays.binarySearch(dates, (int) day.toEpochDay());
        return i >= 0 ? i : -i - 1;
    }

    /** Index of the last trading date on or before {@code day}, or -1 if none. */
    public int dateIndexOnOrBefore(LocalDate day) {
        int i = Arrays.binarySearch(dates, (int) day.toEpochDay());
        return i >= 0 ? i : -i - 2;
    }

    public List<Asset> assets() { return assets; }

    public Asset asset(int a) { return assets.get(a); }

    public String symbol(int a) { return assets.get(a).symbol(); }

    /** Index of the asset with this symbol, or -1. */
    public int assetIndex(String symbol) {
        Integer i = assetIndex.get(symbol);
        return i == null ? -1 : i;
    }

    /** The raw field array (do not modify): {@link #OPEN} … {@link #VOLUME}. */
    public double[] field(int field) {
        return switch (field) {
            case OPEN -> open;
            case HIGH -> high;
            case LOW -> low;
            case CLOSE -> close;
            case VOLUME -> volume;
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
    }

    public double[] open() { return open; }
    public double[] high() { return high; }
    public double[] low() { return low; }
    public double[] close() { return close; }
    public double[] volume() { return volume; }

    /** True if asset {@code a} has a bar on date index {@code d}. */
    public boolean hasBar(int a, int d) { return !Double.isNaN(close[a * dates.length + d]); }

    /** First date index with a bar of asset {@code a}, or -1 if it has none. */
    public int firstBar(int a) { return firstBar[a]; }

    /** Last date index with a bar of asset {@code a}, or -1 if it has none. */
    public int lastBar(int a) { return lastBar[a]; }

    /** Number of bars of asset {@code a}. */
    public int barCount(int a) { return barCount[a]; }

    public Fundamentals fundamentals() { return fundamentals; }

    public Map<String, double[]> benchmarks() { return benchmarks; }

    public List<String> loadWarnings() { return loadWarnings; }

    /** Memo of derived arrays for this panel (factors, expression terms). */
    public ComputeCache cache() { return cache; }

    /** Total number of bars (cells with a close). */
    public long barTotal() {
        long t = 0;
        for (int c : barCount) t += c;
        return t;
    }

    /** A new panel holding only the given assets (same calendar), e.g. for one-symbol runs. */
    public MarketPanel select(int[] assetIdx) {
        int nd = dates.length;
        int n = assetIdx.length;
        double[][] src = {open, high, low, close, volume};
        double[][] dst = new double[5][n * nd];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < 5; f++) System.arraycopy(src[f], assetIdx[i] * nd, dst[f], i * nd, nd);
        }
        Asset[] sel = new Asset[n];
        for (int i = 0; i < n; i++) sel[i] = assets.get(assetIdx[i]);
        return new MarketPanel(name, synthetic, dates, List.of(sel), dst[0], dst[1], dst[2], dst[3], dst[4],
                fundamentals.select(assetIdx), benchmarks, loadWarnings);
    }

    @Override
    public String toString() {
        return "MarketPanel[" + name + (synthetic ? " (synthetic)" : "") + ", " + assets.size() + " assets × "
                + dates.length + " dates" + (dates.length > 0 ? ", " + date(0) + ".." + date(dates.length - 1) : "") + "]";
    }
}
