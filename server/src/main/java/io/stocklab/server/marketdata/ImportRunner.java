package io.stocklab.server.marketdata;

import io.stocklab.engine.data.CsvLines;
import io.stocklab.engine.data.DataFormatException;
import io.stocklab.engine.data.FundamentalItem;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads one import file and writes it in one transaction: the file lands whole (its valid rows) or not at all.
 * Each bad row is rejected with its line number and reason; a bad file (not CSV, wrong header, unbalanced quotes,
 * corrupt gzip…) aborts the import with a clear problem and stores nothing.
 */
@Component
class ImportRunner {
    /** Earliest and latest accepted dates (epoch days of 1900-01-01 and 2100-12-31). */
    static final int MIN_DAY = (int) LocalDate.of(1900, 1, 1).toEpochDay(), MAX_DAY = (int) LocalDate.of(2100, 12, 31).toEpochDay();

    private final MarketStore store;

    ImportRunner(MarketStore store) {
        this.store = store;
    }

    /** What to import. */
    record Request(String datasetId, ImportKind kind, String fileName, String symbol, boolean createAssets,
                   boolean strict, String charset, int disclosureLagDays) {
    }

    /** The report of an import. */
    static final class Report {
        long rowsRead, rejected;
        MarketStore.Counts counts = MarketStore.Counts.NONE;
        long newVersion = -1;
        final List<Rejection> rejections = new ArrayList<>();
        final int maxListed;

        Report(int maxListed) {
            this.maxListed = maxListed;
        }

        void reject(long line, String reason) {
            rejected++;
            if (rejections.size() < maxListed) rejections.add(new Rejection(line, reason.length() > 300 ? reason.substring(0, 300) : reason));
        }
    }

    record Rejection(long line, String reason) {
    }

