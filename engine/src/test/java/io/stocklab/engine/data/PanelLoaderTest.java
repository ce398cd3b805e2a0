package io.stocklab.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PanelLoaderTest {
    @TempDir
    Path dir;

    static Path sampleFile() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("data/sp500_daily_2013_2018.csv.gz"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("bundled sample not found");
        return p.resolve("data/sp500_daily_2013_2018.csv.gz");
    }

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void loadsTheBundledSample() throws IOException {
        MarketPanel p = PanelLoader.load(sampleFile());
        assertThat(p.assetCount()).isEqualTo(505);
        assertThat(p.dateCount()).isEqualTo(1259);
        assertThat(p.date(0)).isEqualTo(LocalDate.of(2013, 2, 8));
        assertThat(p.date(p.dateCount() - 1)).isEqualTo(LocalDate.of(2018, 2, 7));
        // 619,040 data rows, 11 of them with a missing field
        assertThat(p.barTotal()).isEqualTo(619_040 - 11);
        assertThat(p.loadWarnings()).anySatisfy(w -> assertThat(w).contains("skipped 11 row(s)"));
        int aal = p.assetIndex("AAL");
        assertThat(aal).isGreaterThanOrEqualTo(0);
        // first row of the file: 2013-02-08,15.07,15.12,14.63,14.75,8407500,AAL
        int i = p.at(aal, 0);
        assertThat(p.open()[i]).isEqualTo(15.07);
        assertThat(p.high()[i]).isEqualTo(15.12);
        assertThat(p.low()[i]).isEqualTo(14.63);
        assertThat(p.close()[i]).isEqualTo(14.75);
        assertThat(p.volume()[i]).isEqualTo(8_407_500);
        assertThat(p.synthetic()).isFalse();
    }

    @Test
    void unsortedRowsDuplicatesMissingFieldsAndExtraColumns() throws IOException {
        Path f = write("p.csv", """
                Name,extra,date,close,open,high,low,volume
                BBB,x,2020-01-03,11,10,12,9,100
                AAA,y,2020-01-02,5,5,5,5,50
                BBB,z,2020-01-02,10.5,10,11,9,200
                AAA,w,2020-01-03,6,6,6,6,
                AAA,v,2020-01-02,5.5,5,6,5,60
                """);
        MarketPanel p = PanelLoader.load(f);
        assertThat(p.dateCount()).isEqualTo(2);
        assertThat(p.assets()).extracting(Asset::symbol).containsExactly("AAA", "BBB");
        int a = p.assetIndex("AAA");
        assertThat(p.close()[p.at(a, 0)]).as("last duplicate wins").isEqualTo(5.5);
        assertThat(p.hasBar(a, 1)).as("row with an empty volume skipped").isFalse();
        assertThat(p.close()[p.at(p.assetIndex("BBB"), 1)]).isEqualTo(11);
        assertThat(p.loadWarnings()).anySatisfy(w -> assertThat(w).contains("1 duplicate row"));
        assertThat(p.loadWarnings()).anySatisfy(w -> assertThat(w).contains("skipped 1 row").contains("line 5"));
    }

    @Test
    void acceptsCodeAndTickerColumnsCrlfBomQuotesAndGzip() throws IOException {
        String csv = "\uFEFFdate,open,high,low,close,volume,ticker\r\n2021-05-03,\"1,0\",2,0.5,1.5,10,\"X\"\r\n";
        MarketPanel p = PanelLoader.load(write("q.csv", csv.replace("\"1,0\"", "1")));
        assertThat(p.symbol(0)).isEqualTo("X");
        assertThat(p.close()[0]).isEqualTo(1.5);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("date,open,high,low,close,volume,code\n20210503,1,2,0.5,1.25,10,\"005930\"\n".getBytes(StandardCharsets.UTF_8));
        }
        Path g = dir.resolve("any-name.bin");
        Files.write(g, bytes.toByteArray());
        MarketPanel q = PanelLoader.load(g);
        assertThat(q.symbol(0)).isEqualTo("005930");
        assertThat(q.close()[0]).isCloseTo(1.25, within(0.0));
        assertThat(q.date(0)).isEqualTo(LocalDate.of(2021, 5, 3));
    }

    @Test
    void notAPriceFileIsAClearError() throws IOException {
        Path f = write("notes.txt", "hello world\nthis is not a price file\n");
        assertThatThrownBy(() -> PanelLoader.load(f))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("notes.txt: not a price file")
                .hasMessageContaining("date, open, high, low, close, volume");
    }

    @Test
    void binaryGarbageIsNotAPriceFile() throws IOException {
        Path f = dir.resolve("garbage.bin");
        byte[] b = new byte[4096];
        new java.util.Random(1).nextBytes(b);
        b[0] = 'x';
        Files.write(f, b);
        assertThatThrownBy(() -> PanelLoader.load(f)).isInstanceOf(DataFormatException.class);
    }

    @Test
    void emptyAndHeaderOnlyFiles() throws IOException {
        assertThatThrownBy(() -> PanelLoader.load(write("e.csv", ""))).isInstanceOf(DataFormatException.class).hasMessageContaining("empty file");
        assertThatThrownBy(() -> PanelLoader.load(write("h.csv", "date,open,high,low,close,volume,symbol\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("header only");
    }

    @Test
    void unbalancedQuotesAndBadDatesAreReported() throws IOException {
        assertThatThrownBy(() -> PanelLoader.load(write("u.csv", "date,open,high,low,close,volume,symbol\n2020-01-02,1,1,1,1,1,\"AAA\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("line 2").hasMessageContaining("unbalanced quotes");
        MarketPanel p = PanelLoader.load(write("d.csv", "date,open,high,low,close,volume,symbol\n2020-13-45,1,1,1,1,1,A\n2020-01-02,1,1,1,1,1,A\n"));
        assertThat(p.barTotal()).isEqualTo(1);
        assertThat(p.loadWarnings()).anySatisfy(w -> assertThat(w).contains("line 2"));
    }

    @Test
    void corruptGzipIsAClearError() throws IOException {
        Path f = dir.resolve("bad.csv.gz");
        Files.write(f, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3});
        assertThatThrownBy(() -> PanelLoader.load(f)).isInstanceOf(DataFormatException.class).hasMessageContaining("bad.csv.gz");
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThatThrownBy(() -> PanelLoader.load(dir.resolve("nope.csv"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
