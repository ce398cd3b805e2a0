package io.stocklab.server.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklab.server.StockLabApplication;
import io.stocklab.server.support.HighestPrecedenceProperties;
import io.stocklab.server.support.ProdTestProperties;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The prod profile refuses to start without a safe JWT secret, and says why. (Redis is left out of these doomed
 * contexts: the check does not depend on it, and the shared test server keeps its connections to itself.)
 */
@ExtendWith(OutputCaptureExtension.class)
class ProdStartupRefusalIT {

    @Test
    void refusesAMissingSecretAndExplains(CapturedOutput output) {
        Map<String, Object> props = new HashMap<>(ProdTestProperties.properties());
        props.put("STOCKLAB_JWT_SECRET", "");
        props.put("server.port", "0");
        props.put("stocklab.store", "memory");
        props.put("spring.autoconfigure.exclude",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration");
        props.put("management.endpoint.health.validate-group-membership", "false");
        assertThatThrownBy(() -> new SpringApplicationBuilder(StockLabApplication.class).profiles("prod")
                .initializers(new HighestPrecedenceProperties("refusal-it", props)).run())
                .hasRootCauseInstanceOf(InsecureJwtSecretException.class);
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("STOCKLAB_JWT_SECRET is missing")
                .contains("openssl rand");
    }

    @Test
    void refusesADefaultSecret() {
        Map<String, Object> props = new HashMap<>(ProdTestProperties.properties());
        props.put("STOCKLAB_JWT_SECRET", "change-me-to-a-long-random-secret");
        props.put("server.port", "0");
        props.put("stocklab.store", "memory");
        props.put("spring.autoconfigure.exclude",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration");
        props.put("management.endpoint.health.validate-group-membership", "false");
        assertThatThrownBy(() -> new SpringApplicationBuilder(StockLabApplication.class).profiles("prod")
                .initializers(new HighestPrecedenceProperties("refusal-it", props)).run())
                .rootCause().isInstanceOf(InsecureJwtSecretException.class).hasMessageContaining("default");
    }
}
