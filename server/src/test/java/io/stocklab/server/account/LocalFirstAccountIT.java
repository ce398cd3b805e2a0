package io.stocklab.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.StockLabApplication;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.HighestPrecedenceProperties;
import io.stocklab.server.support.LocalTestProperties;
import io.stocklab.server.support.TestRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default from scratch: no profile given, an empty data directory, no other service needed. The
 * first account becomes ADMIN (and the log says so), the next ones do not; the server logs where the UI and API
 * docs are; the generated JWT secret survives a restart, so sessions do too.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalFirstAccountIT {

    @Test
    void startsOnEmbeddedDefaultsAndMakesTheFirstAccountAdmin(CapturedOutput output) {
        Path dataDir = TestRun.newLocalDataDir("first");
        Map<String, Object> props = new HashMap<>(LocalTestProperties.properties(dataDir.toString()));
        props.put("server.port", "0");
        props.put("STOCKLAB_ADMIN_EMAILS", "");
        String access;
        try (ConfigurableApplicationContext app = start(props)) {
            assertThat(app.getEnvironment().getActiveProfiles()).isEmpty();
            assertThat(app.getEnvironment().getDefaultProfiles()).containsExactly("local");
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(output.getOut()).contains("UI http://localhost:" + port + "/")
                    .contains("API docs http://localhost:" + port + "/swagger-ui.html");
            assertThat(Files.exists(dataDir.resolve("stocklab.mv.db"))).isTrue();
            assertThat(Files.exists(dataDir.resolve("jwt-secret"))).isTrue();

            Api api = new Api(port);
            String first = api.register("first");
            String second = api.register("second");
            access = api.login(first).path("accessToken").asString();
            assertThat(api.get("/api/v1/users/me", access).json().path("role").asString()).isEqualTo("ADMIN");
            assertThat(api.get("/api/v1/users/me", api.login(second).path("accessToken").asString()).json()
                    .path("role").asString()).isEqualTo("USER");
            assertThat(output.getOut()).contains("First account registered on an empty database (" + first + ")")
                    .contains("granted ADMIN");
            assertThat(api.get("/actuator/health", null).json().path("components").has("redis")).isFalse();
        }
        // restart on the same data: the account and its access token are still valid
        try (ConfigurableApplicationContext app = start(props)) {
            Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
            assertThat(api.get("/api/v1/users/me", access).status()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> props) {
        return new SpringApplicationBuilder(StockLabApplication.class)
                .initializers(new HighestPrecedenceProperties("local-first-it", props))
                .run();
    }
}
