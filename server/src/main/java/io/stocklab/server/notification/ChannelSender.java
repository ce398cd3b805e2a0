package io.stocklab.server.notification;

import java.time.Duration;

/** Delivers one outbox row over one channel; never throws (the poller records the outcome). */
interface ChannelSender {
    String channel();

    Outcome send(NotificationRepository.DeliveryRow delivery);

    /**
     * @param retryAfter the receiver's own wait (Retry-After, Telegram's retry_after), at least the backoff
     */
    record Outcome(Result result, Integer statusCode, String error, Duration retryAfter) {
        static Outcome delivered(Integer statusCode) {
            return new Outcome(Result.DELIVERED, statusCode, null, null);
        }

        static Outcome retry(Integer statusCode, String error, Duration retryAfter) {
            return new Outcome(Result.RETRY, statusCode, error, retryAfter);
        }

        static Outcome giveUp(Integer statusCode, String error) {
            return new Outcome(Result.GIVE_UP, statusCode, error, null);
        }
    }

    enum Result { DELIVERED, RETRY, GIVE_UP }
}
