package io.stocklab.engine.factor;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.engine.data.MarketPanel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

class FactorLibraryTest {

    private static final List<String> REQUIRED = List.of("per", "pbr", "psr", "pcr", "roe", "roa", "debt_ratio",
            "current_ratio", "f_score", "mom_21d", "mom_63d", "mom_126d", "mom_252d", "mom_12_1", "rsi_14", "sma_20",
            "sma_50", "market_cap", "traded_value_20d", "vol_60d", "beta_250d", "dist_52w_high", "div_yield",
            "earnings_yield", "revenue_growth_1y", "op_margin");

    @Test
    void catalogueIsLargeUniqueAndDescribed() {
        FactorLibrary lib = FactorLibrary.standard();
        List<Factor> all = lib.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        Set<String> ids = new HashSet<>();
        Map<FactorCategory, Integer> perCategory = new EnumMap<>(FactorCategory.class);
        for (Factor f : all) {
            assertThat(ids.add(f.id())).as("unique id %s", f.id()).isTrue();
            assertThat(f.id()).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
            assertThat(f.name()).as("name of %s", f.id()).isNotBlank();
            assertThat(f.description()).as("description of %s", f.id()).isNotBlank();
            assertThat(f.formula()).as("formula of %s", f.id()).isNotBlank();
            assertThat(f.inputs()).as("inputs of %s", f.id()).isNotEmpty().allSatisfy(s -> assertThat(s).isNotBlank());
            assertThat(f.category()).isNotNull();
            perCategory.merge(f.category(), 1, Integer::sum);
        }
        for (FactorCategory c : FactorCategory.values()) {
            assertThat(perCategory.getOrDefault(c, 0)).as("factors in %s", c).isGreaterThanOrEqualTo(10);
        }
        assertThat(ids).containsAll(REQUIRED);
    }

    @Test
    void inputsThatNameFactorsNameExistingOnes() {
        FactorLibrary lib = FactorLibrary.standard();
        Set<String> raw = Set.of("open", "high", "low", "close", "volume", "benchmark");
        for (Factor f : lib.all()) {
            for (String in : f.inputs()) {
                boolean item = io.stocklab.engine.data.FundamentalItem.fromColumn(in) != null;
                assertThat(raw.contains(in) || item || lib.contains(in))
                        .as("input '%s' of %s is a bar field, a statement item or a factor", in, f.id()).isTrue();
            }
        }
    }

    @Test
    void everyFactorComputesOnASmallPanel() {
        for (boolean benchmark : new boolean[] {false, true}) {
            MarketPanel panel = TestPanels.synthetic(8, 1300, 7, benchmark);
            FactorLibrary lib = FactorLibrary.standard();
            for (Factor f : lib.all()) {
                double[] v = lib.values(panel, f.id());
                assertThat(v).as(f.id()).hasSize(panel.cellCount());
                int finite = 0;
                for (int a = 0; a < panel.assetCount(); a++) {
                    for (int d = 0; d < panel.dateCount(); d++) {
                        double x = v[panel.at(a, d)];
                        if (!panel.hasBar(a, d)) {
                            assertThat(x).as("%s on a day without a bar", f.id()).isNaN();
                        } else if (Double.isFinite(x)) {
                            finite++;
                        }
                        assertThat(Double.isInfinite(x)).as("%s infinite at %d/%d", f.id(), a, d).isFalse();
                    }
                }
                assertThat(finite).as("finite values of %s", f.id()).isPositive();
                assertThat(lib.values(panel, f.id())).as("cached").isSameAs(v);
            }
        }
    }

    @Test
    void factorsAreDeterministic() {
        FactorLibrary lib = FactorLibrary.standard();
        MarketPanel p1 = TestPanels.synthetic(5, 400, 3, false), p2 = TestPanels.synthetic(5, 400, 3, false);
        for (Factor f : lib.all()) {
            assertThat(lib.values(p2, f.id())).as(f.id()).containsExactly(lib.values(p1, f.id()));
        }
    }

    @Test
    void aPanelWithoutFundamentalsGivesNaNFundamentalsAndStillComputesTechnicals() {
        MarketPanel withF = TestPanels.synthetic(4, 300, 11, false);
        MarketPanel panel = new MarketPanel("nofund", true, withF.epochDays(), withF.assets(), withF.open(), withF.high(),
                withF.low(), withF.close(), withF.volume(), null, null, null);
        FactorLibrary lib = FactorLibrary.standard();
        assertThat(Arrays.stream(lib.values(panel, "per")).allMatch(Double::isNaN)).isTrue();
        assertThat(Arrays.stream(lib.values(panel, "f_score")).allMatch(Double::isNaN)).isTrue();
        assertThat(Arrays.stream(lib.values(panel, "sma_20")).anyMatch(Double::isFinite)).isTrue();
        assertThat(Arrays.stream(lib.values(panel, "beta_60d")).anyMatch(Double::isFinite)).isTrue();
    }
}
