package io.stocklab.server.interest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The interest tables; only this feature reads or writes them. */
@Repository
class InterestRepository {
    private final JdbcClient jdbc;

    InterestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    // ---- watchlist

    record WatchRow(String datasetId, String symbol, Instant addedAt) {
    }

    List<WatchRow> watchlist(UUID user) {
        return jdbc.sql("SELECT dataset_id, symbol, added_at FROM watchlist_items WHERE user_id = :u"
                        + " ORDER BY added_at DESC, dataset_id, symbol")
                .param("u", user)
                .query((rs, n) -> new WatchRow(rs.getString("dataset_id"), rs.getString("symbol"),
                        instant(rs, "added_at")))
                .list();
    }

    int countWatchlist(UUID user) {
        return jdbc.sql("SELECT COUNT(*) FROM watchlist_items WHERE user_id = :u").param("u", user)
                .query(Integer.class).single();
    }

    /** True when added, false when it was already there. */
    boolean addWatch(UUID user, String dataset, String symbol, Instant at) {
        try {
            jdbc.sql("INSERT INTO watchlist_items (user_id, dataset_id, symbol, added_at) VALUES (:u, :d, :s, :at)")
                    .param("u", user).param("d", dataset).param("s", symbol).param("at", ts(at)).update();
            return true;
        } catch (DuplicateKeyException already) {
            return false;
        }
    }

    boolean removeWatch(UUID user, String dataset, String symbol) {
        return jdbc.sql("DELETE FROM watchlist_items WHERE user_id = :u AND dataset_id = :d AND symbol = :s")
                .param("u", user).param("d", dataset).param("s", symbol).update() > 0;
    }

    // ---- recently viewed

    record RecentRow(String datasetId, String symbol, Instant viewedAt) {
    }

    /** Records a view: a symbol seen again moves to the top. */
    void recordView(UUID user, String dataset, String symbol, Instant at) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = jdbc.sql("UPDATE recent_symbols SET viewed_at = :at"
                            + " WHERE user_id = :u AND dataset_id = :d AND symbol = :s")
                    .param("u", user).param("d", dataset).param("s", symbol).param("at", ts(at)).update();
            if (updated > 0) return;
            try {
                jdbc.sql("INSERT INTO recent_symbols (user_id, dataset_id, symbol, viewed_at) VALUES (:u, :d, :s, :at)")
                        .param("u", user).param("d", dataset).param("s", symbol).param("at", ts(at)).update();
                return;
            } catch (DuplicateKeyException raced) {
                // a concurrent view inserted it: update it instead
            }
        }
    }

    List<RecentRow> recent(UUID user, int offset, int limit) {
        return jdbc.sql("SELECT dataset_id, symbol, viewed_at FROM recent_symbols WHERE user_id = :u"
                        + " ORDER BY viewed_at DESC, dataset_id, symbol LIMIT :limit OFFSET :offset")
                .param("u", user).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new RecentRow(rs.getString("dataset_id"), rs.getString("symbol"),
                        instant(rs, "viewed_at")))
                .list();
    }

    void removeRecent(UUID user, String dataset, String symbol) {
        jdbc.sql("DELETE FROM recent_symbols WHERE user_id = :u AND dataset_id = :d AND symbol = :s")
                .param("u", user).param("d", dataset).param("s", symbol).update();
    }

    void clearRecent(UUID user) {
        jdbc.sql("DELETE FROM recent_symbols WHERE user_id = :u").param("u", user).update();
    }

    // ---- follows

    record FollowRow(UUID strategyId, Instant followedAt) {
    }

    List<FollowRow> follows(UUID user) {
        return jdbc.sql("SELECT strategy_id, followed_at FROM strategy_follows WHERE user_id = :u"
                        + " ORDER BY followed_at DESC, strategy_id")
                .param("u", user)
                .query((rs, n) -> new FollowRow(rs.getObject("strategy_id", UUID.class), instant(rs, "followed_at")))
                .list();
    }

    int countFollows(UUID user) {
        return jdbc.sql("SELECT COUNT(*) FROM strategy_follows WHERE user_id = :u").param("u", user)
                .query(Integer.class).single();
    }

    boolean follow(UUID user, UUID strategy, Instant at) {
        try {
            jdbc.sql("INSERT INTO strategy_follows (user_id, strategy_id, followed_at) VALUES (:u, :s, :at)")
                    .param("u", user).param("s", strategy).param("at", ts(at)).update();
            return true;
        } catch (DuplicateKeyException already) {
            return false;
        }
    }

    boolean unfollow(UUID user, UUID strategy) {
        return jdbc.sql("DELETE FROM strategy_follows WHERE user_id = :u AND strategy_id = :s")
                .param("u", user).param("s", strategy).update() > 0;
    }

    List<UUID> followers(UUID strategy) {
        return jdbc.sql("SELECT user_id FROM strategy_follows WHERE strategy_id = :s ORDER BY user_id")
                .param("s", strategy).query(UUID.class).list();
    }

    int removeFollowsOf(UUID strategy) {
        return jdbc.sql("DELETE FROM strategy_follows WHERE strategy_id = :s").param("s", strategy).update();
    }
}
