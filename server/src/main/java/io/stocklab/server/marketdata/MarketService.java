package io.stocklab.server.marketdata;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.FundamentalItem;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.expr.BoundExpression;
import io.stocklab.engine.expr.Expression;
import io.stocklab.engine.expr.ExpressionException;
import io.stocklab.engine.factor.Factor;
import io.stocklab.engine.factor.FactorCategory;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/** The market API's reads, served from the current in-memory panel of a dataset (plus a few asset columns). */
@Service
class MarketService {
    static final int MAX_EXPRESSIONS = 10;
    /** Factors shown on an asset's detail when the caller names none. */
    static final List<String> DETAIL_FACTORS = List.of("market_cap", "per", "pbr", "roe", "mom_126d", "rsi_14", "volatility_60d");

    private final DbDatasets datasets;
    private final MarketStore store;
    private final QuoteCache quotes;
    private final FactorLibrary library = FactorLibrary.standard();

    MarketService(DbDatasets datasets, MarketStore store, QuoteCache quotes) {
        this.datasets = datasets;
        this.store = store;
        this.quotes = quotes;
    }

    FactorLibrary library() {
        return library;
    }

    DatasetSnapshot snapshot(String dataset) {
        String id = dataset == null || dataset.isBlank() ? datasets.defaultId() : dataset;
        return datasets.snapshot(id);
    }

    // ------------------------------------------------------------------------------------------------ symbols

    record SymbolItem(String code, String name, String market, String sector, LocalDate listed, LocalDate delisted) {
        static SymbolItem of(Asset a) {
            return new SymbolItem(a.symbol(), a.name(), a.market(), a.sector(), a.listed(), a.delisted());
        }
    }

    record SymbolPage(String dataset, String version, List<SymbolItem> items, String nextCursor) {
    }

    SymbolPage symbols(String dataset, String q, String market, String sector, String cursor, int limit) {
        if (limit < 1 || limit > 500) throw ApiException.invalidField("limit", "must be between 1 and 500");
        DatasetSnapshot s = snapshot(dataset);
        String after = decodeCursor(cursor);
        String needle = q == null ? null : q.trim().toLowerCase(Locale.ROOT);
        List<SymbolItem> items = new ArrayList<>(limit);
        String next = null;
        for (Asset a : s.panel().assets()) { // assets are sorted by code
            if (after != null && a.symbol().compareTo(after) <= 0) continue;
            if (market != null && !market.isBlank() && !a.market().equalsIgnoreCase(market.trim())) continue;
            if (sector != null && !sector.isBlank() && (a.sector() == null || !a.sector().equalsIgnoreCase(sector.trim()))) continue;
            if (needle != null && !needle.isEmpty() && !a.symbol().toLowerCase(Locale.ROOT).contains(needle)
                    && !a.name().toLowerCase(Locale.ROOT).contains(needle)) continue;
            if (items.size() == limit) {
                next = encodeCursor(items.getLast().code());
                break;
            }
            items.add(SymbolItem.of(a));
        }
        return new SymbolPage(s.datasetId(), s.version(), items, next);
    }

