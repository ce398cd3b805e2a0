package io.stocklab.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    static final String SECRET = "whsec_test-secret";
    static final String BODY = "{\"deliveryId\":\"d-1\",\"notification\":{\"kind\":\"LIKE\",\"title\":\"x\"}}";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void aSignatureMadeWithTheSecretVerifies() {
        String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);
        assertThat(header).matches("t=" + NOW.getEpochSecond() + ",v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.plusSeconds(299), TOLERANCE)).isTrue();
    }

    @Test
    void theSignatureIsHmacSha256OverTimestampDotBody() throws Exception {
        // recomputed independently with the JDK: what a receiver in any language does
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal((NOW.getEpochSecond() + "." + BODY)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY)).endsWith(",v1=" + expected);
    }

    @Test
    void aTamperedBodyIsRejected() {
        String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY.replace("LIKE", "COMMENT"), NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, BODY + " ", NOW, TOLERANCE)).isFalse();
    }

    @Test
    void aWrongSecretIsRejected() {
        String header = WebhookSignature.header("whsec_other", NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE)).isFalse();
    }

    @Test
    void staleAndFutureTimestampsAreRejected() {
        long t = NOW.getEpochSecond();
        String old = WebhookSignature.header(SECRET, t - 301, BODY);
        String future = WebhookSignature.header(SECRET, t + 301, BODY);
        assertThat(WebhookSignature.verify(SECRET, old, BODY, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, future, BODY, NOW, TOLERANCE)).isFalse();
        // a captured request replayed later fails even though its signature is genuine
        String captured = WebhookSignature.header(SECRET, t, BODY);
        assertThat(WebhookSignature.verify(SECRET, captured, BODY, NOW.plus(Duration.ofHours(1)), TOLERANCE)).isFalse();
    }

    @Test
    void aChangedTimestampInvalidatesTheSignature() {
        String header = WebhookSignature.header(SECRET, NOW.getEpochSecond() - 3600, BODY);
        String moved = header.replace("t=" + (NOW.getEpochSecond() - 3600), "t=" + NOW.getEpochSecond());
        assertThat(WebhookSignature.verify(SECRET, moved, BODY, NOW, TOLERANCE)).isFalse();
    }

    @Test
    void malformedHeadersAreRejected() {
        String v1 = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY).split(",")[1];
        for (String header : new String[] {"", "garbage", "t=abc," + v1, v1, "t=" + NOW.getEpochSecond(),
                "t=" + NOW.getEpochSecond() + ",v1=zz", "t=1,t=2," + v1}) {
            assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE)).as(header).isFalse();
        }
        assertThat(WebhookSignature.verify(SECRET, null, BODY, NOW, TOLERANCE)).isFalse();
    }

    @Test
    void anyOfSeveralV1SignaturesMayMatch() {
        String good = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);
        String other = WebhookSignature.header("whsec_old", NOW.getEpochSecond(), BODY).split(",")[1];
        assertThat(WebhookSignature.verify(SECRET, good + "," + other, BODY, NOW, TOLERANCE)).isTrue();
    }

    @Test
    void secretsAreRandom() {
        String a = WebhookSignature.newSecret();
        assertThat(a).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(a);
    }
}
