package io.stocklab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.generate.GeneratorConfig;
import io.stocklab.engine.generate.SyntheticMarket;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanelSnapshotTest {
    @TempDir
    Path tmp;

    static MarketPanel generated;

    @BeforeAll
    static void generate() {
        generated = SyntheticMarket.generate(new GeneratorConfig(40, 2, 7, GeneratorConfig.DEFAULT_END), ProgressListener.NONE);
    }

    @Test
    void roundTripsAGeneratedPanelBitForBit() throws IOException {
        Path file = tmp.resolve("krx.panel");
        PanelSnapshot.write(generated, "v42", file);
        PanelSnapshot.Loaded back = PanelSnapshot.read(file);
        assertThat(back.version()).isEqualTo("v42");
        assertThat(PanelComparison.differences(generated, back.panel(), 10)).isEmpty();
        assertThat(back.panel().name()).isEqualTo(generated.name());
        assertThat(back.panel().synthetic()).isTrue();
        assertThat(back.panel().fundamentals().reportCount()).isPositive().isEqualTo(generated.fundamentals().reportCount());
        assertThat(back.panel().benchmarks()).isNotEmpty().containsOnlyKeys(generated.benchmarks().keySet());
        assertThat(PanelSnapshot.readVersion(file)).isEqualTo("v42");
    }

    @Test
    void keepsMetadataNullsOddLengthsAndWarnings() throws IOException {
        // 3 dates (odd: int padding), one asset without sector or dates, one with everything
        int[] dates = {19000, 19001, 19003};
        List<Asset> assets = List.of(
                new Asset("005930", "삼성전자", "KOSPI", "IT", LocalDate.of(1975, 6, 11), null),
                new Asset("X", null, null, null, null, null));
        double nan = Double.NaN;
        double[] close = {1, 2, nan, nan, 5, 6};
        MarketPanel p = new MarketPanel("hand", false, dates, assets, close.clone(), close.clone(), close.clone(), close,
                new double[] {10, 20, nan, nan, 0, 1}, null, Map.of("KOSPI", new double[] {100, nan, 102}), List.of("warned"));
        Path file = tmp.resolve("hand.panel");
        PanelSnapshot.write(p, "", file);
        MarketPanel back = PanelSnapshot.read(file).panel();
        assertThat(PanelComparison.differences(p, back, 10)).isEmpty();
        assertThat(back.assets()).isEqualTo(assets);
        assertThat(back.loadWarnings()).containsExactly("warned");
        assertThat(back.barCount(0)).isEqualTo(2);
        assertThat(back.fundamentals().isEmpty()).isTrue();
    }

    @Test
    void replacesAnExistingSnapshotAtomically() throws IOException {
        Path file = tmp.resolve("x.panel");
        PanelSnapshot.write(generated, "v1", file);
        MarketPanel one = generated.select(new int[] {3});
        PanelSnapshot.write(one, "v2", file);
        PanelSnapshot.Loaded back = PanelSnapshot.read(file);
        assertThat(back.version()).isEqualTo("v2");
        assertThat(back.panel().assetCount()).isEqualTo(1);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("x.panel");
        }
    }

    @Test
    void refusesTruncatedForeignAndMissingFiles() throws IOException {
        Path file = tmp.resolve("t.panel");
        PanelSnapshot.write(generated, "v1", file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 9);
        }
        assertThatThrownBy(() -> PanelSnapshot.read(file)).isInstanceOf(DataFormatException.class).hasMessageContaining("truncated");

        Path foreign = tmp.resolve("f.panel");
        Files.writeString(foreign, "date,open,high,low,close,volume,symbol\n");
        assertThatThrownBy(() -> PanelSnapshot.read(foreign)).isInstanceOf(DataFormatException.class).hasMessageContaining("not a panel snapshot");
        assertThatThrownBy(() -> PanelSnapshot.read(tmp.resolve("none"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void detectsADifferentCell() {
        double[] close = generated.close().clone();
        int k = generated.at(5, 100);
        close[k] = close[k] + 0.01;
        MarketPanel changed = new MarketPanel(generated.name(), true, generated.epochDays(), generated.assets(), generated.open(),
                generated.high(), generated.low(), close, generated.volume(), generated.fundamentals(), generated.benchmarks(), List.of());
        assertThat(PanelComparison.differences(generated, changed, 10)).singleElement().asString().startsWith("close of " + generated.symbol(5));
    }
}
