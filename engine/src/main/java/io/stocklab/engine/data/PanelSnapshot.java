package io.stocklab.engine.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An on-disk columnar copy of a {@link MarketPanel}, so that a process restart maps the panel back in a fraction of
 * a second instead of rebuilding it from a database or from CSV.
 *
 * <p>Layout (little endian): the 8-byte magic {@code SLPANEL1}, the length of a metadata block and the block itself
 * (name, synthetic flag, a caller-chosen version label, the assets, the benchmark names and the load warnings,
 * written with {@link DataOutputStream}), padding to 8 bytes, then the primitive arrays back to back: dates
 * ({@code int[days]}), open, high, low, close, volume ({@code double[assets × days]}, asset-major as in the panel),
 * the fundamentals (offsets {@code int[assets+1]}, period ends and disclosure dates {@code int[reports]}, one
 * {@code double[reports]} per {@link FundamentalItem}), the benchmarks ({@code double[days]} each), and the 8-byte
 * end marker {@code SLPANEND}. A file is written under a temporary name and moved into place, so a reader never
 * sees a half-written snapshot; a truncated or foreign file is refused with {@link DataFormatException}.
 *
 * <p>{@code read(write(p))} has bit-identical arrays (NaN payloads included) and equal metadata.
 */
public final class PanelSnapshot {
    private static final byte[] MAGIC_BYTES = "SLPANEL1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] END_BYTES = "SLPANEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;
    private static final int CHUNK = 1 << 20;
    private static final int ITEMS = FundamentalItem.values().length;

    /** A panel read back, with the version label it was written with. */
    public record Loaded(String version, MarketPanel panel) {
        public Loaded {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(panel, "panel");
        }
    }

    private PanelSnapshot() {
    }

