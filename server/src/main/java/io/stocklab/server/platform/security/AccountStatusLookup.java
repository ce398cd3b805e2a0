package io.stocklab.server.platform.security;

import io.stocklab.server.platform.quota.Plan;
import java.util.Optional;
import java.util.UUID;

/**
 * Implemented by the account feature: the current state of an account, read on every authenticated request so
 * that a disabled or deleted account, or a revoked session generation, stops working at once.
 */
public interface AccountStatusLookup {

    Optional<AccountStatus> find(UUID userId);

    /**
     * @param tokenVersion the session generation; access tokens carry the generation they were issued for and are
     *                     rejected once it moves on (password change, disable, delete)
     */
    record AccountStatus(UUID id, Role role, Plan plan, boolean disabled, int tokenVersion) {
    }
}
