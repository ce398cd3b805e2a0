package io.stocklab.server.ranking;

import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Test helpers: strategies, backtests and boards over HTTP. */
final class RankingClient {
    static final Duration WAIT = Duration.ofSeconds(60);
    private final Api api;

    RankingClient(Api api) {
        this.api = api;
    }

    /** A monthly spec; the factor, the number of positions and the market make runs differ. */
    static ObjectNode spec(String name, String factor, int positions, String market) {
        ObjectNode spec = (ObjectNode) Api.JSON.readTree("""
                {"rebalance": "monthly", "buy": {"rank": [{"by": "mom_63d", "order": "desc"}], "maxPositions": 10},
                 "sell": {"dropUnselected": true}}""");
        spec.put("name", name);
        ((ObjectNode) spec.path("buy").path("rank").get(0)).put("by", factor);
        ((ObjectNode) spec.path("buy")).put("maxPositions", positions);
        if (market != null) spec.putObject("universe").putArray("markets").add(market);
        return spec;
    }

    /**
     * {@link #spec} starting 24 months before the data's last day, so that a walk-forward sweep of 12 months in
     * sample and 6 out of sample has two out-of-sample windows covering the data's last year (an oos board entry).
     */
    static ObjectNode sweepable(String name, String factor, int positions, String market, LocalDate dataEnd) {
        ObjectNode spec = spec(name, factor, positions, market);
        spec.putObject("period").put("start", dataEnd.minusMonths(24).plusDays(1).toString());
        return spec;
    }

    /** A walk-forward sweep of the strategy (2 variants, 12 months in sample, 6 out); answers the sweep id. */
    String sweep(String token, String strategyId, int stepMonths) {
        Response r = api.post("/api/v1/sweeps", body("strategyId", strategyId, "parameters",
                Map.of("/buy/maxPositions", List.of(3, 6)), "objective", "sharpe", "walkForward",
                Map.of("inSampleMonths", 12, "outOfSampleMonths", 6, "stepMonths", stepMonths)), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return r.json().path("id").asString();
    }

    /** Waits until the sweep is COMPLETED; answers its view. */
    JsonNode awaitSweep(String token, String sweepId) {
        long deadline = System.nanoTime() + WAIT.toNanos() * 2;
        while (System.nanoTime() < deadline) {
            JsonNode s = api.get("/api/v1/sweeps/" + sweepId, token).json();
            String status = s.path("status").asString();
            if (status.equals("COMPLETED")) return s;
            assertThat(status).as(s.toString()).isNotIn("FAILED", "CANCELLED");
            sleep(50);
        }
        throw new AssertionError("sweep " + sweepId + " did not complete");
    }

    void deleteSweep(String token, String sweepId) {
        Response r = api.delete("/api/v1/sweeps/" + sweepId, null, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    String createStrategy(String token, JsonNode spec, boolean isPublic, boolean anonymous) {
        Response r = api.post("/api/v1/strategies", body("spec", spec, "visibility", isPublic ? "PUBLIC" : "PRIVATE",
                "anonymous", anonymous), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    void update(String token, String strategyId, Map<String, Object> changes) {
        Response r = api.raw("PUT", "/api/v1/strategies/" + strategyId,
                HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(changes)), "application/json",
                Map.of("Authorization", "Bearer " + token));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    void deleteStrategy(String token, String strategyId) {
        Response r = api.delete("/api/v1/strategies/" + strategyId, null, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    /** Runs the strategy's current version to completion; answers the backtest id. */
    String run(String token, String strategyId) {
        Response r = api.post("/api/v1/backtests", body("strategyId", strategyId), token);
        assertThat(r.status()).as(r.toString()).isIn(200, 202);   // 200: a cached result
        String id = r.json().path("id").asString();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = api.get("/api/v1/backtests/" + id + "/status", token).json();
            String status = s.path("status").asString();
            if (status.equals("COMPLETED")) return id;
            assertThat(status).as(s.toString()).isNotIn("FAILED", "CANCELLED");
            sleep(30);
        }
        throw new AssertionError("backtest " + id + " did not complete");
    }

    void deleteBacktest(String token, String backtestId) {
        Response r = api.delete("/api/v1/backtests/" + backtestId, null, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    static String query(String metric, String period, String market) {
        return "metric=" + metric + "&period=" + period + "&market=" + market;
    }

    /** A board's first page. */
    JsonNode board(String token, String query) {
        Response r = api.get("/api/v1/rankings?" + query, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** Every entry of a board, page by page. */
    List<JsonNode> allEntries(String token, String query) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = board(token, query + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("entries").forEach(out::add);
            cursor = page.path("nextCursor").isString() ? page.path("nextCursor").asString() : null;
        } while (cursor != null);
        return out;
    }

    /** Polls until the board's entries satisfy the condition (the board is updated in the background). */
    List<JsonNode> awaitEntries(String token, String query, Predicate<List<JsonNode>> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> last = List.of();
        while (System.nanoTime() < deadline) {
            last = allEntries(token, query);
            if (condition.test(last)) return last;
            sleep(50);
        }
        throw new AssertionError("board " + query + " never got there; last: " + last);
    }

    static boolean has(List<JsonNode> entries, String strategyId) {
        return entries.stream().anyMatch(e -> e.path("strategyId").asString().equals(strategyId));
    }

    static JsonNode find(List<JsonNode> entries, String strategyId) {
        return entries.stream().filter(e -> e.path("strategyId").asString().equals(strategyId)).findFirst()
                .orElseThrow(() -> new AssertionError(strategyId + " not on the board: " + entries));
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
