package io.stocklab.server.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The local profile's boards: sorted sets in this process (rank lookups walk the set; fine for local use). */
class InProcessBoardStore implements BoardStore {
    private record Item(double score, String member) {
    }

    static final Comparator<Item> ORDER = Comparator.comparingDouble(Item::score).reversed()
            .thenComparing(Item::member, Comparator.reverseOrder());

    private long generation = -1;
    private final Map<String, TreeSet<Item>> boards = new HashMap<>();          // board id + metric -> items
    private final Map<String, Map<UUID, BoardEntry>> entries = new HashMap<>();  // board id -> entries
    private final Map<UUID, Set<BoardKey>> byStrategy = new HashMap<>();
    private final Map<UUID, Set<UUID>> byOwner = new HashMap<>();

    @Override
    public synchronized long generation() {
        return generation;
    }

    @Override
    public synchronized void rebuild(long generation, List<Placement> placements) {
        boards.clear();
        entries.clear();
        byStrategy.clear();
        byOwner.clear();
        for (Placement p : placements) add(p);
        this.generation = generation;
    }

    @Override
    public synchronized void replaceStrategy(UUID strategyId, UUID ownerId, List<Placement> placements) {
        Set<BoardKey> old = byStrategy.remove(strategyId);
        if (old != null) {
            for (BoardKey b : old) {
                Map<UUID, BoardEntry> es = entries.get(b.id());
                BoardEntry e = es == null ? null : es.remove(strategyId);
                if (e == null) continue;
                for (RankingMetric m : RankingMetric.values()) {
                    Double v = m.of(e);
                    TreeSet<Item> set = boards.get(key(b, m));
                    if (v != null && set != null) set.remove(new Item(v, strategyId.toString()));
                    if (set != null && set.isEmpty()) boards.remove(key(b, m));
                }
                if (es.isEmpty()) entries.remove(b.id());
            }
        }
        Set<UUID> mine = byOwner.get(ownerId);
        if (mine != null) {
            mine.remove(strategyId);
            if (mine.isEmpty()) byOwner.remove(ownerId);
        }
        for (Placement p : placements) add(p);
    }

    private void add(Placement p) {
        BoardEntry e = p.entry();
        entries.computeIfAbsent(p.board().id(), k -> new HashMap<>()).put(e.strategyId(), e);
        for (RankingMetric m : RankingMetric.values()) {
            Double v = m.of(e);
            if (v != null) boards.computeIfAbsent(key(p.board(), m), k -> new TreeSet<>(ORDER))
                    .add(new Item(v, e.strategyId().toString()));
        }
        byStrategy.computeIfAbsent(e.strategyId(), k -> new HashSet<>()).add(p.board());
        byOwner.computeIfAbsent(e.ownerId(), k -> new HashSet<>()).add(e.strategyId());
    }

    private static String key(BoardKey b, RankingMetric m) {
        return b.id() + "#" + m.name();
    }

    @Override
    public synchronized Page page(BoardKey board, RankingMetric metric, int offset, int limit, UUID viewer) {
        TreeSet<Item> set = boards.get(key(board, metric));
        if (set == null) return new Page(List.of(), 0, null);
        Map<UUID, BoardEntry> es = entries.get(board.id());
        Set<UUID> mine = viewer == null ? Set.of() : byOwner.getOrDefault(viewer, Set.of());
        List<Ranked> items = new ArrayList<>();
        Ranked best = null;
        long rank = 0;
        for (Item it : set) {
            rank++;
            UUID id = UUID.fromString(it.member());
            if (rank > offset && items.size() < limit) items.add(new Ranked(rank, es.get(id)));
            if (best == null && mine.contains(id)) best = new Ranked(rank, es.get(id));
        }
        return new Page(items, set.size(), best);
    }

    @Override
    public synchronized List<BoardSize> boards() {
        List<BoardSize> out = new ArrayList<>();
        for (Map.Entry<String, TreeSet<Item>> e : boards.entrySet()) {
            String[] k = e.getKey().split("#");
            out.add(new BoardSize(BoardKey.parse(k[0]), RankingMetric.valueOf(k[1]), e.getValue().size()));
        }
        return out;
    }

    @Override
    public synchronized List<StrategyRank> ranksOf(UUID strategyId) {
        List<StrategyRank> out = new ArrayList<>();
        for (BoardKey b : byStrategy.getOrDefault(strategyId, Set.of())) {
            BoardEntry e = entries.get(b.id()).get(strategyId);
            for (RankingMetric m : RankingMetric.values()) {
                Double v = m.of(e);
                if (v == null) continue;
                TreeSet<Item> set = boards.get(key(b, m));
                long rank = set.headSet(new Item(v, strategyId.toString()), false).size() + 1;
                out.add(new StrategyRank(b, m, rank, set.size(), e));
            }
        }
        return out;
    }

    @Override
    public synchronized List<String> dump(BoardKey board, RankingMetric metric) {
        TreeSet<Item> set = boards.get(key(board, metric));
        return set == null ? List.of() : set.stream().map(i -> i.member() + "=" + i.score()).toList();
    }
}
