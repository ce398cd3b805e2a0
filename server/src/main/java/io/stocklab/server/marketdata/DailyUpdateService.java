package io.stocklab.server.marketdata;

import io.stocklab.engine.data.FundamentalItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

/**
 * The daily update: after the market close (Asia/Seoul by default) on market days, each configured provider's
 * data of the day is merged into the update dataset (one transaction per provider), its panel is rebuilt, and a
 * row per provider and day is kept in {@code market_update_runs}. Price providers (KRX, KIS, Alpha Vantage) store
 * the day's bars; OpenDART stores the main accounts of the periodic reports filed that day as fundamentals rows.
 * Weekends and configured holidays are skipped before anything else; a ShedLock lock ({@code shedlock} table,
 * held at least a minute) makes one node of the cluster run it, the others skip it.
 */
@Service
class DailyUpdateService {
    static final String LOCK_NAME = "marketdata-daily-update";
    static final Duration LOCK_AT_MOST = Duration.ofHours(2);
    static final Duration LOCK_AT_LEAST = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(DailyUpdateService.class);
    /** Periodic report names of OpenDART's list ("분기보고서 (2023.09)", "[기재정정]사업보고서 (2023.12)"). */
    private static final Pattern PERIODIC_REPORT = Pattern.compile("(분기보고서|반기보고서|사업보고서)\\s*\\((\\d{4})\\.(\\d{2})\\)");

    private final Map<String, MarketDataProvider> providers;
    private final MarketStore store;
    private final DbDatasets datasets;
    private final MarketDataProperties properties;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final LockingTaskExecutor locking;

    DailyUpdateService(List<MarketDataProvider> providers, MarketStore store, DbDatasets datasets,
                       MarketDataProperties properties, JdbcTemplate jdbc, Clock clock, LockProvider lockProvider) {
        this.providers = providers.stream().collect(Collectors.toMap(MarketDataProvider::id, Function.identity()));
        this.store = store;
        this.datasets = datasets;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        this.locking = new DefaultLockingTaskExecutor(lockProvider);
    }

    @Configuration(proxyBeanMethods = false)
    static class Locking {
        @Bean
        LockProvider schedulerLockProvider(DataSource dataSource) {
            return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
        }
    }

    record Run(String provider, String status, long rows, String detail) {
    }

    /** What one trigger of the update did: ran (with each provider's run) or why not. */
    record Outcome(boolean ran, String reason, List<Run> runs) {
    }

    @Scheduled(cron = "${stocklab.marketdata.update.cron:0 30 18 * * MON-FRI}", zone = "${stocklab.marketdata.update.zone:Asia/Seoul}")
    void scheduled() {
        if (!properties.update().enabled()) return;
        runLocked(marketDay(clock.instant()));
    }

    ZoneId zone() {
        return ZoneId.of(properties.update().zone());
    }

    /** The market day an update started at this instant is for: the date in the update's zone. */
    LocalDate marketDay(Instant at) {
        return LocalDate.ofInstant(at, zone());
    }

    /** When the schedule fires next after an instant (same cron and zone as {@link #scheduled()}). */
    ZonedDateTime nextRun(Instant after) {
        return CronExpression.parse(properties.update().cron()).next(after.atZone(zone()));
    }

    /** True on weekdays that are not configured holidays. */
    boolean isMarketDay(LocalDate day) {
        DayOfWeek w = day.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !properties.update().holidays().contains(day);
    }

