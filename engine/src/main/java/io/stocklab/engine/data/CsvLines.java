package io.stocklab.engine.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A fast, allocation-light reader of comma-separated lines over bytes (UTF-8, LF or CRLF, optional BOM,
 * double-quoted fields with "" escapes). Gzip input is detected by its magic bytes. Field accessors parse
 * numbers and dates straight from the bytes of the current line.
 */
public final class CsvLines implements AutoCloseable {
    private final InputStream in;
    private byte[] buf = new byte[1 << 20];
    private int pos, limit;
    private boolean eof;
    private long lineNumber;

    private byte[] line = new byte[256];
    private int lineLen;
    private int[] fieldStart = new int[16];
    private int[] fieldEnd = new int[16];
    private int fieldCount;
    private boolean quotesSeen;

    public CsvLines(InputStream raw) throws IOException {
        BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
        b.mark(4);
        int m1 = b.read(), m2 = b.read();
        b.reset();
        this.in = (m1 == 0x1f && m2 == 0x8b) ? new GZIPInputStream(b, 1 << 16) : b;
    }

    public static CsvLines open(Path file) throws IOException {
        return new CsvLines(Files.newInputStream(file));
    }

    /** 1-based number of the current line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Advances to the next non-empty line; false at end of input. */
    public boolean next() throws IOException {
        while (true) {
            if (!readLine()) return false;
            if (lineNumber == 1 && lineLen >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
                System.arraycopy(line, 3, line, 0, lineLen - 3);
                lineLen -= 3;
            }
            if (lineLen == 0) continue;
            split();
            return true;
        }
    }