    /** Thrown inside the transaction to roll it back when a strict import has rejected rows. */
    static final class StrictRejection extends RuntimeException {
        StrictRejection() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs the import of {@code content} (already gunzipped and UTF-8) inside one transaction.
     *
     * @throws ApiException for a bad file (nothing stored)
     * @throws StrictRejection when the request is strict and rows were rejected (nothing stored; see the report)
     */
    void run(Request req, InputStream content, Report report) {
        store.inTransaction(status -> {
            store.lockDataset(req.datasetId());
            Connection c = store.connection();
            try (CsvLines csv = new CsvLines(content)) {
                if (!csv.next()) throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "The file is empty");
                Header h = new Header(csv);
                switch (req.kind()) {
                    case PRICES, PRICES_YAHOO -> longPrices(req, csv, h, c, report);
                    case PRICES_WIDE -> widePrices(req, csv, h, c, report);
                    case ASSETS -> assets(req, csv, h, c, report);
                    case FUNDAMENTALS -> fundamentals(req, csv, h, c, report);
                    case BENCHMARKS -> benchmarks(req, csv, h, c, report);
                }
                if (report.rowsRead == 0) {
                    throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "The file has a header line but no data rows");
                }
                if (req.strict() && report.rejected > 0) throw new StrictRejection();
                MarketStore.Counts k = report.counts;
                if (k.inserted() + k.updated() > 0) report.newVersion = store.bumpVersion(req.datasetId());
            } catch (DataFormatException e) {
                throw new ApiException(ProblemType.INVALID_IMPORT_FILE, e.getMessage());
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "Corrupt or truncated gzip data: " + e.getMessage());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (SQLException e) {
                throw new org.springframework.dao.DataAccessResourceFailureException("import failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------ header

    /** Column positions by normalized name (lower case, no spaces, dashes or underscores). */
    static final class Header {
        final Map<String, Integer> columns = new HashMap<>();
        final List<String> names = new ArrayList<>();

        Header(CsvLines csv) {
            for (int i = 0; i < csv.fieldCount(); i++) {
                String n = csv.string(i);
                names.add(n);
                columns.putIfAbsent(normalize(n), i);
            }
        }

        static String normalize(String s) {
            return s.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "").replace("-", "");
        }

        int find(String... candidates) {
            for (String c : candidates) {
                Integer i = columns.get(normalize(c));
                if (i != null) return i;
            }
            return -1;
        }

        int require(String what, String expected, String... candidates) {
            int i = find(candidates);
            if (i < 0) {
                String seen = String.join(",", names);
                if (seen.length() > 120) seen = seen.substring(0, 120) + "…";
                throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "Not a " + what + " file: the header has no '"
                        + candidates[0] + "' column (expected " + expected + "; header seen: '" + printable(seen) + "')");
            }
            return i;
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) b.append(ch < 32 || ch == 0xfffd ? '?' : ch);
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------ prices

    private static final String LONG_EXPECTED = "date,open,high,low,close,volume,symbol (optional adj_close or adj_factor)";

    /** Per-asset days already seen in this file (duplicates), memory bounded by assets × date span. */
    private static final class Seen {
        private final Map<Long, BitSet> days = new HashMap<>();

        boolean add(long assetId, int day) {
            BitSet b = days.computeIfAbsent(assetId, k -> new BitSet());
            int i = day - MIN_DAY;
            if (b.get(i)) return false;
            b.set(i);
            return true;
        }
    }

    private final class Assets {
        final Map<String, Long> ids = new HashMap<>();
        final String datasetId;
        final boolean create;
        final Connection c;

        Assets(String datasetId, boolean create, Connection c) {
            this.datasetId = datasetId;
            this.create = create;
            this.c = c;
            store.assets(datasetId).forEach((code, a) -> ids.put(code, a.id()));
        }

        /** The asset's id, creating it (flushing the sink first) when allowed; null when unknown. */
        Long id(String code, MarketStore.PriceSink sink) throws SQLException {
            Long id = ids.get(code);
            if (id != null || !create) return id;
            if (code.length() > 32) return null;
            sink.flush();
            id = store.insertAsset(c, datasetId, new MarketStore.AssetRow(0, code, code, io.stocklab.engine.data.Asset.UNKNOWN_MARKET,
                    null, null, null, null, null, null));
            ids.put(code, id);
            return id;
        }
    }

    private void longPrices(Request req, CsvLines csv, Header h, Connection c, Report report) throws IOException, SQLException {
        int cDate = h.require("price", LONG_EXPECTED, "date");
        int cOpen = h.require("price", LONG_EXPECTED, "open");
        int cHigh = h.require("price", LONG_EXPECTED, "high");
        int cLow = h.require("price", LONG_EXPECTED, "low");
        int cClose = h.require("price", LONG_EXPECTED, "close");
        int cVol = h.require("price", LONG_EXPECTED, "volume");
        int cSym = h.find("symbol", "code", "ticker", "name");
        int cAdjClose = h.find("adj_close", "adjclose", "adjusted_close");
        int cAdjFactor = h.find("adj_factor", "adjustment_factor");
        String fixedSymbol = req.symbol() == null || req.symbol().isBlank() ? null : req.symbol().trim();
        if (cSym < 0 && fixedSymbol == null) {
            throw new ApiException(ProblemType.INVALID_IMPORT_FILE, req.kind() == ImportKind.PRICES_YAHOO
                    ? "A Yahoo-style file has no symbol column: send the symbol with the file (symbol=...)"
                    : "Not a price file: the header has no symbol (or code, ticker, Name) column (expected " + LONG_EXPECTED + ")");
        }
        Assets assets = new Assets(req.datasetId(), req.createAssets(), c);
        MarketStore.PriceSink sink = store.priceSink(c, !store.hasPrices(req.datasetId()));
        Seen seen = new Seen();
        String[] fieldNames = {"open", "high", "low", "close", "volume"};
        int[] cols = {cOpen, cHigh, cLow, cClose, cVol};
        double[] v = new double[5];
        while (csv.next()) {
            report.rowsRead++;
            long line = csv.lineNumber();
            String symbol = cSym >= 0 && !csv.isEmpty(cSym) ? csv.string(cSym) : fixedSymbol;
            if (symbol == null || symbol.isEmpty()) {
                report.reject(line, "missing symbol");
                continue;
            }
            if (csv.isEmpty(cDate)) {
                report.reject(line, "missing date");
                continue;
            }
            int day;
            try {
                day = csv.epochDay(cDate);
            } catch (IllegalArgumentException e) {
                report.reject(line, "unparseable date '" + printable(csv.string(cDate)) + "'");
                continue;
            }
            if (day < MIN_DAY || day > MAX_DAY) {
                report.reject(line, "date " + LocalDate.ofEpochDay(day) + " out of range 1900..2100");
                continue;
            }
            String bad = null;
            for (int i = 0; i < 5 && bad == null; i++) {
                if (csv.isEmpty(cols[i])) {
                    bad = "missing " + fieldNames[i];
                    break;
                }
                try {
                    v[i] = csv.number(cols[i]);
                } catch (NumberFormatException e) {
                    bad = "unparseable " + fieldNames[i] + " '" + printable(csv.string(cols[i])) + "'";
                    break;
                }
                if (Double.isNaN(v[i])) bad = "missing " + fieldNames[i];
                else if (Double.isInfinite(v[i])) bad = "unparseable " + fieldNames[i];
                else if (v[i] < 0) bad = "negative " + fieldNames[i];
            }
            if (bad == null && v[1] < v[2]) bad = "high < low";
            double adj = 1;
            if (bad == null && cAdjFactor >= 0 && !csv.isEmpty(cAdjFactor)) {
                try {
                    adj = csv.number(cAdjFactor);
                    if (!(adj > 0) || Double.isInfinite(adj)) bad = "adj_factor must be positive";
                } catch (NumberFormatException e) {
                    bad = "unparseable adj_factor";
                }
            } else if (bad == null && cAdjClose >= 0 && !csv.isEmpty(cAdjClose)) {
                try {
                    double ac = csv.number(cAdjClose);
                    if (ac < 0) bad = "negative adj_close";
                    else if (v[3] > 0 && !Double.isNaN(ac)) adj = ac / v[3];
                } catch (NumberFormatException e) {
                    bad = "unparseable adj_close";
                }
            }
            if (bad != null) {
                report.reject(line, bad);
                continue;
            }
            Long assetId = assets.id(symbol, sink);
            if (assetId == null) {
                report.reject(line, "unknown asset '" + printable(symbol) + "' (import it with the assets first, or send createAssets=true)");
                continue;
            }
            if (!seen.add(assetId, day)) {
                report.reject(line, "duplicate: " + printable(symbol) + " on " + LocalDate.ofEpochDay(day) + " already appears earlier in the file");
                continue;
            }
            sink.add(assetId, day, v[0], v[1], v[2], v[3], v[4], adj);
        }
        if (report.rowsRead > 0 && !(req.strict() && report.rejected > 0)) report.counts = store.mergeStaged(c, sink);
    }

    private void widePrices(Request req, CsvLines csv, Header h, Connection c, Report report) throws IOException, SQLException {
        int cDate = h.require("wide price", "date,<symbol>,<symbol>,... (closes)", "date");
        if (h.names.size() < 2) {
            throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "Not a wide price file: expected date,<symbol>,<symbol>,... (one close column per symbol)");
        }
        Assets assets = new Assets(req.datasetId(), req.createAssets(), c);
        MarketStore.PriceSink sink = store.priceSink(c, !store.hasPrices(req.datasetId()));
        Seen seen = new Seen();
        List<String> symbols = h.names;
        Long[] ids = new Long[symbols.size()];
        while (csv.next()) {
            report.rowsRead++;
            long line = csv.lineNumber();
            int day;
            try {
                if (csv.isEmpty(cDate)) {
                    report.reject(line, "missing date");
                    continue;
                }
                day = csv.epochDay(cDate);
            } catch (IllegalArgumentException e) {
                report.reject(line, "unparseable date '" + printable(csv.string(cDate)) + "'");
                continue;
            }
            if (day < MIN_DAY || day > MAX_DAY) {
                report.reject(line, "date out of range 1900..2100");
                continue;
            }
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < symbols.size(); i++) {
                if (i == cDate || csv.isEmpty(i)) continue;
                double close;
                try {
                    close = csv.number(i);
                } catch (NumberFormatException e) {
                    problems.add("unparseable close of " + symbols.get(i));
                    continue;
                }
                if (Double.isNaN(close)) continue;
                if (close < 0 || Double.isInfinite(close)) {
                    problems.add("negative close of " + symbols.get(i));
                    continue;
                }
                if (ids[i] == null) ids[i] = assets.id(symbols.get(i), sink);
                if (ids[i] == null) {
                    problems.add("unknown asset '" + printable(symbols.get(i)) + "'");
                    continue;
                }
                if (!seen.add(ids[i], day)) {
                    problems.add("duplicate: " + symbols.get(i) + " on " + LocalDate.ofEpochDay(day));
                    continue;
                }
                sink.add(ids[i], day, close, close, close, close, 0, 1);
            }
            if (!problems.isEmpty()) report.reject(line, String.join("; ", problems));
        }
        if (report.rowsRead > 0 && !(req.strict() && report.rejected > 0)) report.counts = store.mergeStaged(c, sink);
    }

