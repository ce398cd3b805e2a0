package io.stocklab.server.account;

import io.stocklab.server.platform.quota.Plan;
import io.stocklab.server.platform.security.Role;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An account. {@code email} is stored trimmed and lower-cased; {@code nicknameKey} is the lower-cased nickname that
 * makes nicknames unique regardless of case.
 */
@Table("users")
record UserAccount(@Id UUID id, String email, String nickname, String nicknameKey, String passwordHash, Role role,
                   Plan plan, boolean disabled, int tokenVersion, Instant createdAt, Instant updatedAt,
                   Instant lastLoginAt, @Version Long version) {

    UserAccount withRole(Role newRole, Instant now) {
        return new UserAccount(id, email, nickname, nicknameKey, passwordHash, newRole, plan, disabled, tokenVersion,
                createdAt, now, lastLoginAt, version);
    }

    UserAccount withPlan(Plan newPlan, Instant now) {
        return new UserAccount(id, email, nickname, nicknameKey, passwordHash, role, newPlan, disabled, tokenVersion,
                createdAt, now, lastLoginAt, version);
    }

    /** Disabling also ends every session (new token generation). */
    UserAccount withDisabled(boolean newDisabled, Instant now) {
        int generation = newDisabled && !disabled ? tokenVersion + 1 : tokenVersion;
        return new UserAccount(id, email, nickname, nicknameKey, passwordHash, role, plan, newDisabled, generation,
                createdAt, now, lastLoginAt, version);
    }

    /** A new password ends every earlier session (new token generation). */
    UserAccount withPasswordHash(String newHash, Instant now) {
        return new UserAccount(id, email, nickname, nicknameKey, newHash, role, plan, disabled, tokenVersion + 1,
                createdAt, now, lastLoginAt, version);
    }

    UserAccount withLastLogin(Instant now) {
        return new UserAccount(id, email, nickname, nicknameKey, passwordHash, role, plan, disabled, tokenVersion,
                createdAt, updatedAt, now, version);
    }
}
