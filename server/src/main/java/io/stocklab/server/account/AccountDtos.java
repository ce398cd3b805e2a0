package io.stocklab.server.account;

import io.stocklab.server.platform.quota.Plan;
import io.stocklab.server.platform.security.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the account API. */
final class AccountDtos {
    private AccountDtos() {
    }

    record RegisterRequest(
            @Schema(example = "ada@example.com") @NotBlank @Email @Size(max = 254) String email,
            @Schema(example = "ada", description = "3-32 letters, digits, '_', '.' or '-'; unique ignoring case")
            @NotBlank @Size(min = 3, max = 32) @Pattern(regexp = "[\\p{L}\\p{N}_.-]*",
                    message = "may contain only letters, digits, '_', '.' and '-'") String nickname,
            @Schema(description = "at least 10 characters, at most 72 bytes, not the email or nickname")
            @NotBlank @Size(max = 200) String password) {
        RegisterRequest {
            email = email == null ? null : email.strip();
            nickname = nickname == null ? null : nickname.strip();
        }
    }

    record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {
        LoginRequest {
            email = email == null ? null : email.strip();
        }
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record LogoutRequest(@Schema(description = "also end this refresh token's session") @Size(max = 200)
                         String refreshToken) {
    }

    record ChangePasswordRequest(@NotBlank @Size(max = 200) String currentPassword,
                                 @NotBlank @Size(max = 200) String newPassword) {
    }

    record DeleteAccountRequest(@NotBlank @Size(max = 200) String password) {
    }

    @Schema(description = "Fields to change; omitted fields stay as they are")
    record AdminUserUpdate(Role role, Plan plan, Boolean disabled) {
    }

    record TokenResponse(@Schema(example = "Bearer") String tokenType, String accessToken,
                         @Schema(description = "seconds until the access token expires") long expiresIn,
                         String refreshToken,
                         @Schema(description = "seconds until the refresh token expires") long refreshExpiresIn) {
    }

    record UserResponse(UUID id, String email, String nickname, Role role, Plan plan, Instant createdAt) {
        static UserResponse of(UserAccount user) {
            return new UserResponse(user.id(), user.email(), user.nickname(), user.role(), user.plan(),
                    user.createdAt());
        }
    }

    record AdminUserResponse(UUID id, String email, String nickname, Role role, Plan plan, boolean disabled,
                             Instant createdAt, Instant updatedAt, Instant lastLoginAt) {
        static AdminUserResponse of(UserAccount user) {
            return new AdminUserResponse(user.id(), user.email(), user.nickname(), user.role(), user.plan(),
                    user.disabled(), user.createdAt(), user.updatedAt(), user.lastLoginAt());
        }
    }

    record QuotaResponse(Plan plan, int apiCallsPerMinute, long backtestsPerDay, long backtestsRemainingToday) {
    }
}
