package io.stocklab.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.TestRun;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The prod live fan-out against the real Redis: what one instance publishes, every instance receives. */
class RedisNotificationBusIT {

    @Test
    void anEventPublishedByOneInstanceReachesTheOthers() throws Exception {
        String prefix = TestRun.REDIS_PREFIX + "bus-" + UUID.randomUUID() + ":";
        RedisNotificationBus worker = new RedisNotificationBus(TestRun.REDIS_URL, prefix);
        RedisNotificationBus api = new RedisNotificationBus(TestRun.REDIS_URL, prefix);
        RedisNotificationBus elsewhere = new RedisNotificationBus(TestRun.REDIS_URL, prefix + "other:");
        try {
            BlockingQueue<Map.Entry<UUID, NotificationDtos.LiveEvent>> received = new LinkedBlockingQueue<>();
            BlockingQueue<Object> foreign = new LinkedBlockingQueue<>();
            AutoCloseable sub = api.subscribe((user, event) -> received.add(Map.entry(user, event)));
            elsewhere.subscribe((user, event) -> foreign.add(event));

            UUID user = UUID.randomUUID();
            NotificationDtos.NotificationView n = new NotificationDtos.NotificationView(UUID.randomUUID(),
                    NotificationKind.BACKTEST_COMPLETED, "Backtest completed: X", "Total return 3.0%.",
                    "/backtests/1", false, null, Instant.parse("2026-01-02T03:04:05Z"));
            worker.publish(user, new NotificationDtos.LiveEvent("notification", n, 3));

            Map.Entry<UUID, NotificationDtos.LiveEvent> got = received.poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.getKey()).isEqualTo(user);
            assertThat(got.getValue()).isEqualTo(new NotificationDtos.LiveEvent("notification", n, 3));
            // another key prefix (another deployment or test run) hears nothing
            assertThat(foreign.poll(300, TimeUnit.MILLISECONDS)).isNull();

            sub.close();
            worker.publish(user, new NotificationDtos.LiveEvent("unread", null, 0));
            assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("unsubscribed").isNull();
        } finally {
            worker.destroy();
            api.destroy();
            elsewhere.destroy();
        }
    }
}
