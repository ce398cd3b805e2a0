package io.stocklab.server.marketdata;

import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Turns an uploaded file into a UTF-8 byte stream the CSV reader can trust: gunzips it (refusing more than the
 * configured decompressed size: a gzip bomb fails early with 413, never fills the disk or the heap), refuses a
 * gzip inside a gzip and binary data, checks that the text is UTF-8 (naming CP949/EUC-KR when it looks like
 * Korean Windows text) or transcodes it when the caller named the charset.
 */
final class UploadStreams {
    static final int PEEK = 64 * 1024;
    private static final Charset CP949 = Charset.forName("x-windows-949");

    private UploadStreams() {
    }

    /**
     * @param raw             the stored upload (counted by the caller for progress)
     * @param maxDecompressed cap of the content after gunzip
     * @param charsetName     null/blank for UTF-8 (checked), else the file's charset (e.g. {@code CP949})
     */
    static InputStream open(InputStream raw, long maxDecompressed, String charsetName) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        boolean gzip = startsWithGzip(in);
        InputStream content = in;
        if (gzip) {
            try {
                content = new BufferedInputStream(new CappedStream(new GZIPInputStream(in, 1 << 16), maxDecompressed), 1 << 16);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "The file starts like gzip but is not valid gzip data: " + e.getMessage());
            }
            if (startsWithGzip((BufferedInputStream) content)) {
                throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "The file is gzip inside gzip; send it compressed once");
            }
        }
        BufferedInputStream text = content instanceof BufferedInputStream b ? b : new BufferedInputStream(content, 1 << 16);
        byte[] head = peek(text);
        if (head.length == 0) throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "The file is empty");
        for (byte b : head) {
            if (b == 0) {
                throw new ApiException(ProblemType.INVALID_IMPORT_FILE,
                        "The file is not a text (CSV) file: it contains NUL bytes (a spreadsheet or other binary file?)");
            }
        }
        if (charsetName != null && !charsetName.isBlank()) {
            Charset cs = charset(charsetName);
            if (cs.equals(StandardCharsets.UTF_8)) {
                checkUtf8(head);
                return text;
            }
            return new TranscodingStream(new InputStreamReader(text, cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        }
        checkUtf8(head);
        return text;
    }

    private static Charset charset(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.equals("CP949") || n.equals("MS949") || n.equals("EUC-KR") || n.equals("EUCKR") || n.equals("X-WINDOWS-949")) return CP949;
        if (n.equals("UTF-8") || n.equals("UTF8")) return StandardCharsets.UTF_8;
        throw ApiException.invalidField("charset", "unsupported charset '" + name + "': use UTF-8 (default) or CP949 (also for EUC-KR)");
    }

    private static boolean startsWithGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int a = in.read(), b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b;
    }

    private static byte[] peek(BufferedInputStream in) throws IOException {
        in.mark(PEEK);
        byte[] buf = new byte[PEEK];
        int n = 0;
        while (n < PEEK) {
            int r = in.read(buf, n, PEEK - n);
            if (r < 0) break;
            n += r;
        }
        in.reset();
        return java.util.Arrays.copyOf(buf, n);
    }

    /** Refuses text that is not UTF-8 (a multi-byte character cut by the end of the peeked block is fine). */
    static void checkUtf8(byte[] head) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult r = utf8.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), false);
        if (!r.isError()) return;
        boolean korean;
        try {
            CP949.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, lastLineEnd(head)));
            korean = true;
        } catch (CharacterCodingException e) {
            korean = false;
        }
        throw new ApiException(ProblemType.UNSUPPORTED_ENCODING, korean
                ? "The file is not UTF-8: it looks like CP949/EUC-KR (Korean Windows) text. Save it as UTF-8, or send charset=CP949."
                : "The file is not UTF-8 text. Save it as UTF-8 (or send charset=CP949 for Korean Windows text).");
    }

    private static int lastLineEnd(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) if (b[i] == '\n') return i + 1;
        return b.length;
    }

    /** Counts bytes and fails once more than {@code cap} came out (a gzip bomb). */
    static final class CappedStream extends FilterInputStream {
        private final long cap;
        private long count;

        CappedStream(InputStream in, long cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new ApiException(ProblemType.INVALID_IMPORT_FILE, "Corrupt or truncated gzip data: " + e.getMessage());
            }
            if (n > 0) add(n);
            return n;
        }

        private void add(int n) {
            count += n;
            if (count > cap) {
                throw new ApiException(ProblemType.DECOMPRESSED_TOO_LARGE, "The gzip content is larger than "
                        + org.springframework.util.unit.DataSize.ofBytes(cap).toMegabytes() + " MB once decompressed (a gzip bomb?)");
            }
        }
    }

    /** Counts the bytes read from the stored upload (progress). */
    static final class CountingStream extends FilterInputStream {
        private final LongConsumer onRead;
        private long count;

        CountingStream(InputStream in, LongConsumer onRead) {
            super(in);
            this.onRead = onRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) onRead.accept(++count);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                onRead.accept(count);
            }
            return n;
        }
    }

    /** A reader in some charset re-encoded as UTF-8 bytes. */
    static final class TranscodingStream extends InputStream {
        private final Reader reader;
        private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192 * 4);
        private boolean eof;

        TranscodingStream(Reader reader) {
            this.reader = reader;
            bytes.flip();
            chars.flip();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!bytes.hasRemaining()) {
                if (eof) return -1;
                chars.compact();
                int n;
                try {
                    n = reader.read(chars);
                } catch (CharacterCodingException e) {
                    throw new ApiException(ProblemType.UNSUPPORTED_ENCODING, "The file is not valid text in the given charset");
                }
                chars.flip();
                if (n < 0) eof = true;
                bytes.clear();
                utf8.encode(chars, bytes, eof);
                bytes.flip();
            }
            int k = Math.min(len, bytes.remaining());
            bytes.get(b, off, k);
            return k;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
