package io.stocklab.server.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * POSTs the notification JSON to the user's URL, signed ({@link WebhookSignature}) with a fresh timestamp on each
 * attempt and the same {@code StockLab-Delivery} id. 2xx: delivered; 408, 429, 5xx, timeouts and connection
 * errors: retried; any other status: given up. Redirects are not followed.
 */
@Component
class WebhookSender implements ChannelSender {
    private final NotificationRepository repository;
    private final NotificationProperties.Webhook properties;
    private final WebhookUrlPolicy policy;
    private final Clock clock;
    private final HttpClient http;

    WebhookSender(NotificationRepository repository, NotificationProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties.webhook();
        this.policy = new WebhookUrlPolicy(this.properties.allowInsecureLocalhost());
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(this.properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String channel() {
        return NotificationService.WEBHOOK;
    }

    @Override
    public Outcome send(NotificationRepository.DeliveryRow d) {
        URI uri;
        try {
            uri = policy.check(d.target(), true);
        } catch (WebhookUrlPolicy.Rejected r) {
            return Outcome.giveUp(null, "URL refused: " + r.getMessage());
        }
        NotificationRepository.ChannelRow channel = repository.channels(d.userId()).stream()
                .filter(c -> c.channel().equals(NotificationService.WEBHOOK)).findFirst().orElse(null);
        if (channel == null || !channel.enabled()) return Outcome.giveUp(null, "the webhook was turned off");
        String secret = channel.secret();
        if (secret == null) return Outcome.giveUp(null, "no webhook secret");
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "StockLab-Webhooks/1")
                .header(WebhookSignature.DELIVERY_HEADER, d.id().toString())
                .header(WebhookSignature.EVENT_HEADER, d.kind().name())
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(secret, timestamp, d.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(d.payload()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) return Outcome.delivered(status);
            if (status == 408 || status == 429 || status >= 500) {
                return Outcome.retry(status, "HTTP " + status, retryAfter(response));
            }
            return Outcome.giveUp(status, "HTTP " + status + " (not retried)");
        } catch (HttpTimeoutException e) {
            return Outcome.retry(null, "timed out", null);
        } catch (IOException e) {
            return Outcome.retry(null, "connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(null, "interrupted", null);
        }
    }

    static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                long s = Long.parseLong(v.strip());
                return s > 0 && s <= 3600 ? Duration.ofSeconds(s) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }
}
