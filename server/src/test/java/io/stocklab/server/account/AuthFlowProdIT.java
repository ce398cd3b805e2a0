package io.stocklab.server.account;

import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.ProdIntegrationTest;
import io.stocklab.server.support.ProdTestProperties;
import io.stocklab.server.support.TestRun;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The account flow on the prod profile: PostgreSQL and Redis of this machine. */
@ProdIntegrationTest
class AuthFlowProdIT extends AuthFlowScenarios {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;

    @Override
    String adminEmail() {
        return ProdTestProperties.ADMIN_EMAIL;
    }

    @Test
    void runsOnPostgresqlInItsOwnSchema() {
        String schema = jdbc.sql("SELECT current_schema()").query(String.class).single();
        assertThat(schema).isEqualTo(TestRun.SCHEMA);
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        String email = api.register("hashed");
        JsonNode tokens = api.login(email);
        String raw = tokens.path("refreshToken").asString();
        var stored = jdbc.sql("SELECT t.token_hash FROM refresh_tokens t JOIN users u ON u.id = t.user_id "
                + "WHERE u.email = :email").param("email", email).query(String.class).list();
        assertThat(stored).containsExactly(SessionTokens.hash(raw)).doesNotContain(raw);
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE email = :email").param("email", email)
                .query(String.class).single();
        assertThat(hash).startsWith("$2").doesNotContain(io.stocklab.server.support.Api.PASSWORD);
    }

    @Test
    void logoutRevocationLivesInRedisUntilTheTokenExpires() {
        String email = api.register("redis-logout");
        String access = api.login(email).path("accessToken").asString();
        assertThat(api.post("/api/v1/auth/logout", null, access).status()).isEqualTo(204);
        var keys = redis.keys(TestRun.REDIS_PREFIX + "revoked-jti:*");
        assertThat(keys).isNotEmpty();
        Long ttl = redis.getExpire(keys.iterator().next());
        assertThat(ttl).isPositive().isLessThanOrEqualTo(15 * 60 + 61);
    }

    @Test
    void adminEmailsFromTheEnvironmentBecomeAdmins() {
        assertThat(api.get("/api/v1/admin/users", adminToken()).status()).isEqualTo(200);
        // and nobody else: on a non-empty or empty database alike, prod never makes the first user an admin
        String someone = api.register("not-admin");
        assertThat(api.get("/api/v1/users/me", api.login(someone).path("accessToken").asString()).json()
                .path("role").asString()).isEqualTo("USER");
        assertThat(api.post("/api/v1/auth/register", body("email", "x", "nickname", "y", "password", "z"), null)
                .status()).isEqualTo(422);
    }
}
