package io.stocklab.server.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.ProdIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Health, metrics, tracing headers, JSON logs and the API documentation of the prod profile. */
@ProdIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityAndDocsIT {
    @LocalServerPort
    int port;

    @Test
    void healthShowsDatabaseAndRedisAndHasProbes() {
        Api api = new Api(port);
        Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("redis").path("status").asString()).isEqualTo("UP");
        assertThat(health.body()).doesNotContain("jdbc:").doesNotContain("6379");
        assertThat(api.get("/actuator/health/liveness", null).json().path("status").asString()).isEqualTo("UP");
        Response readiness = api.get("/actuator/health/readiness", null);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").has("db")).isTrue();
        assertThat(readiness.json().path("components").has("redis")).isTrue();
    }

    @Test
    void prometheusExposesLatencyHistogramsAndJvmMetrics() {
        Api api = new Api(port);
        api.get("/api/v1/users/me", null);
        Response metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_bucket{")
                .contains("le=\"0.1\"")
                .contains("jvm_memory_used_bytes")
                .contains("application=\"stocklab\"");
    }

    @Test
    void everyResponseCarriesARequestIdAndItsProcessingTime(CapturedOutput output) {
        Api api = new Api(port);
        Response generated = api.get("/actuator/health", null);
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(Double.parseDouble(generated.header("X-Process-Time"))).isNotNegative();

        String mine = "it-" + System.nanoTime();
        Response echoed = api.raw("GET", "/api/v1/users/me", null, null, Map.of("X-Request-Id", mine));
        assertThat(echoed.status()).isEqualTo(401);
        assertThat(echoed.header("X-Request-Id")).isEqualTo(mine);
        assertThat(echoed.header("X-Process-Time")).isNotNull();
        assertThat(echoed.json().path("requestId").asString()).isEqualTo(mine);

        Response hostile = api.raw("GET", "/actuator/health", null, null,
                Map.of("X-Request-Id", "evil\"value with spaces and {json}"));
        assertThat(hostile.header("X-Request-Id")).matches("[0-9a-f-]{36}");

        // logs are JSON (logstash layout) and carry the request id
        String line = output.getOut().lines().filter(l -> l.contains(mine)).findFirst().orElseThrow();
        JsonNode log = Api.JSON.readTree(line);
        assertThat(log.path("requestId").asString()).isEqualTo(mine);
        assertThat(log.path("@timestamp").isMissingNode()).isFalse();
        assertThat(log.path("message").asString()).contains("/api/v1/users/me").contains("401");
    }

    @Test
    void openApiDocumentsEveryEndpointWithItsErrorsAndTheBearerScheme() {
        Api api = new Api(port);
        Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode doc = docs.json();
        assertThat(doc.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asString())
                .isEqualTo("bearer");
        JsonNode paths = doc.path("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/auth/register", "/api/v1/auth/login",
                "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/users/me", "/api/v1/users/me/password",
                "/api/v1/admin/users", "/api/v1/admin/users/{id}");
        JsonNode register = paths.path("/api/v1/auth/register").path("post");
        assertThat(register.path("security").isArray()).isTrue();
        assertThat(register.path("security").size()).isZero();
        assertThat(register.path("responses").propertyNames()).contains("201", "400", "409", "413", "415", "422",
                "429", "500");
        assertThat(register.path("responses").path("422").path("content").path("application/problem+json")
                .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
        JsonNode patch = paths.path("/api/v1/admin/users/{id}").path("patch");
        assertThat(patch.path("responses").propertyNames()).contains("200", "401", "403", "404", "409", "422");
        JsonNode me = paths.path("/api/v1/users/me").path("get");
        assertThat(me.path("responses").propertyNames()).contains("200", "401", "429");
        assertThat(me.path("parameters").size()).as("no principal parameter leaks into the docs").isZero();

        Response ui = api.get("/swagger-ui.html", null);
        assertThat(ui.status()).isIn(200, 302);
        Response index = api.get("/swagger-ui/index.html", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).containsIgnoringCase("swagger");
        Response home = api.get("/", null);
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).as("the web UI is served at /").contains("<title>StockLab</title>");
    }
}
