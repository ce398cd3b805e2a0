package io.stocklab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @TempDir
    Path dir;

    static final Path ROOT = locateRoot();

    static Path locateRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples"))) p = p.getParent();
        return p;
    }

    record Run(int code, String out, String err) { }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static String sample() {
        return ROOT.resolve("data/sp500_daily_2013_2018.csv.gz").toString();
    }

    static String example(String name) {
        return ROOT.resolve("examples/" + name + ".json").toString();
    }

    @Test
    void helpAndUnknownCommand() {
        Run h = run("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("stocklab backtest", "stocklab factors", "stocklab series", "stocklab generate", "stocklab bench");
        assertThat(run("backtest", "--help").out()).contains("--per-symbol");
        Run u = run("frobnicate");
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err()).contains("unknown command 'frobnicate'");
        assertThat(run().code()).isEqualTo(2);
    }

    @Test
    void backtestPrintsStatisticsAndWritesTheResult() throws IOException {
        Path out = dir.resolve("r.json");
        Run r = run("backtest", "--data", sample(), "--strategy", example("momentum-top20"), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("12-1 momentum", "total return", "sharpe", "max drawdown", "trades");
        String json = Files.readString(out);
        assertThat(json).contains("\"stats\"", "\"equity\"", "\"trades\"", "\"monthlyReturns\"", "\"warnings\"", "\"spec\"");
    }

    @Test
    void perSymbolWritesOneRowPerSymbol() throws IOException {
        Path out = dir.resolve("ps.csv");
        Run r = run("backtest", "--data", sample(), "--strategy", example("sma-crossover"), "--per-symbol", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("symbol,trades,round_trips,final_equity,total_return_pct,max_drawdown_pct,cagr_pct,sharpe");
        assertThat(lines).hasSize(1 + 505);
        assertThat(lines.get(1)).startsWith("A,");
    }

    @Test
    void badInputExitsWithCodeTwoAndAClearMessage() throws IOException {
        Path notPrices = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        Run r1 = run("backtest", "--data", notPrices.toString(), "--strategy", example("momentum-top20"));
        assertThat(r1.code()).isEqualTo(2);
        assertThat(r1.err()).contains("not a price file");

        Run r2 = run("backtest", "--data", dir.resolve("missing.csv").toString(), "--strategy", example("momentum-top20"));
        assertThat(r2.code()).isEqualTo(2);
        assertThat(r2.err()).contains("no such file");

        Path badSpec = Files.writeString(dir.resolve("s.json"), "{\"buy\": {\"when\": \"pre < 10\", \"maxPositions\": -1}, \"initialCapital\": -5}");
        Run r3 = run("backtest", "--data", sample(), "--strategy", badSpec.toString());
        assertThat(r3.code()).isEqualTo(2);
        assertThat(r3.err()).contains("$.buy.when", "did you mean 'per'", "$.buy.maxPositions", "$.initialCapital");

        Run r4 = run("backtest", "--data", sample());
        assertThat(r4.code()).isEqualTo(2);
        assertThat(r4.err()).contains("missing required option --strategy");

        Run r5 = run("series", "--data", sample(), "--symbol", "AAPL", "--expr", "sma(close,)");
        assertThat(r5.code()).isEqualTo(2);
        assertThat(r5.err()).contains("sma(close,)");
    }

    @Test
    void seriesWritesOneRowPerTradingDayWithEmptyCellsWhenMissing() {
        Run r = run("series", "--data", sample(), "--symbol", "AAPL", "--expr", "close", "--expr", "sma(close,3)");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("date,close,\"sma(close,3)\"");
        assertThat(lines).hasSize(1 + 1259);
        assertThat(lines.get(1)).matches("2013-02-08,[0-9.]+,");
        String[] third = lines.get(3).split(",");
        double expected = (Double.parseDouble(lines.get(1).split(",")[1]) + Double.parseDouble(lines.get(2).split(",")[1])
                + Double.parseDouble(third[1])) / 3;
        assertThat(Double.parseDouble(third[2])).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void factorsListsTheLibrary() {
        Run t = run("factors");
        assertThat(t.code()).isZero();
        assertThat(t.out()).contains("per", "rsi_14", "mom_12_1", "== Value ==", "== Volatility / risk ==");
        Run j = run("factors", "--format", "json", "--category", "value");
        assertThat(j.out()).contains("\"id\" : \"per\"", "\"category\" : \"value\"").doesNotContain("rsi_14");
        assertThat(run("factors", "--format", "xml").code()).isEqualTo(2);
    }

    @Test
    void generateWritesASyntheticDatasetThatBacktestsRead() throws IOException {
        Path out = dir.resolve("gen");
        Run g = run("generate", "--stocks", "40", "--years", "2", "--seed", "7", "--out", out.toString());
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("SYNTHETIC");
        Run b = run("backtest", "--data", out.toString(), "--strategy", example("value-quality"));
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("SYNTHETIC");
        assertThat(run("generate", "--stocks", "0", "--out", out.toString()).code()).isEqualTo(2);
        assertThat(run("generate", "--stocks", "ten", "--out", out.toString()).err()).contains("--stocks must be a whole number");
    }
}
