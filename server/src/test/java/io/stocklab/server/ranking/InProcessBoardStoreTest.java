package io.stocklab.server.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InProcessBoardStoreTest {
    static final BoardKey ALL_1Y = new BoardKey("krx-demo", "v1", "ALL", RankingPeriod.Y1);
    static final BoardKey KOSPI_1Y = new BoardKey("krx-demo", "v1", "KOSPI", RankingPeriod.Y1);

    static BoardEntry entry(UUID strategy, UUID owner, double tr, Double sharpe) {
        return new BoardEntry(strategy, owner, "s", false, "nick", UUID.randomUUID(), Instant.EPOCH,
                LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1), tr, tr / 2, sharpe, null, 10, BoardEntry.BACKTEST, null);
    }

    @Test
    void ranksByScoreThenStrategyIdAndReplacesAStrategysEntries() {
        InProcessBoardStore store = new InProcessBoardStore();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID b = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        UUID c = UUID.fromString("00000000-0000-0000-0000-00000000000c");
        store.rebuild(7, List.of(new Placement(ALL_1Y, entry(a, alice, 10, 1.0)),
                new Placement(ALL_1Y, entry(b, bob, 30, null)), new Placement(ALL_1Y, entry(c, alice, 10, 2.0)),
                new Placement(KOSPI_1Y, entry(c, alice, 10, 2.0))));
        assertThat(store.generation()).isEqualTo(7);

        BoardStore.Page tr = store.page(ALL_1Y, RankingMetric.TOTAL_RETURN, 0, 10, alice);
        assertThat(tr.items()).extracting(r -> r.entry().strategyId()).containsExactly(b, c, a);   // tie: c > a
        assertThat(tr.items()).extracting(BoardStore.Ranked::rank).containsExactly(1L, 2L, 3L);
        assertThat(tr.total()).isEqualTo(3);
        assertThat(tr.mine().rank()).isEqualTo(2);
        assertThat(tr.mine().entry().strategyId()).isEqualTo(c);
        // b has no Sharpe: not on that board
        assertThat(store.page(ALL_1Y, RankingMetric.SHARPE, 0, 10, bob).total()).isEqualTo(2);
        assertThat(store.page(ALL_1Y, RankingMetric.SHARPE, 0, 10, bob).mine()).isNull();
        // paging
        assertThat(store.page(ALL_1Y, RankingMetric.TOTAL_RETURN, 1, 1, null).items())
                .extracting(r -> r.rank() + ":" + r.entry().strategyId()).containsExactly("2:" + c);

        // c leaves every board; a moves to the top
        store.replaceStrategy(c, alice, List.of());
        store.replaceStrategy(a, alice, List.of(new Placement(ALL_1Y, entry(a, alice, 50, 1.0))));
        assertThat(store.dump(ALL_1Y, RankingMetric.TOTAL_RETURN)).containsExactly(a + "=50.0", b + "=30.0");
        assertThat(store.dump(KOSPI_1Y, RankingMetric.TOTAL_RETURN)).isEmpty();
        assertThat(store.ranksOf(c)).isEmpty();
        assertThat(store.ranksOf(a)).extracting(r -> r.metric() + "#" + r.rank() + "/" + r.total())
                .containsExactlyInAnyOrder("TOTAL_RETURN#1/2", "CAGR#1/2", "SHARPE#1/1");
        assertThat(store.boards()).extracting(s -> s.board().market() + ":" + s.metric() + ":" + s.size())
                .containsExactlyInAnyOrder("ALL:TOTAL_RETURN:2", "ALL:CAGR:2", "ALL:SHARPE:1");
    }
}
