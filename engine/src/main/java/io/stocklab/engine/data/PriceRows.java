package io.stocklab.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-format daily bars collected row by row (any order), then turned into a {@link MarketPanel}:
 * the calendar is the sorted union of the dates, assets are sorted by symbol, and a later row for the same
 * symbol and date replaces an earlier one (counted, so the caller can warn).
 */
public final class PriceRows {
    private int size;
    private int[] date = new int[1 << 16];
    private int[] sym = new int[1 << 16];
    private double[] o = new double[1 << 16], h = new double[1 << 16], l = new double[1 << 16],
            c = new double[1 << 16], v = new double[1 << 16];
    private final Map<String, Integer> symbols = new HashMap<>();
    private final List<String> symbolNames = new ArrayList<>();
    private int duplicates;

    /** Id of a symbol (interned), for {@link #add}. */
    public int symbolId(String symbol) {
        Integer id = symbols.get(symbol);
        if (id == null) {
            id = symbolNames.size();
            symbols.put(symbol, id);
            symbolNames.add(symbol);
        }
        return id;
    }

    public void add(int epochDay, int symbolId, double open, double high, double low, double close, double volume) {
        if (size == date.length) grow();
        date[size] = epochDay;
        sym[size] = symbolId;
        o[size] = open;
        h[size] = high;
        l[size] = low;
        c[size] = close;
        v[size] = volume;
        size++;
    }

    private void grow() {
        int n = size * 2;
        date = Arrays.copyOf(date, n);
        sym = Arrays.copyOf(sym, n);
        o = Arrays.copyOf(o, n);
        h = Arrays.copyOf(h, n);
        l = Arrays.copyOf(l, n);
        c = Arrays.copyOf(c, n);
        v = Arrays.copyOf(v, n);
    }

    public int size() {
        return size;
    }

    /** Rows that replaced an earlier row for the same symbol and date (known after {@link #toPanel}). */
    public int duplicates() {
        return duplicates;
    }

    public List<String> symbols() {
        return List.copyOf(symbolNames);
    }

    /**
     * Builds the panel. {@code assetsBySymbol} supplies metadata (missing symbols get {@link Asset#of});
     * assets listed there without any bar are kept (with no bars) so the universe is complete.
     */
    public MarketPanel toPanel(String name, boolean synthetic, Map<String, Asset> assetsBySymbol,
                               FundamentalsBuilder fundamentals, Map<String, double[]> benchmarkByEpochDay,
                               int[] benchmarkDates, List<String> warnings) {
        // calendar
        int[] sorted = Arrays.copyOf(date, size);
        Arrays.sort(sorted);
        int nd = 0;
        for (int i = 0; i < size; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[nd++] = sorted[i];
        int[] dates = Arrays.copyOf(sorted, nd);
        int minDay = nd == 0 ? 0 : dates[0];
        int[] dayIndex = new int[nd == 0 ? 0 : dates[nd - 1] - minDay + 1];
        for (int d = 0; d < nd; d++) dayIndex[dates[d] - minDay] = d;

        // assets sorted by symbol
        List<String> all = new ArrayList<>(symbolNames);
        if (assetsBySymbol != null) for (String s : assetsBySymbol.keySet()) if (!symbols.containsKey(s)) all.add(s);
        all.sort(null);
        Map<String, Integer> pos = new HashMap<>(all.size() * 2);
        for (int i = 0; i < all.size(); i++) pos.put(all.get(i), i);
        int[] remap = new int[symbolNames.size()];
        for (int i = 0; i < remap.length; i++) remap[i] = pos.get(symbolNames.get(i));
        List<Asset> assets = new ArrayList<>(all.size());
        for (String s : all) {
            Asset a = assetsBySymbol == null ? null : assetsBySymbol.get(s);
            assets.add(a != null ? a : Asset.of(s));
        }

        int na = all.size();
        long cells = (long) na * nd;
        if (cells > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(name + ": " + na + " symbols × " + nd + " dates is too large for one panel");
        }
        int n = (int) cells;
        double[] fo = new double[n], fh = new double[n], fl = new double[n], fc = new double[n], fv = new double[n];
        Arrays.fill(fo, Double.NaN);
        Arrays.fill(fh, Double.NaN);
        Arrays.fill(fl, Double.NaN);
        Arrays.fill(fc, Double.NaN);
        Arrays.fill(fv, Double.NaN);
        int dups = 0;
        for (int i = 0; i < size; i++) {
            int k = remap[sym[i]] * nd + dayIndex[date[i] - minDay];
            if (!Double.isNaN(fc[k])) dups++;
            fo[k] = o[i];
            fh[k] = h[i];
            fl[k] = l[i];
            fc[k] = c[i];
            fv[k] = v[i];
        }
        duplicates = dups;
        List<String> w = new ArrayList<>(warnings == null ? List.of() : warnings);
        if (dups > 0) {
            w.add(name + ": " + dups + " duplicate row(s) for the same symbol and date; the last one in the file was kept");
        }
        Fundamentals f = fundamentals == null ? Fundamentals.empty(na) : fundamentals.build(pos, na);
        Map<String, double[]> bench = new java.util.LinkedHashMap<>();
        if (benchmarkByEpochDay != null) {
            for (Map.Entry<String, double[]> e : benchmarkByEpochDay.entrySet()) {
                String bn = e.getKey();
                double[] values = e.getValue();
                double[] aligned = new double[nd];
                Arrays.fill(aligned, Double.NaN);
                for (int i = 0; i < benchmarkDates.length; i++) {
                    int day = benchmarkDates[i];
                    int idx = Arrays.binarySearch(dates, day);
                    if (idx >= 0) aligned[idx] = values[i];
                }
                bench.put(bn, aligned);
            }
        }
        return new MarketPanel(name, synthetic, dates, assets, fo, fh, fl, fc, fv, f, bench, w);
    }
}
