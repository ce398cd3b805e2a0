package io.stocklab.server.interest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@code /api/v1/interests}. */
final class InterestDtos {
    private InterestDtos() {
    }

    /** A symbol of a dataset; {@code datasetId} defaults to the default dataset. */
    record SymbolRequest(String symbol, String datasetId) {
    }

    record WatchlistItem(String datasetId, String symbol, Instant addedAt) {
    }

    /** The whole watchlist, newest first, with the per-user limit. */
    record Watchlist(List<WatchlistItem> items, int count, int limit) {
    }

    record RecentItem(String datasetId, String symbol, Instant viewedAt) {
    }

    /** Recently viewed symbols, newest first (at most {@code limit} are kept). */
    record RecentList(List<RecentItem> items, int limit) {
    }

    /**
     * A followed strategy. {@code available} is false once the strategy became private or was deleted (such follows
     * are removed when that happens; the flag covers the moment in between).
     */
    record FollowItem(UUID strategyId, Instant followedAt, boolean available) {
    }

    record FollowList(List<FollowItem> items, int count, int limit) {
    }
}
