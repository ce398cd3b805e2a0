package io.stocklab.server.platform.security;

import static io.stocklab.server.support.Api.PASSWORD;
import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.ProdIntegrationTest;
import io.stocklab.server.support.ProdTestProperties;
import io.stocklab.server.support.TestRun;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Attacks that must fail closed: forged, expired, revoked and replayed credentials, hostile input, oversized and
 * mistyped bodies. None may get in and none may produce a 500; every error is a problem document.
 */
@ProdIntegrationTest
class SecurityFailClosedIT {
    @LocalServerPort
    int port;
    Api api;
    String userId;
    String email;
    final List<Response> responses = new ArrayList<>();

    @BeforeEach
    void user() {
        api = new Api(port);
        email = api.register("target");
        userId = api.get("/api/v1/users/me", api.login(email).path("accessToken").asString()).json().path("id")
                .asString();
    }

    @AfterEach
    void noServerErrorsAndOnlyProblemDocuments() {
        for (Response r : responses) {
            assertThat(r.status()).as("status of %s", r).isLessThan(500);
            if (r.status() >= 400) {
                assertThat(r.contentType()).as("content type of %s", r).startsWith("application/problem+json");
                assertThat(r.json().path("type").asString()).startsWith("urn:stocklab:problem:");
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("at org.");
            }
        }
    }

    private Response track(Response r) {
        responses.add(r);
        return r;
    }

    private void assertRejected(String token) {
        Response r = track(api.get("/api/v1/users/me", token));
        assertThat(r.status()).as("token %s", token).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private String forge(String secret, JWSAlgorithm alg, Instant expires, Map<String, Object> extraClaims)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("stocklab").subject(userId)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(expires)).claim("roles", List.of("ADMIN")).claim("ver", 0);
        extraClaims.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void aCorrectlyForgedTokenIsAcceptedSoTheRejectionsBelowMeanSomething() throws Exception {
        String token = forge(TestRun.JWT_SECRET, JWSAlgorithm.HS256, Instant.now().plusSeconds(300), Map.of());
        assertThat(track(api.get("/api/v1/users/me", token)).status()).isEqualTo(200);
        // the roles claim is not trusted: the account store says USER
        assertThat(track(api.get("/api/v1/admin/users", token)).status()).isEqualTo(403);
    }

