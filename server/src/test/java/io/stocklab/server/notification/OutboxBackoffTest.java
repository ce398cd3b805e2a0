package io.stocklab.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxBackoffTest {

    @Test
    void theWaitDoublesFromTheInitialBackoffUpToTheCap() {
        NotificationProperties.Outbox outbox = new NotificationProperties.Outbox(true, null, null, null, 5,
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(outbox.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(outbox.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(outbox.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(outbox.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(outbox.backoff(60)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void defaultsAreFiveAttemptsFromOneSecond() {
        NotificationProperties p = new NotificationProperties(null, null, null, null, null, null);
        assertThat(p.outbox().maxAttempts()).isEqualTo(5);
        assertThat(p.outbox().backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.webhook().allowInsecureLocalhost()).isFalse();
        assertThat(p.telegram().configured()).isFalse();
    }
}
