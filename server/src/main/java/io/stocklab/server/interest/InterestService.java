package io.stocklab.server.interest;

import io.stocklab.server.interest.InterestDtos.FollowItem;
import io.stocklab.server.interest.InterestDtos.FollowList;
import io.stocklab.server.interest.InterestDtos.RecentItem;
import io.stocklab.server.interest.InterestDtos.RecentList;
import io.stocklab.server.interest.InterestDtos.SymbolRequest;
import io.stocklab.server.interest.InterestDtos.Watchlist;
import io.stocklab.server.interest.InterestDtos.WatchlistItem;
import io.stocklab.server.marketdata.DatasetInfo;
import io.stocklab.server.marketdata.Datasets;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.strategy.StrategyChanged;
import io.stocklab.server.strategy.StrategyService;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A user's interests: a watchlist of symbols, recently viewed symbols and followed public strategies. Other
 * features use {@link #followers(UUID)} (notifications tell followers when a strategy changes).
 */
@Service
public class InterestService {
    private static final Logger log = LoggerFactory.getLogger(InterestService.class);
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,19}");

    private final InterestRepository repository;
    private final InterestProperties properties;
    private final Datasets datasets;
    private final StrategyService strategies;
    private final Clock clock;

    InterestService(InterestRepository repository, InterestProperties properties, Datasets datasets,
                    StrategyService strategies, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.datasets = datasets;
        this.strategies = strategies;
        this.clock = clock;
    }

    /** The users following a strategy (its owner included if they follow it). */
    public List<UUID> followers(UUID strategyId) {
        return repository.followers(strategyId);
    }

    // ---- watchlist

    Watchlist watchlist(CurrentUser user) {
        List<WatchlistItem> items = repository.watchlist(user.id()).stream()
                .map(r -> new WatchlistItem(r.datasetId(), r.symbol(), r.addedAt())).toList();
        return new Watchlist(items, items.size(), properties.watchlistMax());
    }

    /** Adds a symbol; true when it was not on the list yet. */
    @Transactional
    boolean watch(CurrentUser user, SymbolRequest req) {
        DatasetSymbol ds = validSymbol(req);
        if (repository.countWatchlist(user.id()) >= properties.watchlistMax()
                && repository.watchlist(user.id()).stream().noneMatch(r -> r.datasetId().equals(ds.dataset())
                && r.symbol().equals(ds.symbol()))) {
            throw new ApiException(ProblemType.LIMIT_REACHED, "The watchlist holds at most "
                    + properties.watchlistMax() + " symbols; remove one first.");
        }
        return repository.addWatch(user.id(), ds.dataset(), ds.symbol(), clock.instant());
    }

    void unwatch(CurrentUser user, String datasetId, String symbol) {
        repository.removeWatch(user.id(), datasetId, normalize(symbol));
    }

    // ---- recently viewed

    /** Newest first; {@code limit} defaults to (and is capped at) {@code recentMax}. */
    RecentList recent(CurrentUser user, Integer requested) {
        int limit = requested == null ? properties.recentMax() : Math.min(requested, properties.recentMax());
        if (limit < 1) throw ApiException.invalidField("limit", "must be at least 1");
        return new RecentList(repository.recent(user.id(), 0, limit).stream()
                .map(r -> new RecentItem(r.datasetId(), r.symbol(), r.viewedAt())).toList(), properties.recentMax());
    }

    /** Records that the user viewed a symbol; keeps the newest {@code recentMax}. */
    @Transactional
    void viewed(CurrentUser user, SymbolRequest req) {
        DatasetSymbol ds = validSymbol(req);
        repository.recordView(user.id(), ds.dataset(), ds.symbol(), clock.instant());
        for (InterestRepository.RecentRow old : repository.recent(user.id(), properties.recentMax(), 100)) {
            repository.removeRecent(user.id(), old.datasetId(), old.symbol());
        }
    }

    void clearRecent(CurrentUser user) {
        repository.clearRecent(user.id());
    }

    // ---- follows

    FollowList follows(CurrentUser user) {
        List<FollowItem> items = repository.follows(user.id()).stream()
                .map(r -> new FollowItem(r.strategyId(), r.followedAt(), strategies.sharing(r.strategyId())
                        .map(StrategyService.Sharing::isPublic).orElse(false)))
                .toList();
        return new FollowList(items, items.size(), properties.followsMax());
    }

    /** Follows a public strategy; true when newly followed. */
    @Transactional
    boolean follow(CurrentUser user, UUID strategyId) {
        StrategyService.Sharing sharing = strategies.sharing(strategyId)
                .filter(s -> s.isPublic() || s.ownerId().equals(user.id()))
                .orElseThrow(() -> ApiException.notFound("strategy " + strategyId + " not found"));
        if (!sharing.isPublic()) {
            throw ApiException.invalidField("strategyId", "only public strategies can be followed");
        }
        if (repository.countFollows(user.id()) >= properties.followsMax()
                && repository.follows(user.id()).stream().noneMatch(f -> f.strategyId().equals(strategyId))) {
            throw new ApiException(ProblemType.LIMIT_REACHED, "At most " + properties.followsMax()
                    + " strategies can be followed; unfollow one first.");
        }
        return repository.follow(user.id(), strategyId, clock.instant());
    }

    void unfollow(CurrentUser user, UUID strategyId) {
        repository.unfollow(user.id(), strategyId);
    }

    /**
     * A deleted strategy, or one made private, loses its followers. Runs after the notification feature told
     * them (lowest precedence), in a transaction of its own (after the strategy's commit).
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Order(Ordered.LOWEST_PRECEDENCE)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onStrategyChanged(StrategyChanged event) {
        boolean gone = event.kind() == StrategyChanged.Kind.DELETED
                || (event.kind() == StrategyChanged.Kind.UPDATED && !event.isPublic());
        if (!gone) return;
        try {
            int n = repository.removeFollowsOf(event.strategyId());
            if (n > 0) log.debug("strategy {} is no longer public: removed {} follows", event.strategyId(), n);
        } catch (RuntimeException e) {
            log.warn("could not remove the follows of strategy {}: {}", event.strategyId(), e.toString());
        }
    }

    // ---- validation

    record DatasetSymbol(String dataset, String symbol) {
    }

    static String normalize(String symbol) {
        return symbol == null ? null : symbol.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * The dataset must exist and the symbol must be one of its assets (any listing, delisted included).
     */
    DatasetSymbol validSymbol(SymbolRequest req) {
        if (req == null) throw ApiException.invalidField("symbol", "must not be blank");
        String symbol = normalize(req.symbol());
        if (symbol == null || symbol.isEmpty()) throw ApiException.invalidField("symbol", "must not be blank");
        if (!SYMBOL.matcher(symbol).matches()) {
            throw ApiException.invalidField("symbol", "must be 1 to 20 letters, digits, '.' or '-'");
        }
        String datasetId = req.datasetId() == null || req.datasetId().isBlank()
                ? datasets.defaultDataset().id() : req.datasetId().strip();
        DatasetInfo info = datasets.find(datasetId)
                .orElseThrow(() -> ApiException.invalidField("datasetId", "unknown dataset '" + datasetId + "'"));
        if (datasets.snapshot(info.id()).panel().assetIndex(symbol) < 0) {
            throw ApiException.invalidField("symbol", "unknown symbol '" + symbol + "' in dataset " + info.id());
        }
        return new DatasetSymbol(info.id(), symbol);
    }
}
