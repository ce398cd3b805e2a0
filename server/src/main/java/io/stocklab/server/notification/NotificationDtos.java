package io.stocklab.server.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@code /api/v1/notifications}. */
final class NotificationDtos {
    private NotificationDtos() {
    }

    /** One in-app notification. {@code link} is a path of the web UI (e.g. /backtests/{id}). */
    record NotificationView(UUID id, NotificationKind kind, String title, String body, String link, boolean read,
                            Instant readAt, Instant createdAt) {
    }

    /** A page of notifications, newest first; pass {@code nextCursor} back as {@code cursor} for the next page. */
    record NotificationPage(List<NotificationView> items, String nextCursor, long unreadCount) {
    }

    record UnreadCount(long unreadCount) {
    }

    record ReadAllResult(int updated, long unreadCount) {
    }

    /**
     * What the live stream sends: event {@code notification} (a new one, with the unread count) or {@code unread}
     * (the count changed: read, read-all, delete; {@code notification} is absent).
     */
    record LiveEvent(String type, NotificationView notification, long unreadCount) {
    }

    // ---- channels

    /** Omitted fields stay as they are; {@code kinds} null or empty means every kind. */
    record WebhookSettings(Boolean enabled, String url, List<NotificationKind> kinds) {
    }

    record EmailSettings(Boolean enabled, List<NotificationKind> kinds) {
    }

    record TelegramSettings(Boolean enabled, String chatId, List<NotificationKind> kinds) {
    }

    /** PUT body: any subset of the channels. */
    record ChannelsRequest(WebhookSettings webhook, EmailSettings email, TelegramSettings telegram) {
    }

    /**
     * The webhook channel. {@code secret} is present only in the response that generated it (first save of a URL,
     * or a rotation): store it then, it is never shown again.
     */
    record WebhookView(boolean enabled, String url, List<NotificationKind> kinds, boolean secretSet, String secret) {
    }

    /** {@code available}: the server has SMTP configured. Mails go to the account's address. */
    record EmailView(boolean available, boolean enabled, String address, List<NotificationKind> kinds) {
    }

    /** {@code available}: the server has a Telegram bot configured. */
    record TelegramView(boolean available, boolean enabled, String chatId, List<NotificationKind> kinds) {
    }

    record ChannelsView(WebhookView webhook, EmailView email, TelegramView telegram) {
    }

    record SecretView(String secret) {
    }

    // ---- deliveries

    /** One outbound delivery (status PENDING, DELIVERED or FAILED) and its attempts. */
    record DeliveryView(UUID id, String channel, UUID notificationId, NotificationKind kind, String target,
                        String status, int attempts, Integer lastStatusCode, String lastError, Instant createdAt,
                        Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt) {
    }

    record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }
}