    /**
     * Writes {@code panel} to {@code file} with a version label (for instance the dataset version it was built
     * from). The file appears atomically; an existing file is replaced.
     */
    public static void write(MarketPanel panel, String version, Path file) throws IOException {
        Objects.requireNonNull(version, "version");
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] meta = metadata(panel, version);
                ByteBuffer head = ByteBuffer.allocate(16 + meta.length + 8).order(ByteOrder.LITTLE_ENDIAN);
                head.put(MAGIC_BYTES).putInt(FORMAT_VERSION).putInt(meta.length).put(meta);
                while (head.position() % 8 != 0) head.put((byte) 0);
                head.flip();
                writeFully(ch, head);
                Writer w = new Writer(ch);
                w.ints(panel.epochDays());
                w.doubles(panel.open());
                w.doubles(panel.high());
                w.doubles(panel.low());
                w.doubles(panel.close());
                w.doubles(panel.volume());
                Fundamentals f = panel.fundamentals();
                int na = panel.assetCount(), nr = f.reportCount();
                int[] offsets = new int[na + 1];
                for (int a = 0; a < na; a++) offsets[a + 1] = f.end(a);
                int[] pe = new int[nr], di = new int[nr];
                for (int r = 0; r < nr; r++) {
                    pe[r] = f.periodEnd(r);
                    di[r] = f.disclosed(r);
                }
                w.ints(offsets);
                w.ints(pe);
                w.ints(di);
                for (FundamentalItem item : FundamentalItem.values()) w.doubles(f.column(item));
                for (double[] b : panel.benchmarks().values()) w.doubles(b);
                w.bytes(END_BYTES);
                w.flush();
                ch.force(false);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The version label of a snapshot file, reading only its header. */
    public static String readVersion(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(ch, file).version;
        }
    }

    /**
     * Maps a snapshot back into a panel.
     *
     * @throws NoSuchFileException  if there is no such file
     * @throws DataFormatException  if the file is not a complete panel snapshot
     */
    public static Loaded read(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file);
            int nd = h.days, na = h.assets.size();
            long cells = (long) nd * na;
            long size = ch.size();
            // int arrays are padded to 8 bytes each
            long expected = h.dataStart + pad(4L * nd) + 5 * 8 * cells + pad(4L * (na + 1)) + 2 * pad(4L * h.reports)
                    + 8L * ITEMS * h.reports + 8L * h.benchmarks.size() * nd + END_BYTES.length;
            if (size != expected) {
                throw new DataFormatException(file + ": truncated or corrupt panel snapshot (" + size + " bytes, expected " + expected + ")");
            }
            Reader r = new Reader(ch, h.dataStart, size);
            int[] dates = r.ints(nd);
            double[] open = r.doubles((int) cells), high = r.doubles((int) cells), low = r.doubles((int) cells),
                    close = r.doubles((int) cells), volume = r.doubles((int) cells);
            int[] offsets = r.ints(na + 1);
            int[] pe = r.ints(h.reports), di = r.ints(h.reports);
            double[][] values = new double[ITEMS][];
            for (int i = 0; i < ITEMS; i++) values[i] = r.doubles(h.reports);
            Map<String, double[]> bench = new LinkedHashMap<>();
            for (String b : h.benchmarks) bench.put(b, r.doubles(nd));
            byte[] end = r.bytes(END_BYTES.length);
            if (!java.util.Arrays.equals(end, END_BYTES)) throw new DataFormatException(file + ": corrupt panel snapshot (bad end marker)");
            try {
                Fundamentals f = new Fundamentals(offsets, pe, di, values);
                MarketPanel panel = new MarketPanel(h.name, h.synthetic, dates, h.assets, open, high, low, close, volume,
                        f, bench, h.warnings);
                return new Loaded(h.version, panel);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file + ": corrupt panel snapshot: " + e.getMessage(), e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ format

    private record Header(String name, boolean synthetic, String version, int days, int reports, List<Asset> assets,
                          List<String> benchmarks, List<String> warnings, long dataStart) {
    }

    private static long pad(long n) {
        return (n + 7) & ~7L;
    }

    private static byte[] metadata(MarketPanel p, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(p.name());
        out.writeBoolean(p.synthetic());
        out.writeUTF(version);
        out.writeInt(p.dateCount());
        out.writeInt(p.fundamentals().reportCount());
        out.writeInt(p.assetCount());
        for (Asset a : p.assets()) {
            out.writeUTF(a.symbol());
            out.writeUTF(a.name());
            out.writeUTF(a.market());
            writeNullable(out, a.sector());
            out.writeLong(a.listed() == null ? Long.MIN_VALUE : a.listed().toEpochDay());
            out.writeLong(a.delisted() == null ? Long.MIN_VALUE : a.delisted().toEpochDay());
        }
        out.writeInt(p.benchmarks().size());
        for (String b : p.benchmarks().keySet()) out.writeUTF(b);
        out.writeInt(p.loadWarnings().size());
        for (String w : p.loadWarnings()) writeNullable(out, w.length() > 20_000 ? w.substring(0, 20_000) : w);
        out.flush();
        return bytes.toByteArray();
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static Header header(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 16) throw new DataFormatException(file + ": not a panel snapshot (too short)");
        ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, head, 0);
        head.flip();
        byte[] magic = new byte[8];
        head.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC_BYTES)) throw new DataFormatException(file + ": not a panel snapshot (bad magic)");
        int format = head.getInt();
        if (format != FORMAT_VERSION) throw new DataFormatException(file + ": unsupported panel snapshot format " + format);
        int metaLength = head.getInt();
        if (metaLength < 0 || 16L + metaLength > size) throw new DataFormatException(file + ": truncated panel snapshot header");
        ByteBuffer metaBuf = ByteBuffer.allocate(metaLength);
        readFully(ch, metaBuf, 16);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(metaBuf.array()))) {
            String name = in.readUTF();
            boolean synthetic = in.readBoolean();
            String version = in.readUTF();
            int days = in.readInt(), reports = in.readInt(), na = in.readInt();
            if (days < 0 || reports < 0 || na < 0) throw new DataFormatException(file + ": corrupt panel snapshot header");
            List<Asset> assets = new ArrayList<>(na);
            for (int i = 0; i < na; i++) {
                String symbol = in.readUTF(), assetName = in.readUTF(), market = in.readUTF();
                String sector = readNullable(in);
                long listed = in.readLong(), delisted = in.readLong();
                assets.add(new Asset(symbol, assetName, market, sector,
                        listed == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(listed),
                        delisted == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(delisted)));
            }
            int nb = in.readInt();
            List<String> benchmarks = new ArrayList<>(nb);
            for (int i = 0; i < nb; i++) benchmarks.add(in.readUTF());
            int nw = in.readInt();
            List<String> warnings = new ArrayList<>(nw);
            for (int i = 0; i < nw; i++) warnings.add(readNullable(in));
            return new Header(name, synthetic, version, days, reports, assets, benchmarks, warnings, pad(16L + metaLength));
        } catch (java.io.EOFException | java.io.UTFDataFormatException | IllegalArgumentException e) {
            throw new DataFormatException(file + ": corrupt panel snapshot header: " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) throw new DataFormatException("truncated panel snapshot");
            pos += n;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }

    /** Buffered little-endian writer of primitive arrays, each padded to 8 bytes. */
    private static final class Writer {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);

        Writer(FileChannel ch) {
            this.ch = ch;
        }

        void ints(int[] a) throws IOException {
            int i = 0;
            while (i < a.length) {
                if (buf.remaining() < 4) drain();
                int n = Math.min(a.length - i, buf.remaining() / 4);
                buf.asIntBuffer().put(a, i, n);
                buf.position(buf.position() + 4 * n);
                i += n;
            }
            if ((a.length & 1) == 1) {
                if (buf.remaining() < 4) drain();
                buf.putInt(0);
            }
        }

        void doubles(double[] a) throws IOException {
            int i = 0;
            while (i < a.length) {
                if (buf.remaining() < 8) drain();
                int n = Math.min(a.length - i, buf.remaining() / 8);
                buf.asDoubleBuffer().put(a, i, n);
                buf.position(buf.position() + 8 * n);
                i += n;
            }
        }

        void bytes(byte[] b) throws IOException {
            if (buf.remaining() < b.length) drain();
            buf.put(b);
        }

        private void drain() throws IOException {
            buf.flip();
            writeFully(ch, buf);
            buf.clear();
        }

        void flush() throws IOException {
            drain();
        }
    }

    /** Reads primitive arrays from a read-only mapping of the file (in windows, so any size maps). */
    private static final class Reader {
        private static final long WINDOW = 1L << 30;
        private final FileChannel ch;
        private final long size;
        private long pos;
        private MappedByteBuffer map;
        private long mapStart;

        Reader(FileChannel ch, long start, long size) {
            this.ch = ch;
            this.pos = start;
            this.size = size;
        }

        private ByteBuffer window(long need) throws IOException {
            if (map == null || pos < mapStart || pos + need > mapStart + map.capacity()) {
                mapStart = pos;
                long len = Math.min(Math.max(WINDOW, need), size - pos);
                if (len < need) throw new DataFormatException("truncated panel snapshot");
                map = ch.map(FileChannel.MapMode.READ_ONLY, mapStart, len);
                map.order(ByteOrder.LITTLE_ENDIAN);
            }
            ByteBuffer b = map.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            b.position((int) (pos - mapStart));
            return b;
        }

        int[] ints(int n) throws IOException {
            int[] out = new int[n];
            int i = 0;
            while (i < n) {
                ByteBuffer b = window(4);
                int k = Math.min(n - i, b.remaining() / 4);
                b.asIntBuffer().get(out, i, k);
                pos += 4L * k;
                i += k;
            }
            if ((n & 1) == 1) pos += 4;
            return out;
        }

        double[] doubles(int n) throws IOException {
            double[] out = new double[n];
            int i = 0;
            while (i < n) {
                ByteBuffer b = window(8);
                int k = Math.min(n - i, b.remaining() / 8);
                b.asDoubleBuffer().get(out, i, k);
                pos += 8L * k;
                i += k;
            }
            return out;
        }

        byte[] bytes(int n) throws IOException {
            ByteBuffer b = window(n);
            byte[] out = new byte[n];
            b.get(out);
            pos += n;
            return out;
        }
    }
}
