package io.stocklab.server.notification;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prod live fan-out: events go out on one Redis channel ({@code <prefix>notification-events}) that every
 * instance subscribes to (Lettuce resubscribes after a reconnect). Each instance passes every message to its own
 * stream registry, which keeps those of the users it holds connections for. A lost message only delays the
 * user's view: the notification itself is in the database.
 */
class RedisNotificationBus implements NotificationBus, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RedisNotificationBus.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String channel;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final List<BiConsumer<UUID, NotificationDtos.LiveEvent>> listeners = new CopyOnWriteArrayList<>();

    RedisNotificationBus(String redisUrl, String keyPrefix) {
        this.channel = keyPrefix + "notification-events";
        this.client = RedisClient.create(redisUrl);
        this.commands = client.connect();
        this.pubsub = client.connectPubSub();
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
                if (!ch.equals(channel)) return;
                try {
                    Message m = JSON.readValue(message, Message.class);
                    InProcessNotificationBus.deliver(listeners, m.userId(), m.event());
                } catch (RuntimeException e) {
                    log.warn("unreadable notification message: {}", e.toString());
                }
            }
        });
        pubsub.sync().subscribe(channel);
    }

    @Override
    public void publish(UUID userId, NotificationDtos.LiveEvent event) {
        try {
            commands.async().publish(channel, JSON.writeValueAsString(new Message(userId, event)));
        } catch (RuntimeException e) {
            log.debug("could not publish a live notification for {}: {}", userId, e.toString());
        }
    }

    @Override
    public AutoCloseable subscribe(BiConsumer<UUID, NotificationDtos.LiveEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void destroy() {
        pubsub.close();
        commands.close();
        client.shutdown();
    }
}
