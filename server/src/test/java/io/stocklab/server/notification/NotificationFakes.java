package io.stocklab.server.notification;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.LocalIntegrationTest;
import io.stocklab.server.support.LocalTestProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The local server of the notification and interest tests, wired to local fakes: a GreenMail SMTP server, and a
 * WireMock server playing both the webhook receivers and the Telegram Bot API. Small interest limits so the tests
 * can reach them. All such test classes share one server (the same configuration).
 */
@LocalIntegrationTest
public abstract class NotificationFakes {
    public static final String BOT_TOKEN = "4242:fake-bot-token";
    public static final WireMockServer FAKE = new WireMockServer(options().dynamicPort());
    public static final GreenMail SMTP;

    static {
        FAKE.start();
        SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        SMTP.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            FAKE.stop();
            SMTP.stop();
        }, "notification-fakes-stop"));
    }

    @DynamicPropertySource
    static void fakes(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("stocklab.notifications.email.from", () -> "StockLab <alerts@stocklab.test>");
        registry.add("stocklab.notifications.link-base", () -> "https://stocklab.test");
        registry.add("stocklab.notifications.telegram.bot-token", () -> BOT_TOKEN);
        registry.add("stocklab.notifications.telegram.base-url", FAKE::baseUrl);
        registry.add("stocklab.notifications.stream.heartbeat", () -> "500ms");
        registry.add("stocklab.interests.watchlist-max", () -> "4");
        registry.add("stocklab.interests.recent-max", () -> "5");
        registry.add("stocklab.interests.follows-max", () -> "3");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    protected int port;
    protected Api api;
    @Autowired
    io.stocklab.server.marketdata.Datasets datasets;
    private static volatile boolean warmedUp;

    @BeforeEach
    void client() {
        if (!warmedUp) {
            datasets.list(); // seeds the built-in datasets once (slow on a fresh database: longer than a request)
            warmedUp = true;
        }
        api = new Api(port);
        try {
            api.registerEmail(LocalTestProperties.ADMIN_EMAIL);
        } catch (AssertionError alreadyThere) {
            // registered by an earlier test
        }
    }

    /** A signed-in user. */
    public record User(String token, UUID id, String email, String nickname) {
    }

    protected User newUser(String prefix) {
        String email = api.register(prefix);
        String token = api.login(email).path("accessToken").asString();
        JsonNode me = api.get("/api/v1/users/me", token).json();
        return new User(token, UUID.fromString(me.path("id").asString()), email, me.path("nickname").asString());
    }

    protected Api.Response put(String path, Object body, String token) {
        return api.raw("PUT", path, HttpRequest.BodyPublishers.ofString(
                        body instanceof String s ? s : Api.JSON.writeValueAsString(body)), "application/json",
                Map.of("Authorization", "Bearer " + token));
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** An open SSE connection: its lines arrive in {@link #lines}; close it when done. */
    public static final class SseClient implements AutoCloseable {
        public final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        public final int status;
        private final Stream<String> body;
        private final Thread reader;

        public SseClient(int port, String token) throws Exception {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/notifications/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                    .header("X-Forwarded-For", Api.randomIp()).GET().build(), HttpResponse.BodyHandlers.ofLines());
            status = r.statusCode();
            body = r.body();
            reader = Thread.ofVirtual().start(() -> {
                try {
                    body.forEach(lines::add);
                } catch (RuntimeException closed) {
                    // the stream was closed
                }
            });
        }

        /** The next event (name and JSON data), skipping comments; null if none arrives in time. */
        public Event next(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String name = null;
            StringBuilder data = new StringBuilder();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                String line = lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) return null;
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        return new Event(name, data.isEmpty() ? null : Api.JSON.readTree(data.toString()));
                    }
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        }

        /** Whether a comment line (heartbeat) was seen among the lines read so far or within the timeout. */
        public boolean sawComment(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(50, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(":")) return true;
            }
            return false;
        }

        @Override
        public void close() {
            body.close();
            reader.interrupt();
        }
    }

    public record Event(String name, JsonNode data) {
    }
}
