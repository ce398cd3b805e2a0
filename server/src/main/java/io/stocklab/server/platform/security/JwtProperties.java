package io.stocklab.server.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings ({@code stocklab.security.jwt.*}).
 *
 * @param secret HS256 key material, at least 32 bytes ({@code STOCKLAB_JWT_SECRET})
 * @param generateIfMissing when no secret is configured, create a random one and keep it in
 *                          {@code <data-dir>/jwt-secret} (local profile); when false, refuse to start (prod)
 * @param issuer the {@code iss} claim written and required
 * @param accessTokenTtl lifetime of access tokens
 * @param refreshTokenTtl lifetime of a refresh token (each rotation issues a new one)
 */
@ConfigurationProperties("stocklab.security.jwt")
public record JwtProperties(String secret,
                            @DefaultValue("false") boolean generateIfMissing,
                            @DefaultValue("stocklab") String issuer,
                            @DefaultValue("15m") Duration accessTokenTtl,
                            @DefaultValue("30d") Duration refreshTokenTtl) {
}
