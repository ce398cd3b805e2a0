package io.stocklab.engine.generate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KrxTicksTest {

    @Test
    void tickTable() {
        assertThat(KrxTicks.tickSize(1_999)).isEqualTo(1);
        assertThat(KrxTicks.tickSize(2_000)).isEqualTo(5);
        assertThat(KrxTicks.tickSize(4_995)).isEqualTo(5);
        assertThat(KrxTicks.tickSize(5_000)).isEqualTo(10);
        assertThat(KrxTicks.tickSize(19_990)).isEqualTo(10);
        assertThat(KrxTicks.tickSize(20_000)).isEqualTo(50);
        assertThat(KrxTicks.tickSize(50_000)).isEqualTo(100);
        assertThat(KrxTicks.tickSize(200_000)).isEqualTo(500);
        assertThat(KrxTicks.tickSize(499_500)).isEqualTo(500);
        assertThat(KrxTicks.tickSize(500_000)).isEqualTo(1_000);
    }

    @Test
    void rounding() {
        assertThat(KrxTicks.round(12_344)).isEqualTo(12_340);
        assertThat(KrxTicks.round(1_999.6)).isEqualTo(2_000);
        assertThat(KrxTicks.round(0.2)).isEqualTo(1);
        assertThat(KrxTicks.floor(20_049)).isEqualTo(20_000);
        assertThat(KrxTicks.ceil(20_001)).isEqualTo(20_050);
        assertThat(KrxTicks.onGrid(20_050)).isTrue();
        assertThat(KrxTicks.onGrid(20_010)).isFalse();
    }

    @Test
    void limits() {
        assertThat(KrxTicks.upperLimit(10_000)).isEqualTo(13_000);
        assertThat(KrxTicks.lowerLimit(10_000)).isEqualTo(7_000);
        assertThat(KrxTicks.upperLimit(1_555)).isEqualTo(2_020);  // 2,021.5 truncated to the 5-won grid
        assertThat(KrxTicks.lowerLimit(16_660)).isEqualTo(11_670); // 11,662 rounded up to the 10-won grid
        assertThat(KrxTicks.lowerLimit(1)).isEqualTo(1);
        for (double p = 1; p < 2_000_000; p = Math.max(p + 1, KrxTicks.ceil(p * 1.37))) {
            double base = KrxTicks.round(p);
            assertThat(KrxTicks.onGrid(KrxTicks.upperLimit(base))).isTrue();
            assertThat(KrxTicks.onGrid(KrxTicks.lowerLimit(base))).isTrue();
            assertThat(KrxTicks.upperLimit(base) / base - 1).isLessThanOrEqualTo(0.3 + 1e-12);
            assertThat(1 - KrxTicks.lowerLimit(base) / base).isLessThanOrEqualTo(0.3 + 1e-12);
        }
    }
}
