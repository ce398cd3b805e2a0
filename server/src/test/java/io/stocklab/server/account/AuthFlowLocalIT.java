package io.stocklab.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.LocalIntegrationTest;
import io.stocklab.server.support.LocalTestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The account flow on the embedded local profile: H2 file database, in-process limits and blacklist. */
@LocalIntegrationTest
class AuthFlowLocalIT extends AuthFlowScenarios {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    @Override
    String adminEmail() {
        return LocalTestProperties.ADMIN_EMAIL;
    }

    @Test
    void runsOnAnEmbeddedH2FileWithoutRedis() {
        String url = jdbc.sql("SELECT setting_value FROM information_schema.settings WHERE setting_name = 'MODE'")
                .query(String.class).optional().orElse("");
        assertThat(url).containsIgnoringCase("PostgreSQL");
        assertThat(context.getBeanNamesForType(
                org.springframework.data.redis.connection.RedisConnectionFactory.class)).isEmpty();
    }
}
