package io.stocklab.engine.sweep;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.ProgressListener;
import io.stocklab.engine.backtest.Backtester;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.data.PanelLoader;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.result.BacktestResult;
import io.stocklab.engine.spec.SpecException;
import io.stocklab.engine.spec.SpecReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepTest {
    static final FactorLibrary LIB = new FactorLibrary(List.of());
    static MarketPanel panel;
    static final String BASE = """
            {"name": "sweep base", "rebalance": "weekly",
             "universe": {"filter": "close > sma(close, 50)"},
             "buy": {"rank": [{"by": "change(close, 60)", "order": "desc"}], "maxPositions": 10},
             "sell": {"stopLossPct": 10, "dropUnselected": true},
             "period": {"start": "2014-01-01", "end": "2016-12-31"}}
            """;

    @BeforeAll
    static void load() throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("data/sp500_daily_2013_2018.csv.gz"))) p = p.getParent();
        panel = PanelLoader.load(p.resolve("data/sp500_daily_2013_2018.csv.gz"));
    }

    private static List<Sweep.Variant> grid() {
        JsonNode base = JsonMapper.builder().build().readTree(BASE);
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, List<JsonNode>> params = new LinkedHashMap<>();
        params.put("/sell/stopLossPct", List.of(f.numberNode(5), f.numberNode(10), f.numberNode(20)));
        params.put("/buy/maxPositions", List.of(f.numberNode(5), f.numberNode(15)));
        return Sweep.grid(base, params, LIB);
    }

    @Test
    void gridEnumeratesEveryCombinationInOrder() {
        List<Sweep.Variant> v = grid();
        assertThat(v).hasSize(6);
        assertThat(v).extracting(Sweep.Variant::label).containsExactly(
                "stopLossPct=5, maxPositions=5", "stopLossPct=5, maxPositions=15",
                "stopLossPct=10, maxPositions=5", "stopLossPct=10, maxPositions=15",
                "stopLossPct=20, maxPositions=5", "stopLossPct=20, maxPositions=15");
        assertThat(v.get(3).spec().sell().stopLossPct()).isEqualTo(10.0);
        assertThat(v.get(3).spec().buy().maxPositions()).isEqualTo(15);
    }

    @Test
    void parallelSweepEqualsSeparateRunsInVariantOrder() {
        List<Sweep.Variant> variants = grid();
        Backtester bt = new Backtester(panel, LIB);
        List<Double> progress = new CopyOnWriteArrayList<>();
        List<Sweep.Outcome> out = Sweep.run(bt, variants, 2, (f, phase, d) -> progress.add(f), Cancellation.NEVER);
        assertThat(out).hasSize(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            Sweep.Outcome o = out.get(i);
            assertThat(o.index()).isEqualTo(i);
            assertThat(o.ok()).as(o.error()).isTrue();
            BacktestResult alone = new Backtester(panel, LIB).run(variants.get(i).spec());
            assertThat(o.result().stats()).isEqualTo(alone.stats());
            assertThat(o.result().trades()).isEqualTo(alone.trades());
        }
        // different parameters really change the outcome
        assertThat(out.get(0).result().stats()).isNotEqualTo(out.get(5).result().stats());
        assertThat(progress).contains(1.0);
        // the shared term was computed once and cached on the panel
        assertThat(panel.cache().keys()).anySatisfy(k -> assertThat(k).contains("sma(close, 50)"));
    }

    @Test
    void aFailingVariantDoesNotStopTheOthers() {
        List<Sweep.Variant> variants = new ArrayList<>(grid().subList(0, 2));
        variants.add(new Sweep.Variant("no data in period",
                SpecReader.read("{\"period\": {\"start\": \"2030-01-01\"}}", LIB)));
        List<Sweep.Outcome> out = Sweep.run(new Backtester(panel, LIB), variants, 2, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(out.get(0).ok()).isTrue();
        assertThat(out.get(1).ok()).isTrue();
        assertThat(out.get(2).ok()).isFalse();
        assertThat(out.get(2).error()).contains("no trading days");
    }

    @Test
    void anInvalidVariantIsRejectedWithItsPath() {
        JsonNode base = JsonMapper.builder().build().readTree(BASE);
        Map<String, List<JsonNode>> params = Map.of("/sell/stopLossPct", List.of(JsonNodeFactory.instance.numberNode(150)));
        assertThatThrownBy(() -> Sweep.grid(base, params, LIB)).isInstanceOf(SpecException.class).hasMessageContaining("$.sell.stopLossPct");
    }

    @Test
    void cancellationStopsTheSweep() {
        Cancellation c = new Cancellation();
        c.cancel();
        assertThatThrownBy(() -> Sweep.run(new Backtester(panel, LIB), grid(), 2, ProgressListener.NONE, c))
                .isInstanceOf(Cancellation.CancelledException.class);
    }
}
