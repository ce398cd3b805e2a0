package io.stocklab.server.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stocklab.server.StockLabApplication;
import io.stocklab.server.community.PostLiked;
import io.stocklab.server.notification.NotificationFakes.Event;
import io.stocklab.server.notification.NotificationFakes.SseClient;
import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.ProdIntegrationTest;
import io.stocklab.server.support.ProdTestProperties;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two server instances on the real PostgreSQL and Redis (the shared prod test server and a second one started
 * here): a notification created on one reaches the SSE stream held by the other, and the outbox pollers of both
 * deliver every webhook exactly once.
 */
@ProdIntegrationTest
class NotificationProdIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    static ConfigurableApplicationContext second;
    static WireMockServer receiver;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startSecondInstance() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        second = new SpringApplicationBuilder(StockLabApplication.class)
                .profiles("prod")
                .initializers(new ProdTestProperties())
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run();
    }

    @AfterAll
    static void stop() {
        if (second != null) second.close();
        if (receiver != null) receiver.stop();
    }

    record User(String token, UUID id, String nickname) {
    }

    User newUser(Api api, String prefix) {
        String token = api.login(api.register(prefix)).path("accessToken").asString();
        JsonNode me = api.get("/api/v1/users/me", token).json();
        return new User(token, UUID.fromString(me.path("id").asString()), me.path("nickname").asString());
    }

    @Test
    void aNotificationCreatedOnAnotherInstanceIsPushedToTheStream() throws Exception {
        Api api = new Api(port);
        User u = newUser(api, "live");
        User fan = newUser(api, "fan");
        try (SseClient sse = new SseClient(port, u.token())) {
            assertThat(sse.status).isEqualTo(200);
            Event hello = sse.next(WAIT);
            assertThat(hello.name()).isEqualTo("unread");
            assertThat(hello.data().path("unreadCount").asLong()).isZero();

            // the event happens in the other JVM-like context (a worker, say); this instance holds the stream
            UUID post = UUID.randomUUID();
            second.publishEvent(new PostLiked(post, "Across instances", u.id(), fan.id(), fan.nickname()));
            Event live = sse.next(WAIT);
            assertThat(live).as("the event pushed through Redis").isNotNull();
            assertThat(live.name()).isEqualTo("notification");
            assertThat(live.data().path("unreadCount").asLong()).isEqualTo(1);
            assertThat(live.data().path("notification").path("title").asString())
                    .isEqualTo(fan.nickname() + " liked your post");
            assertThat(live.data().path("notification").path("link").asString())
                    .isEqualTo("/community/posts/" + post);
            // the same event again on the other instance: stored once, nothing more pushed
            second.publishEvent(new PostLiked(post, "Across instances", u.id(), fan.id(), fan.nickname()));
            second.getBean(NotificationEvents.class).drain();
            assertThat(api.get("/api/v1/notifications", u.token()).json().path("items").size()).isEqualTo(1);
        }
    }

    @Test
    void twoOutboxPollersDeliverEveryWebhookExactlyOnce() {
        Api api = new Api(port);
        User u = newUser(api, "hook");
        String path = "/prod-hook/" + UUID.randomUUID();
        receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(50)));
        Response r = api.raw("PUT", "/api/v1/notifications/channels", HttpRequest.BodyPublishers.ofString(
                        Api.JSON.writeValueAsString(body("webhook", body("enabled", true, "url",
                                receiver.baseUrl() + path)))), "application/json",
                Map.of("Authorization", "Bearer " + u.token()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String secret = r.json().path("webhook").path("secret").asString();

        int n = 12;
        for (int i = 0; i < n; i++) {
            User fan = newUser(api, "fan" + i);
            var event = new PostLiked(UUID.randomUUID(), "Post " + i, u.id(), fan.id(), fan.nickname());
            // created on the second instance; the pollers of both instances compete for the deliveries
            second.publishEvent(event);
        }
        NotificationFakes.await("every delivery", Duration.ofSeconds(30), () -> {
            JsonNode items = api.get("/api/v1/notifications/deliveries?limit=100", u.token()).json().path("items");
            if (items.size() != n) return false;
            for (JsonNode d : items) if (!d.path("status").asString().equals("DELIVERED")) return false;
            return true;
        });
        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlPathEqualTo(path)));
        Map<String, Long> perDelivery = received.stream().collect(Collectors.groupingBy(
                q -> q.getHeader(WebhookSignature.DELIVERY_HEADER), Collectors.counting()));
        assertThat(perDelivery).hasSize(n);
        assertThat(perDelivery.values()).allMatch(c -> c == 1L);
        for (LoggedRequest q : received) {
            assertThat(WebhookSignature.verify(secret, q.getHeader(WebhookSignature.SIGNATURE_HEADER),
                    q.getBodyAsString(), java.time.Instant.now(), Duration.ofMinutes(5))).isTrue();
        }
    }
}
