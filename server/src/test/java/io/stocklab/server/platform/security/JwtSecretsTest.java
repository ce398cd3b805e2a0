package io.stocklab.server.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretsTest {
    @TempDir
    Path dir;

    private static JwtProperties props(String secret, boolean generate) {
        return new JwtProperties(secret, generate, "stocklab", Duration.ofMinutes(15), Duration.ofDays(30));
    }

    @Test
    void prodRefusesMissingDefaultShortAndRepetitiveSecrets() {
        Path file = dir.resolve("jwt-secret");
        assertThatThrownBy(() -> JwtSecrets.resolve(props(null, false), file))
                .isInstanceOf(InsecureJwtSecretException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> JwtSecrets.resolve(props("  ", false), file))
                .isInstanceOf(InsecureJwtSecretException.class);
        assertThatThrownBy(() -> JwtSecrets.resolve(props("changeme", false), file))
                .isInstanceOf(InsecureJwtSecretException.class).hasMessageContaining("default");
        assertThatThrownBy(() -> JwtSecrets.resolve(props("please-CHANGE-ME-0123456789abcdefghijkl", false), file))
                .isInstanceOf(InsecureJwtSecretException.class);
        assertThatThrownBy(() -> JwtSecrets.resolve(props("short-but-random-91x", false), file))
                .isInstanceOf(InsecureJwtSecretException.class).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> JwtSecrets.resolve(props("a".repeat(64), false), file))
                .isInstanceOf(InsecureJwtSecretException.class).hasMessageContaining("not random");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void acceptsALongRandomSecret() {
        var key = JwtSecrets.resolve(props("q8V2mZk1Lp0sXr7Tn4Wc9Yb3Hd6Gf5Je2Ua", false), dir.resolve("x"));
        assertThat(key.getAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(key.getEncoded()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void localGeneratesASecretOnceAndKeepsIt() throws Exception {
        Path file = dir.resolve("data").resolve("jwt-secret");
        var first = JwtSecrets.resolve(props("", true), file);
        assertThat(Files.readString(file).trim()).hasSizeGreaterThanOrEqualTo(43);
        var second = JwtSecrets.resolve(props(null, true), file);
        assertThat(second.getEncoded()).isEqualTo(first.getEncoded());
    }
}