    // ------------------------------------------------------------------------------------------------ assets

    private static final String ASSETS_EXPECTED = "code,name,market,sector,industry,currency,listed,delisted,shares_outstanding";

    private void assets(Request req, CsvLines csv, Header h, Connection c, Report report) throws IOException, SQLException {
        int cCode = h.find("code", "symbol", "ticker");
        if (cCode < 0) h.require("asset", ASSETS_EXPECTED, "code");
        int cName = h.find("name"), cMarket = h.find("market"), cSector = h.find("sector"), cIndustry = h.find("industry"),
                cCurrency = h.find("currency"), cListed = h.find("listed", "listing_date"), cDelisted = h.find("delisted", "delisting_date"),
                cShares = h.find("shares_outstanding", "shares");
        Map<String, MarketStore.AssetRow> existing = store.assets(req.datasetId());
        Map<String, Long> seenLines = new HashMap<>();
        long inserted = 0, updated = 0, unchanged = 0;
        while (csv.next()) {
            report.rowsRead++;
            long line = csv.lineNumber();
            String code = csv.string(cCode);
            if (code.isEmpty()) {
                report.reject(line, "missing code");
                continue;
            }
            if (code.length() > 32) {
                report.reject(line, "code longer than 32 characters");
                continue;
            }
            Long first = seenLines.putIfAbsent(code, line);
            if (first != null) {
                report.reject(line, "duplicate: asset " + printable(code) + " already on line " + first);
                continue;
            }
            String name = text(csv, cName, 200);
            if (name != null && name.indexOf('\uFFFD') >= 0) {
                report.reject(line, "name is not valid UTF-8 text");
                continue;
            }
            LocalDate listed, delisted;
            try {
                listed = date(csv, cListed);
                delisted = date(csv, cDelisted);
            } catch (IllegalArgumentException e) {
                report.reject(line, "unparseable listed/delisted date");
                continue;
            }
            if (listed != null && delisted != null && delisted.isBefore(listed)) {
                report.reject(line, "delisted before listed");
                continue;
            }
            Double shares = null;
            if (cShares >= 0 && !csv.isEmpty(cShares)) {
                try {
                    shares = csv.number(cShares);
                } catch (NumberFormatException e) {
                    report.reject(line, "unparseable shares_outstanding");
                    continue;
                }
                if (shares < 0) {
                    report.reject(line, "negative shares_outstanding");
                    continue;
                }
            }
            String market = text(csv, cMarket, 16);
            MarketStore.AssetRow row = new MarketStore.AssetRow(0, code, name == null ? code : name,
                    market == null ? io.stocklab.engine.data.Asset.UNKNOWN_MARKET : market.toUpperCase(Locale.ROOT),
                    text(csv, cSector, 100), text(csv, cIndustry, 100), text(csv, cCurrency, 8), listed, delisted, shares);
            MarketStore.AssetRow old = existing.get(code);
            if (old == null) {
                store.insertAsset(c, req.datasetId(), row);
                inserted++;
            } else if (!old.sameData(row)) {
                store.updateAsset(c, row.withId(old.id()));
                updated++;
            } else {
                unchanged++;
            }
        }
        report.counts = new MarketStore.Counts(inserted, updated, unchanged);
    }

