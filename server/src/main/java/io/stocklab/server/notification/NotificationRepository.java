package io.stocklab.server.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification tables; only this feature reads or writes them. */
@Repository
class NotificationRepository {
    private static final String N_COLUMNS = "seq, id, user_id, kind, title, body, link, dedup_key, read_at, created_at";
    private static final String D_COLUMNS = "seq, id, user_id, notification_id, kind, channel, target, payload, status,"
            + " attempts, next_attempt_at, last_status_code, last_error, created_at, last_attempt_at, delivered_at";

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    // ---- notifications

    record NotificationRow(long seq, UUID id, UUID userId, NotificationKind kind, String title, String body,
                           String link, String dedupKey, Instant readAt, Instant createdAt) {
    }

    private static NotificationRow notification(ResultSet rs, int n) throws SQLException {
        return new NotificationRow(rs.getLong("seq"), rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class), NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("title"), rs.getString("body"), rs.getString("link"), rs.getString("dedup_key"),
                instant(rs, "read_at"), instant(rs, "created_at"));
    }

    boolean exists(UUID user, String dedupKey) {
        return jdbc.sql("SELECT COUNT(*) FROM notifications WHERE user_id = :u AND dedup_key = :k")
                .param("u", user).param("k", dedupKey).query(Integer.class).single() > 0;
    }

    void insert(UUID id, UUID user, NotificationKind kind, String title, String body, String link, String dedupKey,
                Instant at) {
        jdbc.sql("INSERT INTO notifications (id, user_id, kind, title, body, link, dedup_key, created_at)"
                        + " VALUES (:id, :u, :kind, :title, :body, :link, :k, :at)")
                .param("id", id).param("u", user).param("kind", kind.name()).param("title", title)
                .param("body", body).param("link", link).param("k", dedupKey).param("at", ts(at))
                .update();
    }

    Optional<NotificationRow> find(UUID user, UUID id) {
        return jdbc.sql("SELECT " + N_COLUMNS + " FROM notifications WHERE id = :id AND user_id = :u")
                .param("id", id).param("u", user).query(NotificationRepository::notification).optional();
    }

    /** Newest first, below {@code beforeSeq} (null: from the newest). */
    List<NotificationRow> page(UUID user, Long beforeSeq, boolean unreadOnly, int limit) {
        return jdbc.sql("SELECT " + N_COLUMNS + " FROM notifications WHERE user_id = :u"
                        + (beforeSeq == null ? "" : " AND seq < :before")
                        + (unreadOnly ? " AND read_at IS NULL" : "")
                        + " ORDER BY seq DESC LIMIT :limit")
                .param("u", user).param("before", beforeSeq).param("limit", limit)
                .query(NotificationRepository::notification).list();
    }

    long unread(UUID user) {
        return jdbc.sql("SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL")
                .param("u", user).query(Long.class).single();
    }

    int markRead(UUID user, UUID id, Instant at) {
        return jdbc.sql("UPDATE notifications SET read_at = :at WHERE id = :id AND user_id = :u AND read_at IS NULL")
                .param("id", id).param("u", user).param("at", ts(at)).update();
    }

    int markAllRead(UUID user, Instant at) {
        return jdbc.sql("UPDATE notifications SET read_at = :at WHERE user_id = :u AND read_at IS NULL")
                .param("u", user).param("at", ts(at)).update();
    }

    boolean delete(UUID user, UUID id) {
        return jdbc.sql("DELETE FROM notifications WHERE id = :id AND user_id = :u")
                .param("id", id).param("u", user).update() > 0;
    }

    // ---- channels

    record ChannelRow(UUID userId, String channel, boolean enabled, String kinds, String target, String secret,
                      Instant updatedAt) {
    }

    private static ChannelRow channel(ResultSet rs, int n) throws SQLException {
        return new ChannelRow(rs.getObject("user_id", UUID.class), rs.getString("channel"), rs.getBoolean("enabled"),
                rs.getString("kinds"), rs.getString("target"), rs.getString("secret"), instant(rs, "updated_at"));
    }

    List<ChannelRow> channels(UUID user) {
        return jdbc.sql("SELECT user_id, channel, enabled, kinds, target, secret, updated_at"
                        + " FROM notification_channels WHERE user_id = :u")
                .param("u", user).query(NotificationRepository::channel).list();
    }

    void saveChannel(ChannelRow row) {
        int n = jdbc.sql("UPDATE notification_channels SET enabled = :enabled, kinds = :kinds, target = :target,"
                        + " secret = :secret, updated_at = :at WHERE user_id = :u AND channel = :c")
                .param("u", row.userId()).param("c", row.channel()).param("enabled", row.enabled())
                .param("kinds", row.kinds()).param("target", row.target()).param("secret", row.secret())
                .param("at", ts(row.updatedAt())).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO notification_channels (user_id, channel, enabled, kinds, target, secret, updated_at)"
                            + " VALUES (:u, :c, :enabled, :kinds, :target, :secret, :at)")
                    .param("u", row.userId()).param("c", row.channel()).param("enabled", row.enabled())
                    .param("kinds", row.kinds()).param("target", row.target()).param("secret", row.secret())
                    .param("at", ts(row.updatedAt())).update();
        }
    }

    // ---- deliveries (the outbox)

    record DeliveryRow(long seq, UUID id, UUID userId, UUID notificationId, NotificationKind kind, String channel,
                       String target, String payload, String status, int attempts, Instant nextAttemptAt,
                       Integer lastStatusCode, String lastError, Instant createdAt, Instant lastAttemptAt,
                       Instant deliveredAt) {
    }

    private static DeliveryRow delivery(ResultSet rs, int n) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer lastCode = rs.wasNull() ? null : code;
        return new DeliveryRow(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getObject("notification_id", UUID.class), NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("channel"), rs.getString("target"), rs.getString("payload"), rs.getString("status"),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), lastCode, rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "last_attempt_at"), instant(rs, "delivered_at"));
    }

    void insertDelivery(UUID id, UUID user, UUID notificationId, NotificationKind kind, String channel,
                        String target, String payload, Instant at) {
        jdbc.sql("INSERT INTO notification_deliveries (id, user_id, notification_id, kind, channel, target, payload,"
                        + " status, attempts, next_attempt_at, created_at)"
                        + " VALUES (:id, :u, :n, :kind, :c, :target, :payload, 'PENDING', 0, :at, :at)")
                .param("id", id).param("u", user).param("n", notificationId).param("kind", kind.name())
                .param("c", channel).param("target", target).param("payload", payload).param("at", ts(at))
                .update();
    }

    /** Ids of deliveries due now and not leased by anyone (candidates: each must still be {@link #claim}ed). */
    List<UUID> due(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM notification_deliveries WHERE status = 'PENDING' AND next_attempt_at <= :now"
                        + " AND (lease_until IS NULL OR lease_until < :now) ORDER BY next_attempt_at LIMIT :limit")
                .param("now", ts(now)).param("limit", limit).query(UUID.class).list();
    }

    /**
     * Takes the lease of one delivery: a compare-and-set, so of several instances polling at once exactly one
     * wins a row (the others' UPDATE matches nothing once the lease is set).
     */
    Optional<DeliveryRow> claim(UUID id, String owner, Instant now, Instant until) {
        int n = jdbc.sql("UPDATE notification_deliveries SET lease_owner = :owner, lease_until = :until"
                        + " WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= :now"
                        + " AND (lease_until IS NULL OR lease_until < :now)")
                .param("id", id).param("owner", owner).param("now", ts(now)).param("until", ts(until)).update();
        if (n == 0) return Optional.empty();
        return jdbc.sql("SELECT " + D_COLUMNS + " FROM notification_deliveries WHERE id = :id AND lease_owner = :owner")
                .param("id", id).param("owner", owner).query(NotificationRepository::delivery).optional();
    }

    /** Records an attempt's outcome and releases the lease (only if this instance still holds it). */
    void finishAttempt(UUID id, String owner, String status, int attempts, Instant nextAttemptAt, Integer statusCode,
                       String error, Instant attemptedAt, Instant deliveredAt) {
        jdbc.sql("UPDATE notification_deliveries SET status = :status, attempts = :attempts,"
                        + " next_attempt_at = :next, last_status_code = :code, last_error = :error,"
                        + " last_attempt_at = :attempted, delivered_at = :delivered, lease_owner = NULL,"
                        + " lease_until = NULL WHERE id = :id AND lease_owner = :owner")
                .param("id", id).param("owner", owner).param("status", status).param("attempts", attempts)
                .param("next", ts(nextAttemptAt)).param("code", statusCode)
                .param("error", error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("attempted", ts(attemptedAt)).param("delivered", ts(deliveredAt))
                .update();
    }

    List<DeliveryRow> deliveries(UUID user, Long beforeSeq, String channel, int limit) {
        return jdbc.sql("SELECT " + D_COLUMNS + " FROM notification_deliveries WHERE user_id = :u"
                        + (beforeSeq == null ? "" : " AND seq < :before")
                        + (channel == null ? "" : " AND channel = :c")
                        + " ORDER BY seq DESC LIMIT :limit")
                .param("u", user).param("before", beforeSeq).param("c", channel).param("limit", limit)
                .query(NotificationRepository::delivery).list();
    }
}
