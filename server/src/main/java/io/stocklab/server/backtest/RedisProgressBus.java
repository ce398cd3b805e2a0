package io.stocklab.server.backtest;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prod progress fan-out: states are published on one Redis channel ({@code <prefix>backtest-events}) that every
 * instance subscribes to (Lettuce resubscribes after a reconnect), and the latest running state of each backtest is
 * kept under {@code <prefix>backtest-progress:<id>} for a few minutes, for polling.
 */
class RedisProgressBus implements ProgressBus, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RedisProgressBus.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String channel;
    private final String latestPrefix;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final Map<UUID, List<Consumer<StatusView>>> listeners = new ConcurrentHashMap<>();

    RedisProgressBus(RedisClient client, String keyPrefix) {
        this.channel = keyPrefix + "backtest-events";
        this.latestPrefix = keyPrefix + "backtest-progress:";
        this.commands = client.connect();
        this.pubsub = client.connectPubSub();
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
                if (!ch.equals(channel)) return;
                try {
                    InProcessProgressBus.deliver(listeners, JSON.readValue(message, StatusView.class));
                } catch (RuntimeException e) {
                    log.warn("unreadable progress message: {}", e.toString());
                }
            }
        });
        pubsub.sync().subscribe(channel);
    }

    @Override
    public void publish(StatusView state) {
        String json = JSON.writeValueAsString(state);
        try {
            if (state.terminal()) commands.async().del(latestPrefix + state.id());
            else commands.async().set(latestPrefix + state.id(), json, SetArgs.Builder.ex(600));
            commands.async().publish(channel, json);
        } catch (RuntimeException e) {
            log.debug("could not publish progress of {}: {}", state.id(), e.toString());
        }
    }

    @Override
    public Optional<StatusView> latest(UUID id) {
        try {
            String json = commands.sync().get(latestPrefix + id);
            return json == null ? Optional.empty() : Optional.of(JSON.readValue(json, StatusView.class));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public AutoCloseable subscribe(UUID id, Consumer<StatusView> listener) {
        return InProcessProgressBus.add(listeners, id, listener);
    }

    @Override
    public void destroy() {
        pubsub.close();
        commands.close();
    }
}
