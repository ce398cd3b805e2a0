package io.stocklab.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stocklab.server.sweep.WalkForwardChain.Chained;
import io.stocklab.server.sweep.WalkForwardChain.Figures;
import io.stocklab.server.sweep.WalkForwardChain.Point;
import io.stocklab.server.sweep.WalkForwardChain.Segment;
import io.stocklab.server.sweep.WalkForwardChain.Winner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WalkForwardChainTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static List<JsonNode> outcomes(String json) {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(json).forEach(out::add);
        return out;
    }

    @Test
    void eachWindowsWinnerIsTheBestInSampleVariantTiesGoToTheLowestIndex() {
        // listed best-first by average objective, as the ranked outcomes are: the order must not decide
        List<Winner> winners = WalkForwardChain.winners(outcomes("""
                [{"index": 1, "label": "n=10", "windows": [{"inSample": 1.5, "outOfSample": 0.2},
                                                           {"inSample": 2.0, "outOfSample": 0.3}]},
                 {"index": 0, "label": "n=5", "windows": [{"inSample": 1.0, "outOfSample": 0.5},
                                                          {"inSample": 2.0, "outOfSample": -0.1}]},
                 {"index": 3, "label": "n=20", "windows": [{"inSample": null, "outOfSample": 9.0},
                                                           {"inSample": 1.0, "outOfSample": 9.0}]},
                 {"index": 2, "label": "n=15", "objective": null, "error": "bad spec"}]"""), 2);
        assertThat(winners).containsExactly(
                new Winner(0, 1, "n=10", 1.5, 0.2),    // best in sample, though its out-of-sample is not the best
                new Winner(1, 0, "n=5", 2.0, -0.1));   // tie at 2.0: the lower index
        // a window where no variant has an in-sample objective has no winner
        List<Winner> none = WalkForwardChain.winners(outcomes("""
                [{"index": 0, "label": "a", "windows": [{"inSample": 1.0}, {"inSample": null}]}]"""), 2);
        assertThat(none.get(0).index()).isZero();
        assertThat(none.get(1)).isNull();
        assertThat(WalkForwardChain.unchainable(windows(6, 6), none)).contains("window 1");
    }

    static List<SweepPlan.Window> windows(int outMonths, int stepMonths) {
        return SweepPlan.windows(LocalDate.of(2020, 1, 1), LocalDate.of(2022, 12, 31), 12, outMonths, stepMonths);
    }

    @Test
    void overlappingOutOfSampleWindowsAreNotChained() {
        Winner w = new Winner(0, 0, "a", 1, 1.0);
        List<SweepPlan.Window> rolling = windows(6, 6);
        assertThat(WalkForwardChain.unchainable(rolling, rolling.stream().map(x -> w).toList())).isNull();
        List<SweepPlan.Window> overlapping = windows(6, 3);
        assertThat(overlapping.size()).isGreaterThan(1);
        assertThat(WalkForwardChain.unchainable(overlapping, overlapping.stream().map(x -> w).toList()))
                .contains("overlap");
        assertThat(WalkForwardChain.unchainable(List.of(), List.of())).isNotNull();
    }

    @Test
    void segmentsAreChainedRelativeToTheirOwnStart() {
        LocalDate d = LocalDate.of(2024, 1, 2);
        Segment first = new Segment(100, List.of(d, d.plusDays(1)), new double[] {110, 121});
        // a second run with another capital: only its returns count (-10 %, then +10 %)
        Segment second = new Segment(1000, List.of(d.plusDays(2), d.plusDays(3)), new double[] {900, 990});
        Chained c = WalkForwardChain.chain(List.of(first, second)).orElseThrow();
        assertThat(c.initialCapital()).isEqualTo(100);
        assertThat(c.points()).extracting(Point::date)
                .containsExactly(d, d.plusDays(1), d.plusDays(2), d.plusDays(3));
        assertThat(c.values()).containsExactly(new double[] {110, 121, 108.9, 119.79}, within(1e-9));

        Figures f = WalkForwardChain.figures(c, d, d.plusDays(3));
        assertThat(f.days()).isEqualTo(4);
        assertThat(f.totalReturnPct()).isCloseTo(19.79, within(1e-9));
        assertThat(f.maxDrawdownPct()).isCloseTo(10.0, within(1e-9));          // 121 -> 108.9
        assertThat(f.cagrPct()).isCloseTo((Math.pow(1.1979, 252.0 / 4) - 1) * 100, within(1e-6));
        // daily returns +10 %, +10 %, -10 %, +10 %: mean 0.05, sample std 0.1
        assertThat(f.sharpe()).isCloseTo(0.5 * Math.sqrt(252), within(1e-9));
        assertThat(f.calmar()).isCloseTo(f.cagrPct() / 10.0, within(1e-9));
    }

    @Test
    void unusableSegmentsGiveNoChain() {
        LocalDate d = LocalDate.of(2024, 1, 2);
        Segment ok = new Segment(100, List.of(d), new double[] {101});
        assertThat(WalkForwardChain.chain(List.of())).isEmpty();
        assertThat(WalkForwardChain.chain(List.of(ok, new Segment(100, List.of(), new double[0])))).isEmpty();
        assertThat(WalkForwardChain.chain(List.of(ok, new Segment(0, List.of(d.plusDays(1)), new double[] {1}))))
                .isEmpty();
        // a segment that does not come after the previous one (overlapping days) is refused
        assertThat(WalkForwardChain.chain(List.of(ok, new Segment(100, List.of(d), new double[] {102})))).isEmpty();
    }
}
