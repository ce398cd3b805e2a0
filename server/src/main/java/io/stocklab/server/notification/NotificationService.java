package io.stocklab.server.notification;

import io.stocklab.server.account.AccountDirectory;
import io.stocklab.server.notification.NotificationDtos.ChannelsRequest;
import io.stocklab.server.notification.NotificationDtos.ChannelsView;
import io.stocklab.server.notification.NotificationDtos.DeliveryPage;
import io.stocklab.server.notification.NotificationDtos.DeliveryView;
import io.stocklab.server.notification.NotificationDtos.EmailView;
import io.stocklab.server.notification.NotificationDtos.LiveEvent;
import io.stocklab.server.notification.NotificationDtos.NotificationPage;
import io.stocklab.server.notification.NotificationDtos.NotificationView;
import io.stocklab.server.notification.NotificationDtos.ReadAllResult;
import io.stocklab.server.notification.NotificationDtos.TelegramView;
import io.stocklab.server.notification.NotificationDtos.WebhookView;
import io.stocklab.server.notification.NotificationRepository.ChannelRow;
import io.stocklab.server.notification.NotificationRepository.NotificationRow;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * In-app notifications, the user's outbound channels and the delivery log. {@link #notify} stores a
 * notification (once per dedup key and user), queues its outbound deliveries in the same transaction and pushes
 * it to the user's live streams; it never throws back to the event that caused it.
 */
