package io.stocklab.engine.backtest;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.data.PanelLoader;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.spec.StrategySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgressAndCancellationTest {
    static final FactorLibrary LIB = new FactorLibrary(List.of());
    static MarketPanel panel;
    static StrategySpec spec;

    @BeforeAll
    static void load() throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("data/sp500_daily_2013_2018.csv.gz"))) p = p.getParent();
        panel = PanelLoader.load(p.resolve("data/sp500_daily_2013_2018.csv.gz"));
        spec = SpecReader.read("""
                {"rebalance": "monthly", "buy": {"rank": [{"by": "change(close, 20)", "order": "desc"}], "maxPositions": 5},
                 "sell": {"dropUnselected": true}}""", LIB);
    }

    @Test
    void progressGoesFromFactorsToSimulatingAndEndsAtOne() {
        List<String> phases = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        List<String> details = new ArrayList<>();
        new Backtester(panel, LIB).run(spec, (f, phase, detail) -> {
            phases.add(phase);
            fractions.add(f);
            details.add(detail);
        }, Cancellation.NEVER);
        assertThat(phases.get(0)).isEqualTo("factors");
        assertThat(phases).contains("simulating");
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
        for (int i = 1; i < fractions.size(); i++) {
            if (phases.get(i).equals(phases.get(i - 1))) assertThat(fractions.get(i)).isGreaterThanOrEqualTo(fractions.get(i - 1));
        }
        // at least one report per simulated month (5 years ≈ 60 months)
        assertThat(phases.stream().filter("simulating"::equals).count()).isGreaterThanOrEqualTo(60);
        assertThat(details).contains("2013-03-01");
    }

    @Test
    void cancellationStopsWithinOneSimulatedMonth() {
        Cancellation c = new Cancellation();
        List<LocalDate> seen = new ArrayList<>();
        assertThatThrownBy(() -> new Backtester(panel, LIB).run(spec, (f, phase, detail) -> {
            if (phase.equals("simulating") && detail != null) {
                seen.add(LocalDate.parse(detail));
                if (detail.startsWith("2014-06")) c.cancel();
            }
        }, c)).isInstanceOf(Cancellation.CancelledException.class);
        assertThat(seen.get(seen.size() - 1)).isBefore(LocalDate.of(2014, 7, 1));
    }
}
