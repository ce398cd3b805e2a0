package io.stocklab.server.notification;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stocklab.notifications.*}; see docs/notifications.md.
 *
 * @param linkBase absolute base URL of the web UI for links in e-mails, Telegram messages and webhooks
 *                 (e.g. https://stocklab.example); empty: links stay relative
 * @param stream   the live (Server-Sent Events) stream
 * @param outbox   the delivery outbox poller and its retry policy
 * @param webhook  outbound webhooks
 * @param email    outbound e-mail (needs {@code spring.mail.host} too)
 * @param telegram outbound Telegram messages (needs a bot token)
 */
@ConfigurationProperties("stocklab.notifications")
record NotificationProperties(String linkBase, Stream stream, Outbox outbox, Webhook webhook, Email email, Telegram telegram) {
    NotificationProperties {
        if (linkBase == null) linkBase = "";
        if (linkBase.endsWith("/")) linkBase = linkBase.substring(0, linkBase.length() - 1);
        if (stream == null) stream = new Stream(null, null, null);
        if (outbox == null) outbox = new Outbox(null, null, null, null, null, null, null);
        if (webhook == null) webhook = new Webhook(null, null, null, null);
        if (email == null) email = new Email(null);
        if (telegram == null) telegram = new Telegram(null, null, null);
    }

    /**
     * @param heartbeat  how often an idle stream gets a comment line (keeps proxies from closing it)
     * @param timeout    how long one stream stays open (the client reconnects)
     * @param maxPerUser streams one user may hold open at once on one instance (the oldest is closed)
     */
    record Stream(Duration heartbeat, Duration timeout, Integer maxPerUser) {
        Stream {
            if (heartbeat == null) heartbeat = Duration.ofSeconds(15);
            if (timeout == null) timeout = Duration.ofMinutes(30);
            if (maxPerUser == null) maxPerUser = 5;
        }
    }

    /**
     * @param enabled        run the poller on this instance
     * @param pollInterval   how often the outbox is polled
     * @param batchSize      deliveries claimed per poll
     * @param lease          how long a claimed delivery is reserved for the instance that claimed it
     * @param maxAttempts    attempts per delivery before it is FAILED
     * @param initialBackoff wait before the 2nd attempt; doubled for each further attempt
     * @param maxBackoff     cap on the wait between attempts
     */
    record Outbox(Boolean enabled, Duration pollInterval, Integer batchSize, Duration lease, Integer maxAttempts,
                  Duration initialBackoff, Duration maxBackoff) {
        Outbox {
            if (enabled == null) enabled = true;
            if (pollInterval == null) pollInterval = Duration.ofSeconds(1);
            if (batchSize == null) batchSize = 20;
            if (lease == null) lease = Duration.ofMinutes(2);
            if (maxAttempts == null) maxAttempts = 5;
            if (initialBackoff == null) initialBackoff = Duration.ofSeconds(1);
            if (maxBackoff == null) maxBackoff = Duration.ofMinutes(10);
        }

        /** The wait after the given (1-based) failed attempt: initial, 2x, 4x... capped. */
        Duration backoff(int attempt) {
            long factor = 1L << Math.min(30, Math.max(0, attempt - 1));
            Duration d = initialBackoff.multipliedBy(factor);
            return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
        }
    }

    /**
     * @param allowInsecureLocalhost let http://localhost and private-network targets through (tests and local
     *                               development only)
     * @param connectTimeout         connect timeout of a delivery
     * @param requestTimeout         whole-request timeout of a delivery
     * @param signatureTolerance     how old a signature's timestamp may be ({@link WebhookSignature#verify})
     */
    record Webhook(Boolean allowInsecureLocalhost, Duration connectTimeout, Duration requestTimeout,
                   Duration signatureTolerance) {
        Webhook {
            if (allowInsecureLocalhost == null) allowInsecureLocalhost = false;
            if (connectTimeout == null) connectTimeout = Duration.ofSeconds(5);
            if (requestTimeout == null) requestTimeout = Duration.ofSeconds(10);
            if (signatureTolerance == null) signatureTolerance = Duration.ofMinutes(5);
        }
    }

    /** @param from sender address */
    record Email(String from) {
        Email {
            if (from == null || from.isBlank()) from = "StockLab <no-reply@stocklab.local>";
        }
    }

    /**
     * @param botToken the bot's token (the channel is unavailable without one)
     * @param baseUrl  Bot API base URL
     * @param requestTimeout whole-request timeout
     */
    record Telegram(String botToken, URI baseUrl, Duration requestTimeout) {
        Telegram {
            if (baseUrl == null) baseUrl = URI.create("https://api.telegram.org");
            if (requestTimeout == null) requestTimeout = Duration.ofSeconds(10);
        }

        boolean configured() {
            return botToken != null && !botToken.isBlank();
        }
    }
}
