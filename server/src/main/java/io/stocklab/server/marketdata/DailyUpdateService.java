package io.stocklab.server.marketdata;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The daily update: after the market close (Asia/Seoul by default) on market days, each configured provider's
 * bars of the day are merged into the update dataset (one transaction per provider), its panel is rebuilt, and a
 * row per provider and day is kept in {@code market_update_runs}. Weekends and configured holidays are skipped;
 * ShedLock makes it run once per cluster however many nodes are up.
 */
@Service
class DailyUpdateService {
    private static final Logger log = LoggerFactory.getLogger(DailyUpdateService.class);

    private final Map<String, MarketDataProvider> providers;
    private final MarketStore store;
    private final DbDatasets datasets;
    private final MarketDataProperties properties;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    DailyUpdateService(List<MarketDataProvider> providers, MarketStore store, DbDatasets datasets,
                       MarketDataProperties properties, JdbcTemplate jdbc, Clock clock) {
        this.providers = providers.stream().collect(Collectors.toMap(MarketDataProvider::id, Function.identity()));
        this.store = store;
        this.datasets = datasets;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableSchedulerLock(defaultLockAtMostFor = "PT2H")
    static class Locking {
        @Bean
        LockProvider schedulerLockProvider(DataSource dataSource) {
            return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
        }
    }

    record Run(String provider, String status, long rows, String detail) {
    }

    @Scheduled(cron = "${stocklab.marketdata.update.cron:0 30 18 * * MON-FRI}", zone = "${stocklab.marketdata.update.zone:Asia/Seoul}")
    @SchedulerLock(name = "marketdata-daily-update", lockAtMostFor = "PT2H", lockAtLeastFor = "PT1M")
    void scheduled() {
        if (!properties.update().enabled()) return;
        runFor(LocalDate.now(clock.withZone(ZoneId.of(properties.update().zone()))));
    }

    /** True on weekdays that are not configured holidays. */
    boolean isMarketDay(LocalDate day) {
        DayOfWeek w = day.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !properties.update().holidays().contains(day);
    }

    /** Updates every configured provider for one market day; nothing on a weekend or holiday. */
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
            } else if (!p.capabilities().contains(MarketDataProvider.Capability.DAILY_PRICES)) {
                run = new Run(id, "SKIPPED", 0, "provides no daily prices");
            } else {
                run = update(p, dataset, day);
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

    private void record(LocalDate day, Run run) {
        jdbc.update("DELETE FROM market_update_runs WHERE provider = ? AND market_date = ?", run.provider(), day);
        jdbc.update("INSERT INTO market_update_runs (provider, market_date, status, rows_stored, detail, finished_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", run.provider(), day, run.status(), run.rows(),
                run.detail() == null ? null : ProviderHttp.abbreviate(run.detail()), Timestamp.from(clock.instant()));
    }
}
