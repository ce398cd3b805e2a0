package io.stocklab.server.marketdata;

import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.FundamentalItem;
import io.stocklab.engine.data.Fundamentals;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.data.PanelSnapshot;
import io.stocklab.engine.generate.GeneratorConfig;
import io.stocklab.engine.generate.SyntheticMarket;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The datasets, stored in the database ({@link MarketStore}) and served as in-memory panels. Every installation
 * has two: the bundled real S&P 500 sample ({@code sp500-2013-2018}) and a generated KOSPI/KOSDAQ-like universe
 * ({@code krx-demo}, the default), loaded into the database on first use (at start-up when
 * {@code stocklab.datasets.load-on-start}); later starts find them there. Imports may create more.
 *
 * <p>A dataset's panel is built from the database in one streaming pass and written to an on-disk columnar
 * snapshot ({@link PanelSnapshot}) labelled with the dataset version, so a restart maps it back in instead of
 * rebuilding it. After an import the panel is rebuilt in the background and swapped in; a {@link DatasetSnapshot}
 * handed out earlier stays as it was, so a running backtest always sees one consistent version. Other nodes notice
 * a new version by polling ({@code stocklab.datasets.refresh-interval}).
 */
@Service
class DbDatasets implements Datasets {
    static final String SP500 = "sp500-2013-2018";
    static final String KRX_DEMO = "krx-demo";
    private static final String SAMPLE_RESOURCE = "/datasets/sp500_daily_2013_2018.csv.gz";
    private static final Logger log = LoggerFactory.getLogger(DbDatasets.class);

