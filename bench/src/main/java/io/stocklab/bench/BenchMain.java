package io.stocklab.bench;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.backtest.Backtester;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.data.PanelLoader;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.generate.GeneratorConfig;
import io.stocklab.engine.generate.SyntheticMarket;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.spec.StrategySpec;
import io.stocklab.engine.sweep.Sweep;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code stocklab bench}: the engine's performance figures, each with warm-up and several measured iterations
 * (median reported). See docs/performance.md for the targets and recorded results.
 */
public final class BenchMain {
    private static final FactorLibrary LIB = FactorLibrary.standard();

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        for (String a : args) {
            if (a.equals("--quick")) quick = true;
            else if (a.equals("--help") || a.equals("-h")) {
                System.out.println("""
                        stocklab bench [--quick]

                        Measures, with warm-up and several iterations (medians):
                          1. the value + quality monthly strategy with stops on generated 2,500 stocks × 10 years, cold and warm
                          2. SMA(20/50) crossover --per-symbol over the 505 real S&P 500 symbols, and the same job in ta4j
                          3. a sweep of 100 variants of (1): backtests per second
                          4. peak heap of (1), in a separate JVM limited to -Xmx1g
                        --quick uses 500 stocks and fewer iterations (a smoke run, not the recorded figures).""");
                return;
            }
            else if (a.equals("--heap-probe")) {
                heapProbe(quick);
                return;
            } else {
                System.err.println("error: unknown option " + a + " (see stocklab bench --help)");
                System.exit(2);
            }
        }
        Path home = Path.of(System.getProperty("stocklab.home", "."));
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "StockLab bench — %d cores, JVM %s, max heap %d MB%s%n", cores, Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20, quick ? " (QUICK: not the recorded figures)" : "");
        Map<String, String> summary = new LinkedHashMap<>();

        // 2. SMA crossover per symbol on the real sample vs ta4j (and the time to load the sample)
        Path sampleFile = home.resolve("data/sp500_daily_2013_2018.csv.gz");
        MarketPanel[] loaded = new MarketPanel[1];
        Measure.Result load = Measure.run(1, quick ? 3 : 5, null, () -> loaded[0] = PanelLoader.load(sampleFile));
        MarketPanel sample = loaded[0];
        System.out.printf(Locale.ROOT, "%n[0] load the 619,040-row sample (gzip CSV): %s%n", load);
        summary.put("0 load sample ms (target < 2000)", fmt(load.medianMs()) + verdict(load.medianMs() < 2000));
        StrategySpec sma = SpecReader.read(Files.readString(home.resolve("examples/sma-crossover.json")), LIB);
        Backtester sbt = new Backtester(sample, LIB);
        List<Backtester.SymbolResult> rows = sbt.runPerSymbol(sma, cores, ProgressListener.NONE, Cancellation.NEVER);
        System.out.printf(Locale.ROOT, "%n[2] SMA(20/50) crossover per symbol on the real S&P 500 sample: %d symbols × %d days%n", rows.size(), sample.dateCount());
        Measure.Result ours = Measure.run(quick ? 2 : 5, quick ? 5 : 15, () -> sample.cache().clear(),
                () -> sbt.runPerSymbol(sma, cores, ProgressListener.NONE, Cancellation.NEVER));
        System.out.println("    StockLab, " + cores + " threads, SMAs recomputed each run: " + ours);
        Measure.Result ours1 = Measure.run(quick ? 2 : 5, quick ? 5 : 15, () -> sample.cache().clear(),
                () -> sbt.runPerSymbol(sma, 1, ProgressListener.NONE, Cancellation.NEVER));
        System.out.println("    StockLab, 1 thread:                               " + ours1);
        Ta4jBaseline ta4j = new Ta4jBaseline(sample);
        int[] sink = new int[1];
        Measure.Result t4 = Measure.run(quick ? 1 : 3, quick ? 3 : 7, null, () -> sink[0] += ta4j.run());
        System.out.println("    ta4j 0.22, 1 thread (series prebuilt, not timed): " + t4);
        double ratio = t4.medianMs() / ours1.medianMs();
        System.out.printf(Locale.ROOT, "    ratio ta4j / StockLab, both single-threaded: %.1f×%n", ratio);
        summary.put("2 per-symbol ms (target <= 50)", fmt(ours.medianMs()) + verdict(ours.medianMs() <= 50));
        summary.put("2 vs ta4j, same thread count (target >= 10x)", String.format(Locale.ROOT, "%.1fx", ratio) + verdict(ratio >= 10));

        // 1. value + quality on generated data
        GeneratorConfig cfg = config(quick);
        long g0 = System.nanoTime();
        MarketPanel gen = SyntheticMarket.generate(cfg, ProgressListener.NONE);
        System.out.printf(Locale.ROOT, "%n[1] generated SYNTHETIC %d stocks × %d days (%,d bars) in %.1f s%n", gen.assetCount(), gen.dateCount(),
                gen.barTotal(), (System.nanoTime() - g0) / 1e9);
        StrategySpec vq = SpecReader.read(Files.readString(home.resolve("examples/value-quality.json")), LIB);
        Backtester bt = new Backtester(gen, LIB);
        BacktestResult first = bt.run(vq);
        System.out.printf(Locale.ROOT, "    value-quality: %d trades, total return %.2f %%, MDD %.2f %%%n", first.stats().trades(),
                first.stats().totalReturnPct(), first.stats().maxDrawdownPct());
        Measure.Result cold = Measure.run(quick ? 1 : 2, quick ? 3 : 5, () -> gen.cache().clear(), () -> bt.run(vq));
        System.out.println("    cold (factors computed): " + cold);
        bt.run(vq);
        Measure.Result warm = Measure.run(quick ? 2 : 5, quick ? 5 : 15, null, () -> bt.run(vq));
        System.out.println("    warm (factors cached):   " + warm);
        summary.put("1 cold ms (target <= 1000)", fmt(cold.medianMs()) + verdict(cold.medianMs() <= 1000));
        summary.put("1 warm ms (target <= 100)", fmt(warm.medianMs()) + verdict(warm.medianMs() <= 100));

        // 3. sweep of 100 variants of (1)
        JsonNode base = JsonMapper.builder().build().readTree(Files.readString(home.resolve("examples/value-quality.json")));
        Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
        JsonNodeFactory f = JsonNodeFactory.instance;
        grid.put("/sell/stopLossPct", List.of(f.numberNode(8), f.numberNode(10), f.numberNode(15), f.numberNode(20), f.numberNode(25)));
        grid.put("/buy/maxPositions", List.of(f.numberNode(10), f.numberNode(15), f.numberNode(20), f.numberNode(25), f.numberNode(30)));
        grid.put("/sell/takeProfitPct", List.of(f.numberNode(30), f.numberNode(50), f.numberNode(80), f.numberNode(120)));
        List<Sweep.Variant> variants = Sweep.grid(base, grid, LIB);
        Measure.Result sweep = Measure.run(1, quick ? 1 : 3, null, () -> {
            List<Sweep.Outcome> out = Sweep.run(bt, variants, cores, ProgressListener.NONE, Cancellation.NEVER);
            for (Sweep.Outcome o : out) if (!o.ok()) throw new IllegalStateException("variant failed: " + o.label() + ": " + o.error());
        });
        double perSecond = variants.size() / (sweep.medianMs() / 1000.0);
        System.out.printf(Locale.ROOT, "%n[3] sweep of %d variants on %d threads (panel and factors shared): %s → %.1f backtests/s%n",
                variants.size(), cores, sweep, perSecond);
        summary.put("3 sweep backtests/s (target >= 50)", fmt(perSecond) + verdict(perSecond >= 50));

        // 4. peak heap of (1) in a JVM limited to 1 GB
        String heap = childHeapProbe(quick);
        System.out.println("\n[4] " + heap);
        summary.put("4 peak heap (target <= 1 GB)", heap.replaceAll(".*peak heap used ([0-9]+ MB).*", "$1")
                + verdict(heap.contains("completed")));

        System.out.println("\nSummary");
        summary.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-46s %s%n", k, v));
    }

    private static GeneratorConfig config(boolean quick) {
        GeneratorConfig d = GeneratorConfig.defaults();
        return quick ? new GeneratorConfig(500, d.years(), d.seed(), d.end()) : d;
    }

    private static String verdict(boolean ok) {
        return ok ? "  ok" : "  MISSED";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Runs (1) cold then warm in this JVM and prints the peak heap use (sum of the heap pools' peaks). */
    private static void heapProbe(boolean quick) throws Exception {
        Path home = Path.of(System.getProperty("stocklab.home", "."));
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        MarketPanel gen = SyntheticMarket.generate(config(quick), ProgressListener.NONE);
        StrategySpec vq = SpecReader.read(Files.readString(home.resolve("examples/value-quality.json")), LIB);
        Backtester bt = new Backtester(gen, LIB);
        bt.run(vq);
        bt.run(vq);
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        System.out.println("peak-heap-bytes " + peak + " cache-bytes " + gen.cache().bytes());
    }

    private static String childHeapProbe(boolean quick) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dstocklab.home=" + System.getProperty("stocklab.home", "."),
                "-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), "--heap-probe"));
        if (quick) cmd.add("--quick");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder all = new StringBuilder();
        String line, found = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith("peak-heap-bytes ")) found = line;
            }
        }
        int code = p.waitFor();
        if (code != 0 || found == null) {
            return "heap probe under -Xmx1g FAILED (exit " + code + "): " + all.toString().lines().reduce((a, b) -> b).orElse("");
        }
        String[] parts = found.split(" ");
        long peak = Long.parseLong(parts[1]);
        long cache = Long.parseLong(parts[3]);
        return String.format(Locale.ROOT, "generate + cold + warm run of (1) completed under -Xmx1g: peak heap used %d MB "
                + "(sum of the heap pools' peaks, an upper bound), of which cached factors %d MB", peak >> 20, cache >> 20);
    }
}
