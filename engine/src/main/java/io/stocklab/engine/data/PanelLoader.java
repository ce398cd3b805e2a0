package io.stocklab.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a {@link MarketPanel} from a long-format price file (CSV, optionally gzipped) or from a dataset
 * directory written by {@code stocklab generate} (see {@link DatasetDirectory}).
 *
 * <p>Price files have a header naming at least {@code date,open,high,low,close,volume} and a symbol column
 * ({@code symbol}, {@code Name}, {@code code} or {@code ticker}; case-insensitive). Rows may come in any
 * order; other columns are ignored; a row with a missing or unparseable field is skipped and counted in a
 * warning; a later row for the same symbol and date replaces an earlier one (also warned). A file whose header
 * lacks these columns is not a price file: {@link DataFormatException}.
 */
public final class PanelLoader {
    private static final String[] SYMBOL_COLUMNS = {"symbol", "name", "code", "ticker"};
    private static final int MAX_LISTED_LINES = 5;

    private PanelLoader() {
    }

    /** Loads a price file or a dataset directory. */
    public static MarketPanel load(Path path) throws IOException {
        if (Files.isDirectory(path)) return DatasetDirectory.read(path);
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        String name = path.getFileName().toString();
        PriceRows rows = new PriceRows();
        List<String> warnings = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path)) {
            readPrices(in, name, rows, warnings);
        }
        return rows.toPanel(name, false, null, null, null, null, warnings);
    }

    /**
     * Reads long-format price rows from {@code in} into {@code rows}; adds warnings for skipped rows.
     *
     * @return the number of rows skipped
     * @throws DataFormatException if the input is not a price file
     */
    public static int readPrices(InputStream in, String sourceName, PriceRows rows, List<String> warnings) throws IOException {
        try (CsvLines csv = new CsvLines(in)) {
            if (!csv.next()) throw new DataFormatException(sourceName + ": empty file, expected a header line date,open,high,low,close,volume,symbol");
            int[] col = headerColumns(csv, sourceName);
            int cDate = col[0], cOpen = col[1], cHigh = col[2], cLow = col[3], cClose = col[4], cVol = col[5], cSym = col[6];
            int skipped = 0;
            List<Long> skippedLines = new ArrayList<>();
            List<String> skipReasons = new ArrayList<>();
            byte[] lastSym = null;
            int lastId = -1;
            long dataRows = 0;
            while (csv.next()) {
                dataRows++;
                String reason = null;
                if (csv.isEmpty(cSym)) reason = "missing symbol";
                else if (csv.isEmpty(cDate)) reason = "missing date";
                else if (csv.isEmpty(cOpen) || csv.isEmpty(cHigh) || csv.isEmpty(cLow) || csv.isEmpty(cClose) || csv.isEmpty(cVol)) {
                    reason = "missing price or volume";
                }
                int day = 0;
                double o = 0, h = 0, l = 0, c = 0, v = 0;
                if (reason == null) {
                    try {
                        day = csv.epochDay(cDate);
                        o = csv.number(cOpen);
                        h = csv.number(cHigh);
                        l = csv.number(cLow);
                        c = csv.number(cClose);
                        v = csv.number(cVol);
                        if (Double.isNaN(o) || Double.isNaN(h) || Double.isNaN(l) || Double.isNaN(c) || Double.isNaN(v)) {
                            reason = "missing price or volume";
                        }
                    } catch (IllegalArgumentException e) {
                        reason = e instanceof NumberFormatException ? "unparseable number" : e.getMessage();
                    }
                }
                if (reason != null) {
                    skipped++;
                    if (skippedLines.size() < MAX_LISTED_LINES) {
                        skippedLines.add(csv.lineNumber());
                        skipReasons.add(reason);
                    }
                    continue;
                }
                int id;
                if (lastSym != null && csv.fieldEquals(cSym, lastSym)) {
                    id = lastId;
                } else {
                    String s = csv.string(cSym);
                    id = rows.symbolId(s);
                    lastSym = csv.bytes(cSym);
                    lastId = id;
                }
                rows.add(day, id, o, h, l, c, v);
            }
            if (dataRows == 0) throw new DataFormatException(sourceName + ": header only, no data rows");
            if (skipped > 0) {
                StringBuilder sb = new StringBuilder();
                sb.append(sourceName).append(": skipped ").append(skipped).append(" row(s) with a missing or invalid field (");
                for (int i = 0; i < skippedLines.size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append("line ").append(skippedLines.get(i)).append(": ").append(skipReasons.get(i));
                }
                if (skipped > skippedLines.size()) sb.append(", …");
                sb.append(')');
                warnings.add(sb.toString());
            }
            if (rows.size() == 0) throw new DataFormatException(sourceName + ": no valid price rows (all " + skipped + " rows were skipped)");
            return skipped;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DataFormatException(sourceName + ": corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }

    private static int[] headerColumns(CsvLines csv, String sourceName) {
        String[] wanted = {"date", "open", "high", "low", "close", "volume"};
        int[] col = new int[7];
        java.util.Arrays.fill(col, -1);
        for (int i = 0; i < csv.fieldCount(); i++) {
            String h = csv.string(i).toLowerCase(Locale.ROOT);
            for (int w = 0; w < wanted.length; w++) if (h.equals(wanted[w]) && col[w] < 0) col[w] = i;
            for (String s : SYMBOL_COLUMNS) if (h.equals(s) && col[6] < 0) col[6] = i;
        }
        List<String> missing = new ArrayList<>();
        for (int w = 0; w < wanted.length; w++) if (col[w] < 0) missing.add(wanted[w]);
        if (col[6] < 0) missing.add("symbol (or Name, code, ticker)");
        if (!missing.isEmpty()) {
            String header = csv.string(0);
            if (header.length() > 60) header = header.substring(0, 60) + "…";
            throw new DataFormatException(sourceName + ": not a price file: the header has no " + String.join(", ", missing)
                    + " column" + (missing.size() > 1 ? "s" : "") + " (expected date,open,high,low,close,volume,symbol; first field seen: '"
                    + printable(header) + "')");
        }
        return col;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) b.append(ch < 32 || ch == 0xfffd ? '?' : ch);
        return b.toString();
    }

}
