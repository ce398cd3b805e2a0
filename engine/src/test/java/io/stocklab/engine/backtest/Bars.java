package io.stocklab.engine.backtest;

import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.MarketPanel;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link MarketPanel} by hand for the backtest tests: a calendar, then one row of bars per asset.
 * {@link #N} (NaN) in a close means "no bar" that day (halt, not yet listed, delisted); the other fields of that
 * day are then NaN as well. Unless given, open = high = low = close and volume = 1,000.
 */
final class Bars {
    static final double N = Double.NaN;

    private final List<LocalDate> dates;
    private final List<Asset> assets = new ArrayList<>();
    private final List<double[][]> rows = new ArrayList<>(); // per asset: {open, high, low, close, volume}
    private final Map<String, double[]> benchmarks = new LinkedHashMap<>();

    private Bars(List<LocalDate> dates) {
        this.dates = dates;
    }

    /** A calendar of the given ISO dates (ascending). */
    static Bars on(String... isoDates) {
        List<LocalDate> d = new ArrayList<>();
        for (String s : isoDates) d.add(LocalDate.parse(s));
        return new Bars(d);
    }

    /** A calendar of {@code n} consecutive weekdays from {@code start} (a weekday). */
    static Bars weekdays(String start, int n) {
        return new Bars(weekdayList(LocalDate.parse(start), n));
    }

    static List<LocalDate> weekdayList(LocalDate start, int n) {
        List<LocalDate> d = new ArrayList<>();
        LocalDate x = start;
        while (d.size() < n) {
            if (x.getDayOfWeek() != DayOfWeek.SATURDAY && x.getDayOfWeek() != DayOfWeek.SUNDAY) d.add(x);
            x = x.plusDays(1);
        }
        return d;
    }

    int days() {
        return dates.size();
    }

    LocalDate date(int d) {
        return dates.get(d);
    }

    /** An asset of market UNKNOWN whose open, high and low equal the close. */
    Bars asset(String symbol, double... close) {
        return asset(Asset.of(symbol), close);
    }

    Bars asset(Asset asset, double... close) {
        return ohlc(asset, close, close, close, close);
    }

    Bars ohlc(String symbol, double[] open, double[] high, double[] low, double[] close) {
        return ohlc(Asset.of(symbol), open, high, low, close);
    }

    Bars ohlc(Asset asset, double[] open, double[] high, double[] low, double[] close) {
        int nd = dates.size();
        for (double[] f : new double[][] {open, high, low, close}) {
            if (f.length != nd) throw new IllegalArgumentException(asset.symbol() + ": " + f.length + " values for " + nd + " dates");
        }
        double[] vol = new double[nd];
        double[] o = open.clone(), h = high.clone(), l = low.clone(), c = close.clone();
        for (int d = 0; d < nd; d++) {
            if (Double.isNaN(c[d])) {
                o[d] = h[d] = l[d] = vol[d] = N;
            } else {
                vol[d] = 1_000;
            }
        }
        assets.add(asset);
        rows.add(new double[][] {o, h, l, c, vol});
        return this;
    }

    /** Replaces the volume of the asset added last. */
    Bars volume(double... volume) {
        if (volume.length != dates.size()) throw new IllegalArgumentException("volume length");
        rows.get(rows.size() - 1)[4] = volume.clone();
        return this;
    }

    Bars benchmark(String name, double... close) {
        if (close.length != dates.size()) throw new IllegalArgumentException("benchmark length");
        benchmarks.put(name, close.clone());
        return this;
    }

    MarketPanel build() {
        int nd = dates.size(), na = assets.size();
        double[][] fields = new double[5][nd * na];
        for (int a = 0; a < na; a++) {
            for (int f = 0; f < 5; f++) System.arraycopy(rows.get(a)[f], 0, fields[f], a * nd, nd);
        }
        int[] epochDays = dates.stream().mapToInt(d -> (int) d.toEpochDay()).toArray();
        return new MarketPanel("hand-built", false, epochDays, assets,
                fields[0], fields[1], fields[2], fields[3], fields[4], null,
                benchmarks.isEmpty() ? null : benchmarks, null);
    }

    /** {@code n} copies of {@code v}. */
    static double[] flat(int n, double v) {
        double[] x = new double[n];
        Arrays.fill(x, v);
        return x;
    }
}
