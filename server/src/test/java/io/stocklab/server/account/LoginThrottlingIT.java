package io.stocklab.server.account;

import static io.stocklab.server.support.Api.PASSWORD;
import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.ProdIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Failed logins are throttled per account and per IP address (Redis-backed), with a generic answer. */
@ProdIntegrationTest
class LoginThrottlingIT {
    @LocalServerPort
    int port;

    @Test
    void anAccountIsThrottledAfterFiveFailuresEvenForTheRightPasswordAndFromAnotherAddress() {
        Api api = new Api(port);
        String email = api.register("throttled");
        for (int i = 0; i < 5; i++) {
            Response r = api.otherClient().post("/api/v1/auth/login", body("email", email, "password", "bad " + i),
                    null);
            assertThat(r.status()).isEqualTo(401);
        }
        Response blocked = api.otherClient().post("/api/v1/auth/login", body("email", email, "password", PASSWORD),
                null);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.problemType()).isEqualTo("login-throttled");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isPositive();
        assertThat(blocked.json().path("detail").asString()).doesNotContain(email).doesNotContainIgnoringCase("exist");

        // an email nobody registered is throttled the same way, so the 429 reveals nothing
        String ghost = "ghost-" + System.nanoTime() + "@it.example";
        for (int i = 0; i < 5; i++) {
            api.otherClient().post("/api/v1/auth/login", body("email", ghost, "password", "bad " + i), null);
        }
        Response ghostBlocked = api.otherClient().post("/api/v1/auth/login", body("email", ghost, "password", "x"),
                null);
        assertThat(ghostBlocked.status()).isEqualTo(429);
        assertThat(ghostBlocked.json().path("detail")).isEqualTo(blocked.json().path("detail"));

        // other accounts are not affected
        String other = api.register("unaffected");
        assertThat(api.otherClient().login(other).path("accessToken").asString()).isNotEmpty();
    }

    @Test
    void anAddressIsThrottledAfterTwentyFailuresAcrossAccounts() {
        Api attacker = new Api(port);
        for (int i = 0; i < 20; i++) {
            Response r = attacker.post("/api/v1/auth/login",
                    body("email", "spray-" + i + "-" + System.nanoTime() + "@it.example", "password", "guess"), null);
            assertThat(r.status()).isEqualTo(401);
        }
        Api honest = new Api(port);
        String email = honest.register("victim");
        Response blocked = attacker.post("/api/v1/auth/login", body("email", email, "password", PASSWORD), null);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotNull();
        // the same account from another address is fine
        assertThat(honest.login(email).path("accessToken").asString()).isNotEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() {
        Api api = new Api(port);
        String email = api.register("forgetful");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(api.otherClient().post("/api/v1/auth/login", body("email", email, "password", "bad"),
                        null).status()).isEqualTo(401);
            }
            assertThat(api.otherClient().login(email).path("accessToken").asString()).isNotEmpty();
        }
    }
}
