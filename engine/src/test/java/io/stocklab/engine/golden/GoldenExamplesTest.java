package io.stocklab.engine.golden;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.backtest.Backtester;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.data.PanelLoader;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.generate.GeneratorConfig;
import io.stocklab.engine.generate.SyntheticMarket;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.MonthlyReturn;
import io.stocklab.engine.result.Stats;
import io.stocklab.engine.result.Trade;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.spec.StrategySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden results of the bundled examples (like LEAN's regression algorithms): each example's statistics,
 * monthly returns, every trade and the warnings, in a stable text form checked in under examples/golden/.
 * Any change of a number shows up as a diff in review. To accept a deliberate change, regenerate with
 * {@code ./mvnw -pl engine test -Dtest=GoldenExamplesTest -Dgolden.update=true} and commit the diff.
 */
class GoldenExamplesTest {
    static final Path ROOT = locateRoot();
    static final FactorLibrary LIB = FactorLibrary.standard();
    static MarketPanel sample;
    static MarketPanel generated;

    /** The generated data the value + quality example's golden result is pinned to (small, so the test is quick). */
    static final GeneratorConfig GOLDEN_DATA = new GeneratorConfig(500, 6, 42, GeneratorConfig.DEFAULT_END);

    @BeforeAll
    static void load() throws IOException {
        sample = PanelLoader.load(ROOT.resolve("data/sp500_daily_2013_2018.csv.gz"));
        generated = SyntheticMarket.generate(GOLDEN_DATA, ProgressListener.NONE);
    }

    static Path locateRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the repository root (a folder with examples/)");
        return p;
    }

    @Test
    void smaCrossoverPortfolio() throws IOException {
        check("sma-crossover", sample);
    }

    @Test
    void smaCrossoverPerSymbol() throws IOException {
        StrategySpec spec = spec("sma-crossover");
        List<Backtester.SymbolResult> rows = new Backtester(sample, LIB).runPerSymbol(spec, 2, ProgressListener.NONE, Cancellation.NEVER);
        StringBuilder b = new StringBuilder("# per-symbol run of examples/sma-crossover.json on " + sample.name() + "\n");
        b.append("symbol,trades,round_trips,final_equity,total_return_pct,max_drawdown_pct,cagr_pct,sharpe\n");
        for (Backtester.SymbolResult r : rows) {
            b.append(r.symbol()).append(',').append(r.trades()).append(',').append(r.roundTrips()).append(',')
                    .append(f2(r.finalEquity())).append(',').append(f4(r.totalReturnPct())).append(',').append(f4(r.maxDrawdownPct()))
                    .append(',').append(f4(r.cagrPct())).append(',').append(r.sharpe() == null ? "" : f4(r.sharpe())).append('\n');
        }
        compare("sma-crossover.per-symbol.csv", b.toString());
        assertThat(rows).hasSize(505);
    }

    @Test
    void rsiReversion() throws IOException {
        check("rsi-reversion", sample);
    }

    @Test
    void momentumTop20() throws IOException {
        check("momentum-top20", sample);
    }

    @Test
    void valueQualityOnGeneratedData() throws IOException {
        check("value-quality", generated);
    }

    private static StrategySpec spec(String name) throws IOException {
        return SpecReader.read(Files.readString(ROOT.resolve("examples/" + name + ".json")), LIB);
    }

    private void check(String name, MarketPanel panel) throws IOException {
        BacktestResult r = new Backtester(panel, LIB).run(spec(name));
        assertThat(r.stats().trades()).as("the example should trade").isGreaterThan(0);
        compare(name + ".txt", render(name, r));
    }

    static String render(String name, BacktestResult r) {
        StringBuilder b = new StringBuilder();
        b.append("# golden result of examples/").append(name).append(".json on ").append(r.dataName())
                .append(r.syntheticData() ? " (SYNTHETIC)" : "").append('\n');
        b.append("period ").append(r.date(0)).append("..").append(r.date(r.days() - 1)).append(", ").append(r.days()).append(" days\n");
        Stats s = r.stats();
        b.append("\n[stats]\n");
        line(b, "totalReturnPct", s.totalReturnPct());
        line(b, "cagrPct", s.cagrPct());
        line(b, "volatilityPct", s.volatilityPct());
        line(b, "sharpe", s.sharpe());
        line(b, "sortino", s.sortino());
        line(b, "maxDrawdownPct", s.maxDrawdownPct());
        line(b, "calmar", s.calmar());
        b.append("trades ").append(s.trades()).append('\n');
        b.append("roundTrips ").append(s.roundTrips()).append('\n');
        line(b, "winRatePct", s.winRatePct());
        line(b, "avgHoldDays", s.avgHoldDays());
        line(b, "exposurePct", s.exposurePct());
        line(b, "alpha", s.alpha());
        line(b, "beta", s.beta());
        line(b, "finalEquity", s.finalEquity());
        b.append("\n[monthlyReturns]\n");
        for (MonthlyReturn m : r.monthlyReturns()) b.append(m.month()).append(' ').append(f4(m.returnPct())).append('\n');
        b.append("\n[trades] date side symbol qty price commission tax pnl reason holdDays\n");
        for (Trade t : r.trades()) {
            b.append(t.date()).append(' ').append(t.side().json()).append(' ').append(t.symbol()).append(' ')
                    .append(f4(t.qty())).append(' ').append(f4(t.price())).append(' ').append(f2(t.commission())).append(' ')
                    .append(f2(t.tax())).append(' ').append(t.pnl() == null ? "-" : f2(t.pnl())).append(' ').append(t.reason())
                    .append(' ').append(t.holdDays() == null ? "-" : t.holdDays()).append('\n');
        }
        b.append("\n[warnings]\n");
        for (String w : r.warnings()) b.append(w).append('\n');
        return b.toString();
    }

    private static void line(StringBuilder b, String k, Double v) {
        b.append(k).append(' ').append(v == null ? "null" : String.format(Locale.ROOT, "%.6f", v)).append('\n');
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void compare(String file, String actual) throws IOException {
        Path golden = ROOT.resolve("examples/golden/" + file);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden).as("golden file %s is missing; create it with -Dgolden.update=true", golden).exists();
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        assertThat(actual).as("result differs from %s (regenerate with -Dgolden.update=true if the change is intended)", golden)
                .isEqualTo(expected);
    }
}
