package io.stocklab.server.account;

import io.stocklab.server.account.AccountDtos.TokenResponse;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.security.AccessTokenService;
import io.stocklab.server.platform.security.IssuedAccessToken;
import io.stocklab.server.platform.security.JwtProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions: an access token plus a refresh token of a family. Refresh tokens are random, stored as SHA-256
 * hashes, rotated on every use; replaying a used one revokes its whole family (someone holds a stolen copy).
 */
@Component
class SessionTokens {
    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokenRepository tokens;
    private final UserRepository users;
    private final AccessTokenService accessTokens;
    private final Duration refreshTtl;
    private final Clock clock;

    SessionTokens(RefreshTokenRepository tokens, UserRepository users, AccessTokenService accessTokens,
                  JwtProperties jwt, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.accessTokens = accessTokens;
        this.refreshTtl = jwt.refreshTokenTtl();
        this.clock = clock;
    }

    /** Starts a new session (a new refresh token family) for the user. */
    @Transactional
    TokenResponse start(UserAccount user) {
        return issue(user, UUID.randomUUID());
    }

    /** Exchanges a refresh token for a new pair; the old one becomes used. */
    @Transactional(noRollbackFor = ApiException.class)
    TokenResponse rotate(String rawToken) {
        Instant now = clock.instant();
        RefreshToken token = tokens.findByTokenHash(hash(rawToken)).orElseThrow(SessionTokens::invalid);
        if (token.revokedAt() != null) {
            throw invalid();
        }
        if (token.usedAt() != null) {
            int revoked = tokens.revokeFamily(token.familyId(), now);
            log.warn("Refresh token reuse detected for user {}: revoked session family {} ({} tokens)",
                    token.userId(), token.familyId(), revoked);
            throw invalid();
        }
        if (!token.expiresAt().isAfter(now)) {
            throw invalid();
        }
        Optional<UserAccount> user = users.findById(token.userId());
        if (user.isEmpty() || user.get().disabled()) {
            tokens.revokeFamily(token.familyId(), now);
            throw invalid();
        }
        if (tokens.markUsed(token.id(), now) == 0) {
            tokens.revokeFamily(token.familyId(), now);
            log.warn("Concurrent reuse of a refresh token for user {}: revoked session family {}",
                    token.userId(), token.familyId());
            throw invalid();
        }
        return issue(user.get(), token.familyId());
    }

    /** Ends the session the refresh token belongs to, if it is the user's. */
    @Transactional
    void endSession(String rawToken, UUID userId) {
        tokens.findByTokenHash(hash(rawToken))
                .filter(t -> t.userId().equals(userId))
                .ifPresent(t -> tokens.revokeFamily(t.familyId(), clock.instant()));
    }

    @Transactional
    void endAllSessions(UUID userId) {
        tokens.revokeAllOfUser(userId, clock.instant());
    }

    /** Drops refresh tokens expired for more than a day (they can only be refused anyway). */
    @Scheduled(fixedDelayString = "${stocklab.accounts.refresh-token-cleanup-interval:PT6H}", initialDelay = 60_000)
    @Transactional
    public void purgeExpired() {
        int deleted = tokens.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
        if (deleted > 0) {
            log.info("Purged {} expired refresh tokens", deleted);
        }
    }

    private TokenResponse issue(UserAccount user, UUID familyId) {
        Instant now = clock.instant();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.save(new RefreshToken(UUID.randomUUID(), user.id(), familyId, hash(raw), now, now.plus(refreshTtl),
                null, null, null));
        IssuedAccessToken access = accessTokens.issue(user.id(), user.role(), user.tokenVersion());
        return new TokenResponse("Bearer", access.value(), accessTokens.accessTokenTtlSeconds(), raw,
                refreshTtl.toSeconds());
    }

    static String hash(String rawToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException invalid() {
        return new ApiException(ProblemType.INVALID_REFRESH_TOKEN,
                "The refresh token is invalid, expired or revoked. Log in again.");
    }
}
