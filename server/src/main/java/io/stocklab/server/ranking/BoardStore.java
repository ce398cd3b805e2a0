package io.stocklab.server.ranking;

import java.util.List;
import java.util.UUID;

/**
 * Where the boards are read from: in-process in the local profile, Redis sorted sets in prod. Writers hold the
 * {@code ranking_state} row lock (see {@link RankingService}); readers do not lock. Every board orders by score
 * (higher first), then by strategy id (as text, descending), so that ties have one order everywhere.
 */
interface BoardStore {
    /** The generation of the boards held, or -1 when there are none (never built, or Redis lost them). */
    long generation();

    /** Replaces every board with these entries, as generation {@code generation}. */
    void rebuild(long generation, List<Placement> placements);

    /** Replaces one strategy's entries (its old ones are removed from every board) in the current generation. */
    void replaceStrategy(UUID strategyId, UUID ownerId, List<Placement> placements);

    /** An entry with its 1-based rank on a metric's board. */
    record Ranked(long rank, BoardEntry entry) {
    }

    /** A slice of a board, its size and the best-ranked entry of the viewer's strategies (null if none). */
    record Page(List<Ranked> items, long total, Ranked mine) {
    }

    Page page(BoardKey board, RankingMetric metric, int offset, int limit, UUID viewer);

    /** The boards that have at least one entry, with their sizes (an entry is on every metric it has a value for). */
    record BoardSize(BoardKey board, RankingMetric metric, long size) {
    }

    List<BoardSize> boards();

    /** One strategy's ranks. */
    record StrategyRank(BoardKey board, RankingMetric metric, long rank, long total, BoardEntry entry) {
    }

    List<StrategyRank> ranksOf(UUID strategyId);

    /** Every placement held (for tests and diagnostics): board id + metric, in rank order. */
    List<String> dump(BoardKey board, RankingMetric metric);
}
