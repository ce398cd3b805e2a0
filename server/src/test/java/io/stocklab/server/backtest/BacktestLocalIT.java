package io.stocklab.server.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.LocalIntegrationTest;
import io.stocklab.server.support.LocalTestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Backtest jobs on the embedded local profile: H2 and the in-process queue and progress fan-out. */
@LocalIntegrationTest
class BacktestLocalIT extends BacktestScenarios {
    @Autowired
    BacktestStartup startup;

    /** Cache warming (off in tests; run here by hand): the famous templates' results show at once. */
    @Test
    void warmUpBacktestsTheFamousTemplatesSoTheirResultsShowAtOnce() {
        String token = newUser();
        startup.warmUp();
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode templates;
        while (true) {
            templates = api.get("/api/v1/strategies/templates", token).json();
            boolean all = true;
            for (JsonNode t : templates) {
                if (t.path("famous").asBoolean() && !t.path("result").path("backtestId").isString()) all = false;
            }
            if (all) break;
            assertThat(System.nanoTime()).as("warm-up results: " + templates).isLessThan(deadline);
            BacktestClient.sleep(100);
        }
        for (JsonNode t : templates) {
            if (!t.path("famous").asBoolean()) assertThat(t.path("result").isMissingNode() || t.path("result").isNull())
                    .as(t.path("id").asString()).isTrue();
        }
        // a user running a famous template gets the warmed-up result from the cache, at once
        JsonNode momentum = null;
        for (JsonNode t : templates) if (t.path("id").asString().equals("momentum-12-1")) momentum = t;
        Api.Response r = submit(token, momentum.path("spec"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("cached").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/backtests/" + r.json().path("id").asString(), token).json().path("stats")
                .path("totalReturnPct").asDouble()).isEqualTo(momentum.path("result").path("totalReturnPct").asDouble());
    }

    @Override
    void adminFirst() {
        try {
            api.registerEmail(LocalTestProperties.ADMIN_EMAIL);
        } catch (AssertionError alreadyThere) {
            // registered by an earlier test
        }
    }
}