    private static String text(CsvLines csv, int col, int max) {
        if (col < 0 || csv.isEmpty(col)) return null;
        String s = csv.string(col);
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static LocalDate date(CsvLines csv, int col) {
        if (col < 0 || csv.isEmpty(col)) return null;
        return LocalDate.ofEpochDay(csv.epochDay(col));
    }

    // ------------------------------------------------------------------------------------------------ fundamentals

    private void fundamentals(Request req, CsvLines csv, Header h, Connection c, Report report) throws IOException, SQLException {
        String expected = "symbol,period_end,disclosed," + String.join(",", Arrays.stream(FundamentalItem.values()).map(FundamentalItem::column).toList());
        int cSym = h.find("symbol", "code", "ticker");
        if (cSym < 0) h.require("fundamentals", expected, "symbol");
        int cPeriod = h.require("fundamentals", expected, "period_end", "periodend", "fiscal_period_end");
        int cDisclosed = h.find("disclosed", "disclosure_date");
        FundamentalItem[] items = FundamentalItem.values();
        int[] cols = new int[items.length];
        boolean any = false;
        for (int i = 0; i < items.length; i++) {
            cols[i] = h.find(items[i].column());
            any |= cols[i] >= 0;
        }
        if (!any) {
            throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "Not a fundamentals file: the header names none of the statement items (expected " + expected + ")");
        }
        Map<String, MarketStore.AssetRow> assets = store.assets(req.datasetId());
        List<MarketStore.FundamentalRow> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        while (csv.next()) {
            report.rowsRead++;
            long line = csv.lineNumber();
            String sym = csv.string(cSym);
            if (sym.isEmpty()) {
                report.reject(line, "missing symbol");
                continue;
            }
            MarketStore.AssetRow asset = assets.get(sym);
            if (asset == null) {
                report.reject(line, "unknown asset '" + printable(sym) + "'");
                continue;
            }
            LocalDate period, disclosed;
            try {
                if (csv.isEmpty(cPeriod)) {
                    report.reject(line, "missing period_end");
                    continue;
                }
                period = LocalDate.ofEpochDay(csv.epochDay(cPeriod));
                disclosed = cDisclosed >= 0 && !csv.isEmpty(cDisclosed) ? LocalDate.ofEpochDay(csv.epochDay(cDisclosed))
                        : period.plusDays(req.disclosureLagDays());
            } catch (IllegalArgumentException e) {
                report.reject(line, "unparseable period_end or disclosed date");
                continue;
            }
            if (disclosed.isBefore(period)) {
                report.reject(line, "disclosed before period_end");
                continue;
            }
            double[] values = new double[items.length];
            String bad = null;
            for (int i = 0; i < items.length; i++) {
                values[i] = Double.NaN;
                if (cols[i] < 0 || csv.isEmpty(cols[i])) continue;
                try {
                    values[i] = csv.number(cols[i]);
                } catch (NumberFormatException e) {
                    bad = "unparseable " + items[i].column();
                    break;
                }
                if (Double.isInfinite(values[i])) bad = "unparseable " + items[i].column();
            }
            if (bad != null) {
                report.reject(line, bad);
                continue;
            }
            String key = sym + "|" + period + "|" + disclosed;
            Long first = seen.putIfAbsent(key, line);
            if (first != null) {
                report.reject(line, "duplicate: " + printable(sym) + " " + period + " disclosed " + disclosed + " already on line " + first);
                continue;
            }
            rows.add(new MarketStore.FundamentalRow(asset.id(), period, disclosed, values));
        }
        if (!(req.strict() && report.rejected > 0)) report.counts = store.upsertFundamentals(c, req.datasetId(), rows);
    }

