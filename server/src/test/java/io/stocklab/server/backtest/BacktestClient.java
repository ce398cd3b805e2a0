package io.stocklab.server.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Test helpers for backtest jobs over HTTP: waiting for states, reading the SSE and WebSocket streams. */
final class BacktestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BacktestClient() {
    }

    static JsonNode awaitStatus(Api api, String token, String id, Duration timeout, String... statuses) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Api.Response r = api.get("/api/v1/backtests/" + id + "/status", token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            last = r.json();
            for (String s : statuses) {
                if (last.path("status").asString().equals(s)) return last;
            }
            sleep(50);
        }
        throw new AssertionError("backtest " + id + " did not reach " + List.of(statuses) + " in " + timeout
                + "; last state: " + last);
    }

    /** One SSE event: its name and JSON data. */
    record Event(String name, JsonNode data) {
    }

    /** Reads the SSE stream of a backtest until the server ends it. */
    static List<Event> readEvents(int port, String clientIp, String token, String id) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/backtests/" + id
                        + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .header("X-Forwarded-For", clientIp).timeout(Duration.ofSeconds(120)).GET().build();
        HttpResponse<Stream<String>> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofLines());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<Event> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = resp.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                } else if (line.isEmpty() && !data.isEmpty()) {
                    events.add(new Event(name, Api.JSON.readTree(data.toString())));
                    name = null;
                    data.setLength(0);
                }
            }
        }
        return events;
    }

    /** Reads the WebSocket stream of a backtest until the server closes it; answers the messages and close code. */
    static WsResult readWebSocket(int port, String token, String id) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        WebSocket ws = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/backtests/" + id + "/ws"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
                                partial.append(text);
                                if (last) {
                                    synchronized (messages) {
                                        messages.add(Api.JSON.readTree(partial.toString()));
                                    }
                                    partial.setLength(0);
                                }
                                webSocket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                closed.complete(statusCode);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket webSocket, Throwable error) {
                                closed.completeExceptionally(error);
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        int code = closed.get(120, TimeUnit.SECONDS);
        ws.abort();
        synchronized (messages) {
            return new WsResult(List.copyOf(messages), code);
        }
    }

    record WsResult(List<JsonNode> messages, int closeCode) {
    }

    /** A WebSocket upgrade that the server refuses: answers the HTTP status of the refusal. */
    static int refusedUpgrade(int port, String token, String id) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/backtests/" + id
                        + "/ws"))
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", Api.randomIp())
                .GET().build();
        return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits until a backtest row is final; answers its status, attempts and duration. */
    static java.util.Map<String, Object> awaitRow(org.springframework.jdbc.core.simple.JdbcClient db, String id,
                                                  Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            java.util.Map<String, Object> row = db.sql("SELECT status, attempts, duration_ms, error FROM backtests"
                    + " WHERE id = :id").param("id", java.util.UUID.fromString(id)).query().singleRow();
            String status = (String) row.get("status");
            if (status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED")) return row;
            if (System.nanoTime() > deadline) throw new AssertionError("backtest " + id + " still " + row);
            sleep(100);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