@Service
class NotificationService {
    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String WEBHOOK = "WEBHOOK";
    static final String EMAIL = "EMAIL";
    static final String TELEGRAM = "TELEGRAM";
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}");
    private static final int MAX_LIMIT = 100;

    private final NotificationRepository repository;
    private final NotificationBus bus;
    private final AccountDirectory accounts;
    private final NotificationProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final TransactionTemplate newTransaction;
    private final WebhookUrlPolicy urlPolicy;
    private final Clock clock;
    private final ObjectProvider<OutboxPoller> poller;

    NotificationService(NotificationRepository repository, NotificationBus bus, AccountDirectory accounts,
                        NotificationProperties properties, ObjectProvider<JavaMailSender> mail,
                        PlatformTransactionManager transactions, Clock clock, ObjectProvider<OutboxPoller> poller) {
        this.repository = repository;
        this.bus = bus;
        this.accounts = accounts;
        this.properties = properties;
        this.mail = mail;
        this.clock = clock;
        this.poller = poller;
        this.newTransaction = new TransactionTemplate(transactions);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.urlPolicy = new WebhookUrlPolicy(properties.webhook().allowInsecureLocalhost());
    }

    /** A notification to store for one user; {@code dedupKey} identifies the event (one notification per key). */
    record Draft(UUID userId, NotificationKind kind, String title, String body, String link, String dedupKey) {
    }

    /**
     * Stores the notification unless the user already has one with its dedup key, queues its outbound deliveries,
     * and pushes it live. Answers whether it was new. Never throws.
     */
    boolean notify(Draft draft) {
        try {
            Optional<NotificationView> created = newTransaction.execute(tx -> store(draft));
            if (created == null || created.isEmpty()) return false;
            long unread = repository.unread(draft.userId());
            bus.publish(draft.userId(), new LiveEvent("notification", created.get(), unread));
            OutboxPoller p = poller.getIfAvailable();
            if (p != null) p.wake();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return false; // the same event, stored concurrently by another instance
        } catch (RuntimeException e) {
            log.warn("could not store a {} notification for {}: {}", draft.kind(), draft.userId(), e.toString());
            return false;
        }
    }

    private Optional<NotificationView> store(Draft d) {
        if (repository.exists(d.userId(), d.dedupKey())) return Optional.empty();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String title = cut(d.title(), 300);
        String body = cut(d.body(), 2000);
        repository.insert(id, d.userId(), d.kind(), title, body, d.link(), d.dedupKey(), now);
        NotificationView view = new NotificationView(id, d.kind(), title, body, d.link(), false, null, now);
        for (ChannelRow c : repository.channels(d.userId())) {
            if (!c.enabled() || !kinds(c.kinds()).contains(d.kind())) continue;
            if (c.channel().equals(EMAIL) && mail.getIfAvailable() == null) continue;
            if (c.channel().equals(TELEGRAM) && !properties.telegram().configured()) continue;
            if (c.channel().equals(WEBHOOK) && (c.target() == null || c.secret() == null)) continue;
            UUID deliveryId = UUID.randomUUID();
            repository.insertDelivery(deliveryId, d.userId(), id, d.kind(), c.channel(), c.target(),
                    payload(deliveryId, view), now);
        }
        return Optional.of(view);
    }

    /** The JSON sent to webhooks (and rendered into e-mails and Telegram messages); the same on every retry. */
    String payload(UUID deliveryId, NotificationView n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("deliveryId", deliveryId.toString());
        root.put("event", "notification.created");
        ObjectNode o = root.putObject("notification");
        o.put("id", n.id().toString());
        o.put("kind", n.kind().name());
        o.put("title", n.title());
        if (n.body() != null) o.put("body", n.body());
        if (n.link() != null) {
            o.put("link", n.link());
            o.put("url", properties.linkBase() + n.link());
        }
        o.put("createdAt", n.createdAt().toString());
        return JSON.writeValueAsString(root);
    }

    static String cut(String s, int max) {
        if (s == null) return null;
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    // ---- in-app

    static NotificationView view(NotificationRow r) {
        return new NotificationView(r.id(), r.kind(), r.title(), r.body(), r.link(), r.readAt() != null, r.readAt(),
                r.createdAt());
    }

    NotificationPage list(CurrentUser user, String cursor, int limit, boolean unreadOnly) {
        if (limit < 1 || limit > MAX_LIMIT) throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        Long before = decodeCursor(cursor);
        List<NotificationRow> rows = repository.page(user.id(), before, unreadOnly, limit + 1);
        boolean more = rows.size() > limit;
        List<NotificationView> items = rows.stream().limit(limit).map(NotificationService::view).toList();
        String next = more ? Long.toString(rows.get(limit - 1).seq()) : null;
        return new NotificationPage(items, next, repository.unread(user.id()));
    }

    static Long decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) return null;
        try {
            long v = Long.parseLong(cursor.strip());
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "is not a cursor returned by this list");
        }
    }

    long unread(CurrentUser user) {
        return repository.unread(user.id());
    }

    NotificationView markRead(CurrentUser user, UUID id) {
        NotificationRow row = repository.find(user.id(), id)
                .orElseThrow(() -> ApiException.notFound("notification " + id + " not found"));
        if (repository.markRead(user.id(), id, clock.instant()) > 0) countChanged(user.id());
        return view(repository.find(user.id(), id).orElse(row));
    }

    ReadAllResult markAllRead(CurrentUser user) {
        int n = repository.markAllRead(user.id(), clock.instant());
        long unread = repository.unread(user.id());
        if (n > 0) bus.publish(user.id(), new LiveEvent("unread", null, unread));
        return new ReadAllResult(n, unread);
    }

    void delete(CurrentUser user, UUID id) {
        if (!repository.delete(user.id(), id)) throw ApiException.notFound("notification " + id + " not found");
        countChanged(user.id());
    }

    private void countChanged(UUID user) {
        bus.publish(user, new LiveEvent("unread", null, repository.unread(user)));
    }

    // ---- channels

    static Set<NotificationKind> kinds(String stored) {
        if (stored == null || stored.isBlank()) return EnumSet.allOf(NotificationKind.class);
        EnumSet<NotificationKind> out = EnumSet.noneOf(NotificationKind.class);
        for (String k : stored.split(",")) {
            try {
                out.add(NotificationKind.valueOf(k.strip()));
            } catch (IllegalArgumentException ignored) {
                // a kind removed since
            }
        }
        return out;
    }

    static String storeKinds(List<NotificationKind> kinds) {
        if (kinds == null || kinds.isEmpty() || EnumSet.copyOf(kinds).size() == NotificationKind.values().length) {
            return "";
        }
        return EnumSet.copyOf(kinds).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private static List<NotificationKind> kindList(ChannelRow row) {
        return List.copyOf(kinds(row == null ? "" : row.kinds()));
    }

    boolean emailAvailable() {
        return mail.getIfAvailable() != null;
    }

    ChannelsView channels(CurrentUser user) {
        return channels(user.id(), null);
    }

    private ChannelsView channels(UUID userId, String newSecret) {
        Map<String, ChannelRow> rows = new LinkedHashMap<>();
        repository.channels(userId).forEach(r -> rows.put(r.channel(), r));
        ChannelRow w = rows.get(WEBHOOK);
        ChannelRow e = rows.get(EMAIL);
        ChannelRow t = rows.get(TELEGRAM);
        String address = accounts.contact(userId).map(AccountDirectory.Contact::email).orElse(null);
        return new ChannelsView(
                new WebhookView(w != null && w.enabled(), w == null ? null : w.target(), kindList(w),
                        w != null && w.secret() != null, newSecret),
                new EmailView(emailAvailable(), e != null && e.enabled(), address, kindList(e)),
                new TelegramView(properties.telegram().configured(), t != null && t.enabled(),
                        t == null ? null : t.target(), kindList(t)));
    }

    ChannelsView saveChannels(CurrentUser user, ChannelsRequest req) {
        if (req == null) throw ApiException.invalidField("webhook", "a body with webhook, email or telegram is required");
        Map<String, ChannelRow> rows = new LinkedHashMap<>();
        repository.channels(user.id()).forEach(r -> rows.put(r.channel(), r));
        Instant now = clock.instant();
        List<ChannelRow> updates = new ArrayList<>();
        String newSecret = null;
        if (req.webhook() != null) {
            var w = req.webhook();
            ChannelRow old = rows.get(WEBHOOK);
            String url = old == null ? null : old.target();
            if (w.url() != null) {
                if (w.url().isBlank()) {
                    url = null;
                } else {
                    try {
                        url = urlPolicy.check(w.url(), false).toString();
                    } catch (WebhookUrlPolicy.Rejected r) {
                        throw ApiException.invalidField("webhook.url", r.getMessage());
                    }
                }
            }
            boolean enabled = w.enabled() == null ? (old != null && old.enabled()) : w.enabled();
            if (enabled && url == null) throw ApiException.invalidField("webhook.url", "is required to enable the webhook");
            String secret = old == null ? null : old.secret();
            if (secret == null && url != null) {
                secret = WebhookSignature.newSecret();
                newSecret = secret;
            }
            updates.add(new ChannelRow(user.id(), WEBHOOK, enabled,
                    w.kinds() == null ? (old == null ? "" : old.kinds()) : storeKinds(w.kinds()), url, secret, now));
        }
        if (req.email() != null) {
            var e = req.email();
            ChannelRow old = rows.get(EMAIL);
            boolean enabled = e.enabled() == null ? (old != null && old.enabled()) : e.enabled();
            if (enabled && !emailAvailable()) {
                throw new ApiException(ProblemType.CHANNEL_UNAVAILABLE, "E-mail is not configured on this server.");
            }
            updates.add(new ChannelRow(user.id(), EMAIL, enabled,
                    e.kinds() == null ? (old == null ? "" : old.kinds()) : storeKinds(e.kinds()), null, null, now));
        }
        if (req.telegram() != null) {
            var t = req.telegram();
            ChannelRow old = rows.get(TELEGRAM);
            String chat = old == null ? null : old.target();
            if (t.chatId() != null) {
                chat = t.chatId().isBlank() ? null : t.chatId().strip();
                if (chat != null && !CHAT_ID.matcher(chat).matches()) {
                    throw ApiException.invalidField("telegram.chatId",
                            "must be a numeric chat id or an @channel name");
                }
            }
            boolean enabled = t.enabled() == null ? (old != null && old.enabled()) : t.enabled();
            if (enabled && !properties.telegram().configured()) {
                throw new ApiException(ProblemType.CHANNEL_UNAVAILABLE, "Telegram is not configured on this server.");
            }
            if (enabled && chat == null) throw ApiException.invalidField("telegram.chatId", "is required to enable Telegram");
            updates.add(new ChannelRow(user.id(), TELEGRAM, enabled,
                    t.kinds() == null ? (old == null ? "" : old.kinds()) : storeKinds(t.kinds()), chat, null, now));
        }
        newTransaction.executeWithoutResult(tx -> updates.forEach(repository::saveChannel));
        return channels(user.id(), newSecret);
    }

    /** A new webhook secret, shown once; deliveries (retries included) are signed with it from now on. */
    String rotateSecret(CurrentUser user) {
        ChannelRow old = repository.channels(user.id()).stream().filter(r -> r.channel().equals(WEBHOOK)).findFirst()
                .orElse(null);
        String secret = WebhookSignature.newSecret();
        repository.saveChannel(new ChannelRow(user.id(), WEBHOOK, old != null && old.enabled(),
                old == null ? "" : old.kinds(), old == null ? null : old.target(), secret, clock.instant()));
        return secret;
    }

    Optional<String> webhookSecret(UUID user) {
        return repository.channels(user).stream().filter(r -> r.channel().equals(WEBHOOK)).findFirst()
                .map(ChannelRow::secret);
    }

    // ---- deliveries

    DeliveryPage deliveries(CurrentUser user, String cursor, int limit, String channel) {
        if (limit < 1 || limit > MAX_LIMIT) throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        String c = channel == null || channel.isBlank() ? null : channel.strip().toUpperCase(java.util.Locale.ROOT);
        if (c != null && !Arrays.asList(WEBHOOK, EMAIL, TELEGRAM).contains(c)) {
            throw ApiException.invalidField("channel", "must be one of WEBHOOK, EMAIL, TELEGRAM");
        }
        var rows = repository.deliveries(user.id(), decodeCursor(cursor), c, limit + 1);
        boolean more = rows.size() > limit;
        List<DeliveryView> items = rows.stream().limit(limit).map(r -> new DeliveryView(r.id(), r.channel(),
                r.notificationId(), r.kind(), r.target(), r.status(), r.attempts(), r.lastStatusCode(), r.lastError(),
                r.createdAt(), r.lastAttemptAt(), r.status().equals("PENDING") ? r.nextAttemptAt() : null,
                r.deliveredAt())).toList();
        return new DeliveryPage(items, more ? Long.toString(rows.get(limit - 1).seq()) : null);
    }
}
