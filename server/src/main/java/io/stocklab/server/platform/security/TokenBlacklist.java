package io.stocklab.server.platform.security;

import java.time.Instant;

/**
 * Access token ids ({@code jti}) revoked before their expiry (logout, account deletion). Redis-backed in prod so
 * every instance sees a revocation at once, in-process in local.
 */
public interface TokenBlacklist {

    /** Revokes the token id until {@code expiresAt} (after which the token is rejected as expired anyway). */
    void revoke(String tokenId, Instant expiresAt);

    boolean isRevoked(String tokenId);
}