    @Test
    void unsignedAlgNoneTokensAreRejected() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"stocklab\",\"sub\":\"" + userId + "\",\"jti\":\""
                + UUID.randomUUID() + "\",\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":"
                + Instant.now().plusSeconds(300).getEpochSecond() + ",\"ver\":0,\"roles\":[\"ADMIN\"]}")
                .getBytes(StandardCharsets.UTF_8));
        assertRejected(header + "." + payload + ".");
        assertRejected(header + "." + payload);
    }

    @Test
    void tokensSignedWithAnotherKeyOrAlgorithmAreRejected() throws Exception {
        assertRejected(forge("another-secret-that-is-long-enough-0123456789", JWSAlgorithm.HS256,
                Instant.now().plusSeconds(300), Map.of()));
        assertRejected(forge(TestRun.JWT_SECRET + TestRun.JWT_SECRET, JWSAlgorithm.HS512,
                Instant.now().plusSeconds(300), Map.of()));
        String good = forge(TestRun.JWT_SECRET, JWSAlgorithm.HS256, Instant.now().plusSeconds(300), Map.of());
        String[] parts = good.split("\\.");
        String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(userId, UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8));
        assertRejected(parts[0] + "." + tamperedPayload + "." + parts[2]);
        assertRejected("not.a.jwt");
        assertRejected("' OR '1'='1");
    }

    @Test
    void expiredTokensAndTokensWithBadClaimsAreRejected() throws Exception {
        assertRejected(forge(TestRun.JWT_SECRET, JWSAlgorithm.HS256, Instant.now().minusSeconds(3600), Map.of()));
        assertRejected(forge(TestRun.JWT_SECRET, JWSAlgorithm.HS256, Instant.now().plusSeconds(300),
                Map.of("iss", "someone-else")));
        assertRejected(forge(TestRun.JWT_SECRET, JWSAlgorithm.HS256, Instant.now().plusSeconds(300),
                Map.of("ver", 7)));
        assertRejected(forge(TestRun.JWT_SECRET, JWSAlgorithm.HS256, Instant.now().plusSeconds(300),
                Map.of("sub", UUID.randomUUID().toString())));
        assertRejected(forge(TestRun.JWT_SECRET, JWSAlgorithm.HS256, Instant.now().plusSeconds(300),
                Map.of("sub", "1 OR 1=1")));
    }

    @Test
    void aLoggedOutTokenIsBlacklisted() {
        String access = api.login(email).path("accessToken").asString();
        assertThat(track(api.post("/api/v1/auth/logout", null, access)).status()).isEqualTo(204);
        assertRejected(access);
        assertThat(track(api.post("/api/v1/auth/logout", null, access)).status()).isEqualTo(401);
    }

    @Test
    void replayingARotatedRefreshTokenRevokesTheWholeSession() {
        JsonNode first = api.login(email);
        String r1 = first.path("refreshToken").asString();
        Response rotated = track(api.post("/api/v1/auth/refresh", body("refreshToken", r1), null));
        assertThat(rotated.status()).isEqualTo(200);
        String r2 = rotated.json().path("refreshToken").asString();

        Response replay = track(api.post("/api/v1/auth/refresh", body("refreshToken", r1), null));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.problemType()).isEqualTo("invalid-refresh-token");
        // the legitimate successor is revoked with its family
        assertThat(track(api.post("/api/v1/auth/refresh", body("refreshToken", r2), null)).status()).isEqualTo(401);
        // another session of the same user is untouched
        JsonNode other = api.login(email);
        assertThat(track(api.post("/api/v1/auth/refresh", body("refreshToken",
                other.path("refreshToken").asString()), null)).status()).isEqualTo(200);
    }

    @Test
    void aDisabledUsersTokensStopWorkingAtOnce() {
        Response adminLogin = api.post("/api/v1/auth/login",
                body("email", ProdTestProperties.ADMIN_EMAIL, "password", PASSWORD), null);
        if (adminLogin.status() == 401) {
            api.registerEmail(ProdTestProperties.ADMIN_EMAIL);
            adminLogin = api.post("/api/v1/auth/login",
                    body("email", ProdTestProperties.ADMIN_EMAIL, "password", PASSWORD), null);
        }
        String admin = adminLogin.json().path("accessToken").asString();
        JsonNode tokens = api.login(email);
        assertThat(track(api.patch("/api/v1/admin/users/" + userId, body("disabled", true), admin)).status())
                .isEqualTo(200);
        assertRejected(tokens.path("accessToken").asString());
        assertThat(track(api.post("/api/v1/auth/refresh", body("refreshToken",
                tokens.path("refreshToken").asString()), null)).status()).isEqualTo(401);
    }

    @Test
    void sqlInjectionInEveryTextFieldIsJustData() {
        List<String> payloads = List.of("' OR '1'='1", "'; DROP TABLE users; --", "\" OR \"\"=\"",
                "admin'--", "1; SELECT pg_sleep(5)", "%' OR email LIKE '%", "\\'; --", "' UNION SELECT * FROM users --");
        for (String p : payloads) {
            Api client = api.otherClient();
            Response reg = track(client.post("/api/v1/auth/register",
                    body("email", p, "nickname", p, "password", p), null));
            assertThat(reg.status()).isEqualTo(422);
            Response regEmailOk = track(client.post("/api/v1/auth/register",
                    body("email", "inj" + System.nanoTime() + "@it.example", "nickname", p,
                            "password", p + " long enough"), null));
            assertThat(regEmailOk.status()).isEqualTo(422);
            Response loginP = track(client.post("/api/v1/auth/login", body("email", p, "password", p), null));
            assertThat(loginP.status()).isEqualTo(401);
            Response loginAsTarget = track(client.post("/api/v1/auth/login", body("email", email + p,
                    "password", p), null));
            assertThat(loginAsTarget.status()).isEqualTo(401);
            assertThat(track(client.post("/api/v1/auth/refresh", body("refreshToken", p), null)).status())
                    .isEqualTo(401);
        }
        // a password full of SQL is an ordinary password
        String sqlPassword = "' OR '1'='1'; DROP TABLE users; --";
        String sqlEmail = "o'reilly+" + System.nanoTime() + "@it.example";
        assertThat(track(api.post("/api/v1/auth/register", body("email", sqlEmail, "nickname",
                "oreilly" + System.nanoTime() % 100000, "password", sqlPassword), null)).status()).isEqualTo(201);
        String access = api.login(sqlEmail, sqlPassword).path("accessToken").asString();
        // (two payloads only: wrong passwords count towards the per-account login throttle)
        for (String p : payloads.subList(0, 2)) {
            assertThat(track(api.post("/api/v1/users/me/password", body("currentPassword", p, "newPassword", p),
                    access)).status()).isEqualTo(422);
            assertThat(track(api.delete("/api/v1/users/me", body("password", p), access)).status()).isEqualTo(422);
        }
        for (String p : payloads) {
            assertThat(track(api.post("/api/v1/auth/logout", body("refreshToken", p), api.login(sqlEmail,
                    sqlPassword).path("accessToken").asString())).status()).isEqualTo(204);
        }
        String admin = adminToken();
        for (String p : payloads) {
            String q = java.net.URLEncoder.encode(p, StandardCharsets.UTF_8);
            Response list = track(api.get("/api/v1/admin/users?q=" + q, admin));
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().path("items").size()).isZero();
            assertThat(track(api.get("/api/v1/admin/users/" + q, admin)).status()).isEqualTo(400);
            assertThat(track(api.get("/api/v1/admin/users?page=" + q, admin)).status()).isEqualTo(400);
            assertThat(track(api.patch("/api/v1/admin/users/" + userId, body("role", p), admin)).status())
                    .isEqualTo(422);
        }
        // the tables are still there and the target account still works
        assertThat(api.login(email).path("accessToken").asString()).isNotEmpty();
    }

    @Test
    void tenMegabyteBodiesAreRefusedWith413() {
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        big[0] = '"';
        big[big.length - 1] = '"';
        Response declared = track(api.raw("POST", "/api/v1/auth/register", HttpRequest.BodyPublishers.ofByteArray(big),
                "application/json", Map.of()));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.problemType()).isEqualTo("payload-too-large");

        String json = "{\"email\":\"a@b.example\",\"nickname\":\"abc\",\"password\":\"" + "x".repeat(10 * 1024 * 1024)
                + "\"}";
        Response chunked = track(api.raw("POST", "/api/v1/auth/login", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))), "application/json", Map.of()));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.problemType()).isEqualTo("payload-too-large");
    }

    @Test
    void wrongContentTypesGet415AndBrokenJson400() {
        String access = api.login(email).path("accessToken").asString();
        String json = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream")) {
            for (String path : List.of("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh")) {
                Response r = track(api.raw("POST", path, HttpRequest.BodyPublishers.ofString(json), type, Map.of()));
                assertThat(r.status()).as("%s %s", path, type).isEqualTo(415);
                assertThat(r.problemType()).isEqualTo("unsupported-media-type");
            }
            Response authed = track(api.raw("POST", "/api/v1/users/me/password",
                    HttpRequest.BodyPublishers.ofString(json), type, Map.of("Authorization", "Bearer " + access)));
            assertThat(authed.status()).isEqualTo(415);
        }
        Response none = track(api.raw("POST", "/api/v1/auth/login", HttpRequest.BodyPublishers.ofString(json),
                null, Map.of()));
        assertThat(none.status()).isEqualTo(415);

        Response broken = track(api.post("/api/v1/auth/login", "{\"email\": ", null));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.problemType()).isEqualTo("malformed-request");
        assertThat(track(api.post("/api/v1/auth/login", "", null)).status()).isEqualTo(400);
        assertThat(track(api.post("/api/v1/auth/login", "[1,2]", null)).status()).isIn(400, 422);
        Response wrongType = track(api.post("/api/v1/auth/login", "{\"email\":{\"a\":1},\"password\":\"x\"}", null));
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
        assertThat(track(api.get("/api/v1/users/me", access)).status()).isEqualTo(200);
    }

    @Test
    void unknownRoutesMethodsAndActuatorInternalsAreClosed() {
        String access = api.login(email).path("accessToken").asString();
        assertThat(track(api.get("/api/v1/nothing-here", access)).status()).isEqualTo(404);
        assertThat(track(api.get("/api/v1/nothing-here", null)).status()).isEqualTo(401);
        assertThat(track(api.raw("PUT", "/api/v1/auth/login", HttpRequest.BodyPublishers.ofString("{}"),
                "application/json", Map.of())).status()).isIn(401, 405);
        assertThat(track(api.raw("DELETE", "/api/v1/users/me/quota", null, null,
                Map.of("Authorization", "Bearer " + access))).status()).isEqualTo(405);
        assertThat(track(api.get("/actuator/env", null)).status()).isIn(401, 403);
        assertThat(track(api.get("/actuator/heapdump", null)).status()).isIn(401, 403);
        assertThat(track(api.get("/does-not-exist.txt", null)).status()).isEqualTo(404);
    }

    @Test
    void corsIsLimitedToConfiguredOriginsAndSecurityHeadersAreSet() {
        Response allowed = track(api.raw("OPTIONS", "/api/v1/auth/login", null, null, Map.of(
                "Origin", ProdTestProperties.ALLOWED_ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type")));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ProdTestProperties.ALLOWED_ORIGIN);

        Response denied = track(api.raw("OPTIONS", "/api/v1/auth/login", null, null, Map.of(
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.problemType()).isEqualTo("cors-rejected");
        assertThat(denied.header("Access-Control-Allow-Origin")).isNull();

        Response page = track(api.get("/api/v1/users/me", api.login(email).path("accessToken").asString()));
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).contains("no-store");
    }

    private String adminToken() {
        Response login = api.post("/api/v1/auth/login",
                body("email", ProdTestProperties.ADMIN_EMAIL, "password", PASSWORD), null);
        if (login.status() == 401) {
            api.registerEmail(ProdTestProperties.ADMIN_EMAIL);
            login = api.post("/api/v1/auth/login",
                    body("email", ProdTestProperties.ADMIN_EMAIL, "password", PASSWORD), null);
        }
        return login.json().path("accessToken").asString();
    }
}
