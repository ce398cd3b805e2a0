package io.stocklab.server.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bot API client against a local fake of {@code POST /bot<token>/sendMessage}. */
class TelegramSenderTest {
    static final String TOKEN = "123456:test-token";
    static final String PATH = "/bot" + TOKEN + "/sendMessage";
    static WireMockServer fake;
    TelegramSender sender;

    @BeforeAll
    static void start() {
        fake = new WireMockServer(options().dynamicPort());
        fake.start();
    }

    @AfterAll
    static void stop() {
        fake.stop();
    }

    @BeforeEach
    void client() {
        fake.resetAll();
        sender = new TelegramSender(new NotificationProperties(null, null, null, null, null,
                new NotificationProperties.Telegram(TOKEN, URI.create(fake.baseUrl() + "/"), Duration.ofSeconds(5))));
    }

    @Test
    void okTrueIsDeliveredWithChatIdAndText() {
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(
                "{\"ok\":true,\"result\":{\"message_id\":7,\"chat\":{\"id\":42}}}")));
        ChannelSender.Outcome outcome = sender.sendMessage("42", "Backtest completed: Momentum");
        assertThat(outcome.result()).isEqualTo(ChannelSender.Result.DELIVERED);
        fake.verify(1, postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(equalToJson("{\"chat_id\":42,\"text\":\"Backtest completed: Momentum\"}", true, true)));
    }

    @Test
    void okFalseIsAnErrorThatIsNotRetried() {
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}")));
        ChannelSender.Outcome outcome = sender.sendMessage("@nochannel", "x");
        assertThat(outcome.result()).isEqualTo(ChannelSender.Result.GIVE_UP);
        assertThat(outcome.error()).contains("chat not found").doesNotContain(TOKEN);
        assertThat(outcome.statusCode()).isEqualTo(400);
        fake.verify(postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.chat_id",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("@nochannel"))));
    }

    @Test
    void okFalseEvenWithStatus200IsNotDelivered() {
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"ok\":false,\"description\":\"odd\"}")));
        ChannelSender.Outcome outcome = sender.sendMessage("42", "x");
        assertThat(outcome.result()).isEqualTo(ChannelSender.Result.GIVE_UP);
        assertThat(outcome.error()).contains("odd");
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                        + "\"parameters\":{\"retry_after\":7}}")));
        ChannelSender.Outcome outcome = sender.sendMessage("42", "x");
        assertThat(outcome.result()).isEqualTo(ChannelSender.Result.RETRY);
        assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsAndBrokenConnectionsAreRetried() {
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        assertThat(sender.sendMessage("42", "x").result()).isEqualTo(ChannelSender.Result.RETRY);
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(
                com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        ChannelSender.Outcome reset = sender.sendMessage("42", "x");
        assertThat(reset.result()).isEqualTo(ChannelSender.Result.RETRY);
        assertThat(reset.error()).doesNotContain(TOKEN);
    }
}
