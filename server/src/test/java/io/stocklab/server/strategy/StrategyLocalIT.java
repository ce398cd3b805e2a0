package io.stocklab.server.strategy;

import static io.stocklab.server.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.LocalIntegrationTest;
import io.stocklab.server.support.LocalTestProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Saved strategies, versions, sharing, validation, templates and sweeps on the local profile. */
@LocalIntegrationTest
class StrategyLocalIT {
    static final String SPEC = """
            {"name": "Cheap quality", "rebalance": "monthly",
             "buy": {"when": "per > 0 and per < 15", "rank": [{"by": "pbr", "order": "asc"}], "maxPositions": 10}}""";

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
        try {
            api.registerEmail(LocalTestProperties.ADMIN_EMAIL);
        } catch (AssertionError alreadyThere) {
            // registered by an earlier test
        }
    }

    Response put(String path, Object body, String token) {
        return api.raw("PUT", path, java.net.http.HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)),
                "application/json", Map.of("Authorization", "Bearer " + token));
    }

    String newUser() {
        return api.login(api.register("st")).path("accessToken").asString();
    }

    @Test
    void strategiesHaveVersionsSharingAndClones() {
        String alice = newUser();
        String bob = newUser();
        Response created = api.post("/api/v1/strategies", body("spec", Api.JSON.readTree(SPEC), "tags",
                List.of("Value", "quality"), "description", "PER under 15, cheapest PBR"), alice);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode s = created.json();
        String id = s.path("id").asString();
        assertThat(s.path("name").asString()).isEqualTo("Cheap quality");
        assertThat(s.path("version").asInt()).isEqualTo(1);
        assertThat(s.path("visibility").asString()).isEqualTo("PRIVATE");
        assertThat(s.path("tags").toString()).isEqualTo("[\"value\",\"quality\"]");

        // each save of a spec is a new version; metadata alone is not
        JsonNode v2spec = Api.JSON.readTree(SPEC.replace("per < 15", "per < 12"));
        Response updated = put("/api/v1/strategies/" + id, body("spec", v2spec, "note", "stricter"), alice);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("version").asInt()).isEqualTo(2);
        assertThat(put("/api/v1/strategies/" + id, body("name", "Renamed"), alice).json().path("version").asInt())
                .isEqualTo(2);
        JsonNode versions = api.get("/api/v1/strategies/" + id + "/versions", alice).json();
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(0).path("note").asString()).isEqualTo("stricter");
        assertThat(api.get("/api/v1/strategies/" + id + "/versions/1", alice).json().path("spec").path("buy")
                .path("when").asString()).contains("per < 15");

        // private: invisible to others
        assertThat(api.get("/api/v1/strategies/" + id, bob).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/strategies/" + id + "/clone", null, bob).status()).isEqualTo(404);
        // an invalid spec is refused with its paths, nothing is saved
        Response bad = put("/api/v1/strategies/" + id, body("spec", Api.JSON.readTree(
                "{\"buy\": {\"when\": \"pre > 1\"}}")), alice);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("spec.buy.when");
        assertThat(bad.json().path("errors").get(0).path("message").asString()).contains("did you mean 'per'");
        assertThat(api.get("/api/v1/strategies/" + id, alice).json().path("version").asInt()).isEqualTo(2);

        // public and anonymous: listed, readable, clonable; the author is not shown
        put("/api/v1/strategies/" + id, body("visibility", "PUBLIC", "anonymous", true), alice);
        JsonNode seen = api.get("/api/v1/strategies/" + id, bob).json();
        assertThat(seen.path("ownerId").isMissingNode() || seen.path("ownerId").isNull()).isTrue();
        assertThat(seen.path("spec").path("buy").isObject()).isTrue();
        JsonNode listed = api.get("/api/v1/strategies/public?q=renamed&size=100", bob).json();
        assertThat(listed.path("items").toString()).contains(id);
        Response cloned = api.post("/api/v1/strategies/" + id + "/clone", body("name", "Mine now"), bob);
        assertThat(cloned.status()).as(cloned.toString()).isEqualTo(201);
        assertThat(cloned.json().path("clonedFrom").asString()).isEqualTo(id);
        assertThat(cloned.json().path("visibility").asString()).isEqualTo("PRIVATE");
        assertThat(cloned.json().path("spec")).isEqualTo(v2spec);
        assertThat(put("/api/v1/strategies/" + id, body("name", "x"), bob).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/strategies/" + id, null, bob).status()).isEqualTo(404);

        // hidden details: results yes, rules no, no clone
        put("/api/v1/strategies/" + id, body("hideDetails", true), alice);
        JsonNode hidden = api.get("/api/v1/strategies/" + id, bob).json();
        assertThat(hidden.path("detailsHidden").asBoolean()).isTrue();
        assertThat(hidden.path("spec").isMissingNode() || hidden.path("spec").isNull()).isTrue();
        assertThat(api.get("/api/v1/strategies/" + id + "/versions", bob).json().get(0).has("spec")).isFalse();
        assertThat(api.post("/api/v1/strategies/" + id + "/clone", null, bob).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/strategies/" + id, alice).json().path("spec").isObject()).isTrue();

        assertThat(api.get("/api/v1/strategies", alice).json().path("totalItems").asLong()).isEqualTo(1);
        assertThat(api.delete("/api/v1/strategies/" + id, null, alice).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/strategies/" + id, alice).status()).isEqualTo(404);
    }

    @Test
    void validateListsEveryProblemWithItsPath() {
        String token = newUser();
        Response ok = api.post("/api/v1/strategies/validate", SPEC, token);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("valid").asBoolean()).isTrue();
        assertThat(ok.json().path("dataset").asString()).isEqualTo("krx-demo");
        assertThat(ok.json().path("effectiveSpec").path("buy").path("sizing").isObject()).isTrue();

        Response bad = api.post("/api/v1/strategies/validate", """
                {"dataset": "nope", "bogus": 1, "buy": {"when": "pre < 10 and (", "maxPositions": -1},
                 "period": {"start": "2020-02-30"}}""", token);
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.json().path("valid").asBoolean()).isFalse();
        List<String> paths = new ArrayList<>();
        bad.json().path("problems").forEach(p -> paths.add(p.path("path").asString()));
        assertThat(paths).contains("$.dataset", "$.bogus", "$.buy.when", "$.buy.maxPositions", "$.period.start");
        String when = bad.json().path("problems").toString();
        assertThat(when).contains("did you mean 'per'");

        Response late = api.post("/api/v1/strategies/validate", "{\"period\": {\"start\": \"2099-01-01\"}}", token);
        assertThat(late.json().path("problems").get(0).path("path").asString()).isEqualTo("$.period.start");
        assertThat(late.json().path("problems").get(0).path("message").asString()).contains("after the data");
    }

    @Test
    void everyTemplateIsAValidSpecWithASource() {
        String token = newUser();
        JsonNode templates = api.get("/api/v1/strategies/templates", token).json();
        assertThat(templates.size()).isEqualTo(10);
        List<String> ids = new ArrayList<>();
        for (JsonNode t : templates) {
            ids.add(t.path("id").asString());
            assertThat(t.path("source").asString()).as(t.path("id").asString()).isNotBlank();
            assertThat(t.path("description").asString()).isNotBlank();
            Response v = api.post("/api/v1/strategies/validate", t.path("spec"), token);
            assertThat(v.json().path("valid").asBoolean()).as(t.path("id") + " " + v.body()).isTrue();
        }
        assertThat(ids).contains("magic-formula", "piotroski-f-score", "lynch-peg", "quality-value", "value-composite",
                "low-volatility", "momentum-12-1", "dual-momentum", "rsi-mean-reversion", "sma-crossover");
    }

    @Test
    void aSweepRanksItsVariantsAndShowsOutOfSampleFigures() {
        String token = newUser();
        Map<String, Object> parameters = Map.of(
                "/buy/maxPositions", Map.of("min", 5, "max", 15, "step", 5),
                "/sell/stopLossPct", List.of(5, 10, -3));
        Response r = api.post("/api/v1/sweeps", body("spec", Api.JSON.readTree(SPEC), "parameters", parameters,
                "objective", "sharpe", "chunkSize", 2), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String id = r.json().path("id").asString();
        assertThat(r.json().path("variants").asInt()).isEqualTo(9);
        assertThat(r.json().path("chunks").asInt()).isEqualTo(5);
        JsonNode done = awaitSweep(token, id);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.path("chunksDone").asInt()).isEqualTo(5);
        JsonNode results = api.get("/api/v1/sweeps/" + id + "/results", token).json();
        assertThat(results.path("total").asInt()).isEqualTo(9);
        List<Double> objectives = new ArrayList<>();
        int failed = 0;
        for (JsonNode item : results.path("items")) {
            if (item.has("error")) {
                failed++;
                assertThat(item.path("parameters").path("/sell/stopLossPct").asInt()).isEqualTo(-3);
            } else {
                objectives.add(item.path("objective").asDouble());
            }
        }
        assertThat(failed).isEqualTo(3); // a result per item: the invalid variants say why
        assertThat(objectives).hasSize(6).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(done.path("summary").path("best").path("objective").asDouble()).isEqualTo(objectives.getFirst());

        // walk-forward: in-sample optimization, out-of-sample test, rolling
        Response wf = api.post("/api/v1/sweeps", body("spec", Api.JSON.readTree(SPEC), "parameters",
                Map.of("/buy/maxPositions", List.of(5, 10)), "objective", "cagr", "walkForward",
                Map.of("inSampleMonths", 12, "outOfSampleMonths", 6)), token);
        assertThat(wf.status()).as(wf.toString()).isEqualTo(202);
        JsonNode wfDone = awaitSweep(token, wf.json().path("id").asString());
        assertThat(wfDone.path("status").asString()).isEqualTo("COMPLETED");
        JsonNode best = wfDone.path("summary").path("best");
        assertThat(best.path("windows").size()).isGreaterThanOrEqualTo(2);
        assertThat(wfDone.path("summary").path("bestInSample").isNumber()).isTrue();
        assertThat(wfDone.path("summary").path("bestOutOfSample").isNumber()).isTrue();

        Response tooMany = api.post("/api/v1/sweeps", body("spec", Api.JSON.readTree(SPEC), "parameters", Map.of(
                "/buy/maxPositions", Map.of("min", 1, "max", 200, "step", 1),
                "/sell/stopLossPct", Map.of("min", 1, "max", 100, "step", 1))), token);
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body()).contains("20000 variants");
    }

    JsonNode awaitSweep(String token, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode s = null;
        while (System.nanoTime() < deadline) {
            s = api.get("/api/v1/sweeps/" + id, token).json();
            if (s.path("status").asString().matches("COMPLETED|FAILED|CANCELLED")) return s;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("sweep did not finish: " + s);
    }
}
