package io.stocklab.server.platform.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklab.server.StockLabApplication;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.security.CurrentUser;
import io.stocklab.server.platform.security.Role;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.ProdIntegrationTest;
import io.stocklab.server.support.ProdTestProperties;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server instances (the shared test server and a second one started here, same PostgreSQL schema and Redis
 * prefix) enforce one limit between them: the quota is not per instance.
 */
@ProdIntegrationTest
class RateLimitTwoInstancesIT {
    static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;
    @Autowired
    QuotaService quotasOfFirst;

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(StockLabApplication.class)
                .profiles("prod")
                .initializers(new ProdTestProperties())
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run();
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void apiCallsPerMinuteAreCountedOnceAcrossInstances() {
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        assertThat(secondPort).isNotEqualTo(port);
        Api one = new Api(port);
        Api two = new Api(secondPort, one.clientIp());
        String email = one.register("two-instances");
        String token = two.login(email).path("accessToken").asString();

        int limit = quotasOfFirst.limits(Plan.FREE).apiCallsPerMinute();
        int ok = 0;
        Response refused = null;
        long start = System.nanoTime();
        // were the limit per instance, the two together would let about twice the limit through
        for (int i = 0; i < 2 * limit + 5 && refused == null; i++) {
            Response r = (i % 2 == 0 ? one : two).get("/api/v1/users/me", token);
            if (r.status() == 200) {
                ok++;
            } else {
                refused = r;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long refilledMeanwhile = (long) Math.ceil(seconds * limit / 60.0) + 1;
        assertThat(refused).as("no refusal after %d calls", ok).isNotNull();
        assertThat(ok).isBetween(limit, limit + (int) refilledMeanwhile);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void theBacktestQuotaIsSharedToo() {
        QuotaService quotasOfSecond = second.getBean(QuotaService.class);
        CurrentUser user = new CurrentUser(UUID.randomUUID(), Role.USER, Plan.FREE, "t", Instant.now());
        long limit = quotasOfFirst.limits(Plan.FREE).backtestsPerDay();
        for (int i = 0; i < limit; i++) {
            QuotaStatus status = (i % 2 == 0 ? quotasOfFirst : quotasOfSecond).consumeBacktest(user);
            assertThat(status.remaining()).isEqualTo(limit - i - 1);
        }
        assertThatThrownBy(() -> quotasOfSecond.consumeBacktest(user))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.QUOTA_EXCEEDED);
                    assertThat(e.headers()).containsKey("Retry-After");
                });
        assertThat(quotasOfFirst.backtestQuota(user).remaining()).isZero();
        // another plan has its own, larger quota
        CurrentUser pro = new CurrentUser(user.id(), Role.USER, Plan.PRO, "t", Instant.now());
        assertThat(quotasOfFirst.backtestQuota(pro).remaining()).isEqualTo(quotasOfFirst.limits(Plan.PRO)
                .backtestsPerDay());
    }
}
