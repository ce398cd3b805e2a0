package io.stocklab.cli;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.EngineVersion;
import io.stocklab.engine.backtest.Backtester;
import io.stocklab.engine.data.DataFormatException;
import io.stocklab.engine.data.DatasetDirectory;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.data.PanelLoader;
import io.stocklab.engine.expr.BoundExpression;
import io.stocklab.engine.expr.Expression;
import io.stocklab.engine.expr.ExpressionException;
import io.stocklab.engine.factor.Factor;
import io.stocklab.engine.factor.FactorCategory;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.generate.GeneratorConfig;
import io.stocklab.engine.generate.SyntheticMarket;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.result.ResultJson;
import io.stocklab.engine.result.Stats;
import io.stocklab.engine.spec.SpecException;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.spec.StrategySpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code stocklab} command line (strategy-spec §6). Exit codes: 0 ok, 2 bad input, 1 anything else. */
public final class Main {
    static final String USAGE = """
            StockLab engine %s — fast, honest backtests of factor and technical strategies.

            Usage:
              stocklab backtest --data FILE|DIR --strategy SPEC.json [--out RESULT.json] [--per-symbol OUT.csv] [--threads N]
              stocklab factors [--format table|json] [--category NAME]
              stocklab series --data FILE|DIR --symbol SYM --expr EXPR [--expr EXPR ...] [--out OUT.csv]
              stocklab generate [--stocks 2500] [--years 10] [--seed 42] [--end YYYY-MM-DD] --out DIR
              stocklab bench [--quick]
              stocklab <command> --help

            --data reads a long-format price CSV (optionally gzipped; header date,open,high,low,close,volume,symbol —
            the symbol column may be called Name, code or ticker) or a directory written by `generate`.
            """.formatted(EngineVersion.VERSION);

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new Main(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a command; returns the exit code. */
    int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--version")) {
            out.println("stocklab-engine " + EngineVersion.VERSION);
            return 0;
        }
        try {
            return switch (args[0]) {
                case "backtest" -> backtest(args);
                case "factors" -> factors(args);
                case "series" -> series(args);
                case "generate" -> generate(args);
                case "bench" -> {
                    err.println("error: bench runs from the bench module: use bin/stocklab bench");
                    yield 2;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "' (commands: backtest, factors, series, generate, bench; see stocklab --help)");
            };
        } catch (UsageException | SpecException | ExpressionException | DataFormatException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (Cancellation.CancelledException e) {
            err.println("cancelled");
            return 130;
        } catch (RuntimeException e) {
            err.println("internal error: " + e);
            return 1;
        }
    }

    private static final String BACKTEST_HELP = """
            stocklab backtest --data FILE|DIR --strategy SPEC.json [--out RESULT.json] [--per-symbol OUT.csv] [--threads N]

            Runs a strategy spec (docs/strategy-spec.md) over the data and prints its statistics.
              --out RESULT.json      write the whole result (spec, stats, equity, trades, monthly returns, warnings)
              --per-symbol OUT.csv   run the spec on each symbol of the universe separately (whole capital in that
                                     symbol) and write symbol,trades,round_trips,final_equity,total_return_pct,
                                     max_drawdown_pct,cagr_pct,sharpe
              --threads N            threads for --per-symbol (default: number of cores)
            """;

