package io.stocklab.server.interest;

import io.stocklab.server.interest.InterestDtos.FollowList;
import io.stocklab.server.interest.InterestDtos.RecentList;
import io.stocklab.server.interest.InterestDtos.SymbolRequest;
import io.stocklab.server.interest.InterestDtos.Watchlist;
import io.stocklab.server.platform.security.CurrentUser;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** My interests: watchlist, recently viewed symbols, followed strategies. */
@RestController
@Tag(name = "My interests")
@RequestMapping("/api/v1/interests")
class InterestController {
    private final InterestService service;

    InterestController(InterestService service) {
        this.service = service;
    }

    @Operation(operationId = "getWatchlist", summary = "My watchlist of symbols")
    @GetMapping("/watchlist")
    Watchlist watchlist(@AuthenticationPrincipal CurrentUser user) {
        return service.watchlist(user);
    }

    /** Adds a symbol: 201 with the list when added, 200 when it was already there; 409 limit-reached when full. */
    @Operation(operationId = "addToWatchlist", summary = "Add a symbol to my watchlist")
    @PostMapping("/watchlist")
    ResponseEntity<Watchlist> watch(@AuthenticationPrincipal CurrentUser user, @RequestBody SymbolRequest req) {
        boolean added = service.watch(user, req);
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).body(service.watchlist(user));
    }

    /** Removes a symbol (204 whether or not it was there). */
    @Operation(operationId = "removeFromWatchlist", summary = "Remove a symbol from my watchlist")
    @DeleteMapping("/watchlist/{datasetId}/{symbol}")
    ResponseEntity<Void> unwatch(@AuthenticationPrincipal CurrentUser user, @PathVariable String datasetId,
                                 @PathVariable String symbol) {
        service.unwatch(user, datasetId, symbol);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "listRecentSymbols", summary = "Recently viewed symbols, newest first")
    @GetMapping("/recent")
    RecentList recent(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer limit) {
        return service.recent(user, limit);
    }

    /** Records a view of a symbol (the asset page calls this); a symbol viewed again moves to the top. */
    @Operation(operationId = "recordSymbolView", summary = "Record that I viewed a symbol")
    @PostMapping("/recent")
    ResponseEntity<Void> viewed(@AuthenticationPrincipal CurrentUser user, @RequestBody SymbolRequest req) {
        service.viewed(user, req);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "clearRecentSymbols", summary = "Clear my recently viewed symbols")
    @DeleteMapping("/recent")
    ResponseEntity<Void> clearRecent(@AuthenticationPrincipal CurrentUser user) {
        service.clearRecent(user);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "listFollowedStrategies", summary = "Strategies I follow")
    @GetMapping("/follows")
    FollowList follows(@AuthenticationPrincipal CurrentUser user) {
        return service.follows(user);
    }

    /** Follows a public strategy: 201 when newly followed, 200 when already; 404 for others' private ones. */
    @Operation(operationId = "followStrategy", summary = "Follow a public strategy")
    @PutMapping("/follows/{strategyId}")
    ResponseEntity<FollowList> follow(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID strategyId) {
        boolean added = service.follow(user, strategyId);
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).body(service.follows(user));
    }

    @Operation(operationId = "unfollowStrategy", summary = "Stop following a strategy")
    @DeleteMapping("/follows/{strategyId}")
    ResponseEntity<Void> unfollow(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID strategyId) {
        service.unfollow(user, strategyId);
        return ResponseEntity.noContent().build();
    }
}
