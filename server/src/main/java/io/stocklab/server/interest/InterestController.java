package io.stocklab.server.interest;

import io.stocklab.server.interest.InterestDtos.FollowList;
import io.stocklab.server.interest.InterestDtos.RecentList;
import io.stocklab.server.interest.InterestDtos.SymbolRequest;
import io.stocklab.server.interest.InterestDtos.Watchlist;
import io.stocklab.server.platform.security.CurrentUser;
import java.util.UUID;
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
@RequestMapping("/api/v1/interests")
class InterestController {
    private final InterestService service;

    InterestController(InterestService service) {
        this.service = service;
    }

    @GetMapping("/watchlist")
    Watchlist watchlist(@AuthenticationPrincipal CurrentUser user) {
        return service.watchlist(user);
    }

    /** Adds a symbol: 201 with the list when added, 200 when it was already there; 409 limit-reached when full. */
    @PostMapping("/watchlist")
    ResponseEntity<Watchlist> watch(@AuthenticationPrincipal CurrentUser user, @RequestBody SymbolRequest req) {
        boolean added = service.watch(user, req);
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).body(service.watchlist(user));
    }

    /** Removes a symbol (204 whether or not it was there). */
    @DeleteMapping("/watchlist/{datasetId}/{symbol}")
    ResponseEntity<Void> unwatch(@AuthenticationPrincipal CurrentUser user, @PathVariable String datasetId,
                                 @PathVariable String symbol) {
        service.unwatch(user, datasetId, symbol);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/recent")
    RecentList recent(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer limit) {
        return service.recent(user, limit);
    }

    /** Records a view of a symbol (the asset page calls this); a symbol viewed again moves to the top. */
    @PostMapping("/recent")
    ResponseEntity<Void> viewed(@AuthenticationPrincipal CurrentUser user, @RequestBody SymbolRequest req) {
        service.viewed(user, req);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/recent")
    ResponseEntity<Void> clearRecent(@AuthenticationPrincipal CurrentUser user) {
        service.clearRecent(user);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/follows")
    FollowList follows(@AuthenticationPrincipal CurrentUser user) {
        return service.follows(user);
    }

    /** Follows a public strategy: 201 when newly followed, 200 when already; 404 for others' private ones. */
    @PutMapping("/follows/{strategyId}")
    ResponseEntity<FollowList> follow(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID strategyId) {
        boolean added = service.follow(user, strategyId);
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).body(service.follows(user));
    }

    @DeleteMapping("/follows/{strategyId}")
    ResponseEntity<Void> unfollow(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID strategyId) {
        service.unfollow(user, strategyId);
        return ResponseEntity.noContent().build();
    }
}