    static String encodeCursor(String code) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c:" + code).getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) return null;
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("c:")) return s.substring(2);
        } catch (IllegalArgumentException e) {
            // below
        }
        throw ApiException.invalidField("cursor", "not a cursor of this list");
    }

    // ------------------------------------------------------------------------------------------------ asset detail

    record Bar(LocalDate date, Double open, Double high, Double low, Double close, Double volume) {
    }

    record AssetDetail(String dataset, String version, String code, String name, String market, String sector,
                       String industry, String currency, LocalDate listed, LocalDate delisted, Double sharesOutstanding,
                       Bar lastBar, Fundamentals latestFundamentals, Map<String, Double> factors) {
    }

    record Fundamentals(LocalDate periodEnd, LocalDate disclosed, Map<String, Double> items) {
    }

    AssetDetail asset(String dataset, String code, List<String> factorIds) {
        DatasetSnapshot s = snapshot(dataset);
        MarketPanel p = s.panel();
        int a = assetIndex(p, code);
        Asset asset = p.asset(a);
        MarketStore.AssetRow row = store.asset(s.datasetId(), code).orElse(null);
        int last = p.lastBar(a);
        Bar bar = last < 0 ? null : bar(p, a, last);
        // point in time: the latest report disclosed on or before the panel's last day
        io.stocklab.engine.data.Fundamentals f = p.fundamentals();
        Fundamentals latest = null;
        int lastDay = p.dateCount() == 0 ? Integer.MAX_VALUE : p.epochDay(p.dateCount() - 1);
        for (int r = f.end(a) - 1; r >= f.start(a); r--) {
            if (f.disclosed(r) <= lastDay) {
                Map<String, Double> items = new LinkedHashMap<>();
                for (FundamentalItem item : FundamentalItem.values()) items.put(item.column(), num(f.value(item, r)));
                latest = new Fundamentals(LocalDate.ofEpochDay(f.periodEnd(r)), LocalDate.ofEpochDay(f.disclosed(r)), items);
                break;
            }
        }
        List<String> ids = factorIds == null || factorIds.isEmpty() ? DETAIL_FACTORS : factorIds;
        if (ids.size() > 30) throw ApiException.invalidField("factor", "at most 30 factors");
        Map<String, Double> factors = new LinkedHashMap<>();
        for (String id : ids) {
            if (!library.contains(id)) {
                if (factorIds == null || factorIds.isEmpty()) continue;
                throw ApiException.invalidField("factor", "unknown factor '" + id + "' (see GET /api/v1/factors)");
            }
            double[] v = library.values(p, id);
            factors.put(id, last < 0 ? null : num(v[p.at(a, last)]));
        }
        return new AssetDetail(s.datasetId(), s.version(), asset.symbol(), asset.name(), asset.market(), asset.sector(),
                row == null ? null : row.industry(), row == null ? null : row.currency(), asset.listed(), asset.delisted(),
                row == null ? null : row.sharesOutstanding(), bar, latest, factors);
    }

    private static int assetIndex(MarketPanel p, String code) {
        int a = p.assetIndex(code);
        if (a < 0) throw ApiException.notFound("unknown symbol '" + code + "' in dataset " + p.name());
        return a;
    }

    private static Bar bar(MarketPanel p, int a, int d) {
        int k = p.at(a, d);
        return new Bar(p.date(d), num(p.open()[k]), num(p.high()[k]), num(p.low()[k]), num(p.close()[k]), num(p.volume()[k]));
    }

    static Double num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    // ------------------------------------------------------------------------------------------------ history

    /** Column-oriented OHLCV history; {@code series} holds each requested expression, null where undefined. */
    record History(String dataset, String version, String code, LocalDate from, LocalDate to, List<LocalDate> dates,
                   List<Double> open, List<Double> high, List<Double> low, List<Double> close, List<Double> volume,
                   Map<String, List<Double>> series) {
    }

    History history(DatasetSnapshot s, String code, LocalDate from, LocalDate to, List<String> exprs) {
        MarketPanel p = s.panel();
        int a = assetIndex(p, code);
        if (from != null && to != null && to.isBefore(from)) throw ApiException.invalidField("to", "must not be before from");
        List<String> texts = exprs == null ? List.of() : exprs;
        if (texts.size() > MAX_EXPRESSIONS) throw ApiException.invalidField("expr", "at most " + MAX_EXPRESSIONS + " expressions");
        List<BoundExpression> bound = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                Expression e = Expression.parse(texts.get(i), library);
                bound.add(e.bind(p, library, null, Cancellation.NEVER));
            } catch (ExpressionException e) {
                throw new ApiException(ProblemType.INVALID_EXPRESSION, "expr[" + i + "] '" + texts.get(i) + "': " + e.getMessage(),
                        List.of(new io.stocklab.server.platform.error.FieldProblem("expr[" + i + "]", e.getMessage())), Map.of());
            } catch (IllegalArgumentException e) {
                throw new ApiException(ProblemType.INVALID_EXPRESSION, "expr[" + i + "] '" + texts.get(i) + "': " + e.getMessage());
            }
        }
        int d0 = Math.max(from == null ? 0 : p.dateIndexOnOrAfter(from), Math.max(0, p.firstBar(a)));
        int d1 = Math.min(to == null ? p.dateCount() - 1 : p.dateIndexOnOrBefore(to), p.lastBar(a));
        List<LocalDate> dates = new ArrayList<>();
        List<Double> o = new ArrayList<>(), h = new ArrayList<>(), l = new ArrayList<>(), c = new ArrayList<>(), v = new ArrayList<>();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String t : texts) series.put(t, new ArrayList<>());
        for (int d = d0; d <= d1 && p.lastBar(a) >= 0; d++) {
            if (!p.hasBar(a, d)) continue;
            int k = p.at(a, d);
            dates.add(p.date(d));
            o.add(num(p.open()[k]));
            h.add(num(p.high()[k]));
            l.add(num(p.low()[k]));
            c.add(num(p.close()[k]));
            v.add(num(p.volume()[k]));
            for (int i = 0; i < texts.size(); i++) series.get(texts.get(i)).add(num(bound.get(i).value(d, a)));
        }
        return new History(s.datasetId(), s.version(), code, dates.isEmpty() ? null : dates.getFirst(),
                dates.isEmpty() ? null : dates.getLast(), dates, o, h, l, c, v, series);
    }

    // ------------------------------------------------------------------------------------------------ quotes

    record Quote(String code, String name, LocalDate date, Double open, Double high, Double low, Double close,
                 Double volume, Double previousClose, Double change, Double changePercent) {
    }

    record Quotes(String dataset, String version, List<Quote> items) {
    }

    Quotes quotes(String dataset, List<String> codes) {
        if (codes == null || codes.isEmpty()) throw ApiException.invalidField("symbols", "name at least one symbol");
        if (codes.size() > 200) throw ApiException.invalidField("symbols", "at most 200 symbols");
        DatasetSnapshot s = snapshot(dataset);
        String prefix = s.datasetId() + ":" + s.version() + ":";
        List<String> keys = codes.stream().map(c -> prefix + c).toList();
        Map<String, Quote> cached = quotes.getAll(keys);
        List<Quote> out = new ArrayList<>(codes.size());
        Map<String, Quote> fresh = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            Quote q = cached.get(keys.get(i));
            if (q == null) {
                q = quote(s.panel(), codes.get(i));
                fresh.put(keys.get(i), q);
            }
            out.add(q);
        }
        if (!fresh.isEmpty()) quotes.putAll(fresh);
        return new Quotes(s.datasetId(), s.version(), out);
    }

    private static Quote quote(MarketPanel p, String code) {
        int a = assetIndex(p, code);
        int d = p.lastBar(a);
        if (d < 0) return new Quote(code, p.asset(a).name(), null, null, null, null, null, null, null, null, null);
        int k = p.at(a, d);
        double prev = Double.NaN;
        for (int e = d - 1; e >= 0; e--) {
            if (p.hasBar(a, e)) {
                prev = p.close()[p.at(a, e)];
                break;
            }
        }
        double close = p.close()[k];
        return new Quote(code, p.asset(a).name(), p.date(d), num(p.open()[k]), num(p.high()[k]), num(p.low()[k]), num(close),
                num(p.volume()[k]), num(prev), num(close - prev), num(prev > 0 ? (close / prev - 1) * 100 : Double.NaN));
    }

    // ------------------------------------------------------------------------------------------------ groups

    record Group(String name, int assets) {
    }

    List<Group> markets(String dataset) {
        return group(snapshot(dataset).panel(), Asset::market);
    }

    List<Group> sectors(String dataset) {
        return group(snapshot(dataset).panel(), a -> a.sector() == null ? "(none)" : a.sector());
    }

    private static List<Group> group(MarketPanel p, java.util.function.Function<Asset, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Asset a : p.assets()) counts.merge(key.apply(a), 1, Integer::sum);
        return counts.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
    }

    // ------------------------------------------------------------------------------------------------ universes

    record UniverseInfo(String id, String name, String description) {
    }

    record Universe(String id, String name, String dataset, String version, LocalDate asOf, List<Member> members) {
    }

    record Member(String code, String name, String market, Double marketCap) {
    }

    static final List<UniverseInfo> UNIVERSES = List.of(
            new UniverseInfo("all", "All assets", "Every asset with a bar on the last trading day"),
            new UniverseInfo("kospi200", "KOSPI200-like", "The 200 KOSPI stocks with the largest market capitalisation on the last trading day"),
            new UniverseInfo("kosdaq150", "KOSDAQ150-like", "The 150 KOSDAQ stocks with the largest market capitalisation on the last trading day"),
            new UniverseInfo("top100", "Top 100", "The 100 largest stocks of any market by market capitalisation (by traded value when unknown)"));

    Universe universe(String dataset, String id) {
        UniverseInfo info = UNIVERSES.stream().filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("unknown universe '" + id + "'; known: "
                        + UNIVERSES.stream().map(UniverseInfo::id).toList()));
        DatasetSnapshot s = snapshot(dataset);
        MarketPanel p = s.panel();
        int last = p.dateCount() - 1;
        if (last < 0) return new Universe(id, info.name(), s.datasetId(), s.version(), null, List.of());
        double[] cap = library.values(p, "market_cap");
        double[] close = p.close(), volume = p.volume();
        List<Member> members = new ArrayList<>();
        List<double[]> sizes = new ArrayList<>();
        String market = id.equals("kospi200") ? "KOSPI" : id.equals("kosdaq150") ? "KOSDAQ" : null;
        for (int a = 0; a < p.assetCount(); a++) {
            if (!p.hasBar(a, last)) continue;
            if (market != null && !market.equalsIgnoreCase(p.asset(a).market())) continue;
            int k = p.at(a, last);
            double size = cap[k];
            double value = Double.isNaN(size) ? close[k] * volume[k] : size;
            members.add(new Member(p.symbol(a), p.asset(a).name(), p.asset(a).market(), num(size)));
            sizes.add(new double[] {value, members.size() - 1, Double.isNaN(size) ? 0 : 1});
        }
        int limit = switch (id) {
            case "kospi200" -> 200;
            case "kosdaq150" -> 150;
            case "top100" -> 100;
            default -> Integer.MAX_VALUE;
        };
        if (limit != Integer.MAX_VALUE) {
            sizes.sort(Comparator.<double[]>comparingDouble(x -> x[2]).thenComparingDouble(x -> x[0]).reversed());
            List<Member> top = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, sizes.size()); i++) top.add(members.get((int) sizes.get(i)[1]));
            members = top;
        }
        return new Universe(id, info.name(), s.datasetId(), s.version(), p.date(last), members);
    }

    // ------------------------------------------------------------------------------------------------ factors

    record FactorItem(String id, String name, String description, String formula, List<String> inputs) {
    }

    record FactorGroup(String category, String label, List<FactorItem> factors) {
    }

    record FactorCatalogue(int count, List<FactorGroup> categories) {
    }

    FactorCatalogue factors(String category) {
        FactorCategory only = null;
        if (category != null && !category.isBlank()) {
            only = Arrays.stream(FactorCategory.values()).filter(c -> c.name().equalsIgnoreCase(category.trim())).findFirst()
                    .orElseThrow(() -> ApiException.invalidField("category", "unknown category; known: "
                            + Arrays.stream(FactorCategory.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
        }
        List<FactorGroup> groups = new ArrayList<>();
        int count = 0;
        for (FactorCategory c : FactorCategory.values()) {
            if (only != null && c != only) continue;
            List<FactorItem> items = new ArrayList<>();
            for (Factor f : library.all()) {
                if (f.category() == c) items.add(new FactorItem(f.id(), f.name(), f.description(), f.formula(), f.inputs()));
            }
            count += items.size();
            groups.add(new FactorGroup(c.name().toLowerCase(Locale.ROOT), c.label(), items));
        }
        return new FactorCatalogue(count, groups);
    }
}
