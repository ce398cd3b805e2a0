package io.stocklab.server.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of outbound webhooks. The server sends {@code StockLab-Signature: t=<unix seconds>,v1=<hex>} where
 * {@code v1} is HMAC-SHA256, keyed with the user's webhook secret (its UTF-8 bytes), over
 * {@code "<t>.<raw request body>"}. A receiver recomputes it with {@link #verify} and rejects old or future
 * timestamps (replay protection); the {@code StockLab-Delivery} id, the same on every retry, lets it drop
 * duplicates. Usable by receivers written in Java as it is (no dependency beyond the JDK).
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "StockLab-Signature";
    public static final String DELIVERY_HEADER = "StockLab-Delivery";
    public static final String EVENT_HEADER = "StockLab-Event";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new random secret ({@code whsec_} and 32 random bytes, base64url). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The header value for a body sent at {@code timestamp} (unix seconds). */
    public static String header(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    /**
     * True when {@code header} carries a {@code v1} signature of {@code body} made with {@code secret}, and its
     * timestamp is within {@code tolerance} of {@code now} (either side: stale and future timestamps are refused).
     * Any malformed header is simply not valid.
     */
    public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
        if (secret == null || header == null || body == null || now == null || tolerance == null) return false;
        Long timestamp = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) return false;
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                if (timestamp != null) return false;
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) return false;
        long age = now.getEpochSecond() - timestamp;
        if (Math.abs(age) > tolerance.toSeconds()) return false;
        byte[] expected = hmac(secret, timestamp + "." + body);
        for (String sig : signatures) {
            byte[] given;
            try {
                given = HexFormat.of().parseHex(sig);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) return true;
        }
        return false;
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