    private int backtest(String[] argv) throws IOException {
        Args a = new Args("backtest", argv, 1, Set.of("data", "strategy", "out", "per-symbol", "threads"), Set.of());
        if (a.help()) {
            out.print(BACKTEST_HELP);
            return 0;
        }
        Path data = Path.of(a.require("data"));
        Path specFile = Path.of(a.require("strategy"));
        int threads = a.intValue("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        FactorLibrary library = FactorLibrary.standard();
        String json = readText(specFile, "strategy");
        StrategySpec spec;
        try {
            spec = SpecReader.read(json, library);
        } catch (SpecException e) {
            throw new UsageException(specFile + ": " + e.getMessage());
        }
        MarketPanel panel = load(data);
        Backtester bt = new Backtester(panel, library);
        if (a.get("per-symbol") != null) {
            long t0 = System.nanoTime();
            List<Backtester.SymbolResult> rows;
            try (ProgressBar bar = new ProgressBar(err, "per-symbol")) {
                rows = bt.runPerSymbol(spec, threads, bar, Cancellation.NEVER);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Path outFile = Path.of(a.get("per-symbol"));
            try (BufferedWriter w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                w.write("symbol,trades,round_trips,final_equity,total_return_pct,max_drawdown_pct,cagr_pct,sharpe\n");
                for (Backtester.SymbolResult r : rows) {
                    w.write(r.symbol() + "," + r.trades() + "," + r.roundTrips() + "," + fmt(r.finalEquity()) + ","
                            + fmt(r.totalReturnPct()) + "," + fmt(r.maxDrawdownPct()) + "," + fmt(r.cagrPct()) + ","
                            + (r.sharpe() == null ? "" : fmt(r.sharpe())) + "\n");
                }
            }
            double mean = rows.stream().mapToDouble(Backtester.SymbolResult::totalReturnPct).average().orElse(Double.NaN);
            long winners = rows.stream().filter(r -> r.totalReturnPct() > 0).count();
            out.printf(Locale.ROOT, "%s — per symbol on %s%n", spec.name(), panel.name());
            out.printf(Locale.ROOT, "  %d symbols in %d ms; mean total return %.2f %%; %d of %d positive%n", rows.size(), ms, mean, winners, rows.size());
            out.println("  wrote " + outFile);
            return 0;
        }
        BacktestResult result;
        long t0 = System.nanoTime();
        try (ProgressBar bar = new ProgressBar(err, "backtest")) {
            result = bt.run(spec, bar, Cancellation.NEVER);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        printStats(result, ms);
        if (a.get("out") != null) {
            Path outFile = Path.of(a.get("out"));
            Files.writeString(outFile, ResultJson.toJson(result), StandardCharsets.UTF_8);
            out.println("  wrote " + outFile);
        }
        return 0;
    }

    private void printStats(BacktestResult r, long ms) {
        Stats s = r.stats();
        out.printf(Locale.ROOT, "%s%n", r.spec().name());
        out.printf(Locale.ROOT, "  data        %s%s, %s..%s, %d trading days%n", r.dataName(), r.syntheticData() ? " (SYNTHETIC)" : "",
                r.days() > 0 ? r.date(0) : "-", r.days() > 0 ? r.date(r.days() - 1) : "-", r.days());
        out.printf(Locale.ROOT, "  capital     %,.0f -> %,.0f%n", r.spec().initialCapital(), s.finalEquity());
        out.printf(Locale.ROOT, "  total return %9.2f %%    CAGR        %8.2f %%%n", s.totalReturnPct(), s.cagrPct());
        out.printf(Locale.ROOT, "  volatility  %9.2f %%    max drawdown %7.2f %%%n", s.volatilityPct(), s.maxDrawdownPct());
        out.printf(Locale.ROOT, "  sharpe      %9s      sortino     %8s%n", opt(s.sharpe()), opt(s.sortino()));
        out.printf(Locale.ROOT, "  calmar      %9s      exposure    %8.2f %%%n", opt(s.calmar()), s.exposurePct());
        out.printf(Locale.ROOT, "  trades      %9d      round trips %8d%n", s.trades(), s.roundTrips());
        out.printf(Locale.ROOT, "  win rate    %9s %%    avg hold    %8s days%n", opt(s.winRatePct()), opt(s.avgHoldDays()));
        if (s.beta() != null) out.printf(Locale.ROOT, "  alpha       %9.4f      beta        %8.3f   (vs %s)%n", s.alpha(), s.beta(), r.spec().benchmark());
        out.printf(Locale.ROOT, "  simulated in %d ms%n", ms);
        for (String w : r.warnings()) out.println("  warning: " + w);
    }

    private static String opt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static final String FACTORS_HELP = """
            stocklab factors [--format table|json] [--category NAME]

            Lists the factor library: id, category, name, formula, description and inputs.
            Categories: value, growth, quality, momentum, size, volatility.
            """;

    private int factors(String[] argv) {
        Args a = new Args("factors", argv, 1, Set.of("format", "category"), Set.of());
        if (a.help()) {
            out.print(FACTORS_HELP);
            return 0;
        }
        String format = a.get("format") == null ? "table" : a.get("format").toLowerCase(Locale.ROOT);
        if (!format.equals("table") && !format.equals("json")) throw new UsageException("factors: --format must be table or json, got '" + a.get("format") + "'");
        FactorCategory only = null;
        if (a.get("category") != null) {
            for (FactorCategory c : FactorCategory.values()) if (c.name().equalsIgnoreCase(a.get("category"))) only = c;
            if (only == null) throw new UsageException("factors: unknown category '" + a.get("category") + "' (value, growth, quality, momentum, size, volatility)");
        }
        List<Factor> list = FactorLibrary.standard().all();
        if (format.equals("json")) {
            JsonMapper m = JsonMapper.builder().build();
            ArrayNode arr = m.createArrayNode();
            for (Factor f : list) {
                if (only != null && f.category() != only) continue;
                ObjectNode o = arr.addObject();
                o.put("id", f.id());
                o.put("category", f.category().name().toLowerCase(Locale.ROOT));
                o.put("name", f.name());
                o.put("description", f.description());
                o.put("formula", f.formula());
                ArrayNode in = o.putArray("inputs");
                f.inputs().forEach(in::add);
            }
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
            return 0;
        }
        int count = 0;
        for (FactorCategory c : FactorCategory.values()) {
            if (only != null && c != only) continue;
            out.println("== " + c.label() + " ==");
            for (Factor f : list) {
                if (f.category() != c) continue;
                out.printf(Locale.ROOT, "  %-22s %-34s %s%n", f.id(), truncate(f.name(), 34), f.formula());
                count++;
            }
        }
        out.println(count + " factors");
        return 0;
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static final String SERIES_HELP = """
            stocklab series --data FILE|DIR --symbol SYM --expr EXPR [--expr EXPR ...] [--out OUT.csv]

            Writes date,<expr>,<expr>… for one symbol, one row per trading day of that symbol, empty cells where
            a value is missing. Any factor id or expression works, e.g. --expr close --expr 'sma(close,20)' --expr rsi_14.
            Cross-sectional functions (rank, zscore) rank across every asset of the data.
            """;

    private int series(String[] argv) throws IOException {
        Args a = new Args("series", argv, 1, Set.of("data", "symbol", "expr", "out"), Set.of());
        if (a.help()) {
            out.print(SERIES_HELP);
            return 0;
        }
        Path data = Path.of(a.require("data"));
        String symbol = a.require("symbol");
        List<String> exprs = a.all("expr");
        if (exprs.isEmpty()) throw new UsageException("series: give at least one --expr");
        FactorLibrary library = FactorLibrary.standard();
        Expression[] parsed = new Expression[exprs.size()];
        for (int i = 0; i < exprs.size(); i++) {
            try {
                parsed[i] = Expression.parse(exprs.get(i), library);
            } catch (ExpressionException e) {
                throw new UsageException("series: --expr '" + exprs.get(i) + "': " + e.getMessage());
            }
        }
        MarketPanel panel = load(data);
        int asset = panel.assetIndex(symbol);
        if (asset < 0) throw new UsageException("series: symbol '" + symbol + "' is not in " + panel.name() + suggestSymbol(panel, symbol));
        BoundExpression[] bound = new BoundExpression[parsed.length];
        for (int i = 0; i < parsed.length; i++) bound[i] = parsed[i].bind(panel, library, null, Cancellation.NEVER);
        StringBuilder sb = new StringBuilder("date");
        for (String e : exprs) sb.append(',').append(csvCell(e));
        sb.append('\n');
        for (int d = 0; d < panel.dateCount(); d++) {
            if (!panel.hasBar(asset, d)) continue;
            sb.append(panel.date(d));
            for (BoundExpression b : bound) {
                double v = b.value(d, asset);
                sb.append(',');
                if (!Double.isNaN(v)) sb.append(fmt(v));
            }
            sb.append('\n');
        }
        if (a.get("out") != null) {
            Files.writeString(Path.of(a.get("out")), sb, StandardCharsets.UTF_8);
            err.println("wrote " + a.get("out"));
        } else {
            out.print(sb);
        }
        return 0;
    }

    private static String suggestSymbol(MarketPanel panel, String symbol) {
        String up = symbol.toUpperCase(Locale.ROOT);
        for (var asset : panel.assets()) {
            if (asset.symbol().equalsIgnoreCase(symbol)) return " (did you mean '" + asset.symbol() + "'?)";
        }
        return panel.assetCount() > 0 ? " (" + panel.assetCount() + " symbols, e.g. " + panel.symbol(0) + ")" : "";
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"")) return '"' + s.replace("\"", "\"\"") + '"';
        return s;
    }

    private static final String GENERATE_HELP = """
            stocklab generate [--stocks 2500] [--years 10] [--seed 42] [--end YYYY-MM-DD] --out DIR

            Writes a deterministic SYNTHETIC KOSPI/KOSDAQ-like dataset (prices with halts, listings and delistings,
            quarterly fundamentals with disclosure dates, KOSPI/KOSDAQ indices) to DIR. Same seed, same data.
            """;

    private int generate(String[] argv) throws IOException {
        Args a = new Args("generate", argv, 1, Set.of("stocks", "years", "seed", "out", "end"), Set.of());
        if (a.help()) {
            out.print(GENERATE_HELP);
            return 0;
        }
        Path dir = Path.of(a.require("out"));
        int stocks = a.intValue("stocks", 2500, 1, 20_000);
        int years = a.intValue("years", 10, 1, 40);
        long seed;
        try {
            seed = a.get("seed") == null ? 42 : Long.parseLong(a.get("seed").trim());
        } catch (NumberFormatException e) {
            throw new UsageException("generate: --seed must be a whole number, got '" + a.get("seed") + "'");
        }
        GeneratorConfig defaults = GeneratorConfig.defaults();
        LocalDate end = defaults.end();
        if (a.get("end") != null) {
            try {
                end = LocalDate.parse(a.get("end").trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new UsageException("generate: --end must be a date YYYY-MM-DD, got '" + a.get("end") + "'");
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UsageException("generate: --out " + dir + " exists and is not a directory");
        GeneratorConfig config;
        try {
            config = new GeneratorConfig(stocks, years, seed, end);
        } catch (IllegalArgumentException e) {
            throw new UsageException("generate: " + e.getMessage());
        }
        long t0 = System.nanoTime();
        MarketPanel panel;
        try (ProgressBar bar = new ProgressBar(err, "generate")) {
            panel = SyntheticMarket.generate(config, bar);
            DatasetDirectory.write(panel, dir, bar);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.printf(Locale.ROOT, "SYNTHETIC data (not real market data): %d stocks × %d trading days, %s..%s, seed %d%n",
                panel.assetCount(), panel.dateCount(), panel.date(0), panel.date(panel.dateCount() - 1), seed);
        out.printf(Locale.ROOT, "  %,d bars, %,d quarterly reports, benchmarks %s%n", panel.barTotal(), panel.fundamentals().reportCount(),
                String.join(", ", panel.benchmarks().keySet()));
        out.printf(Locale.ROOT, "  wrote %s in %.1f s%n", dir, ms / 1000.0);
        return 0;
    }

    private MarketPanel load(Path data) throws IOException {
        if (!Files.exists(data)) throw new NoSuchFileException(data.toString());
        long t0 = System.nanoTime();
        MarketPanel p = PanelLoader.load(data);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        err.printf(Locale.ROOT, "loaded %s: %d symbols × %d days (%,d bars) in %d ms%s%n", p.name(), p.assetCount(), p.dateCount(),
                p.barTotal(), ms, p.synthetic() ? " — SYNTHETIC data" : "");
        return p;
    }

    private static String readText(Path file, String what) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        if (Files.size(file) > 1_000_000) throw new UsageException(what + " file " + file + " is larger than 1 MB");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UsageException(what + " file " + file + " is not UTF-8 text");
        }
    }

    /** Compact number formatting: integers without a fraction, others with up to 10 significant decimals. */
    static String fmt(double v) {
        if (Double.isNaN(v)) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.10g", v);
        if (s.contains("e") || s.contains("E")) return s;
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
