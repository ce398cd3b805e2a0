package io.stocklab.server.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram Bot API client: {@code POST {base-url}/bot{token}/sendMessage} with {@code chat_id} and {@code text}.
 * The answer's {@code ok} decides: true is delivered; false with 429 waits {@code parameters.retry_after}
 * seconds; other 4xx (chat not found, bot blocked) give up; 5xx and network errors retry.
 */
@Component
class TelegramSender implements ChannelSender {
    private final NotificationProperties.Telegram properties;
    private final HttpClient http;

    TelegramSender(NotificationProperties properties) {
        this.properties = properties.telegram();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String channel() {
        return NotificationService.TELEGRAM;
    }

    @Override
    public Outcome send(NotificationRepository.DeliveryRow d) {
        if (!properties.configured()) return Outcome.giveUp(null, "Telegram is not configured on this server");
        JsonNode n = NotificationService.JSON.readTree(d.payload()).path("notification");
        return sendMessage(d.target(), EmailSender.text(n).split("\n\n-- ")[0]);
    }

    /** One sendMessage call. */
    Outcome sendMessage(String chatId, String text) {
        ObjectNode body = NotificationService.JSON.createObjectNode();
        if (chatId != null && chatId.matches("-?[0-9]+")) body.put("chat_id", Long.parseLong(chatId));
        else body.put("chat_id", chatId);
        body.put("text", text.length() > 4096 ? text.substring(0, 4095) + "…" : text);
        body.put("disable_web_page_preview", true);
        String base = properties.baseUrl().toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/bot" + properties.botToken() + "/sendMessage"))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(NotificationService.JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return Outcome.retry(null, "timed out", null);
        } catch (IOException e) {
            // never echo the request URI: it holds the bot token
            return Outcome.retry(null, "connection failed: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(null, "interrupted", null);
        }
        int status = response.statusCode();
        JsonNode answer;
        try {
            answer = NotificationService.JSON.readTree(response.body());
        } catch (RuntimeException e) {
            answer = NotificationService.JSON.createObjectNode();
        }
        if (status >= 200 && status < 300 && answer.path("ok").asBoolean(false)) return Outcome.delivered(status);
        String description = answer.path("description").asString("");
        String error = "Telegram error" + (answer.has("error_code") ? " " + answer.path("error_code").asInt() : "")
                + (description.isEmpty() ? "" : ": " + description);
        int code = answer.has("error_code") ? answer.path("error_code").asInt() : status;
        if (code == 429 || status == 429) {
            long after = answer.path("parameters").path("retry_after").asLong(0);
            return Outcome.retry(status, error, after > 0 ? Duration.ofSeconds(Math.min(after, 3600)) : null);
        }
        if (status >= 500 || status == 408) return Outcome.retry(status, error, null);
        if (status >= 200 && status < 300) return Outcome.giveUp(status, error); // ok:false with a 2xx status
        return Outcome.giveUp(status, error);
    }
}
