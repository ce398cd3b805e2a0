package io.stocklab.server.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves and checks the HS256 signing key. */
final class JwtSecrets {
    static final int MIN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(JwtSecrets.class);
    /** Values that appear in examples and templates; a server must never sign with them. */
    private static final Set<String> KNOWN_DEFAULTS = Set.of("changeme", "change-me", "change_me", "secret",
            "jwt-secret", "default", "password", "stocklab", "please-change-me", "replace-me",
            "change-me-to-a-long-random-secret");

    private JwtSecrets() {
    }

    /**
     * The signing key: the configured secret if it is safe; otherwise, when allowed, one generated once and kept in
     * {@code secretFile}; otherwise the application stops with {@link InsecureJwtSecretException}.
     */
    static SecretKey resolve(JwtProperties properties, Path secretFile) {
        String secret = properties.secret();
        if (secret == null || secret.isBlank()) {
            if (!properties.generateIfMissing()) {
                throw new InsecureJwtSecretException("No JWT signing secret is configured (STOCKLAB_JWT_SECRET is "
                        + "missing or empty); the prod profile refuses to start without one.");
            }
            secret = loadOrCreate(secretFile);
        }
        check(secret);
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Throws when the secret is a known default, too short or trivially repetitive. */
    static void check(String secret) {
        String normalized = secret.trim().toLowerCase(Locale.ROOT);
        if (KNOWN_DEFAULTS.contains(normalized) || normalized.contains("change-me") || normalized.contains("changeme")) {
            throw new InsecureJwtSecretException("The JWT signing secret (STOCKLAB_JWT_SECRET) is a well-known "
                    + "default or placeholder value; refusing to start.");
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            throw new InsecureJwtSecretException("The JWT signing secret (STOCKLAB_JWT_SECRET) is " + bytes
                    + " bytes long; HS256 needs at least " + MIN_BYTES + " bytes. Refusing to start.");
        }
        if (secret.chars().distinct().count() < 8) {
            throw new InsecureJwtSecretException("The JWT signing secret (STOCKLAB_JWT_SECRET) is not random "
                    + "(fewer than 8 distinct characters); refusing to start.");
        }
    }

    private static String loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file stays with default permissions
            }
            log.info("No STOCKLAB_JWT_SECRET set: generated a signing secret in {}", file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the JWT secret file " + file, e);
        }
    }
}
