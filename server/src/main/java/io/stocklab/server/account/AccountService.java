package io.stocklab.server.account;

import io.stocklab.server.account.AccountDtos.AdminUserResponse;
import io.stocklab.server.account.AccountDtos.AdminUserUpdate;
import io.stocklab.server.account.AccountDtos.ChangePasswordRequest;
import io.stocklab.server.account.AccountDtos.DeleteAccountRequest;
import io.stocklab.server.account.AccountDtos.LoginRequest;
import io.stocklab.server.account.AccountDtos.RegisterRequest;
import io.stocklab.server.account.AccountDtos.TokenResponse;
import io.stocklab.server.account.AccountDtos.UserResponse;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.quota.Plan;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.platform.security.Role;
import io.stocklab.server.platform.security.TokenBlacklist;
import io.stocklab.server.platform.web.PageResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: registration, login, the user's own account, and the admin operations. */
@Service
class AccountService {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final UserRepository users;
    private final SessionTokens sessions;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final TokenBlacklist blacklist;
    private final AccountProperties properties;
    private final Set<String> adminEmails;
    private final Clock clock;
    /** Compared against when the email is unknown, so that a miss costs as much time as a wrong password. */
    private final String timingDummyHash;

    AccountService(UserRepository users, SessionTokens sessions, LoginThrottle throttle, PasswordEncoder passwords,
                   TokenBlacklist blacklist, AccountProperties properties, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.passwords = passwords;
        this.blacklist = blacklist;
        this.properties = properties;
        this.adminEmails = properties.normalizedAdminEmails();
        this.clock = clock;
        this.timingDummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Transactional
    UserResponse register(RegisterRequest request) {
        String email = normalizeEmail(request.email());
        String nickname = request.nickname().trim();
        String nicknameKey = nickname.toLowerCase(Locale.ROOT);
        PasswordPolicy.check("password", request.password(), email, nickname).ifPresent(problem -> {
            throw ApiException.invalidField(problem.field(), problem.message());
        });
        if (users.existsByEmail(email)) {
            throw ApiException.conflict(ProblemType.EMAIL_TAKEN, "An account with this email already exists.");
        }
        if (users.existsByNicknameKey(nicknameKey)) {
            throw ApiException.conflict(ProblemType.NICKNAME_TAKEN, "This nickname is already taken.");
        }
        Role role = adminEmails.contains(email) ? Role.ADMIN : Role.USER;
        boolean first = properties.firstUserAdmin() && users.count() == 0;
        if (first) {
            role = Role.ADMIN;
        }
        Instant now = clock.instant();
        UserAccount saved = users.save(new UserAccount(UUID.randomUUID(), email, nickname, nicknameKey,
                passwords.encode(request.password()), role, Plan.FREE, false, 0, now, now, null, null));
        if (first) {
            log.info("First account registered on an empty database ({}): granted ADMIN "
                    + "(local profile single-user convenience)", email);
        } else if (role == Role.ADMIN) {
            log.info("Account {} registered as ADMIN (listed in STOCKLAB_ADMIN_EMAILS)", email);
        }
        return UserResponse.of(saved);
    }

    @Transactional
    TokenResponse login(LoginRequest request, String clientIp) {
        String email = normalizeEmail(request.email());
        throttle.checkAllowed(email, clientIp);
        UserAccount user = users.findByEmail(email).orElse(null);
        boolean matches = passwordMatches(request.password(), user == null ? null : user.passwordHash());
        if (user == null || !matches || user.disabled()) {
            throttle.recordFailure(email, clientIp);
            throw new ApiException(ProblemType.INVALID_CREDENTIALS, "Invalid email or password.");
        }
        throttle.recordSuccess(email);
        Instant now = clock.instant();
        if (user.role() != Role.ADMIN && adminEmails.contains(email)) {
            user = user.withRole(Role.ADMIN, now);
            log.info("Account {} promoted to ADMIN (listed in STOCKLAB_ADMIN_EMAILS)", email);
        }
        user = users.save(user.withLastLogin(now));
        return sessions.start(user);
    }

    TokenResponse refresh(String refreshToken) {
        return sessions.rotate(refreshToken);
    }

    void logout(CurrentUser current, String refreshToken) {
        blacklist.revoke(current.tokenId(), current.tokenExpiresAt());
        if (refreshToken != null && !refreshToken.isBlank()) {
            sessions.endSession(refreshToken, current.id());
        }
    }

    @Transactional(readOnly = true)
    UserResponse me(CurrentUser current) {
        return UserResponse.of(load(current.id()));
    }

    /** Sets a new password, ends every session (this one included) and starts a fresh one. */
    @Transactional(noRollbackFor = ApiException.class)
    TokenResponse changePassword(CurrentUser current, ChangePasswordRequest request, String clientIp) {
        UserAccount user = load(current.id());
        verifyPassword(user, request.currentPassword(), "currentPassword", clientIp);
        PasswordPolicy.check("newPassword", request.newPassword(), user.email(), user.nickname())
                .ifPresent(problem -> {
                    throw ApiException.invalidField(problem.field(), problem.message());
                });
        if (request.newPassword().equals(request.currentPassword())) {
            throw ApiException.invalidField("newPassword", "must differ from the current password");
        }
        user = users.save(user.withPasswordHash(passwords.encode(request.newPassword()), clock.instant()));
        sessions.endAllSessions(user.id());
        blacklist.revoke(current.tokenId(), current.tokenExpiresAt());
        return sessions.start(user);
    }

    @Transactional(noRollbackFor = ApiException.class)
    void deleteAccount(CurrentUser current, DeleteAccountRequest request, String clientIp) {
        UserAccount user = load(current.id());
        verifyPassword(user, request.password(), "password", clientIp);
        users.deleteById(user.id());
        blacklist.revoke(current.tokenId(), current.tokenExpiresAt());
        log.info("Account {} deleted by its owner", user.id());
    }

    @Transactional(readOnly = true)
    PageResponse<AdminUserResponse> list(String query, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by("createdAt", "id"));
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        var result = q.isEmpty() ? users.findAll(request)
                : users.findByEmailContainingOrNicknameKeyContaining(q, q, request);
        return PageResponse.of(result, AdminUserResponse::of);
    }