    private final MarketStore store;
    private final ImportRunner runner;
    private final ImportJobRows jobs;
    private final Path snapshotDir;
    private final GeneratorConfig demoConfig;
    private final boolean loadOnStart;
    private final ConcurrentHashMap<String, DatasetSnapshot> current = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    DbDatasets(MarketStore store, ImportRunner runner, ImportJobRows jobs,
               @Value("${stocklab.datasets.dir:${stocklab.data-dir}/datasets}") Path dir,
               @Value("${stocklab.datasets.krx-demo.stocks:2500}") int stocks,
               @Value("${stocklab.datasets.krx-demo.years:10}") int years,
               @Value("${stocklab.datasets.krx-demo.seed:42}") long seed,
               @Value("${stocklab.datasets.load-on-start:true}") boolean loadOnStart) {
        this.store = store;
        this.runner = runner;
        this.jobs = jobs;
        this.snapshotDir = dir.resolve("snapshots");
        this.demoConfig = new GeneratorConfig(stocks, years, seed, GeneratorConfig.DEFAULT_END);
        this.loadOnStart = loadOnStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!loadOnStart) return;
        Thread.ofVirtual().name("datasets-warm-up").start(() -> {
            for (String id : List.of(KRX_DEMO, SP500)) {
                try {
                    snapshot(id);
                } catch (RuntimeException e) {
                    log.error("could not load dataset {}: {}", id, e.getMessage(), e);
                }
            }
            for (MarketStore.DatasetRow row : store.datasets()) {
                try {
                    snapshot(row.id());
                } catch (RuntimeException e) {
                    log.error("could not load dataset {}: {}", row.id(), e.getMessage(), e);
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ Datasets

    @Override
    public List<DatasetInfo> list() {
        ensureBuiltIns();
        List<DatasetInfo> out = new ArrayList<>();
        for (MarketStore.DatasetRow row : store.datasets()) out.add(info(row.id()));
        return out;
    }

    private volatile String defaultId;

    /**
     * The default dataset's id without reading the database every time (the market API's requests without a
     * {@code dataset}): is_default is set when a dataset is created and never changes.
     */
    String defaultId() {
        String id = defaultId;
        if (id == null) {
            ensureBuiltIns();
            id = store.datasets().stream().filter(MarketStore.DatasetRow::isDefault).findFirst()
                    .map(MarketStore.DatasetRow::id).orElse(KRX_DEMO);
            defaultId = id;
        }
        return id;
    }

    @Override
    public DatasetInfo defaultDataset() {
        ensureBuiltIns();
        return store.datasets().stream().filter(MarketStore.DatasetRow::isDefault).findFirst()
                .map(r -> info(r.id())).orElseGet(() -> info(KRX_DEMO));
    }

    @Override
    public Optional<DatasetInfo> find(String id) {
        if (id == null) return Optional.empty();
        if (isBuiltIn(id)) ensureSeeded(id);
        return store.dataset(id).map(r -> info(r.id()));
    }

    @Override
    public DatasetSnapshot snapshot(String id) {
        DatasetSnapshot s = id == null ? null : current.get(id);
        if (s != null) return s;
        if (id == null) throw ApiException.notFound("unknown dataset 'null'");
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            s = current.get(id);
            if (s != null) return s;
            if (isBuiltIn(id)) ensureSeeded(id);
            MarketStore.DatasetRow row = store.dataset(id).orElseThrow(() -> ApiException.notFound("unknown dataset '" + id + "'"));
            s = load(row);
            current.put(id, s);
            return s;
        }
    }

    private DatasetInfo info(String id) {
        MarketStore.DatasetRow row = store.dataset(id).orElseThrow(() -> ApiException.notFound("unknown dataset '" + id + "'"));
        DatasetSnapshot s = current.get(id);
        if (row.statsVersion() != row.version() && (s == null || !s.version().equals(row.versionLabel()))) {
            s = snapshot(id);
            row = store.dataset(id).orElseThrow();
        }
        if (s != null && s.version().equals(row.versionLabel())) {
            MarketPanel p = s.panel();
            return new DatasetInfo(id, row.name(), row.description(), row.synthetic(), row.isDefault(), p.assetCount(),
                    p.dateCount(), p.barTotal(), p.dateCount() > 0 ? p.date(0) : null,
                    p.dateCount() > 0 ? p.date(p.dateCount() - 1) : null, s.version());
        }
        return new DatasetInfo(id, row.name(), row.description(), row.synthetic(), row.isDefault(), row.assets(), row.days(),
                row.bars(), row.firstDate(), row.lastDate(), row.versionLabel());
    }

    // ------------------------------------------------------------------------------------------------ panels

    private DatasetSnapshot load(MarketStore.DatasetRow row) {
        Path file = snapshotDir.resolve(row.id() + ".panel");
        String label = row.versionLabel();
        if (Files.isRegularFile(file)) {
            long t0 = System.nanoTime();
            try {
                if (label.equals(PanelSnapshot.readVersion(file))) {
                    PanelSnapshot.Loaded loaded = PanelSnapshot.read(file);
                    log.info("dataset {} {} mapped in from {} in {} ms", row.id(), label, file, (System.nanoTime() - t0) / 1_000_000);
                    if (row.statsVersion() != row.version()) store.saveStats(row.id(), row.version(), loaded.panel());
                    return new DatasetSnapshot(row.id(), label, loaded.panel());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("ignoring the panel snapshot {}: {}", file, e.getMessage());
            }
        }
        return build(row.id());
    }

    /** Builds the panel from the database, saves its stats and its on-disk snapshot. */
    private DatasetSnapshot build(String id) {
        long t0 = System.nanoTime();
        MarketStore.BuiltPanel built = store.buildPanel(id);
        MarketStore.DatasetRow row = built.dataset();
        MarketPanel panel = built.panel();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log.info("dataset {} {} built from the database: {} assets × {} days, {} bars in {} ms", id, row.versionLabel(),
                panel.assetCount(), panel.dateCount(), panel.barTotal(), ms);
        store.saveStats(id, row.version(), panel);
        try {
            PanelSnapshot.write(panel, row.versionLabel(), snapshotDir.resolve(id + ".panel"));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the panel snapshot of {}: {}", id, e.getMessage());
        }
        return new DatasetSnapshot(id, row.versionLabel(), panel);
    }

    /** Rebuilds a dataset's panel now if its version changed, and swaps it in. */
    DatasetSnapshot refresh(String id) {
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            MarketStore.DatasetRow row = store.dataset(id).orElseThrow(() -> ApiException.notFound("unknown dataset '" + id + "'"));
            DatasetSnapshot s = current.get(id);
            if (s != null && s.version().equals(row.versionLabel())) return s;
            s = load(row);
            current.put(id, s);
            return s;
        }
    }

    void refreshAsync(String id) {
        Thread.ofVirtual().name("dataset-refresh-" + id).start(() -> {
            try {
                refresh(id);
            } catch (RuntimeException e) {
                log.error("could not refresh dataset {}: {}", id, e.getMessage(), e);
            }
        });
    }

    /** Other nodes' imports: a loaded dataset whose version changed in the database is rebuilt. */
    @Scheduled(fixedDelayString = "${stocklab.datasets.refresh-interval:PT1M}", initialDelayString = "${stocklab.datasets.refresh-interval:PT1M}")
    void pollVersions() {
        for (String id : List.copyOf(current.keySet())) {
            try {
                Optional<MarketStore.DatasetRow> row = store.dataset(id);
                DatasetSnapshot s = current.get(id);
                if (row.isPresent() && s != null && !s.version().equals(row.get().versionLabel())) refresh(id);
            } catch (RuntimeException e) {
                log.warn("version check of dataset {} failed: {}", id, e.getMessage());
            }
        }
    }

    /** The current snapshot if loaded, without loading anything. */
    Optional<DatasetSnapshot> loaded(String id) {
        return Optional.ofNullable(current.get(id));
    }

    // ------------------------------------------------------------------------------------------------ seeding

    static boolean isBuiltIn(String id) {
        return SP500.equals(id) || KRX_DEMO.equals(id);
    }

    void ensureExists(String id) {
        if (isBuiltIn(id)) {
            ensureSeeded(id);
            return;
        }
        store.createDataset(id, id, "Imported data", false, false);
    }

    private void ensureBuiltIns() {
        ensureSeeded(KRX_DEMO);
        ensureSeeded(SP500);
    }

    /** Loads a built-in dataset into the database unless it is there (version 0 = never loaded). */
    void ensureSeeded(String id) {
        Optional<MarketStore.DatasetRow> row = store.dataset(id);
        if (row.isPresent() && row.get().version() > 0) return;
        synchronized (locks.computeIfAbsent("seed:" + id, k -> new Object())) {
            row = store.dataset(id);
            if (row.isPresent() && row.get().version() > 0) return;
            if (id.equals(KRX_DEMO)) {
                store.createDataset(KRX_DEMO, "KRX demo (synthetic KOSPI/KOSDAQ-like)",
                        "SYNTHETIC data generated by StockLab's generator (" + demoConfig.stocks() + " stocks × " + demoConfig.years()
                                + " years, seed " + demoConfig.seed() + "): not real market data", true, true);
                seedDemo();
            } else {
                store.createDataset(SP500, "S&P 500 daily 2013–2018",
                        "Real daily bars of 505 S&P 500 stocks, 2013-02-08..2018-02-07 (public domain)", false, false);
                seedSample();
            }
        }
    }

    /** Loads the bundled sample like any other import: with an {@code import_jobs} row (created by nobody). */
    private void seedSample() {
        long t0 = System.nanoTime();
        log.info("loading the bundled sample {} into the database — first start only", SP500);
        ImportRunner.Request req = new ImportRunner.Request(SP500, ImportKind.PRICES, SAMPLE_RESOURCE.substring(SAMPLE_RESOURCE.lastIndexOf('/') + 1),
                null, true, false, null, 60);
        UUID jobId = UUID.randomUUID();
        jobs.create(jobId, req, null);
        jobs.running(jobId);
        ImportRunner.Report report = new ImportRunner.Report(10);
        long[] bytes = {0};
        try (InputStream raw = DbDatasets.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (raw == null) throw new IOException("the bundled sample " + SAMPLE_RESOURCE + " is missing from the build");
            runner.run(req, UploadStreams.open(new UploadStreams.CountingStream(raw, b -> bytes[0] = b), Long.MAX_VALUE, null), report);
            jobs.succeeded(jobId, bytes[0], report);
            log.info("dataset {} loaded (import {}): {} rows read, {} inserted, {} rejected in {} ms", SP500, jobId, report.rowsRead,
                    report.counts.inserted(), report.rejected, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            jobs.failed(jobId, bytes[0], report, ProblemType.INTERNAL.slug(), "Loading the bundled sample failed: " + e.getMessage());
            if (e instanceof IOException io) throw new java.io.UncheckedIOException("cannot load " + SP500, io);
            throw (RuntimeException) e;
        }
    }

    private void seedDemo() {
        long t0 = System.nanoTime();
        log.info("generating the SYNTHETIC dataset {} ({} stocks × {} years, seed {}) into the database — first start only",
                KRX_DEMO, demoConfig.stocks(), demoConfig.years(), demoConfig.seed());
        ProgressListener progress = new ProgressListener() {
            private int lastDecile = -1;

            @Override
            public void progress(double fraction, String phase, String detail) {
                int decile = (int) (fraction * 10);
                if (decile != lastDecile) {
                    lastDecile = decile;
                    log.info("  {} {}%", phase, decile * 10);
                }
            }
        };
        MarketPanel panel = SyntheticMarket.generate(demoConfig, progress);
        log.info("  storing {} bars of {} assets", panel.barTotal(), panel.assetCount());
        storePanel(KRX_DEMO, panel, "KRW");
        log.info("dataset {} stored in {} ms", KRX_DEMO, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Stores a whole panel into an empty dataset in one transaction (assets, bars, fundamentals, benchmarks) and
     * bumps its version. Used for the generated demo and by the benchmark.
     */
    void storePanel(String id, MarketPanel panel, String currency) {
        store.inTransaction(status -> {
            MarketStore.DatasetRow row = store.lockDataset(id);
            if (row.version() > 0) return null;
            Connection c = store.connection();
            try {
                int na = panel.assetCount(), nd = panel.dateCount();
                long[] ids = new long[na];
                Fundamentals f = panel.fundamentals();
                for (int a = 0; a < na; a++) {
                    Asset asset = panel.asset(a);
                    Double shares = null;
                    if (f.end(a) > f.start(a)) {
                        double s = f.value(FundamentalItem.SHARES_OUTSTANDING, f.end(a) - 1);
                        if (!Double.isNaN(s)) shares = s;
                    }
                    ids[a] = store.insertAsset(c, id, new MarketStore.AssetRow(0, asset.symbol(), asset.name(), asset.market(),
                            asset.sector(), null, currency, asset.listed(), asset.delisted(), shares));
                }
                MarketStore.PriceSink sink = store.priceSink(c, !store.hasPrices(id));
                double[] o = panel.open(), h = panel.high(), l = panel.low(), cl = panel.close(), v = panel.volume();
                for (int a = 0; a < na; a++) {
                    int base = a * nd;
                    for (int d = 0; d < nd; d++) {
                        int k = base + d;
                        if (!Double.isNaN(cl[k])) sink.add(ids[a], panel.epochDay(d), o[k], h[k], l[k], cl[k], v[k], 1);
                    }
                }
                store.mergeStaged(c, sink);
                List<MarketStore.FundamentalRow> reports = new ArrayList<>();
                FundamentalItem[] items = FundamentalItem.values();
                for (int a = 0; a < na; a++) {
                    for (int r = f.start(a); r < f.end(a); r++) {
                        double[] values = new double[items.length];
                        for (int i = 0; i < items.length; i++) values[i] = f.value(items[i], r);
                        reports.add(new MarketStore.FundamentalRow(ids[a], LocalDate.ofEpochDay(f.periodEnd(r)),
                                LocalDate.ofEpochDay(f.disclosed(r)), values));
                    }
                }
                store.upsertFundamentals(c, id, reports);
                List<MarketStore.IndexRow> bench = new ArrayList<>();
                for (Map.Entry<String, double[]> e : panel.benchmarks().entrySet()) {
                    double[] b = e.getValue();
                    for (int d = 0; d < nd; d++) {
                        if (!Double.isNaN(b[d])) bench.add(new MarketStore.IndexRow(e.getKey(), panel.date(d), b[d]));
                    }
                }
                store.upsertIndexPrices(c, id, bench);
                store.bumpVersion(id);
            } catch (SQLException e) {
                throw new org.springframework.dao.DataAccessResourceFailureException("cannot store dataset " + id, e);
            }
            return null;
        });
    }
}
