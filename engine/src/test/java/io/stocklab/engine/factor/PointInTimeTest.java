package io.stocklab.engine.factor;

import static io.stocklab.engine.data.FundamentalItem.EQUITY;
import static io.stocklab.engine.data.FundamentalItem.NET_INCOME;
import static io.stocklab.engine.data.FundamentalItem.REVENUE;
import static io.stocklab.engine.data.FundamentalItem.SHARES_OUTSTANDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stocklab.engine.data.MarketPanel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Statement figures become visible exactly on their disclosure date, never earlier. */
class PointInTimeTest {
    private static final double CLOSE = 20.0;
    private static MarketPanel panel;
    private static final FactorLibrary LIB = FactorLibrary.standard();

    @BeforeAll
    static void build() {
        int[] dates = TestPanels.weekdays(LocalDate.of(2019, 6, 3), 400);
        double[][] closes = new double[2][dates.length];
        Arrays.fill(closes[0], CLOSE);
        Arrays.fill(closes[1], CLOSE);
        closes[0][dates.length - 1] = Double.NaN; // a day without a bar
        List<TestPanels.Report> rs = new ArrayList<>();
        // asset 0: quarterly net income 10, 20, 30, 40, 50, revenue 100 each, equity rising, 1000 shares
        rs.add(q(0, "2019-03-31", "2019-05-15", 10, 500, 1000));
        rs.add(q(0, "2019-06-30", "2019-08-14", 20, 510, 1000));
        rs.add(q(0, "2019-09-30", "2019-11-14", 30, 520, 1000));
        rs.add(q(0, "2019-12-31", "2020-03-16", 40, 530, 1000));
        rs.add(q(0, "2020-03-31", "2020-05-15", 50, 540, 2000));
        // restatement of Q3 2019: net income 30 → 60, disclosed 2020-06-01
        rs.add(q(0, "2019-09-30", "2020-06-01", 60, 520, 1000));
        // Q2 2020 disclosed on a Saturday: visible from Monday 2020-08-17
        rs.add(q(0, "2020-06-30", "2020-08-15", 70, 560, 2000));
        // asset 1: a missing quarter (no Q2 2019 report): TTM must not bridge the gap
        rs.add(q(1, "2019-03-31", "2019-05-15", 10, 500, 1000));
        rs.add(q(1, "2019-09-30", "2019-11-14", 10, 500, 1000));
        rs.add(q(1, "2019-12-31", "2020-02-14", 10, 500, 1000));
        rs.add(q(1, "2020-03-31", "2020-05-15", 10, 500, 1000));
        panel = TestPanels.closesOnly(dates, closes, TestPanels.fundamentals(2, rs));
    }

    private static TestPanels.Report q(int asset, String periodEnd, String disclosed, double ni, double equity, double shares) {
        return TestPanels.report(asset, LocalDate.parse(periodEnd), LocalDate.parse(disclosed))
                .with(NET_INCOME, ni).with(REVENUE, 100).with(EQUITY, equity).with(SHARES_OUTSTANDING, shares);
    }

    private static double at(String factor, int asset, String date) {
        int d = panel.dateIndexOnOrAfter(LocalDate.parse(date));
        assertThat(panel.date(d)).as("trading day").isEqualTo(LocalDate.parse(date));
        return LIB.values(panel, factor)[panel.at(asset, d)];
    }

    @Test
    void ttmNeedsFourQuartersAndAppearsOnTheDisclosureDate() {
        // before 2020-03-16 only three quarters are visible
        assertThat(at("per", 0, "2020-03-13")).isNaN();
        assertThat(at("roe", 0, "2020-03-13")).isNaN();
        assertThat(at("eps", 0, "2020-03-13")).isNaN();
        // from 2020-03-16: TTM = 10 + 20 + 30 + 40 = 100, market cap 20 × 1000
        assertThat(at("per", 0, "2020-03-16")).isCloseTo(20_000 / 100.0, within(1e-12));
        assertThat(at("roe", 0, "2020-03-16")).isCloseTo(100 * 100 / 530.0, within(1e-12));
        assertThat(at("eps", 0, "2020-03-16")).isCloseTo(0.1, within(1e-12));
        assertThat(at("per", 0, "2020-05-14")).isCloseTo(200.0, within(1e-12));
    }