    @Transactional(readOnly = true)
    AdminUserResponse get(UUID id) {
        return AdminUserResponse.of(load(id));
    }

    @Transactional
    AdminUserResponse update(CurrentUser admin, UUID id, AdminUserUpdate update) {
        if (update.role() == null && update.plan() == null && update.disabled() == null) {
            throw ApiException.invalidField("body", "give at least one of role, plan, disabled");
        }
        UserAccount user = load(id);
        boolean self = admin.id().equals(id);
        if (self && ((update.role() != null && update.role() != user.role()) || Boolean.TRUE.equals(update.disabled()))) {
            throw ApiException.conflict(ProblemType.CONFLICT,
                    "Admins cannot change their own role or disable their own account.");
        }
        Instant now = clock.instant();
        if (update.role() != null && update.role() != user.role()) {
            user = user.withRole(update.role(), now);
            log.info("Admin {} set the role of account {} to {}", admin.id(), id, update.role());
        }
        if (update.plan() != null && update.plan() != user.plan()) {
            user = user.withPlan(update.plan(), now);
            log.info("Admin {} set the plan of account {} to {}", admin.id(), id, update.plan());
        }
        if (update.disabled() != null && update.disabled() != user.disabled()) {
            user = user.withDisabled(update.disabled(), now);
            if (update.disabled()) {
                sessions.endAllSessions(id);
            }
            log.info("Admin {} {} account {}", admin.id(), update.disabled() ? "disabled" : "enabled", id);
        }
        return AdminUserResponse.of(users.save(user));
    }

    private UserAccount load(UUID id) {
        return users.findById(id).orElseThrow(() -> ApiException.notFound("No account with this id."));
    }

    private void verifyPassword(UserAccount user, String password, String field, String clientIp) {
        throttle.checkAllowed(user.email(), clientIp);
        if (!passwordMatches(password, user.passwordHash())) {
            throttle.recordFailure(user.email(), clientIp);
            throw ApiException.invalidField(field, "is incorrect");
        }
    }

    /** Constant-work check: an unknown account or an over-long password still costs one bcrypt comparison. */
    private boolean passwordMatches(String password, String hash) {
        boolean usable = password != null && password.getBytes(StandardCharsets.UTF_8).length <= 72;
        boolean matches = passwords.matches(usable ? password : "x", hash == null ? timingDummyHash : hash);
        return usable && hash != null && matches;
    }

    static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
