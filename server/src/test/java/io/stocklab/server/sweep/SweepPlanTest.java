package io.stocklab.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklab.server.platform.error.ApiException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SweepPlanTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNode BASE = JSON.readTree("{\"buy\": {\"maxPositions\": 20}}");

    @Test
    void theGridEnumeratesEveryCombinationOnceLastParameterFastest() {
        SweepPlan plan = SweepPlan.of(BASE, JSON.readTree("""
                {"/buy/maxPositions": {"min": 5, "max": 15, "step": 5}, "/sell/stopLossPct": [5, 10]}"""),
                null, null, null, List.of());
        assertThat(plan.variants()).isEqualTo(6);
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < 6; i++) labels.add(SweepPlan.label(plan.choice(i)));
        assertThat(labels).hasSize(6);
        assertThat(SweepPlan.label(plan.choice(0))).isEqualTo("maxPositions=5, stopLossPct=5");
        assertThat(SweepPlan.label(plan.choice(1))).isEqualTo("maxPositions=5, stopLossPct=10");
        assertThat(SweepPlan.label(plan.choice(5))).isEqualTo("maxPositions=15, stopLossPct=10");
        JsonNode spec = plan.spec(plan.choice(3), LocalDate.of(2020, 1, 1), LocalDate.of(2020, 6, 30));
        assertThat(spec.path("buy").path("maxPositions").asInt()).isEqualTo(10);
        assertThat(spec.path("sell").path("stopLossPct").asInt()).isEqualTo(10);
        assertThat(spec.path("period").path("end").asString()).isEqualTo("2020-06-30");
        assertThat(BASE.has("sell")).as("the base spec is not changed").isFalse();
    }

    @Test
    void randomDrawsDependOnlyOnTheSeedAndTheIndex() {
        JsonNode params = JSON.readTree("{\"/sell/stopLossPct\": {\"min\": 1, \"max\": 50, \"step\": 0.5}}");
        SweepPlan a = SweepPlan.of(BASE, params, "random", 100, 7L, List.of());
        SweepPlan b = SweepPlan.of(BASE, params, "random", 100, 7L, List.of());
        SweepPlan c = SweepPlan.of(BASE, params, "random", 100, 8L, List.of());
        assertThat(a.variants()).isEqualTo(100);
        boolean differs = false;
        for (int i = 0; i < 100; i++) {
            assertThat(a.choice(i)).isEqualTo(b.choice(i));
            differs |= !a.choice(i).equals(c.choice(i));
            double v = a.choice(i).get("/sell/stopLossPct").asDouble();
            assertThat(v).isBetween(1.0, 50.0);
        }
        assertThat(differs).isTrue();
    }

    @Test
    void tooManyVariantsOrBadParametersAreRefused() {
        assertThatThrownBy(() -> SweepPlan.of(BASE, JSON.readTree("""
                {"/a": {"min": 1, "max": 200, "step": 1}, "/b": {"min": 1, "max": 100, "step": 1}}"""),
                "grid", null, null, List.of()))
                .isInstanceOf(ApiException.class).hasMessageContaining("invalid");
        assertThatThrownBy(() -> SweepPlan.of(BASE, JSON.readTree("{\"buy\": [1]}"), null, null, null, List.of()))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> SweepPlan.of(BASE, JSON.readTree("{\"/a\": [1]}"), "random", 10_001, null, List.of()))
                .isInstanceOf(ApiException.class);
        ApiException e = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() -> SweepPlan.of(BASE,
                JSON.readTree("{\"/a\": {\"min\": 5, \"max\": 1, \"step\": 1}}"), null, null, null, List.of()));
        assertThat(e.fieldErrors().getFirst().field()).isEqualTo("parameters./a");
    }

    @Test
    void walkForwardWindowsRollByTheStepAndEndWithTheData() {
        List<SweepPlan.Window> w = SweepPlan.windows(LocalDate.of(2020, 1, 1), LocalDate.of(2022, 12, 31), 12, 6, 6);
        assertThat(w).hasSize(4);
        assertThat(w.getFirst()).isEqualTo(new SweepPlan.Window(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31),
                LocalDate.of(2021, 1, 1), LocalDate.of(2021, 6, 30)));
        assertThat(w.getLast()).isEqualTo(new SweepPlan.Window(LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 30),
                LocalDate.of(2022, 7, 1), LocalDate.of(2022, 12, 31)));
        assertThat(w.get(1).inStart()).isEqualTo(LocalDate.of(2020, 7, 1));
        assertThat(SweepPlan.windows(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 6, 30), 12, 6, 6)).isEmpty();
        // anchored at the end: data that does not fill a whole step at the start is left out, never the latest days
        List<SweepPlan.Window> ragged = SweepPlan.windows(LocalDate.of(2020, 3, 17), LocalDate.of(2022, 11, 29),
                12, 6, 6);
        assertThat(ragged).hasSize(3);
        assertThat(ragged.getLast().outEnd()).isEqualTo(LocalDate.of(2022, 11, 29));
        assertThat(ragged.getFirst().inStart()).isEqualTo(LocalDate.of(2020, 5, 30));
        // boundaries counted from one anchor: month ends do not drift into overlapping or gapped windows
        List<SweepPlan.Window> monthEnd = SweepPlan.windows(LocalDate.of(2023, 12, 31), LocalDate.of(2025, 12, 30),
                12, 6, 6);
        assertThat(monthEnd).hasSize(2);
        assertThat(monthEnd.get(0).outEnd()).isEqualTo(LocalDate.of(2025, 6, 29));
        assertThat(monthEnd.get(1).outStart()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(monthEnd.get(1).outEnd()).isEqualTo(LocalDate.of(2025, 12, 30));
        for (SweepPlan.Window x : monthEnd) assertThat(x.outStart()).isEqualTo(x.inEnd().plusDays(1));
    }
}
