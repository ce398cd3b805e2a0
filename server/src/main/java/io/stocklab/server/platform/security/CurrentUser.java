package io.stocklab.server.platform.security;

import io.stocklab.server.platform.quota.Plan;
import java.time.Instant;
import java.util.UUID;

/**
 * The authenticated caller of a request, as checked against the account store on every request. Controllers take
 * it with {@code @AuthenticationPrincipal CurrentUser user}.
 *
 * @param tokenId the access token's {@code jti}
 * @param tokenExpiresAt when the access token expires
 */
public record CurrentUser(UUID id, Role role, Plan plan, String tokenId, Instant tokenExpiresAt) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
