package io.stocklab.server.account;

import io.stocklab.server.platform.error.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be: 10 characters or more, at most 72 bytes (bcrypt's input limit), not the email or the
 * nickname, not one character repeated, not one of the most common passwords.
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = Set.of("1234567890", "12345678910", "0123456789", "password12",
            "password123", "password1234", "qwertyuiop", "qwerty1234", "qwerty12345", "1q2w3e4r5t", "abcdefghij",
            "iloveyou12", "letmein123", "welcome123", "admin12345", "stocklab123", "passw0rd12", "1111111111",
            "asdfghjkl1", "zxcvbnm123");

    private PasswordPolicy() {
    }

    /** The reason the password is refused, if it is. */
    static Optional<FieldProblem> check(String field, String password, String email, String nickname) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return problem(field, "must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return problem(field, "must be at most " + MAX_BYTES + " bytes long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null && lower.equals(email.trim().toLowerCase(Locale.ROOT))) {
            return problem(field, "must not be your email address");
        }
        if (nickname != null && lower.equals(nickname.trim().toLowerCase(Locale.ROOT))) {
            return problem(field, "must not be your nickname");
        }
        if (password.codePoints().distinct().count() == 1) {
            return problem(field, "must not be a single repeated character");
        }
        if (COMMON.contains(lower)) {
            return problem(field, "is too common; choose another one");
        }
        return Optional.empty();
    }

    private static Optional<FieldProblem> problem(String field, String message) {
        return Optional.of(new FieldProblem(field, message));
    }
}
