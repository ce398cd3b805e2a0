package io.stocklab.engine.factor;

import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.FundamentalItem;
import io.stocklab.engine.data.Fundamentals;
import io.stocklab.engine.data.MarketPanel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Hand-made panels for the factor tests (deterministic: fixed seeds). */
final class TestPanels {
    private TestPanels() {
    }

    static final int ITEMS = FundamentalItem.values().length;

    /** Weekdays starting at {@code start}. */
    static int[] weekdays(LocalDate start, int count) {
        int[] days = new int[count];
        LocalDate d = start;
        for (int i = 0; i < count; ) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) days[i++] = (int) d.toEpochDay();
            d = d.plusDays(1);
        }
        return days;
    }

    static double[] nanRow() {
        double[] v = new double[ITEMS];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** One quarterly report for {@link #fundamentals}. */
    record Report(int asset, LocalDate periodEnd, LocalDate disclosed, double[] values) {
        Report with(FundamentalItem item, double value) {
            values[item.ordinal()] = value;
            return this;
        }
    }

    static Report report(int asset, LocalDate periodEnd, LocalDate disclosed) {
        return new Report(asset, periodEnd, disclosed, nanRow());
    }

    /** Fundamentals from reports (any order; sorted per asset by disclosure date, then period end). */
    static Fundamentals fundamentals(int assets, List<Report> reports) {
        List<Report> sorted = new ArrayList<>(reports);
        sorted.sort((a, b) -> a.asset != b.asset ? Integer.compare(a.asset, b.asset)
                : !a.disclosed.equals(b.disclosed) ? a.disclosed.compareTo(b.disclosed) : a.periodEnd.compareTo(b.periodEnd));
        int n = sorted.size();
        int[] offsets = new int[assets + 1], pe = new int[n], di = new int[n];
        double[][] v = new double[ITEMS][n];
        for (int k = 0; k < n; k++) {
            Report r = sorted.get(k);
            offsets[r.asset + 1]++;
            pe[k] = (int) r.periodEnd.toEpochDay();
            di[k] = (int) r.disclosed.toEpochDay();
            for (int c = 0; c < ITEMS; c++) v[c][k] = r.values[c];
        }
        for (int a = 0; a < assets; a++) offsets[a + 1] += offsets[a];
        return new Fundamentals(offsets, pe, di, v);
    }

    /** A panel with constant OHLC = close per day (high = low = close), volume 1000 unless given. */
    static MarketPanel closesOnly(int[] dates, double[][] closes, Fundamentals f) {
        int na = closes.length, nd = dates.length;
        double[] c = new double[na * nd], v = new double[na * nd];
        List<Asset> assets = new ArrayList<>();
        for (int a = 0; a < na; a++) {
            assets.add(Asset.of("A" + a));
            for (int d = 0; d < nd; d++) {
                c[a * nd + d] = closes[a][d];
                v[a * nd + d] = Double.isNaN(closes[a][d]) ? Double.NaN : 1000;
            }
        }
        return new MarketPanel("test", true, dates, assets, c.clone(), c.clone(), c.clone(), c, v, f, null, null);
    }

    /**
     * A random-walk panel: {@code na} assets × {@code nd} weekdays from 2015-01-01, with a late listing (asset 1),
     * an early delisting (asset 2), random halts, quarterly fundamentals (one asset loss-making, one with
     * negative equity at times) and, if asked, a benchmark.
     */
    static MarketPanel synthetic(int na, int nd, long seed, boolean benchmark) {
        Random rnd = new Random(seed);
        int[] dates = weekdays(LocalDate.of(2015, 1, 1), nd);
        int cells = na * nd;
        double[] o = new double[cells], h = new double[cells], l = new double[cells], c = new double[cells], v = new double[cells];
        Arrays.fill(o, Double.NaN);
        Arrays.fill(h, Double.NaN);
        Arrays.fill(l, Double.NaN);
        Arrays.fill(c, Double.NaN);
        Arrays.fill(v, Double.NaN);
        double[] market = new double[nd];
        double lv = 1000;
        double[] mret = new double[nd];
        for (int d = 0; d < nd; d++) {
            mret[d] = d == 0 ? 0 : rnd.nextGaussian() * 0.01 + 0.0003;
            lv *= 1 + mret[d];
            market[d] = lv;
        }
        List<Asset> assets = new ArrayList<>();
        List<Report> reports = new ArrayList<>();
        for (int a = 0; a < na; a++) {
            assets.add(new Asset(String.format("S%04d", a), null, a % 2 == 0 ? "KOSPI" : "KOSDAQ", null, null, null));
            int first = a == 1 ? Math.min(30, nd - 1) : 0;
            int last = a == 2 ? Math.max(first, nd - 41) : nd - 1;
            double price = 10 + rnd.nextInt(90);
            double beta = 0.5 + rnd.nextDouble();
            for (int d = first; d <= last; d++) {
                double r = beta * mret[d] + rnd.nextGaussian() * 0.015;
                double open = price;
                price = Math.max(0.5, price * (1 + r));
                if (a > 2 && rnd.nextDouble() < 0.01) continue; // halt: no bar
                int i = a * nd + d;
                o[i] = open;
                c[i] = price;
                h[i] = Math.max(open, price) * (1 + rnd.nextDouble() * 0.01);
                l[i] = Math.min(open, price) * (1 - rnd.nextDouble() * 0.01);
                v[i] = rnd.nextDouble() < 0.01 ? 0 : Math.floor(1e5 + rnd.nextDouble() * 1e6);
            }
            double rev = 100 + rnd.nextInt(100), shares = 1e6 * (1 + rnd.nextInt(10));
            double equity = 300 + rnd.nextInt(200), assetsTotal = equity * 2.5;
            LocalDate pe = LocalDate.of(2013, 3, 31);
            LocalDate end = LocalDate.ofEpochDay(dates[nd - 1]);
            while (!pe.isAfter(end)) {
                rev *= 1 + (rnd.nextDouble() - 0.4) * 0.1;
                double margin = a == 3 ? -0.05 : 0.05 + rnd.nextDouble() * 0.1;
                double ni = rev * margin;
                equity += ni * 0.5;
                if (a == 4) equity = (pe.getYear() % 2 == 0) ? -50 : 200;
                assetsTotal = Math.max(assetsTotal + ni, 100);
                double liab = assetsTotal - equity;
                if (rnd.nextDouble() < 0.1) shares *= 1.02;
                Report r = report(a, pe, pe.plusDays(40 + rnd.nextInt(20)))
                        .with(FundamentalItem.REVENUE, rev)
                        .with(FundamentalItem.GROSS_PROFIT, rev * 0.4)
                        .with(FundamentalItem.OPERATING_INCOME, rev * (margin + 0.02))
                        .with(FundamentalItem.NET_INCOME, ni)
                        .with(FundamentalItem.INTEREST_EXPENSE, rev * 0.01)
                        .with(FundamentalItem.DEPRECIATION, rev * 0.03)
                        .with(FundamentalItem.OPERATING_CASH_FLOW, ni * 1.2 + 1)
                        .with(FundamentalItem.CAPEX, rev * 0.05)
                        .with(FundamentalItem.DIVIDENDS, pe.getMonthValue() == 12 ? Math.max(ni, 0) * 0.3 : 0)
                        .with(FundamentalItem.TOTAL_ASSETS, assetsTotal)
                        .with(FundamentalItem.TOTAL_LIABILITIES, liab)
                        .with(FundamentalItem.EQUITY, equity)
                        .with(FundamentalItem.CURRENT_ASSETS, assetsTotal * 0.4)
                        .with(FundamentalItem.CURRENT_LIABILITIES, liab * 0.5 + 1)
                        .with(FundamentalItem.CASH, assetsTotal * 0.1)
                        .with(FundamentalItem.SHARES_OUTSTANDING, shares);
                if (a % 5 == 0) r.with(FundamentalItem.CASH, Double.NaN).with(FundamentalItem.GROSS_PROFIT, Double.NaN);
                reports.add(r);
                pe = pe.plusMonths(3).withDayOfMonth(1).plusMonths(1).minusDays(1);
            }
        }
        Map<String, double[]> bm = new LinkedHashMap<>();
        if (benchmark) bm.put("MARKET", market);
        return new MarketPanel("synthetic-test", true, dates, assets, o, h, l, c, v, fundamentals(na, reports), bm, List.of());
    }

    /** The bundled real sample, found from the module or the repository root. */
    static Path sampleData() {
        String name = "data/sp500_daily_2013_2018.csv.gz";
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        throw new IllegalStateException("sample data " + name + " not found from " + Path.of("").toAbsolutePath());
    }

    /** Compact values (bars only) of one asset. */
    static double[] compact(MarketPanel p, double[] values, int asset) {
        int[] idx = PerAsset.barDates(p, asset);
        double[] out = new double[idx.length];
        for (int j = 0; j < idx.length; j++) out[j] = values[p.at(asset, idx[j])];
        return out;
    }
}
