package io.stocklab.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the tests: real requests to a running server, as one client machine (its own
 * {@code X-Forwarded-For} address, so per-IP limits of one test do not touch another's).
 */
public final class Api {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String clientIp;

    public Api(int port) {
        this(port, randomIp());
    }

    public Api(int port, String clientIp) {
        this.base = "http://localhost:" + port;
        this.clientIp = clientIp;
    }

    /** Another client machine on the same server. */
    public Api otherClient() {
        return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), randomIp());
    }

    public String clientIp() {
        return clientIp;
    }

    public static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198." + (18 + r.nextInt(2)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public Response get(String path, String token) {
        return send(builder(path, token).GET());
    }

    public Response post(String path, Object body, String token) {
        return send(json(builder(path, token), "POST", body));
    }

    public Response patch(String path, Object body, String token) {
        return send(json(builder(path, token), "PATCH", body));
    }

    public Response delete(String path, Object body, String token) {
        return send(json(builder(path, token), "DELETE", body));
    }

    /** Any request: raw body and content type (null for none), extra headers. */
    public Response raw(String method, String path, HttpRequest.BodyPublisher body, String contentType,
                        Map<String, String> headers) {
        HttpRequest.Builder b = builder(path, null);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body));
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientIp);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder b, String method, Object body) {
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
    }

    private static Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- account helpers -------------------------------------------------------------------------------------

    /** Registers a fresh user; answers its email (password is {@link #PASSWORD}). */
    public String register(String emailPrefix) {
        String email = emailPrefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@it.example";
        registerEmail(email);
        return email;
    }

    public Response registerEmail(String email) {
        String nickname = "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Response r = post("/api/v1/auth/register", Map.of("email", email, "nickname", nickname,
                "password", PASSWORD), null);
        if (r.status() != 201) {
            throw new AssertionError("register failed: " + r);
        }
        return r;
    }

    public static final String PASSWORD = "sufficiently-long-pass 1";

    /** Logs in; answers the token response (accessToken, refreshToken, ...). */
    public JsonNode login(String email, String password) {
        Response r = post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r);
        }
        return r.json();
    }

    public JsonNode login(String email) {
        return login(email, PASSWORD);
    }

    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** A response: status, headers and body. */
    public record Response(int status, HttpResponse<String> http, String body) {
        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
        }

        public String header(String name) {
            return http.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The problem's {@code type} slug (after {@code urn:stocklab:problem:}). */
        public String problemType() {
            String type = json().path("type").asString();
            return type.startsWith("urn:stocklab:problem:") ? type.substring("urn:stocklab:problem:".length()) : type;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