    // ------------------------------------------------------------------------------------------------ benchmarks

    private void benchmarks(Request req, CsvLines csv, Header h, Connection c, Report report) throws IOException, SQLException {
        String expected = "date,symbol,close";
        int cDate = h.require("benchmark", expected, "date");
        int cSym = h.find("symbol", "code", "index");
        if (cSym < 0) h.require("benchmark", expected, "symbol");
        int cClose = h.require("benchmark", expected, "close");
        List<MarketStore.IndexRow> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        while (csv.next()) {
            report.rowsRead++;
            long line = csv.lineNumber();
            String sym = csv.string(cSym);
            if (sym.isEmpty() || sym.length() > 32) {
                report.reject(line, sym.isEmpty() ? "missing symbol" : "symbol longer than 32 characters");
                continue;
            }
            int day;
            double close;
            try {
                if (csv.isEmpty(cDate)) {
                    report.reject(line, "missing date");
                    continue;
                }
                day = csv.epochDay(cDate);
            } catch (IllegalArgumentException e) {
                report.reject(line, "unparseable date '" + printable(csv.string(cDate)) + "'");
                continue;
            }
            try {
                close = csv.number(cClose);
            } catch (NumberFormatException e) {
                report.reject(line, "unparseable close");
                continue;
            }
            if (Double.isNaN(close)) {
                report.reject(line, "missing close");
                continue;
            }
            if (close < 0 || Double.isInfinite(close)) {
                report.reject(line, "negative close");
                continue;
            }
            Long first = seen.putIfAbsent(sym + "|" + day, line);
            if (first != null) {
                report.reject(line, "duplicate: " + printable(sym) + " on " + LocalDate.ofEpochDay(day) + " already on line " + first);
                continue;
            }
            rows.add(new MarketStore.IndexRow(sym, LocalDate.ofEpochDay(day), close));
        }
        if (!(req.strict() && report.rejected > 0)) report.counts = store.upsertIndexPrices(c, req.datasetId(), rows);
    }
}
