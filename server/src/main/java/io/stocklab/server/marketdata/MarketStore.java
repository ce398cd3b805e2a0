package io.stocklab.server.marketdata;

import io.stocklab.engine.data.Asset;
import io.stocklab.engine.data.FundamentalItem;
import io.stocklab.engine.data.FundamentalsBuilder;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.data.PriceRows;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The market-data tables: datasets, assets, daily prices, fundamentals, index prices. Bulk loads run in one
 * transaction per file ({@link #inTransaction}); prices go through {@link PriceSink}s (PostgreSQL {@code COPY},
 * JDBC batches on H2) and are merged with an upsert that leaves identical rows alone.
 */
@Repository
class MarketStore {
    static final String PRICE_COLUMNS = "asset_id, trade_date, open, high, low, close, volume, adj_factor";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final TransactionTemplate snapshotTx;
    private final Clock clock;
    private final boolean postgres;

    MarketStore(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
        this.snapshotTx = new TransactionTemplate(transactions);
        snapshotTx.setReadOnly(true);
        snapshotTx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
        this.postgres = Boolean.TRUE.equals(jdbc.execute((Connection c) ->
                c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
    }

    boolean postgres() {
        return postgres;
    }

    // ------------------------------------------------------------------------------------------------ datasets

    record DatasetRow(String id, String name, String description, boolean synthetic, boolean isDefault, long version,
                      int assets, int days, long bars, LocalDate firstDate, LocalDate lastDate, long statsVersion,
                      long createdMillis) {
        /** The version string of the dataset's panels: changes with every change of its rows. */
        String versionLabel() {
            return "r" + version + "." + Long.toString(createdMillis, 36);
        }
    }

    private static DatasetRow datasetRow(ResultSet rs) throws SQLException {
        Date first = rs.getDate("first_date"), last = rs.getDate("last_date");
        return new DatasetRow(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getBoolean("synthetic"), rs.getBoolean("is_default"), rs.getLong("version"), rs.getInt("assets"),
                rs.getInt("days"), rs.getLong("bars"), first == null ? null : first.toLocalDate(),
                last == null ? null : last.toLocalDate(), rs.getLong("stats_version"),
                rs.getTimestamp("created_at").getTime());
    }

    List<DatasetRow> datasets() {
        return jdbc.query("SELECT * FROM datasets ORDER BY is_default DESC, id", (rs, i) -> datasetRow(rs));
    }

    Optional<DatasetRow> dataset(String id) {
        return jdbc.query("SELECT * FROM datasets WHERE id = ?", (rs, i) -> datasetRow(rs), id).stream().findFirst();
    }

    /** Creates a dataset row unless it exists; true if it was created. */
    boolean createDataset(String id, String name, String description, boolean synthetic, boolean isDefault) {
        if (dataset(id).isPresent()) return false;
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.update("INSERT INTO datasets (id, name, description, synthetic, is_default, version, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, 0, ?, ?)", id, name, description, synthetic, isDefault, now, now);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    /** Locks the dataset row for the current transaction (imports of one dataset run one after another). */
    DatasetRow lockDataset(String id) {
        return jdbc.query("SELECT * FROM datasets WHERE id = ? FOR UPDATE", (rs, i) -> datasetRow(rs), id).stream()
                .findFirst().orElseThrow(() -> new IllegalStateException("no dataset " + id));
    }

    /** Bumps the version (in the current transaction); answers the new version. */
    long bumpVersion(String id) {
        jdbc.update("UPDATE datasets SET version = version + 1, updated_at = ? WHERE id = ?", Timestamp.from(clock.instant()), id);
        Long v = jdbc.queryForObject("SELECT version FROM datasets WHERE id = ?", Long.class, id);
        return v == null ? 0 : v;
    }

    void saveStats(String id, long version, MarketPanel p) {
        int nd = p.dateCount();
        jdbc.update("UPDATE datasets SET assets = ?, days = ?, bars = ?, first_date = ?, last_date = ?, stats_version = ? "
                        + "WHERE id = ? AND version = ?", p.assetCount(), nd, p.barTotal(),
                nd == 0 ? null : Date.valueOf(p.date(0)), nd == 0 ? null : Date.valueOf(p.date(nd - 1)), version, id, version);
    }

    boolean hasPrices(String datasetId) {
        return !jdbc.queryForList("SELECT 1 FROM assets a JOIN daily_prices p ON p.asset_id = a.id "
                + "WHERE a.dataset_id = ? FETCH FIRST 1 ROWS ONLY", Integer.class, datasetId).isEmpty();
    }

    <T> T inTransaction(org.springframework.transaction.support.TransactionCallback<T> work) {
        return tx.execute(work);
    }

    /** The connection of the current transaction. */
    Connection connection() {
        return DataSourceUtils.getConnection(dataSource);
    }

    // ------------------------------------------------------------------------------------------------ assets

    /** One asset row as stored; null fields are unknown. */
    record AssetRow(long id, String code, String name, String market, String sector, String industry, String currency,
                    LocalDate listed, LocalDate delisted, Double sharesOutstanding) {
        AssetRow withId(long newId) {
            return new AssetRow(newId, code, name, market, sector, industry, currency, listed, delisted, sharesOutstanding);
        }

        boolean sameData(AssetRow o) {
            return java.util.Objects.equals(name, o.name) && java.util.Objects.equals(market, o.market)
                    && java.util.Objects.equals(sector, o.sector) && java.util.Objects.equals(industry, o.industry)
                    && java.util.Objects.equals(currency, o.currency) && java.util.Objects.equals(listed, o.listed)
                    && java.util.Objects.equals(delisted, o.delisted)
                    && java.util.Objects.equals(sharesOutstanding, o.sharesOutstanding);
        }

        Asset toAsset() {
            return new Asset(code, name, market, sector, listed, delisted);
        }
    }

    private static AssetRow assetRow(ResultSet rs) throws SQLException {
        Date listed = rs.getDate("listed"), delisted = rs.getDate("delisted");
        double shares = rs.getDouble("shares_outstanding");
        Double sharesOrNull = rs.wasNull() ? null : shares;
        return new AssetRow(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("market"),
                rs.getString("sector"), rs.getString("industry"), rs.getString("currency"),
                listed == null ? null : listed.toLocalDate(), delisted == null ? null : delisted.toLocalDate(), sharesOrNull);
    }

    /** Every asset of a dataset by code, in code order. */
    Map<String, AssetRow> assets(String datasetId) {
        Map<String, AssetRow> out = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM assets WHERE dataset_id = ? ORDER BY code", rs -> {
            AssetRow a = assetRow(rs);
            out.put(a.code(), a);
        }, datasetId);
        return out;
    }

    Optional<AssetRow> asset(String datasetId, String code) {
        return jdbc.query("SELECT * FROM assets WHERE dataset_id = ? AND code = ?", (rs, i) -> assetRow(rs), datasetId, code)
                .stream().findFirst();
    }

    /** Inserts an asset (current transaction); answers its id. */
    long insertAsset(Connection c, String datasetId, AssetRow a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO assets (dataset_id, code, name, market, sector, industry, "
                + "currency, listed, delisted, shares_outstanding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            bindAsset(ps, 1, datasetId, a);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void updateAsset(Connection c, AssetRow a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE assets SET name = ?, market = ?, sector = ?, industry = ?, "
                + "currency = ?, listed = ?, delisted = ?, shares_outstanding = ? WHERE id = ?")) {
            ps.setString(1, a.name());
            ps.setString(2, a.market());
            ps.setString(3, a.sector());
            ps.setString(4, a.industry());
            ps.setString(5, a.currency());
            ps.setObject(6, a.listed() == null ? null : Date.valueOf(a.listed()), Types.DATE);
            ps.setObject(7, a.delisted() == null ? null : Date.valueOf(a.delisted()), Types.DATE);
            if (a.sharesOutstanding() == null) ps.setNull(8, Types.DOUBLE);
            else ps.setDouble(8, a.sharesOutstanding());
            ps.setLong(9, a.id());
            ps.executeUpdate();
        }
    }

    private static void bindAsset(PreparedStatement ps, int i, String datasetId, AssetRow a) throws SQLException {
        ps.setString(i, datasetId);
        ps.setString(i + 1, a.code());
        ps.setString(i + 2, a.name());
        ps.setString(i + 3, a.market());
        ps.setString(i + 4, a.sector());
        ps.setString(i + 5, a.industry());
        ps.setString(i + 6, a.currency());
        ps.setObject(i + 7, a.listed() == null ? null : Date.valueOf(a.listed()), Types.DATE);
        ps.setObject(i + 8, a.delisted() == null ? null : Date.valueOf(a.delisted()), Types.DATE);
        if (a.sharesOutstanding() == null) ps.setNull(i + 9, Types.DOUBLE);
        else ps.setDouble(i + 9, a.sharesOutstanding());
    }

    // ------------------------------------------------------------------------------------------------ prices

    /** Rows written into a {@link PriceSink}: how many were new, changed and identical to the stored ones. */
    record Counts(long inserted, long updated, long unchanged) {
        static final Counts NONE = new Counts(0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(inserted + o.inserted, updated + o.updated, unchanged + o.unchanged);
        }
    }

    /**
     * A sink for price rows of one transaction. {@code direct}: the dataset has no prices yet, so rows go straight
     * into daily_prices (the caller guarantees no duplicates); otherwise into the staging table, merged by
     * {@link #mergeStaged}.
     */
    PriceSink priceSink(Connection c, boolean direct) throws SQLException {
        UUID stage = UUID.randomUUID();
        return postgres ? new PgCopySink(c, direct, stage) : new BatchSink(c, direct, stage);
    }

    /** Merges the staged rows of {@code sink} into daily_prices (upsert; identical rows untouched). */
    Counts mergeStaged(Connection c, PriceSink sink) throws SQLException {
        sink.flush();
        long rows = sink.rows();
        if (sink.direct()) return new Counts(rows, 0, 0);
        long existing;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM import_stage_prices s JOIN daily_prices p "
                + "ON p.asset_id = s.asset_id AND p.trade_date = s.trade_date WHERE s.stage_id = ?")) {
            ps.setObject(1, sink.stageId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                existing = rs.getLong(1);
            }
        }
        long changed;
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO daily_prices t USING (SELECT " + PRICE_COLUMNS
                + " FROM import_stage_prices WHERE stage_id = ?) s ON t.asset_id = s.asset_id AND t.trade_date = s.trade_date "
                + "WHEN MATCHED AND (t.open <> s.open OR t.high <> s.high OR t.low <> s.low OR t.close <> s.close "
                + "OR t.volume <> s.volume OR t.adj_factor <> s.adj_factor) THEN UPDATE SET open = s.open, high = s.high, "
                + "low = s.low, close = s.close, volume = s.volume, adj_factor = s.adj_factor "
                + "WHEN NOT MATCHED THEN INSERT (" + PRICE_COLUMNS + ") VALUES (s.asset_id, s.trade_date, s.open, s.high, "
                + "s.low, s.close, s.volume, s.adj_factor)")) {
            ps.setObject(1, sink.stageId());
            changed = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM import_stage_prices WHERE stage_id = ?")) {
            ps.setObject(1, sink.stageId());
            ps.executeUpdate();
        }
        long inserted = rows - existing;
        long updated = changed - inserted;
        return new Counts(inserted, updated, existing - updated);
    }

    // ------------------------------------------------------------------------------------------------ fundamentals

    private static final FundamentalItem[] ITEMS = FundamentalItem.values();

    record FundamentalRow(long assetId, LocalDate periodEnd, LocalDate disclosed, double[] values) {
    }

    /** Upserts fundamentals rows (key: asset, period end, disclosure date); values NaN = not reported. */
    Counts upsertFundamentals(Connection c, String datasetId, List<FundamentalRow> rows) throws SQLException {
        Map<String, double[]> existing = new HashMap<>();
        StringBuilder cols = new StringBuilder(), qualified = new StringBuilder();
        for (FundamentalItem item : ITEMS) {
            cols.append(", ").append(item.column());
            qualified.append(", f.").append(item.column());
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT f.asset_id, f.period_end, f.disclosed" + qualified
                + " FROM fundamentals f JOIN assets a ON a.id = f.asset_id WHERE a.dataset_id = ?")) {
            ps.setString(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double[] v = new double[ITEMS.length];
                    for (int i = 0; i < ITEMS.length; i++) {
                        v[i] = rs.getDouble(4 + i);
                        if (rs.wasNull()) v[i] = Double.NaN;
                    }
                    existing.put(rs.getLong(1) + "|" + rs.getDate(2) + "|" + rs.getDate(3), v);
                }
            }
        }
        StringBuilder marks = new StringBuilder();
        StringBuilder sets = new StringBuilder();
        for (FundamentalItem item : ITEMS) {
            marks.append(", ?");
            if (!sets.isEmpty()) sets.append(", ");
            sets.append(item.column()).append(" = ?");
        }
        long inserted = 0, updated = 0, unchanged = 0;
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO fundamentals (asset_id, period_end, disclosed" + cols
                + ") VALUES (?, ?, ?" + marks + ")");
             PreparedStatement upd = c.prepareStatement("UPDATE fundamentals SET " + sets
                     + " WHERE asset_id = ? AND period_end = ? AND disclosed = ?")) {
            int pendingIns = 0, pendingUpd = 0;
            for (FundamentalRow r : rows) {
                String key = r.assetId() + "|" + Date.valueOf(r.periodEnd()) + "|" + Date.valueOf(r.disclosed());
                double[] old = existing.put(key, r.values());
                if (old == null) {
                    ins.setLong(1, r.assetId());
                    ins.setDate(2, Date.valueOf(r.periodEnd()));
                    ins.setDate(3, Date.valueOf(r.disclosed()));
                    bindValues(ins, 4, r.values());
                    ins.addBatch();
                    inserted++;
                    if (++pendingIns == 1000) {
                        ins.executeBatch();
                        pendingIns = 0;
                    }
                } else if (!java.util.Arrays.equals(old, r.values())) {
                    bindValues(upd, 1, r.values());
                    upd.setLong(ITEMS.length + 1, r.assetId());
                    upd.setDate(ITEMS.length + 2, Date.valueOf(r.periodEnd()));
                    upd.setDate(ITEMS.length + 3, Date.valueOf(r.disclosed()));
                    upd.addBatch();
                    updated++;
                    if (++pendingUpd == 1000) {
                        upd.executeBatch();
                        pendingUpd = 0;
                    }
                } else {
                    unchanged++;
                }
            }
            if (pendingIns > 0) ins.executeBatch();
            if (pendingUpd > 0) upd.executeBatch();
        }
        return new Counts(inserted, updated, unchanged);
    }

    private static void bindValues(PreparedStatement ps, int first, double[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) ps.setNull(first + i, Types.DOUBLE);
            else ps.setDouble(first + i, values[i]);
        }
    }

    // ------------------------------------------------------------------------------------------------ index prices

    record IndexRow(String code, LocalDate date, double close) {
    }

    Counts upsertIndexPrices(Connection c, String datasetId, List<IndexRow> rows) throws SQLException {
        Map<String, Double> existing = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, trade_date, close FROM index_prices WHERE dataset_id = ?")) {
            ps.setString(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) existing.put(rs.getString(1) + "|" + rs.getDate(2), rs.getDouble(3));
            }
        }
        long inserted = 0, updated = 0, unchanged = 0;
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO index_prices (dataset_id, code, trade_date, close) VALUES (?, ?, ?, ?)");
             PreparedStatement upd = c.prepareStatement("UPDATE index_prices SET close = ? WHERE dataset_id = ? AND code = ? AND trade_date = ?")) {
            for (IndexRow r : rows) {
                Double old = existing.put(r.code() + "|" + Date.valueOf(r.date()), r.close());
                if (old == null) {
                    ins.setString(1, datasetId);
                    ins.setString(2, r.code());
                    ins.setDate(3, Date.valueOf(r.date()));
                    ins.setDouble(4, r.close());
                    ins.addBatch();
                    inserted++;
                } else if (Double.compare(old, r.close()) != 0) {
                    upd.setDouble(1, r.close());
                    upd.setString(2, datasetId);
                    upd.setString(3, r.code());
                    upd.setDate(4, Date.valueOf(r.date()));
                    upd.addBatch();
                    updated++;
                } else {
                    unchanged++;
                }
            }
            if (inserted > 0) ins.executeBatch();
            if (updated > 0) upd.executeBatch();
        }
        return new Counts(inserted, updated, unchanged);
    }

    // ------------------------------------------------------------------------------------------------ the panel

    /** A panel read from the database, with the dataset version it shows. */
    record BuiltPanel(DatasetRow dataset, MarketPanel panel, Map<String, AssetRow> assets) {
    }

    /**
     * Builds a dataset's panel in one streaming pass over its prices (plus the small tables), in one
     * repeatable-read transaction, so the panel shows exactly the version it is labelled with.
     */
    /** Streams price rows (binary transfer, in batches) into the panel rows; {@code below}: only asset ids under it. */
    private void streamPrices(Connection c, String sql, String datasetId, Long bound, PriceRows rows, Map<Long, String> codeById)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(20_000);
            if (postgres) ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1); // binary transfer
            ps.setString(1, datasetId);
            if (bound != null) ps.setLong(2, bound);
            try (ResultSet rs = ps.executeQuery()) {
                long lastAsset = Long.MIN_VALUE;
                int lastId = -1;
                while (rs.next()) {
                    long assetId = rs.getLong(1);
                    if (assetId != lastAsset) {
                        lastAsset = assetId;
                        lastId = rows.symbolId(codeById.get(assetId));
                    }
                    rows.add(rs.getInt(2), lastId, rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                            rs.getDouble(7));
                }
            }
        }
    }

    /** The other half of a panel read, on a connection of its own that sees the exported snapshot. */
    private RowBuffer readOtherHalf(String sql, String datasetId, long from, String snapshotId) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    st.execute("SET TRANSACTION SNAPSHOT '" + snapshotId.replace("'", "") + "'");
                }
                RowBuffer buffer = new RowBuffer();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(20_000);
                    ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
                    ps.setString(1, datasetId);
                    ps.setLong(2, from);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            buffer.add(rs.getLong(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                                    rs.getDouble(6), rs.getDouble(7));
                        }
                    }
                }
                return buffer;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /** Price rows held in chunks of primitive arrays until they can be added to the (single-threaded) panel rows. */
    private static final class RowBuffer {
        private static final int CHUNK = 1 << 16;
        private final List<long[]> assets = new ArrayList<>();
        private final List<int[]> days = new ArrayList<>();
        private final List<double[]> values = new ArrayList<>();
        private int n = CHUNK;

        void add(long asset, int day, double open, double high, double low, double close, double volume) {
            if (n == CHUNK) {
                assets.add(new long[CHUNK]);
                days.add(new int[CHUNK]);
                values.add(new double[CHUNK * 5]);
                n = 0;
            }
            assets.getLast()[n] = asset;
            days.getLast()[n] = day;
            double[] v = values.getLast();
            v[n * 5] = open;
            v[n * 5 + 1] = high;
            v[n * 5 + 2] = low;
            v[n * 5 + 3] = close;
            v[n * 5 + 4] = volume;
            n++;
        }

        void addTo(PriceRows rows, Map<Long, String> codeById) {
            long lastAsset = Long.MIN_VALUE;
            int lastId = -1;
            for (int chunk = 0; chunk < assets.size(); chunk++) {
                long[] a = assets.get(chunk);
                int[] d = days.get(chunk);
                double[] v = values.get(chunk);
                int size = chunk == assets.size() - 1 ? n : CHUNK;
                for (int i = 0; i < size; i++) {
                    if (a[i] != lastAsset) {
                        lastAsset = a[i];
                        lastId = rows.symbolId(codeById.get(a[i]));
                    }
                    rows.add(d[i], lastId, v[i * 5], v[i * 5 + 1], v[i * 5 + 2], v[i * 5 + 3], v[i * 5 + 4]);
                }
            }
        }
    }

    BuiltPanel buildPanel(String datasetId) {
        return snapshotTx.execute(status -> {
            DatasetRow ds = dataset(datasetId).orElseThrow(() -> new IllegalStateException("no dataset " + datasetId));
            Map<String, AssetRow> assets = assets(datasetId);
            Map<Long, String> codeById = new HashMap<>(assets.size() * 2);
            Map<String, Asset> meta = new HashMap<>(assets.size() * 2);
            for (AssetRow a : assets.values()) {
                codeById.put(a.id(), a.code());
                meta.put(a.code(), a.toAsset());
            }
            PriceRows rows = new PriceRows();
            Connection c = connection();
            String day = postgres ? "(p.trade_date - DATE '1970-01-01')" : "DATEDIFF('DAY', DATE '1970-01-01', p.trade_date)";
            // H2 evaluates "asset_id IN (SELECT ...)" row by row and re-runs the subquery whenever another transaction
            // has written meanwhile (first start: the sample import runs beside this read), which took minutes for 5 M
            // rows; a join walks the dataset's assets and each one's primary-key range instead
            String select = postgres
                    ? "SELECT p.asset_id, " + day + ", p.open, p.high, p.low, p.close, p.volume FROM daily_prices p "
                            + "WHERE p.asset_id IN (SELECT id FROM assets WHERE dataset_id = ?)"
                    : "SELECT p.asset_id, " + day + ", p.open, p.high, p.low, p.close, p.volume FROM assets a "
                            + "JOIN daily_prices p ON p.asset_id = a.id WHERE a.dataset_id = ?";
            try {
                long[] ids = codeById.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
                if (postgres && ids.length >= 2) {
                    // two streams at once (this transaction's snapshot exported to a second connection): the database
                    // produces and the driver decodes rows on both cores instead of taking turns on one stream
                    long split = ids[ids.length / 2];
                    String snapshotId = jdbc.queryForObject("SELECT pg_export_snapshot()", String.class);
                    java.util.concurrent.CompletableFuture<RowBuffer> other = java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> readOtherHalf(select + " AND p.asset_id >= ?", datasetId, split, snapshotId),
                            runnable -> Thread.ofPlatform().name("panel-read-" + datasetId).daemon().start(runnable));
                    streamPrices(c, select + " AND p.asset_id < ?", datasetId, split, rows, codeById);
                    RowBuffer buffered;
                    try {
                        buffered = other.join();
                    } catch (java.util.concurrent.CompletionException e) {
                        if (e.getCause() instanceof SQLException sql) throw sql;
                        throw e;
                    }
                    buffered.addTo(rows, codeById);
                } else {
                    streamPrices(c, select, datasetId, null, rows, codeById);
                }
                FundamentalsBuilder fundamentals = new FundamentalsBuilder();
                StringBuilder cols = new StringBuilder();
                for (FundamentalItem item : ITEMS) cols.append(", f.").append(item.column());
                try (PreparedStatement fs = c.prepareStatement("SELECT f.asset_id, f.period_end, f.disclosed" + cols
                        + " FROM fundamentals f JOIN assets a ON a.id = f.asset_id WHERE a.dataset_id = ?")) {
                    fs.setString(1, datasetId);
                    try (ResultSet rs = fs.executeQuery()) {
                        while (rs.next()) {
                            double[] v = new double[ITEMS.length];
                            for (int i = 0; i < ITEMS.length; i++) {
                                v[i] = rs.getDouble(4 + i);
                                if (rs.wasNull()) v[i] = Double.NaN;
                            }
                            fundamentals.add(codeById.get(rs.getLong(1)), (int) rs.getDate(2).toLocalDate().toEpochDay(),
                                    (int) rs.getDate(3).toLocalDate().toEpochDay(), v);
                        }
                    }
                }
                Map<String, List<double[]>> bench = new LinkedHashMap<>();
                try (PreparedStatement bs = c.prepareStatement("SELECT code, trade_date, close FROM index_prices WHERE dataset_id = ? "
                        + "ORDER BY code, trade_date")) {
                    bs.setString(1, datasetId);
                    try (ResultSet rs = bs.executeQuery()) {
                        while (rs.next()) {
                            bench.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                    .add(new double[] {rs.getDate(2).toLocalDate().toEpochDay(), rs.getDouble(3)});
                        }
                    }
                }
                // benchmarks share one date axis: the union of their dates
                java.util.TreeSet<Integer> benchDays = new java.util.TreeSet<>();
                bench.values().forEach(l -> l.forEach(p -> benchDays.add((int) p[0])));
                int[] benchDates = benchDays.stream().mapToInt(Integer::intValue).toArray();
                Map<String, double[]> benchValues = new LinkedHashMap<>();
                bench.forEach((code, points) -> {
                    double[] v = new double[benchDates.length];
                    java.util.Arrays.fill(v, Double.NaN);
                    for (double[] p : points) v[java.util.Arrays.binarySearch(benchDates, (int) p[0])] = p[1];
                    benchValues.put(code, v);
                });
                MarketPanel panel = rows.toPanel(datasetId, ds.synthetic(), meta, fundamentals, benchValues, benchDates, List.of());
                return new BuiltPanel(ds, panel, assets);
            } catch (SQLException e) {
                throw new org.springframework.dao.DataAccessResourceFailureException("cannot read the panel of " + datasetId, e);
            }
        });
    }

    /** Latest fundamentals report of one asset (by disclosure date), as item → value; empty when none. */
    Map<String, Object> latestFundamentals(long assetId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM fundamentals WHERE asset_id = ? "
                + "ORDER BY disclosed DESC, period_end DESC FETCH FIRST 1 ROWS ONLY", assetId);
        return rows.isEmpty() ? Map.of() : rows.getFirst();
    }

    // ------------------------------------------------------------------------------------------------ sinks

    /** Price rows of one transaction, staged or written directly. */
    abstract static class PriceSink {
        private final boolean direct;
        private final UUID stageId;
        long rows;

        PriceSink(boolean direct, UUID stageId) {
            this.direct = direct;
            this.stageId = stageId;
        }

        boolean direct() {
            return direct;
        }

        UUID stageId() {
            return stageId;
        }

        long rows() {
            return rows;
        }

        abstract void add(long assetId, int epochDay, double open, double high, double low, double close, double volume,
                          double adjFactor) throws SQLException;

        /** Sends what is buffered, so the connection can run other statements (e.g. insert a new asset). */
        abstract void flush() throws SQLException;
    }

    /** PostgreSQL: {@code COPY ... FROM STDIN} in CSV, restarted after each {@link #flush()}. */
    static final class PgCopySink extends PriceSink {
        private static final int LIMIT = 1 << 18;
        private final org.postgresql.copy.CopyManager copy;
        private final String sql;
        private final byte[] stagePrefix;
        private org.postgresql.copy.CopyIn in;
        private byte[] buf = new byte[LIMIT + 4096];
        private int len;
        private final Map<Integer, byte[]> dates = new HashMap<>();

        PgCopySink(Connection c, boolean direct, UUID stage) throws SQLException {
            super(direct, stage);
            this.copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            this.sql = direct ? "COPY daily_prices (" + PRICE_COLUMNS + ") FROM STDIN (FORMAT csv)"
                    : "COPY import_stage_prices (stage_id, " + PRICE_COLUMNS + ") FROM STDIN (FORMAT csv)";
            this.stagePrefix = direct ? new byte[0] : (stage + ",").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        @Override
        void add(long assetId, int epochDay, double open, double high, double low, double close, double volume,
                 double adjFactor) throws SQLException {
            if (len > LIMIT) send();
            put(stagePrefix);
            putLong(assetId);
            buf[len++] = ',';
            put(dates.computeIfAbsent(epochDay, d -> LocalDate.ofEpochDay(d).toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            putDouble(open);
            putDouble(high);
            putDouble(low);
            putDouble(close);
            putDouble(volume);
            putDouble(adjFactor);
            buf[len++] = '\n';
            rows++;
        }

        private void put(byte[] b) {
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        private void putLong(long v) {
            if (v < 0) {
                buf[len++] = '-';
                v = -v;
            }
            int start = len;
            do {
                buf[len++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v > 0);
            for (int i = start, j = len - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
        }

        private void putDouble(double v) {
            buf[len++] = ',';
            if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
                putLong((long) v);
            } else {
                put(Double.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }

        private void send() throws SQLException {
            if (len == 0) return;
            if (in == null) in = copy.copyIn(sql);
            in.writeToCopy(buf, 0, len);
            len = 0;
        }

        @Override
        void flush() throws SQLException {
            send();
            if (in != null) {
                in.endCopy();
                in = null;
            }
        }
    }

    /** H2 (and any other database): JDBC batches. */
    static final class BatchSink extends PriceSink {
        private final PreparedStatement ps;
        private int pending;

        BatchSink(Connection c, boolean direct, UUID stage) throws SQLException {
            super(direct, stage);
            this.ps = c.prepareStatement(direct ? "INSERT INTO daily_prices (" + PRICE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    : "INSERT INTO import_stage_prices (stage_id, " + PRICE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        @Override
        void add(long assetId, int epochDay, double open, double high, double low, double close, double volume,
                 double adjFactor) throws SQLException {
            int i = 1;
            if (!direct()) ps.setObject(i++, stageId());
            ps.setLong(i++, assetId);
            ps.setObject(i++, LocalDate.ofEpochDay(epochDay));
            ps.setDouble(i++, open);
            ps.setDouble(i++, high);
            ps.setDouble(i++, low);
            ps.setDouble(i++, close);
            ps.setDouble(i++, volume);
            ps.setDouble(i, adjFactor);
            ps.addBatch();
            rows++;
            if (++pending == 5000) flush();
        }

        @Override
        void flush() throws SQLException {
            if (pending > 0) {
                ps.executeBatch();
                pending = 0;
            }
        }
    }

    static void closeQuietly(Statement s) {
        try {
            if (s != null) s.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
