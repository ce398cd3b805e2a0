package io.stocklab.engine.generate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorConfigTest {

    @Test
    void defaults() {
        GeneratorConfig c = GeneratorConfig.defaults();
        assertThat(c.stocks()).isEqualTo(2500);
        assertThat(c.years()).isEqualTo(10);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.end()).isEqualTo(LocalDate.of(2025, 12, 30));
        assertThat(c.start()).isEqualTo(LocalDate.of(2015, 12, 31));
        assertThat(c.panelName()).isEqualTo("synthetic-krx-s42");
        assertThat(c.toMap()).containsEntry("seed", 42L).containsEntry("stocks", 2500).containsEntry("end", "2025-12-30");
    }

    @Test
    void withers() {
        GeneratorConfig c = GeneratorConfig.defaults().withStocks(10).withYears(2).withSeed(-5).withEnd(LocalDate.of(2020, 6, 30));
        assertThat(c).isEqualTo(new GeneratorConfig(10, 2, -5, LocalDate.of(2020, 6, 30)));
        assertThat(c.start()).isEqualTo(LocalDate.of(2018, 7, 1));
        assertThat(GeneratorConfig.of(3, 4, 5)).isEqualTo(new GeneratorConfig(3, 4, 5, GeneratorConfig.DEFAULT_END));
    }

    @Test
    void rejectsBadStocks() {
        assertThatThrownBy(() -> GeneratorConfig.of(0, 10, 42))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("stocks must be at least 1, got 0");
        assertThatThrownBy(() -> GeneratorConfig.of(-3, 10, 42)).hasMessageContaining("stocks must be at least 1");
        assertThatThrownBy(() -> GeneratorConfig.of(100_001, 10, 42)).hasMessageContaining("stocks must be at most 100000");
    }

    @Test
    void rejectsBadYears() {
        assertThatThrownBy(() -> GeneratorConfig.of(10, 0, 42))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("years must be between 1 and 40, got 0");
        assertThatThrownBy(() -> GeneratorConfig.of(10, 41, 42)).hasMessageContaining("years must be between 1 and 40, got 41");
    }

    @Test
    void rejectsBadEnd() {
        assertThatThrownBy(() -> new GeneratorConfig(10, 10, 42, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end date");
        assertThatThrownBy(() -> new GeneratorConfig(10, 10, 42, LocalDate.of(2150, 1, 1)))
                .hasMessageContaining("within 1950..2100");
        assertThatThrownBy(() -> new GeneratorConfig(10, 40, 42, LocalDate.of(1980, 1, 1)))
                .hasMessageContaining("within 1950..2100");
    }

    @Test
    void rejectsPanelsTooLargeForMemory() {
        assertThatThrownBy(() -> GeneratorConfig.of(100_000, 40, 42))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stocks × years must be at most");
        assertThat(GeneratorConfig.of(100_000, 10, 42).stocks()).isEqualTo(100_000);
        assertThat(GeneratorConfig.of(25_000, 40, 42).years()).isEqualTo(40);
    }
}
