package io.stocklab.server.marketdata;

import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.data.PanelComparison;
import io.stocklab.engine.data.PanelSnapshot;
import io.stocklab.engine.generate.GeneratorConfig;
import io.stocklab.engine.generate.SyntheticMarket;
import io.stocklab.server.StockLabApplication;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.HighestPrecedenceProperties;
import io.stocklab.server.support.ProdTestProperties;
import io.stocklab.server.support.TestRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The market-data benchmark (not a test): starts the server on the prod profile against this machine's
 * PostgreSQL (a schema of its own, dropped at exit) and Redis, then prints
 * <ol>
 *   <li>import rows/s into PostgreSQL of the generated set (2,500 stocks × 8 years ≈ 5 million bars; COPY, one
 *       transaction), and of a re-import of the same rows (staging + MERGE upsert, nothing changes);</li>
 *   <li>the panel build time from PostgreSQL (one streaming pass);</li>
 *   <li>the snapshot map-in time;</li>
 *   <li>p50/p99 of the quote and history endpoints under load with {@code wrk} on loopback.</li>
 * </ol>
 * Run with {@code server/src/test/resources/marketdata-bench.sh} (see docs/performance.md).
 */
public final class MarketDataBenchmark {
    private MarketDataBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stocks = Integer.getInteger("stocks", 2500), years = Integer.getInteger("years", 10);
        List<String> parts = List.of(System.getProperty("parts", "import,panel,http,paced").split(","));
        Map<String, Object> props = new java.util.HashMap<>(ProdTestProperties.properties());
        props.put("stocklab.quotas.plans.FREE.api-calls-per-minute", "100000000");
        props.put("stocklab.quotas.anonymous-api-calls-per-minute", "100000000");
        props.put("spring.datasource.hikari.maximum-pool-size", "20");
        props.put("stocklab.data-dir", TestRun.newLocalDataDir("bench").toString());
        props.put("server.port", "0");
        props.put("logging.level.root", "WARN");
        props.put("logging.structured.format.console", "");
        // -Dbench.set.<property>=<value>: a server setting for this run (e.g. to compare with a cache turned off)
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.set."))
                .forEach(k -> props.put(k.substring("bench.set.".length()), System.getProperty(k)));
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(StockLabApplication.class)
                .profiles("prod").initializers(new HighestPrecedenceProperties("bench", props)).run()) {
            DbDatasets datasets = ctx.getBean(DbDatasets.class);
            MarketStore store = ctx.getBean(MarketStore.class);
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));

            MarketPanel generated = SyntheticMarket.generate(new GeneratorConfig(stocks, years, 42, GeneratorConfig.DEFAULT_END),
                    ProgressListener.NONE);
            long bars = generated.barTotal();
            System.out.printf("generated %d stocks × %d years: %,d bars%n", stocks, years, bars);

            String id = "bench";
            store.createDataset(id, "bench", "benchmark", true, false);
            long t0 = System.nanoTime();
            datasets.storePanel(id, generated, "KRW");
            double importSec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("import into PostgreSQL (COPY, one transaction, incl. assets/fundamentals/benchmarks): %,d bars in %.2f s = %,.0f rows/s%n",
                    bars, importSec, bars / importSec);

            if (parts.contains("import")) {
            // re-import of the same bars: staged with COPY, merged with MERGE (identical rows untouched)
            t0 = System.nanoTime();
            MarketStore.Counts counts = ctx.getBean(DailyUpdateService.class).store(id, toBars(generated));
            double upsertSec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("re-import of the same bars (staging + MERGE upsert): %,d unchanged in %.2f s = %,.0f rows/s%n",
                    counts.unchanged(), upsertSec, bars / upsertSec);
            }

            jdbc.execute("VACUUM ANALYZE daily_prices");
            for (int i = 0; i < (parts.contains("panel") ? 2 : 0); i++) {
                t0 = System.nanoTime();
                MarketStore.BuiltPanel built = store.buildPanel(id);
                System.out.printf("panel build from PostgreSQL (run %d): %,d bars in %.2f s%n", i + 1, built.panel().barTotal(),
                        (System.nanoTime() - t0) / 1e9);
                if (i == 1 && !PanelComparison.differences(generated, built.panel(), 3).isEmpty()) {
                    throw new AssertionError("panel differs: " + PanelComparison.differences(generated, built.panel(), 3));
                }
            }
            Path file = Files.createTempDirectory("panel").resolve("bench.panel");
            PanelSnapshot.write(generated, "v1", file);
            for (int i = 0; i < (parts.contains("panel") ? 3 : 0); i++) {
                t0 = System.nanoTime();
                PanelSnapshot.Loaded loaded = PanelSnapshot.read(file);
                System.out.printf("snapshot map-in (%,d MB, run %d): %.3f s (%d assets × %d days)%n", Files.size(file) >> 20, i + 1,
                        (System.nanoTime() - t0) / 1e9, loaded.panel().assetCount(), loaded.panel().dateCount());
            }
            Files.delete(file);

            datasets.refresh(id);
            Api api = new Api(port, "127.0.0.1");
            String token = Uploads.adminToken(api, ProdTestProperties.ADMIN_EMAIL);
            String code = generated.symbol(0);
            String quote = "http://127.0.0.1:" + port + "/api/v1/market/quotes?dataset=" + id + "&symbols=" + code + "," + generated.symbol(1);
            String history = "http://127.0.0.1:" + port + "/api/v1/market/symbols/" + code + "/history?dataset=" + id
                    + "&from=2024-01-01&expr=sma(close,20)";
            for (String url : List.of(quote, history)) {
                Api.Response r = api.get(url.substring(url.indexOf("/api")), token);
                if (r.status() != 200) throw new AssertionError("GET " + url + " failed: " + r);
            }
            // many users, as in real traffic (one user's requests all share that user's rate-limit bucket)
            List<String> tokens = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) tokens.add(api.login(api.register("bench")).path("accessToken").asString());
            Path lua = Files.createTempFile("tokens", ".lua");
            StringBuilder script = new StringBuilder("tokens = {");
            for (String t : tokens) script.append('"').append(t).append("\",");
            script.append("}\ni = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", nil, "
                    + "{[\"Authorization\"] = \"Bearer \" .. tokens[(i % #tokens) + 1], [\"X-Forwarded-For\"] = \"127.0.0.1\"})\nend\n");
            Files.writeString(lua, script);
            if (parts.contains("http")) {
                wrk("quote", quote, lua);
                wrk("history", history, lua);
            }
            if (parts.contains("paced")) {
                // the same 200 connections, each pausing between requests so the offered load is a fixed rate
                // below saturation: latency then measures serving, not the queue that a closed loop builds up
                for (int rate : new int[] {1000, 2000, 3000}) {
                    Path paced = Files.createTempFile("paced", ".lua");
                    Files.writeString(paced, script + "delay = function()\n  return " + (200_000 / rate) + "\nend\n");
                    paced("quote", quote, paced, rate);
                    Files.delete(paced);
                }
            }
            Files.delete(lua);
        }
        System.exit(0);
    }

    private static List<MarketDataProvider.DailyBar> toBars(MarketPanel p) {
        List<MarketDataProvider.DailyBar> out = new java.util.ArrayList<>((int) p.barTotal());
        int nd = p.dateCount();
        for (int a = 0; a < p.assetCount(); a++) {
            for (int d = 0; d < nd; d++) {
                int k = a * nd + d;
                if (!Double.isNaN(p.close()[k])) {
                    out.add(new MarketDataProvider.DailyBar(p.symbol(a), null, null, p.date(d), p.open()[k], p.high()[k], p.low()[k],
                            p.close()[k], p.volume()[k]));
                }
            }
        }
        return out;
    }

    /** 200 connections, each waiting 200,000 / rate ms after every answer: about {@code rate} requests/s offered. */
    private static void paced(String name, String url, Path lua, int rate) throws Exception {
        Process p = new ProcessBuilder("wrk", "-t2", "-c200", "-d20s", "--latency", "-s", lua.toString(), url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, TimeUnit.SECONDS);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.println("wrk " + name + " paced (2 threads, 200 connections, 20 s, each connection pausing "
                + (200_000 / rate) + " ms between requests, ~" + rate + " requests/s offered): " + url);
        System.out.println(out);
        System.out.printf("load average %.2f%n", os.getSystemLoadAverage());
    }

    private static void wrk(String name, String url, Path lua) throws Exception {
        Process warm = new ProcessBuilder("wrk", "-t2", "-c50", "-d10s", "-s", lua.toString(), url)
                .redirectErrorStream(true).start();
        warm.getInputStream().readAllBytes();
        warm.waitFor(60, TimeUnit.SECONDS);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        Process p = new ProcessBuilder("wrk", "-t2", "-c200", "-d20s", "--latency", "-s", lua.toString(), url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, TimeUnit.SECONDS);
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.println("wrk " + name + " (2 threads, 200 connections, 20 s, 100 users): " + url);
        System.out.println(out);
        // the server's own CPU per request: a figure that other load on the machine disturbs much less than latency
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) requests in").matcher(out);
        if (m.find()) {
            System.out.printf("server CPU: %.0f µs per request (%.1f s for %s requests); load average %.2f%n",
                    cpu / 1e3 / Long.parseLong(m.group(1)), cpu / 1e9, m.group(1), os.getSystemLoadAverage());
        }
    }
}
