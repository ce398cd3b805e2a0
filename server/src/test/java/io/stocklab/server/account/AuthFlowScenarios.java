package io.stocklab.server.account;

import static io.stocklab.server.support.Api.PASSWORD;
import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The whole account flow over HTTP. Runs once per profile (subclasses), so the embedded and the production set-up
 * are held to the same behaviour.
 */
abstract class AuthFlowScenarios {
    @LocalServerPort
    int port;
    Api api;

    /** Email of an account that is ADMIN in this profile's configuration. */
    abstract String adminEmail();

    @BeforeEach
    void client() {
        api = new Api(port);
        // make sure the configured admin exists first, so that in the local profile (first account = ADMIN)
        // the accounts these tests register are ordinary users whatever the test order
        adminToken();
    }

    @Test
    void registerLoginUseRefreshAndLogOut() {
        Response registered = api.post("/api/v1/auth/register",
                body("email", "  Grace.Hopper+" + port + System.nanoTime() + "@IT.Example ", "nickname", "Grace_"
                        + System.nanoTime() % 1_000_000, "password", PASSWORD), null);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("Location")).isEqualTo("/api/v1/users/me");
        JsonNode user = registered.json();
        String email = user.path("email").asString();
        assertThat(email).startsWith("grace.hopper+").endsWith("@it.example");
        assertThat(user.path("role").asString()).isEqualTo("USER");
        assertThat(user.path("plan").asString()).isEqualTo("FREE");
        assertThat(user.has("passwordHash")).isFalse();

        JsonNode tokens = api.login(email.toUpperCase());
        assertThat(tokens.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("expiresIn").asLong()).isBetween(60L, 3600L);
        String access = tokens.path("accessToken").asString();
        String refresh = tokens.path("refreshToken").asString();

        Response me = api.get("/api/v1/users/me", access);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(user.path("id").asString());
        assertThat(me.json().path("createdAt").asString()).isEqualTo(user.path("createdAt").asString());

        Response quota = api.get("/api/v1/users/me/quota", access);
        assertThat(quota.status()).isEqualTo(200);
        assertThat(quota.json().path("backtestsRemainingToday").asLong())
                .isEqualTo(quota.json().path("backtestsPerDay").asLong());

        Response refreshed = api.post("/api/v1/auth/refresh", body("refreshToken", refresh), null);
        assertThat(refreshed.status()).isEqualTo(200);
        String access2 = refreshed.json().path("accessToken").asString();
        String refresh2 = refreshed.json().path("refreshToken").asString();
        assertThat(refresh2).isNotEqualTo(refresh);
        assertThat(api.get("/api/v1/users/me", access2).status()).isEqualTo(200);

