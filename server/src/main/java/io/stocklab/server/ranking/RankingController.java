package io.stocklab.server.ranking;

import io.stocklab.server.marketdata.DatasetInfo;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.ranking.RankingDtos.BoardResponse;
import io.stocklab.server.ranking.RankingDtos.BoardSummary;
import io.stocklab.server.ranking.RankingDtos.BoardView;
import io.stocklab.server.ranking.RankingDtos.EntryView;
import io.stocklab.server.ranking.RankingDtos.RebuildResponse;
import io.stocklab.server.ranking.RankingDtos.StrategyRankView;
import io.stocklab.server.strategy.StrategyService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rankings")
@Tag(name = "Rankings", description = "Leaderboards of public strategies (docs/rankings.md)")
class RankingController {
    static final int MAX_LIMIT = 100;
    private static final String CURSOR_PREFIX = "r1:";

    private final RankingService service;

    RankingController(RankingService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "A leaderboard page, with the caller's best rank on it")
    BoardResponse board(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                        @Parameter(description = "SHARPE (default), TOTAL_RETURN, CAGR or CALMAR")
                        @RequestParam(required = false) String metric,
                        @Parameter(description = "1y, 3y, 5y, all (default) or oos (sweeps' out-of-sample results)")
                        @RequestParam(required = false) String period,
                        @Parameter(description = "ALL (default) or a market such as KOSPI, KOSDAQ")
                        @RequestParam(required = false) String market,
                        @Parameter(description = "dataset id (default: the default dataset)")
                        @RequestParam(required = false) String dataset,
                        @Parameter(description = "dataset version (default: the dataset's current version)")
                        @RequestParam(required = false) String version,
                        @Parameter(description = "1 to 100 (default 20)")
                        @RequestParam(required = false) Integer limit,
                        @Parameter(description = "nextCursor of the previous page")
                        @RequestParam(required = false) String cursor) {
        RankingMetric m = RankingMetric.of(metric, "metric");
        RankingPeriod p = RankingPeriod.of(period, "period");
        String mk = market(market);
        DatasetInfo ds = dataset(dataset);
        String v = version == null || version.isBlank() ? ds.version() : version.strip();
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > MAX_LIMIT) throw ApiException.invalidField("limit", "between 1 and " + MAX_LIMIT);
        int offset = offset(cursor);
        BoardKey key = new BoardKey(ds.id(), v, mk, p);
        BoardStore.Page page = service.page(key, m, offset, n, user.id());
        List<EntryView> entries = page.items().stream().map(r -> entry(r.rank(), r.entry(), m, user)).toList();
        EntryView mine = page.mine() == null ? null : entry(page.mine().rank(), page.mine().entry(), m, user);
        long next = (long) offset + entries.size();
        String nextCursor = !entries.isEmpty() && next < page.total() ? cursor(next) : null;
        return new BoardResponse(view(key, m, ds, page.items().isEmpty() ? null : page.items().getFirst().entry()),
                entries, mine, page.total(), nextCursor);
    }

    @GetMapping("/boards")
    @Operation(summary = "The boards that have entries (for pickers): dataset version, market, period, metric")
    List<BoardSummary> boards() {
        return service.boards().stream()
                .map(b -> new BoardSummary(b.board().datasetId(), b.board().dataVersion(),
                        current(b.board()), b.board().market(), b.board().period().id(), b.metric().name(), b.size()))
                .sorted(Comparator.comparing(BoardSummary::datasetId)
                        .thenComparing(BoardSummary::currentVersion, Comparator.reverseOrder())
                        .thenComparing(BoardSummary::dataVersion).thenComparing(BoardSummary::market)
                        .thenComparing(BoardSummary::period).thenComparing(BoardSummary::metric))
                .toList();
    }

    @GetMapping("/strategies/{id}")
    @Operation(summary = "A public strategy's ranks on every board (its owner and admins also see a private one's:"
            + " none)")
    List<StrategyRankView> strategy(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                                    @PathVariable UUID id) {
        Optional<StrategyService.Sharing> sharing = service.strategies().sharing(id);
        if (sharing.isEmpty() || !(sharing.get().isPublic() || sharing.get().ownerId().equals(user.id())
                || user.isAdmin())) {
            throw ApiException.notFound("strategy " + id + " not found");
        }
        return service.ranksOf(id).stream()
                .map(r -> new StrategyRankView(view(r.board(), r.metric(), service.datasets().find(r.board().datasetId())
                        .orElse(null), r.entry()), r.rank(), r.total(), entry(r.rank(), r.entry(), r.metric(), user)))
                .sorted(Comparator.comparing((StrategyRankView r) -> r.board().dataVersion())
                        .thenComparing(r -> r.board().market()).thenComparing(r -> r.board().period())
                        .thenComparing(r -> r.board().metric()))
                .toList();
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Rebuild every board from the database (admin)")
    RebuildResponse rebuild(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        if (!user.isAdmin()) throw new ApiException(ProblemType.FORBIDDEN, "Only admins rebuild the rankings.");
        RankingService.RebuildCounts c = service.rebuild();
        return new RebuildResponse(c.generation(), c.strategies(), c.runs(), c.entries(), c.boards(), c.durationMs());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private boolean current(BoardKey b) {
        return service.datasets().find(b.datasetId()).map(d -> d.version().equals(b.dataVersion())).orElse(false);
    }

    private static BoardView view(BoardKey key, RankingMetric m, DatasetInfo ds, BoardEntry sample) {
        boolean current = ds != null && ds.version().equals(key.dataVersion());
        LocalDate ws = null;
        LocalDate we = null;
        if (sample != null) {
            ws = sample.windowStart();
            we = sample.windowEnd();
        } else if (current && key.period() != RankingPeriod.OOS) {
            we = ds.end();
            ws = key.period() == RankingPeriod.ALL ? ds.start() : ds.end().minusYears(key.period().years());
        }
        return new BoardView(key.datasetId(), key.dataVersion(), key.market(), key.period().id(), m.name(), ws, we,
                current);
    }

    private static EntryView entry(long rank, BoardEntry e, RankingMetric m, CurrentUser user) {
        return new EntryView(rank, e.strategyId(), e.strategyName(),
                e.anonymous() ? "anonymous" : e.authorNickname(), e.anonymous(),
                e.source() == null ? BoardEntry.BACKTEST : e.source(), e.backtestId(), e.sweepId(), e.finishedAt(),
                m.of(e), e.totalReturnPct(), e.cagrPct(), e.sharpe(), e.calmar(), e.maxDrawdownPct(),
                e.ownerId().equals(user.id()));
    }

    private static String market(String market) {
        if (market == null || market.isBlank()) return BoardKey.ALL_MARKETS;
        String m = market.strip().toUpperCase(Locale.ROOT);
        if (!m.matches("[A-Z0-9_]{1,32}")) throw ApiException.invalidField("market", "ALL or a market code such as KOSPI");
        return m;
    }

    private DatasetInfo dataset(String id) {
        if (id == null || id.isBlank()) return service.datasets().defaultDataset();
        return service.datasets().find(id.strip())
                .orElseThrow(() -> ApiException.invalidField("dataset", "unknown dataset " + id.strip()));
    }

    static String cursor(long offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) return 0;
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (s.startsWith(CURSOR_PREFIX)) {
                int o = Integer.parseInt(s.substring(CURSOR_PREFIX.length()));
                if (o >= 0) return o;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw ApiException.invalidField("cursor", "not a cursor of this endpoint (use nextCursor of a previous page)");
    }
}