    @Test
    void valuesChangeExactlyOnTheDisclosureDate() {
        // Q1 2020 disclosed 2020-05-15: TTM 20 + 30 + 40 + 50 = 140, shares 2000, equity 540
        assertThat(at("market_cap", 0, "2020-05-14")).isEqualTo(20_000.0);
        assertThat(at("market_cap", 0, "2020-05-15")).isEqualTo(40_000.0);
        assertThat(at("shares_out", 0, "2020-05-14")).isEqualTo(1000.0);
        assertThat(at("shares_out", 0, "2020-05-15")).isEqualTo(2000.0);
        assertThat(at("per", 0, "2020-05-15")).isCloseTo(40_000 / 140.0, within(1e-12));
        assertThat(at("roe", 0, "2020-05-14")).isCloseTo(100 * 100 / 530.0, within(1e-12));
        assertThat(at("roe", 0, "2020-05-15")).isCloseTo(100 * 140 / 540.0, within(1e-12));
        assertThat(at("pbr", 0, "2020-05-15")).isCloseTo(40_000 / 540.0, within(1e-12));
    }

    @Test
    void aRestatementReplacesTheQuarterFromItsOwnDisclosureDate() {
        // 2020-06-01 restates Q3 2019 from 30 to 60: TTM 20 + 60 + 40 + 50 = 170
        assertThat(at("earnings_yield", 0, "2020-05-29")).isCloseTo(100 * 140 / 40_000.0, within(1e-12));
        assertThat(at("earnings_yield", 0, "2020-06-01")).isCloseTo(100 * 170 / 40_000.0, within(1e-12));
    }

    @Test
    void aWeekendDisclosureIsVisibleOnTheNextTradingDay() {
        // Q2 2020 (70) disclosed Saturday 2020-08-15: TTM 60 + 40 + 50 + 70 = 220 from Monday
        assertThat(at("net_margin", 0, "2020-08-14")).isCloseTo(100 * 170 / 400.0, within(1e-12));
        assertThat(at("net_margin", 0, "2020-08-17")).isCloseTo(100 * 220 / 400.0, within(1e-12));
    }

    @Test
    void aMissingQuarterMakesTtmUnavailable() {
        // asset 1 has Q1, Q3, Q4 2019 and Q1 2020: never four consecutive quarters
        for (String day : new String[] {"2020-02-14", "2020-05-15", "2020-09-01"}) {
            assertThat(at("per", 1, day)).isNaN();
            assertThat(at("roe", 1, day)).isNaN();
        }
        // balances are still available: latest equity 500, shares 1000
        assertThat(at("pbr", 1, "2020-05-15")).isCloseTo(20_000 / 500.0, within(1e-12));
    }

    @Test
    void growthNeedsEightQuartersAndNothingIsVisibleBeforeTheFirstReport() {
        assertThat(at("revenue_growth_1y", 0, "2020-09-01")).isNaN(); // only 6 quarters
        // asset 0's first report is before the panel; asset 1's too. Before any disclosure there is nothing:
        double[] pbr = LIB.values(panel, "pbr");
        assertThat(pbr[panel.at(0, 0)]).isCloseTo(20_000 / 500.0, within(1e-12));
        // the day without a bar is NaN
        assertThat(pbr[panel.at(0, panel.dateCount() - 1)]).isNaN();
    }

    @Test
    void changingAReportAfterDayTChangesNothingUpToT() {
        // look-ahead guard: drop every report disclosed after 2020-03-16 and compare all fundamental factors
        int cut = panel.dateIndexOnOrAfter(LocalDate.parse("2020-03-16"));
        List<TestPanels.Report> early = new ArrayList<>();
        early.add(q(0, "2019-03-31", "2019-05-15", 10, 500, 1000));
        early.add(q(0, "2019-06-30", "2019-08-14", 20, 510, 1000));
        early.add(q(0, "2019-09-30", "2019-11-14", 30, 520, 1000));
        early.add(q(0, "2019-12-31", "2020-03-16", 40, 530, 1000));
        early.add(q(1, "2019-03-31", "2019-05-15", 10, 500, 1000));
        early.add(q(1, "2019-09-30", "2019-11-14", 10, 500, 1000));
        early.add(q(1, "2019-12-31", "2020-02-14", 10, 500, 1000));
        MarketPanel truncated = new MarketPanel("t", true, panel.epochDays(), panel.assets(), panel.open(), panel.high(),
                panel.low(), panel.close(), panel.volume(), TestPanels.fundamentals(2, early), null, null);
        for (Factor f : LIB.all()) {
            if (f.category() == FactorCategory.MOMENTUM || f.category() == FactorCategory.VOLATILITY) continue;
            double[] full = LIB.values(panel, f.id()), part = LIB.values(truncated, f.id());
            for (int a = 0; a < 2; a++) {
                for (int d = 0; d <= cut; d++) {
                    assertThat(Double.valueOf(part[panel.at(a, d)])).as("%s asset %d day %d", f.id(), a, d)
                            .isEqualTo(Double.valueOf(full[panel.at(a, d)]));
                }
            }
        }
    }
}