        Response logout = api.post("/api/v1/auth/logout", body("refreshToken", refresh2), access2);
        assertThat(logout.status()).isEqualTo(204);
        Response afterLogout = api.get("/api/v1/users/me", access2);
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.problemType()).isEqualTo("invalid-token");
        assertThat(api.post("/api/v1/auth/refresh", body("refreshToken", refresh2), null).status()).isEqualTo(401);
        // the first access token of the session was not logged out and is still valid until it expires
        assertThat(api.get("/api/v1/users/me", access).status()).isEqualTo(200);
    }

    @Test
    void emailAndNicknameAreUniqueIgnoringCase() {
        String email = api.register("unique");
        Response sameEmail = api.post("/api/v1/auth/register",
                body("email", email.toUpperCase(), "nickname", "other" + System.nanoTime() % 100000,
                        "password", PASSWORD), null);
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.problemType()).isEqualTo("email-taken");

        String nick = "Nick" + System.nanoTime() % 1_000_000;
        assertThat(api.post("/api/v1/auth/register", body("email", "n1-" + nick + "@it.example", "nickname", nick,
                "password", PASSWORD), null).status()).isEqualTo(201);
        Response sameNick = api.post("/api/v1/auth/register", body("email", "n2-" + nick + "@it.example",
                "nickname", nick.toUpperCase(), "password", PASSWORD), null);
        assertThat(sameNick.status()).isEqualTo(409);
        assertThat(sameNick.problemType()).isEqualTo("nickname-taken");
    }

    @Test
    void passwordPolicyAndValidationErrorsAreListedPerField() {
        String email = "policy-" + System.nanoTime() + "@it.example";
        Response tooShort = api.post("/api/v1/auth/register",
                body("email", email, "nickname", "p" + System.nanoTime() % 1_000_000, "password", "short"), null);
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.contentType()).startsWith("application/problem+json");
        assertThat(tooShort.problemType()).isEqualTo("validation");
        assertThat(tooShort.json().path("errors").get(0).path("field").asString()).isEqualTo("password");

        Response sameAsEmail = api.post("/api/v1/auth/register",
                body("email", email, "nickname", "p" + System.nanoTime() % 1_000_000, "password", email), null);
        assertThat(sameAsEmail.status()).isEqualTo(422);
        assertThat(sameAsEmail.json().path("errors").get(0).path("message").asString()).contains("email");

        Response everythingWrong = api.post("/api/v1/auth/register",
                body("email", "not-an-email", "nickname", "x", "password", ""), null);
        assertThat(everythingWrong.status()).isEqualTo(422);
        assertThat(everythingWrong.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("email", "nickname", "password");
    }

    @Test
    void loginFailuresDoNotRevealWhetherTheEmailExists() {
        String email = api.register("generic");
        Response wrongPassword = api.post("/api/v1/auth/login", body("email", email, "password", "wrong password!"),
                null);
        Response unknownEmail = api.post("/api/v1/auth/login",
                body("email", "nobody-" + System.nanoTime() + "@it.example", "password", "wrong password!"), null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.json().path("detail")).isEqualTo(unknownEmail.json().path("detail"));
        assertThat(wrongPassword.problemType()).isEqualTo("invalid-credentials").isEqualTo(unknownEmail.problemType());
    }

    @Test
    void changingThePasswordEndsEverySessionAndStartsANewOne() {
        String email = api.register("changer");
        JsonNode first = api.login(email);
        JsonNode second = api.login(email);
        String newPassword = "a brand new passphrase";

        Response wrongCurrent = api.post("/api/v1/users/me/password",
                body("currentPassword", "not my password", "newPassword", newPassword),
                first.path("accessToken").asString());
        assertThat(wrongCurrent.status()).isEqualTo(422);
        assertThat(wrongCurrent.json().path("errors").get(0).path("field").asString()).isEqualTo("currentPassword");

        Response changed = api.post("/api/v1/users/me/password",
                body("currentPassword", PASSWORD, "newPassword", newPassword), first.path("accessToken").asString());
        assertThat(changed.status()).isEqualTo(200);

        for (JsonNode old : new JsonNode[] {first, second}) {
            assertThat(api.get("/api/v1/users/me", old.path("accessToken").asString()).status()).isEqualTo(401);
            assertThat(api.post("/api/v1/auth/refresh", body("refreshToken", old.path("refreshToken").asString()),
                    null).status()).isEqualTo(401);
        }
        assertThat(api.get("/api/v1/users/me", changed.json().path("accessToken").asString()).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/auth/login", body("email", email, "password", PASSWORD), null).status())
                .isEqualTo(401);
        assertThat(api.login(email, newPassword).path("accessToken").asString()).isNotEmpty();
    }

    @Test
    void deletingMyAccountNeedsThePasswordAndEndsEverything() {
        String email = api.register("leaver");
        JsonNode tokens = api.login(email);
        String access = tokens.path("accessToken").asString();

        Response wrong = api.delete("/api/v1/users/me", body("password", "not my password"), access);
        assertThat(wrong.status()).isEqualTo(422);

        assertThat(api.delete("/api/v1/users/me", body("password", PASSWORD), access).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/users/me", access).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", body("refreshToken", tokens.path("refreshToken").asString()),
                null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", body("email", email, "password", PASSWORD), null).status())
                .isEqualTo(401);
        // the email is free again
        api.registerEmail(email);
    }

    @Test
    void adminsListChangeRolesAndPlansAndDisableUsers() {
        String adminToken = adminToken();
        String email = api.register("managed");
        JsonNode userTokens = api.login(email);
        String userAccess = userTokens.path("accessToken").asString();

        Response forbidden = api.get("/api/v1/admin/users", userAccess);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.problemType()).isEqualTo("forbidden");

        Response found = api.get("/api/v1/admin/users?q=" + email.substring(0, 14) + "&size=5", adminToken);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("items").size()).isEqualTo(1);
        String id = found.json().path("items").get(0).path("id").asString();
        assertThat(api.get("/api/v1/admin/users/" + id, adminToken).json().path("email").asString()).isEqualTo(email);

        // promotion applies at once, to the token the user already holds
        Response promoted = api.patch("/api/v1/admin/users/" + id, body("role", "ADMIN", "plan", "PRO"), adminToken);
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().path("role").asString()).isEqualTo("ADMIN");
        assertThat(promoted.json().path("plan").asString()).isEqualTo("PRO");
        assertThat(api.get("/api/v1/admin/users", userAccess).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/me/quota", userAccess).json().path("plan").asString()).isEqualTo("PRO");
        assertThat(api.patch("/api/v1/admin/users/" + id, body("role", "USER"), adminToken).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/users", userAccess).status()).isEqualTo(403);

        // disabling: the user's tokens stop working at once, and logging in fails like a wrong password
        Response disabled = api.patch("/api/v1/admin/users/" + id, body("disabled", true), adminToken);
        assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/users/me", userAccess).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", body("refreshToken", userTokens.path("refreshToken").asString()),
                null).status()).isEqualTo(401);
        Response login = api.post("/api/v1/auth/login", body("email", email, "password", PASSWORD), null);
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.problemType()).isEqualTo("invalid-credentials");

        assertThat(api.patch("/api/v1/admin/users/" + id, body("disabled", false), adminToken).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/users/me", api.login(email).path("accessToken").asString()).status())
                .isEqualTo(200);

        Response unknown = api.get("/api/v1/admin/users/00000000-0000-0000-0000-000000000000", adminToken);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("not-found");
        assertThat(api.patch("/api/v1/admin/users/" + id, Map.of(), adminToken).status()).isEqualTo(422);
        Response badRole = api.patch("/api/v1/admin/users/" + id, body("role", "ROOT"), adminToken);
        assertThat(badRole.status()).isEqualTo(422);
        assertThat(badRole.json().path("errors").get(0).path("field").asString()).isEqualTo("role");
        assertThat(api.get("/api/v1/admin/users?size=1000", adminToken).status()).isEqualTo(422);
    }

    @Test
    void adminsCannotDemoteOrDisableThemselves() {
        String adminToken = adminToken();
        String adminId = api.get("/api/v1/users/me", adminToken).json().path("id").asString();
        Response demote = api.patch("/api/v1/admin/users/" + adminId, body("role", "USER"), adminToken);
        assertThat(demote.status()).isEqualTo(409);
        assertThat(api.patch("/api/v1/admin/users/" + adminId, body("disabled", true), adminToken).status())
                .isEqualTo(409);
    }

    /** Logs in as this profile's configured admin, registering it on first use. */
    String adminToken() {
        Response login = api.post("/api/v1/auth/login", body("email", adminEmail(), "password", PASSWORD), null);
        if (login.status() == 401) {
            Response registered = api.registerEmail(adminEmail());
            assertThat(registered.json().path("role").asString()).isEqualTo("ADMIN");
            login = api.post("/api/v1/auth/login", body("email", adminEmail(), "password", PASSWORD), null);
        }
        assertThat(login.status()).isEqualTo(200);
        return login.json().path("accessToken").asString();
    }
}
