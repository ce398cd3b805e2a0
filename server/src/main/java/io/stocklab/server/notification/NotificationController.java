package io.stocklab.server.notification;

import io.stocklab.server.notification.NotificationDtos.ChannelsRequest;
import io.stocklab.server.notification.NotificationDtos.ChannelsView;
import io.stocklab.server.notification.NotificationDtos.DeliveryPage;
import io.stocklab.server.notification.NotificationDtos.NotificationPage;
import io.stocklab.server.notification.NotificationDtos.NotificationView;
import io.stocklab.server.notification.NotificationDtos.ReadAllResult;
import io.stocklab.server.notification.NotificationDtos.SecretView;
import io.stocklab.server.notification.NotificationDtos.UnreadCount;
import io.stocklab.server.platform.security.CurrentUser;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** In-app notifications, the live stream, outbound channels and the delivery log; see docs/notifications.md. */
@RestController
@Tag(name = "Notifications")
@RequestMapping("/api/v1/notifications")
class NotificationController {
    private final NotificationService service;
    private final LiveStreams streams;

    NotificationController(NotificationService service, LiveStreams streams) {
        this.service = service;
        this.streams = streams;
    }

    /** Newest first; {@code cursor} from the previous page's {@code nextCursor}. */
    @Operation(operationId = "listNotifications", summary = "My notifications, newest first (cursor-paginated)")
    @GetMapping
    NotificationPage list(@AuthenticationPrincipal CurrentUser user,
                          @RequestParam(required = false) String cursor,
                          @RequestParam(defaultValue = "20") int limit,
                          @RequestParam(defaultValue = "false") boolean unreadOnly) {
        return service.list(user, cursor, limit, unreadOnly);
    }

    @Operation(operationId = "countUnreadNotifications", summary = "How many of my notifications are unread")
    @GetMapping("/unread-count")
    UnreadCount unreadCount(@AuthenticationPrincipal CurrentUser user) {
        return new UnreadCount(service.unread(user));
    }

    @Operation(operationId = "markNotificationRead", summary = "Mark a notification read")
    @PostMapping("/{id}/read")
    NotificationView markRead(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return service.markRead(user, id);
    }

    @Operation(operationId = "markAllNotificationsRead", summary = "Mark all my notifications read")
    @PostMapping("/read-all")
    ReadAllResult markAllRead(@AuthenticationPrincipal CurrentUser user) {
        return service.markAllRead(user);
    }

    @Operation(operationId = "deleteNotification", summary = "Delete a notification")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    /**
     * Server-Sent Events: first {@code unread} with the current count, then {@code notification} for each new one
     * and {@code unread} whenever the count changes; a comment line every heartbeat.
     */
    @Operation(operationId = "streamNotifications", summary = "Live notifications (Server-Sent Events)")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal CurrentUser user) {
        return streams.open(user.id(), service.unread(user));
    }

    @Operation(operationId = "getNotificationChannels", summary = "My outbound notification channels")
    @GetMapping("/channels")
    ChannelsView channels(@AuthenticationPrincipal CurrentUser user) {
        return service.channels(user);
    }

    /** Saves any subset of the channels; the first save of a webhook URL answers its secret (once). */
    @Operation(operationId = "saveNotificationChannels", summary = "Configure webhook, e-mail and Telegram notifications")
    @PutMapping("/channels")
    ChannelsView saveChannels(@AuthenticationPrincipal CurrentUser user, @RequestBody ChannelsRequest req) {
        return service.saveChannels(user, req);
    }

    /** A new webhook signing secret, shown only in this response. */
    @Operation(operationId = "rotateWebhookSecret", summary = "A new webhook signing secret (shown once)")
    @PostMapping("/channels/webhook/secret")
    SecretView rotateSecret(@AuthenticationPrincipal CurrentUser user) {
        return new SecretView(service.rotateSecret(user));
    }

    /** The outbound delivery log, newest first. */
    @Operation(operationId = "listNotificationDeliveries", summary = "The outbound delivery log, newest first")
    @GetMapping("/deliveries")
    DeliveryPage deliveries(@AuthenticationPrincipal CurrentUser user,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "20") int limit,
                            @RequestParam(required = false) String channel) {
        return service.deliveries(user, cursor, limit, channel);
    }
}
