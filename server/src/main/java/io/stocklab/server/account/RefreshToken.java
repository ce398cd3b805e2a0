package io.stocklab.server.account;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One refresh token of a session ({@code familyId}). Only its SHA-256 hash is stored. A token is used once: using
 * it marks it {@code usedAt} and issues the next one of the family; presenting a used token again revokes the
 * whole family.
 */
@Table("refresh_tokens")
record RefreshToken(@Id UUID id, UUID userId, UUID familyId, String tokenHash, Instant createdAt, Instant expiresAt,
                    Instant usedAt, Instant revokedAt, @Version Long version) {
}