    private boolean readLine() throws IOException {
        lineLen = 0;
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fill()) {
                    if (!any) return false;
                    break;
                }
            }
            any = true;
            int start = pos;
            int i = pos;
            byte[] b = buf;
            int lim = limit;
            while (i < lim && b[i] != '\n') i++;
            append(b, start, i - start);
            if (i < lim) {
                pos = i + 1;
                break;
            }
            pos = lim;
        }
        if (lineLen > 0 && line[lineLen - 1] == '\r') lineLen--;
        lineNumber++;
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void append(byte[] src, int off, int len) {
        if (lineLen + len > line.length) {
            if (lineLen + len > (64 << 20)) throw new DataFormatException("line " + (lineNumber + 1) + " is longer than 64 MB");
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLen + len));
        }
        System.arraycopy(src, off, line, lineLen, len);
        lineLen += len;
    }

    private void split() {
        fieldCount = 0;
        quotesSeen = false;
        int i = 0;
        while (true) {
            if (fieldCount == fieldStart.length) {
                fieldStart = java.util.Arrays.copyOf(fieldStart, fieldCount * 2);
                fieldEnd = java.util.Arrays.copyOf(fieldEnd, fieldCount * 2);
            }
            if (i < lineLen && line[i] == '"') {
                quotesSeen = true;
                // quoted field: unescape in place
                int w = i;
                int r = i + 1;
                boolean closed = false;
                while (r < lineLen) {
                    if (line[r] == '"') {
                        if (r + 1 < lineLen && line[r + 1] == '"') {
                            line[w++] = '"';
                            r += 2;
                        } else {
                            r++;
                            closed = true;
                            break;
                        }
                    } else {
                        line[w++] = line[r++];
                    }
                }
                if (!closed) throw new DataFormatException("line " + lineNumber + ": unbalanced quotes");
                fieldStart[fieldCount] = i;
                fieldEnd[fieldCount] = w;
                fieldCount++;
                while (r < lineLen && line[r] != ',') r++;
                if (r >= lineLen) return;
                i = r + 1;
            } else {
                int s = i;
                while (i < lineLen && line[i] != ',') i++;
                fieldStart[fieldCount] = s;
                fieldEnd[fieldCount] = i;
                fieldCount++;
                if (i >= lineLen) return;
                i++;
            }
        }
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** True if field {@code i} is absent or empty (after trimming spaces). */
    public boolean isEmpty(int i) {
        if (i >= fieldCount) return true;
        int s = fieldStart[i], e = fieldEnd[i];
        while (s < e && line[s] == ' ') s++;
        return s >= e;
    }

    public String string(int i) {
        if (i >= fieldCount) return "";
        return new String(line, fieldStart[i], fieldEnd[i] - fieldStart[i], StandardCharsets.UTF_8).trim();
    }

    /** True if field {@code i} holds exactly the bytes of {@code other} (used to reuse the previous symbol). */
    public boolean fieldEquals(int i, byte[] other) {
        int s = fieldStart[i], len = fieldEnd[i] - s;
        if (len != other.length) return false;
        for (int k = 0; k < len; k++) if (line[s + k] != other[k]) return false;
        return true;
    }

    public byte[] bytes(int i) {
        return java.util.Arrays.copyOfRange(line, fieldStart[i], fieldEnd[i]);
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
            1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Parses field {@code i} as a double; NaN if it is empty. Plain decimals with at most 15 significant digits
     * are computed as one correctly rounded division (the same value {@link Double#parseDouble} gives); anything
     * else goes through {@link Double#parseDouble}.
     *
     * @throws NumberFormatException if the field is not a number
     */
    public double number(int i) {
        if (i >= fieldCount) return Double.NaN;
        int s = fieldStart[i], e = fieldEnd[i];
        while (s < e && line[s] == ' ') s++;
        while (e > s && line[e - 1] == ' ') e--;
        if (s >= e) return Double.NaN;
        int p = s;
        boolean neg = false;
        if (line[p] == '-') { neg = true; p++; } else if (line[p] == '+') p++;
        long mant = 0;
        int digits = 0, frac = 0;
        boolean dot = false, ok = p < e;
        for (; p < e; p++) {
            byte c = line[p];
            if (c >= '0' && c <= '9') {
                if (mant == 0 && c == '0' && !dot) continue;
                mant = mant * 10 + (c - '0');
                if (mant != 0) digits++;
                if (dot) frac++;
                if (digits > 15) { ok = false; break; }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                ok = false;
                break;
            }
        }
        if (ok && frac <= 22) {
            double v = frac == 0 ? (double) mant : mant / POW10[frac];
            return neg ? -v : v;
        }
        String text = new String(line, s, e - s, StandardCharsets.US_ASCII);
        if (text.equalsIgnoreCase("nan") || text.equalsIgnoreCase("null") || text.equalsIgnoreCase("na")) return Double.NaN;
        return Double.parseDouble(text);
    }

    /**
     * Parses field {@code i} as a date ({@code yyyy-MM-dd}, {@code yyyy/MM/dd}, {@code yyyy.MM.dd} or
     * {@code yyyyMMdd}, optionally followed by a time) to an epoch day.
     *
     * @throws IllegalArgumentException if it is not a valid date
     */
    public int epochDay(int i) {
        int s = fieldStart[i], e = fieldEnd[i];
        while (s < e && line[s] == ' ') s++;
        int y, m, d;
        if (e - s >= 10 && (line[s + 4] == '-' || line[s + 4] == '/' || line[s + 4] == '.') && line[s + 7] == line[s + 4]) {
            y = digits(s, 4);
            m = digits(s + 5, 2);
            d = digits(s + 8, 2);
        } else if (e - s >= 8 && digits(s, 8) >= 0) {
            y = digits(s, 4);
            m = digits(s + 4, 2);
            d = digits(s + 6, 2);
        } else {
            throw new IllegalArgumentException("unparseable date '" + string(i) + "'");
        }
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) throw new IllegalArgumentException("unparseable date '" + string(i) + "'");
        try {
            return (int) java.time.LocalDate.of(y, m, d).toEpochDay();
        } catch (java.time.DateTimeException ex) {
            throw new IllegalArgumentException("invalid date '" + string(i) + "'");
        }
    }

    private int digits(int s, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            byte c = line[s + k];
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
