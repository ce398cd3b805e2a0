package io.stocklab.server.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stocklab.engine.EngineVersion;
import io.stocklab.engine.factor.FactorLibrary;
import io.stocklab.engine.spec.SpecReader;
import org.junit.jupiter.api.Test;

class BacktestMathTest {

    @Test
    void correlationIsPearsonAndUndefinedForConstantSeries() {
        double[] a = {0.01, -0.02, 0.03, 0.0, 0.01};
        double[] b = {0.02, -0.04, 0.06, 0.0, 0.02};
        double[] c = {-0.01, 0.02, -0.03, 0.0, -0.01};
        assertThat(BacktestService.correlation(a, b)).isCloseTo(1.0, within(1e-12));
        assertThat(BacktestService.correlation(a, c)).isCloseTo(-1.0, within(1e-12));
        assertThat(BacktestService.correlation(a, new double[] {1, 1, 1, 1, 1})).isNull();
        assertThat(BacktestService.correlation(new double[] {1}, new double[] {2})).isNull();
        double r = BacktestService.correlation(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4});
        assertThat(r).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void theConfigHashIgnoresTheNameAndDefaultsButNotTheRules() {
        var lib = FactorLibrary.standard();
        var a = SpecReader.read("{\"name\": \"a\", \"buy\": {\"maxPositions\": 20}}", lib);
        var b = SpecReader.read("{\"name\": \"b\"}", lib);
        var c = SpecReader.read("{\"buy\": {\"maxPositions\": 10}}", lib);
        String v = EngineVersion.VERSION;
        assertThat(ConfigHash.of(a, "krx-demo", "d1", v)).isEqualTo(ConfigHash.of(b, "krx-demo", "d1", v));
        assertThat(ConfigHash.of(a, "krx-demo", "d1", v)).isNotEqualTo(ConfigHash.of(c, "krx-demo", "d1", v));
        assertThat(ConfigHash.of(a, "krx-demo", "d1", v)).isNotEqualTo(ConfigHash.of(a, "krx-demo", "d2", v));
        assertThat(ConfigHash.of(a, "krx-demo", "d1", v)).isNotEqualTo(ConfigHash.of(a, "krx-demo", "d1", "9.9"));
        assertThat(ConfigHash.of(a, "krx-demo", "d1", v)).hasSize(64);
    }
}
