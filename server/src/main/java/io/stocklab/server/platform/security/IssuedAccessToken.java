package io.stocklab.server.platform.security;

import java.time.Instant;

/** A signed access token with its id and expiry. */
public record IssuedAccessToken(String value, String tokenId, Instant expiresAt) {
}
