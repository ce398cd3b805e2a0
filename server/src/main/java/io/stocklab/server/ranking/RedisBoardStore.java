package io.stocklab.server.ranking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.redis.core.Cursor;
import java.util.function.Consumer;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prod boards, in Redis under {@code <stocklab.redis.key-prefix>rank:}:
 * <ul>
 * <li>{@code gen}: the generation built last (the marker: when it is missing, Redis lost the boards);</li>
 * <li>{@code <gen>:z:<board>#<METRIC>}: a sorted set per board and metric, member = strategy id, score = value;</li>
 * <li>{@code <gen>:e:<board>}: a hash per board, strategy id -> the entry as JSON;</li>
 * <li>{@code <gen>:s:<strategy>}: the boards a strategy is on; {@code <gen>:o:<owner>}: an owner's ranked
 * strategies; {@code <gen>:boards}: every board id + metric that has entries.</li>
 * </ul>
 * A rebuild writes a new generation, then moves the marker, then deletes the older generations' keys.
 */
class RedisBoardStore implements BoardStore {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringRedisTemplate redis;
    private final String prefix;
    private volatile long cachedGen = -1;

    RedisBoardStore(StringRedisTemplate redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = keyPrefix + "rank:";
    }

    String prefix() {
        return prefix;
    }

    @Override
    public long generation() {
        String g = redis.opsForValue().get(prefix + "gen");
        long gen = g == null ? -1 : Long.parseLong(g);
        cachedGen = gen;
        return gen;
    }

    private String z(long gen, BoardKey b, RankingMetric m) {
        return prefix + gen + ":z:" + b.id() + "#" + m.name();
    }

    private String e(long gen, BoardKey b) {
        return prefix + gen + ":e:" + b.id();
    }

    private String s(long gen, UUID strategy) {
        return prefix + gen + ":s:" + strategy;
    }

    private String o(long gen, UUID owner) {
        return prefix + gen + ":o:" + owner;
    }

    private String boardsKey(long gen) {
        return prefix + gen + ":boards";
    }

    @Override
    public void rebuild(long gen, List<Placement> placements) {
        for (int from = 0; from < Math.max(1, placements.size()); from += 250) {
            List<Placement> chunk = placements.subList(Math.min(from, placements.size()),
                    Math.min(from + 250, placements.size()));
            pipeline(c -> {
                for (Placement p : chunk) add(c, gen, p);
            });
        }
        redis.opsForValue().set(prefix + "gen", Long.toString(gen));
        cachedGen = gen;
        // drop every other generation's keys (this run's prefix only)
        String keep = prefix + gen + ":";
        List<String> doomed = new ArrayList<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            while (keys.hasNext()) {
                String k = keys.next();
                if (!k.startsWith(keep) && !k.equals(prefix + "gen")) doomed.add(k);
                if (doomed.size() >= 1000) {
                    redis.delete(doomed);
                    doomed.clear();
                }
            }
        }
        if (!doomed.isEmpty()) redis.delete(doomed);
    }

    private void add(RedisOperations<String, String> c, long gen, Placement p) {
        BoardEntry e = p.entry();
        String member = e.strategyId().toString();
        c.opsForHash().put(e(gen, p.board()), member, JSON.writeValueAsString(e));
        for (RankingMetric m : RankingMetric.values()) {
            Double v = m.of(e);
            if (v == null) continue;
            c.opsForZSet().add(z(gen, p.board(), m), member, v);
            c.opsForSet().add(boardsKey(gen), p.board().id() + "#" + m.name());
        }
        c.opsForSet().add(s(gen, e.strategyId()), p.board().id());
        c.opsForSet().add(o(gen, e.ownerId()), member);
    }

    @Override
    public void replaceStrategy(UUID strategyId, UUID ownerId, List<Placement> placements) {
        long gen = cachedGen >= 0 ? cachedGen : generation();
        Set<String> old = redis.opsForSet().members(s(gen, strategyId));
        String member = strategyId.toString();
        pipeline(c -> {
            if (old != null) {
                for (String boardId : old) {
                    BoardKey b = BoardKey.parse(boardId);
                    c.opsForHash().delete(e(gen, b), member);
                    for (RankingMetric m : RankingMetric.values()) c.opsForZSet().remove(z(gen, b, m), member);
                }
            }
            c.delete(s(gen, strategyId));
            c.opsForSet().remove(o(gen, ownerId), member);
            for (Placement p : placements) add(c, gen, p);
        });
    }

    @Override
    public Page page(BoardKey board, RankingMetric metric, int offset, int limit, UUID viewer) {
        long gen = cachedGen >= 0 ? cachedGen : generation();
        String zkey = z(gen, board, metric);
        List<Object> first = pipeline(c -> {
            c.opsForZSet().reverseRangeWithScores(zkey, offset, offset + limit - 1L);
            c.opsForZSet().zCard(zkey);
            if (viewer != null) c.opsForSet().members(o(gen, viewer));
        });
        @SuppressWarnings("unchecked")
        Set<TypedTuple<String>> top = (Set<TypedTuple<String>>) first.get(0);
        long total = first.get(1) == null ? 0 : ((Number) first.get(1)).longValue();
        @SuppressWarnings("unchecked")
        List<String> mine = viewer == null || first.get(2) == null ? List.of() : List.copyOf((Set<String>) first.get(2));
        List<String> members = new ArrayList<>();
        if (top != null) for (TypedTuple<String> t : top) members.add(t.getValue());
        if (members.isEmpty() && mine.isEmpty()) return new Page(List.of(), total, null);
        List<Object> second = pipeline(c -> {
            for (String m : mine) c.opsForZSet().reverseRank(zkey, m);
            List<String> fields = new ArrayList<>(members);
            fields.addAll(mine);
            if (!fields.isEmpty()) c.<String, String>opsForHash().multiGet(e(gen, board), fields);
        });
        @SuppressWarnings("unchecked")
        List<String> json = (List<String>) second.get(mine.size());
        List<Ranked> items = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (json.get(i) != null) items.add(new Ranked(offset + i + 1L, read(json.get(i))));
        }
        Ranked best = null;
        for (int i = 0; i < mine.size(); i++) {
            Object r = second.get(i);
            String j = json.get(members.size() + i);
            if (r == null || j == null) continue;
            long rank = ((Number) r).longValue() + 1;
            if (best == null || rank < best.rank()) best = new Ranked(rank, read(j));
        }
        return new Page(items, total, best);
    }

    private static BoardEntry read(String json) {
        return JSON.readValue(json.getBytes(StandardCharsets.UTF_8), BoardEntry.class);
    }

    @Override
    public List<BoardSize> boards() {
        long gen = cachedGen >= 0 ? cachedGen : generation();
        Set<String> ids = redis.opsForSet().members(boardsKey(gen));
        if (ids == null || ids.isEmpty()) return List.of();
        List<String> list = List.copyOf(ids);
        List<Object> sizes = pipeline(c -> {
            for (String id : list) {
                String[] k = id.split("#");
                c.opsForZSet().zCard(z(gen, BoardKey.parse(k[0]), RankingMetric.valueOf(k[1])));
            }
        });
        List<BoardSize> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            long n = sizes.get(i) == null ? 0 : ((Number) sizes.get(i)).longValue();
            String[] k = list.get(i).split("#");
            if (n > 0) out.add(new BoardSize(BoardKey.parse(k[0]), RankingMetric.valueOf(k[1]), n));
        }
        return out;
    }

    @Override
    public List<StrategyRank> ranksOf(UUID strategyId) {
        long gen = cachedGen >= 0 ? cachedGen : generation();
        Set<String> ids = redis.opsForSet().members(s(gen, strategyId));
        if (ids == null || ids.isEmpty()) return List.of();
        List<BoardKey> boards = ids.stream().map(BoardKey::parse).toList();
        String member = strategyId.toString();
        List<Object> res = pipeline(c -> {
            for (BoardKey b : boards) {
                c.opsForHash().get(e(gen, b), member);
                for (RankingMetric m : RankingMetric.values()) {
                    c.opsForZSet().reverseRank(z(gen, b, m), member);
                    c.opsForZSet().zCard(z(gen, b, m));
                }
            }
        });
        List<StrategyRank> out = new ArrayList<>();
        int i = 0;
        for (BoardKey b : boards) {
            String json = (String) res.get(i++);
            BoardEntry e = json == null ? null : read(json);
            for (RankingMetric m : RankingMetric.values()) {
                Object rank = res.get(i++);
                Object total = res.get(i++);
                if (e != null && rank != null) {
                    out.add(new StrategyRank(b, m, ((Number) rank).longValue() + 1, ((Number) total).longValue(), e));
                }
            }
        }
        return out;
    }

    @Override
    public List<String> dump(BoardKey board, RankingMetric metric) {
        long gen = generation();
        Set<TypedTuple<String>> all = redis.opsForZSet().reverseRangeWithScores(z(gen, board, metric), 0, -1);
        List<String> out = new ArrayList<>();
        if (all != null) for (TypedTuple<String> t : all) out.add(t.getValue() + "=" + t.getScore());
        return out;
    }

    private List<Object> pipeline(Consumer<RedisOperations<String, String>> body) {
        return redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                body.accept((RedisOperations<String, String>) operations);
                return null;
            }
        });
    }
}