    /**
     * Runs the update for a market day under the cluster-wide lock: nothing on a weekend or holiday (the lock is not
     * even taken), nothing when another node holds the lock or ran it less than {@link #LOCK_AT_LEAST} ago.
     */
    Outcome runLocked(LocalDate day) {
        if (!isMarketDay(day)) {
            log.info("market-data update: {} is not a market day, skipped", day);
            return new Outcome(false, day + " is not a market day", List.of());
        }
        LockingTaskExecutor.TaskResult<List<Run>> result;
        try {
            result = locking.executeWithLock(() -> runFor(day),
                    new LockConfiguration(clock.instant(), LOCK_NAME, LOCK_AT_MOST, LOCK_AT_LEAST));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (!result.wasExecuted()) {
            log.info("market-data update {}: the lock is held by another node, skipped", day);
            return new Outcome(false, "the update lock is held by another node", List.of());
        }
        return new Outcome(true, null, result.getResult());
    }

    /** Updates every configured provider for one market day; nothing on a weekend or holiday. Not locked. */
    List<Run> runFor(LocalDate day) {
        List<Run> runs = new ArrayList<>();
        if (!isMarketDay(day)) {
            log.info("market-data update: {} is not a market day, skipped", day);
            return runs;
        }
        String dataset = properties.update().dataset();
        datasets.ensureExists(dataset);
        for (String id : properties.update().providers()) {
            MarketDataProvider p = providers.get(id.trim());
            Run run;
            if (p == null) {
                run = new Run(id, "UNKNOWN", 0, "no provider '" + id + "' (known: " + providers.keySet() + ")");
            } else if (!p.configured()) {
                run = new Run(id, "SKIPPED", 0, "not configured (API key missing)");
            } else if (p.capabilities().contains(MarketDataProvider.Capability.DAILY_PRICES)) {
                run = update(p, dataset, day);
            } else if (p.capabilities().contains(MarketDataProvider.Capability.FUNDAMENTALS)
                    && p.capabilities().contains(MarketDataProvider.Capability.DISCLOSURES)) {
                run = updateFundamentals(p, dataset, day);
            } else {
                run = new Run(p.id(), "SKIPPED", 0, "provides neither daily prices nor financial statements");
            }
            record(day, run);
            runs.add(run);
            log.info("market-data update {} {}: {} ({} rows) {}", day, run.provider(), run.status(), run.rows(),
                    run.detail() == null ? "" : run.detail());
        }
        return runs;
    }

    private Run update(MarketDataProvider p, String dataset, LocalDate day) {
        try {
            List<MarketDataProvider.DailyBar> bars = new ArrayList<>();
            if (p.capabilities().contains(MarketDataProvider.Capability.DAILY_PRICES_ALL_SYMBOLS)) {
                bars.addAll(p.dailyBarsOn(day));
            } else {
                List<String> symbols = properties.update().symbols().isEmpty()
                        ? List.copyOf(store.assets(dataset).keySet()) : properties.update().symbols();
                for (String code : symbols) bars.addAll(p.dailyBars(code, day, day));
            }
            if (bars.isEmpty()) return new Run(p.id(), "NO_DATA", 0, "no bars for " + day + " (a holiday missing from the calendar?)");
            MarketStore.Counts counts = store(dataset, bars);
            if (counts.inserted() + counts.updated() > 0) datasets.refreshAsync(dataset);
            return new Run(p.id(), "SUCCEEDED", counts.inserted() + counts.updated(), counts.inserted() + " inserted, "
                    + counts.updated() + " updated, " + counts.unchanged() + " unchanged");
        } catch (ProviderException e) {
            return new Run(p.id(), "FAILED", 0, e.getMessage());
        }
    }

    /** Merges provider bars into a dataset in one transaction (new symbols become assets). */
    MarketStore.Counts store(String dataset, List<MarketDataProvider.DailyBar> bars) {
        return store.inTransaction(status -> {
            store.lockDataset(dataset);
            Connection c = store.connection();
            try {
                Map<String, Long> ids = new HashMap<>();
                store.assets(dataset).forEach((code, a) -> ids.put(code, a.id()));
                for (MarketDataProvider.DailyBar b : bars) {
                    if (!ids.containsKey(b.code())) {
                        ids.put(b.code(), store.insertAsset(c, dataset, new MarketStore.AssetRow(0, b.code(),
                                b.name() == null ? b.code() : b.name(), b.market() == null ? "UNKNOWN" : b.market(),
                                null, null, null, null, null, null)));
                    }
                }
                MarketStore.PriceSink sink = store.priceSink(c, false);
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (MarketDataProvider.DailyBar b : bars) {
                    if (!seen.add(b.code() + "|" + b.date()) || b.high() < b.low() || b.close() < 0 || b.volume() < 0) continue;
                    sink.add(ids.get(b.code()), (int) b.date().toEpochDay(), b.open(), b.high(), b.low(), b.close(), b.volume(), 1);
                }
                MarketStore.Counts counts = store.mergeStaged(c, sink);
                if (counts.inserted() + counts.updated() > 0) store.bumpVersion(dataset);
                return counts;
            } catch (SQLException e) {
                throw new org.springframework.dao.DataAccessResourceFailureException("cannot store provider bars", e);
            }
        });
    }

    /** The OpenDART reports filed on a day, as fundamentals rows of the dataset's assets (by stock code). */
    private Run updateFundamentals(MarketDataProvider p, String dataset, LocalDate day) {
        try {
            List<MarketDataProvider.Statement> statements = new ArrayList<>();
            int notPeriodic = 0;
            for (MarketDataProvider.Disclosure d : p.disclosures(day, day)) {
                ReportRef ref = periodicReport(d.reportName());
                if (d.stockCode() == null || ref == null) {
                    notPeriodic++;
                    continue;
                }
                MarketDataProvider.Statement s = p.statement(d.corpCode(), ref.year(), ref.reportCode());
                if (!s.items().isEmpty()) {
                    statements.add(new MarketDataProvider.Statement(s.corpCode(), d.stockCode(), s.year(), s.reportCode(),
                            s.periodEnd(), s.items()));
                }
            }
            if (statements.isEmpty()) {
                return new Run(p.id(), "NO_DATA", 0, "no periodic report with statements filed on " + day
                        + " (" + notPeriodic + " other filings)");
            }
            long[] skipped = {0};
            MarketStore.Counts counts = store.inTransaction(status -> {
                store.lockDataset(dataset);
                Connection c = store.connection();
                try {
                    Map<String, MarketStore.AssetRow> assets = store.assets(dataset);
                    List<MarketStore.FundamentalRow> rows = new ArrayList<>();
                    for (MarketDataProvider.Statement s : statements) {
                        MarketStore.AssetRow asset = assets.get(s.stockCode());
                        if (asset == null) {
                            skipped[0]++;
                            continue;
                        }
                        rows.add(new MarketStore.FundamentalRow(asset.id(), s.periodEnd(), day, values(asset.id(), s)));
                    }
                    MarketStore.Counts k = store.upsertFundamentals(c, dataset, rows);
                    if (k.inserted() + k.updated() > 0) store.bumpVersion(dataset);
                    return k;
                } catch (SQLException e) {
                    throw new org.springframework.dao.DataAccessResourceFailureException("cannot store fundamentals", e);
                }
            });
            if (counts.inserted() + counts.updated() > 0) datasets.refreshAsync(dataset);
            return new Run(p.id(), "SUCCEEDED", counts.inserted() + counts.updated(), statements.size() + " reports: "
                    + counts.inserted() + " inserted, " + counts.updated() + " updated, " + counts.unchanged() + " unchanged, "
                    + skipped[0] + " skipped (symbol not in " + dataset + ")");
        } catch (ProviderException e) {
            return new Run(p.id(), "FAILED", 0, e.getMessage());
        }
    }

    record ReportRef(int year, String reportCode) {
    }

    /** The business year and OpenDART report code of a periodic report's name; null for other filings. */
    static ReportRef periodicReport(String name) {
        if (name == null) return null;
        Matcher m = PERIODIC_REPORT.matcher(name);
        if (!m.find()) return null;
        int year = Integer.parseInt(m.group(2)), month = Integer.parseInt(m.group(3));
        String code = switch (m.group(1)) {
            case "사업보고서" -> "11011";
            case "반기보고서" -> "11012";
            default -> month <= 3 ? "11013" : "11014";
        };
        return new ReportRef(year, code);
    }

    /**
     * The row values of a statement. Flow items of quarterly and half-year reports are the quarter's own amount as
     * OpenDART reports them ({@code thstrm_amount}); an annual report's flow items are the whole year, so the
     * fourth quarter is the year minus the three stored quarters of that year, and left out when one is missing.
     */
    private double[] values(long assetId, MarketDataProvider.Statement s) {
        FundamentalItem[] items = FundamentalItem.values();
        double[] v = new double[items.length];
        java.util.Arrays.fill(v, Double.NaN);
        s.items().forEach((item, amount) -> v[item.ordinal()] = amount);
        if (!"11011".equals(s.reportCode())) return v;
        for (FundamentalItem item : items) {
            if (!item.flow() || Double.isNaN(v[item.ordinal()])) continue;
            double sum = 0;
            int found = 0;
            for (int month : new int[] {3, 6, 9}) {
                LocalDate end = LocalDate.of(s.year(), month, 1).withDayOfMonth(LocalDate.of(s.year(), month, 1).lengthOfMonth());
                List<Double> q = jdbc.query("SELECT " + item.column() + " FROM fundamentals WHERE asset_id = ? AND period_end = ? "
                        + "AND " + item.column() + " IS NOT NULL ORDER BY disclosed DESC FETCH FIRST 1 ROWS ONLY",
                        (rs, i) -> rs.getDouble(1), assetId, java.sql.Date.valueOf(end));
                if (!q.isEmpty()) {
                    sum += q.getFirst();
                    found++;
                }
            }
            v[item.ordinal()] = found == 3 ? v[item.ordinal()] - sum : Double.NaN;
        }
        return v;
    }

    private void record(LocalDate day, Run run) {
        jdbc.update("DELETE FROM market_update_runs WHERE provider = ? AND market_date = ?", run.provider(), day);
        jdbc.update("INSERT INTO market_update_runs (provider, market_date, status, rows_stored, detail, finished_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", run.provider(), day, run.status(), run.rows(),
                run.detail() == null ? null : ProviderHttp.abbreviate(run.detail()), Timestamp.from(clock.instant()));
    }
}
