package io.stocklab.engine.factor;

import static io.stocklab.engine.data.FundamentalItem.CASH;
import static io.stocklab.engine.data.FundamentalItem.CURRENT_ASSETS;
import static io.stocklab.engine.data.FundamentalItem.CURRENT_LIABILITIES;
import static io.stocklab.engine.data.FundamentalItem.DEPRECIATION;
import static io.stocklab.engine.data.FundamentalItem.DIVIDENDS;
import static io.stocklab.engine.data.FundamentalItem.EQUITY;
import static io.stocklab.engine.data.FundamentalItem.GROSS_PROFIT;
import static io.stocklab.engine.data.FundamentalItem.NET_INCOME;
import static io.stocklab.engine.data.FundamentalItem.OPERATING_CASH_FLOW;
import static io.stocklab.engine.data.FundamentalItem.OPERATING_INCOME;
import static io.stocklab.engine.data.FundamentalItem.REVENUE;
import static io.stocklab.engine.data.FundamentalItem.SHARES_OUTSTANDING;
import static io.stocklab.engine.data.FundamentalItem.TOTAL_ASSETS;
import static io.stocklab.engine.data.FundamentalItem.TOTAL_LIABILITIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stocklab.engine.data.MarketPanel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fundamental factors on constructed statements, against values worked out by hand. Three assets with eight
 * quarters each (2018 and 2019); the test day (2020-03-02) sees all of them.
 */
class FundamentalFactorsTest {
    private static final FactorLibrary LIB = FactorLibrary.standard();
    private static MarketPanel panel;
    private static int day;

    /** Quarterly flows of 2018 and 2019, and balances at the end of 2018 and 2019. */
    private record Case(double[] rev, double[] gp, double[] oi, double[] ni, double[] ocf,
                        double[] ta, double[] tl, double[] ca, double[] cl, double[] shares, double[] equity) { }

    @BeforeAll
    static void build() {
        List<TestPanels.Report> rs = new ArrayList<>();
        // asset 0: improving on 8 of 9 signals (OCF 56 < net income 60)
        add(rs, 0, new Case(d(100, 120), d(40, 50), d(20, 25), d(10, 15), d(12, 14),
                d(1000, 1100), d(500, 500), d(300, 330), d(200, 200), d(1000, 1000), d(500, 600)));
        // asset 1: all nine signals (OCF 64 > 60)
        add(rs, 1, new Case(d(100, 120), d(40, 50), d(20, 25), d(10, 15), d(12, 16),
                d(1000, 1100), d(500, 500), d(300, 330), d(200, 200), d(1000, 1000), d(500, 600)));
        // asset 2: none of them; loss-making, and negative equity
        add(rs, 2, new Case(d(100, 90), d(40, 30), d(20, -2), d(10, -5), d(12, -6),
                d(1000, 1000), d(500, 700), d(300, 250), d(200, 200), d(1000, 1100), d(500, -20)));
        int[] dates = TestPanels.weekdays(LocalDate.of(2019, 1, 1), 320);
        double[][] closes = new double[3][dates.length];
        for (double[] c : closes) Arrays.fill(c, 50.0);
        panel = TestPanels.closesOnly(dates, closes, TestPanels.fundamentals(3, rs));
        day = panel.dateIndexOnOrAfter(LocalDate.of(2020, 3, 2));
        assertThat(panel.date(day)).isEqualTo(LocalDate.of(2020, 3, 2));
    }

    private static double[] d(double y2018, double y2019) {
        return new double[] {y2018, y2019};
    }

    private static void add(List<TestPanels.Report> rs, int asset, Case c) {
        for (int y = 0; y < 2; y++) {
            for (int q = 0; q < 4; q++) {
                LocalDate pe = LocalDate.of(2018 + y, 3 * q + 3, 1).plusMonths(1).minusDays(1);
                rs.add(TestPanels.report(asset, pe, pe.plusDays(45))
                        .with(REVENUE, c.rev[y]).with(GROSS_PROFIT, c.gp[y]).with(OPERATING_INCOME, c.oi[y])
                        .with(NET_INCOME, c.ni[y]).with(OPERATING_CASH_FLOW, c.ocf[y]).with(DEPRECIATION, 5)
                        .with(DIVIDENDS, q == 3 ? 6 : 0).with(CASH, 100)
                        .with(TOTAL_ASSETS, c.ta[y]).with(TOTAL_LIABILITIES, c.tl[y]).with(CURRENT_ASSETS, c.ca[y])
                        .with(CURRENT_LIABILITIES, c.cl[y]).with(SHARES_OUTSTANDING, c.shares[y]).with(EQUITY, c.equity[y]));
            }
        }
    }

    private static double v(String factor, int asset) {
        return LIB.values(panel, factor)[panel.at(asset, day)];
    }

    @Test
    void valuationMultiples() {
        // asset 0: market cap 50 × 1000 = 50,000; TTM net income 4 × 15 = 60; equity 600; revenue 480; OCF 56
        assertThat(v("market_cap", 0)).isEqualTo(50_000.0);
        assertThat(v("per", 0)).isCloseTo(50_000 / 60.0, within(1e-9));
        assertThat(v("pbr", 0)).isCloseTo(50_000 / 600.0, within(1e-9));
        assertThat(v("psr", 0)).isCloseTo(50_000 / 480.0, within(1e-9));
        assertThat(v("pcr", 0)).isCloseTo(50_000 / 56.0, within(1e-9));
        assertThat(v("earnings_yield", 0)).isCloseTo(100 * 60 / 50_000.0, within(1e-12));
        assertThat(v("div_yield", 0)).isCloseTo(100 * 6 / 50_000.0, within(1e-12));
        assertThat(v("eps", 0)).isCloseTo(0.06, within(1e-12));
        // EV = 50,000 + 500 − 100; EBITDA = 4 × 25 + 4 × 5
        assertThat(v("enterprise_value", 0)).isEqualTo(50_400.0);
        assertThat(v("ev_ebitda", 0)).isCloseTo(50_400 / 120.0, within(1e-9));
        // EPS growth: 0.06 vs 0.04 → 50 %; PER / 50
        assertThat(v("eps_growth_1y", 0)).isCloseTo(50.0, within(1e-9));
        assertThat(v("peg", 0)).isCloseTo(50_000 / 60.0 / 50, within(1e-9));
    }

    @Test
    void negativeDenominatorsGiveNaN() {
        // asset 2: TTM net income −20, equity −20
        assertThat(v("per", 2)).isNaN();
        assertThat(v("pbr", 2)).isNaN();
        assertThat(v("roe", 2)).isNaN();
        assertThat(v("debt_ratio", 2)).isNaN();
        assertThat(v("peg", 2)).isNaN();
        assertThat(v("earnings_yield", 2)).isCloseTo(100 * -20 / 55_000.0, within(1e-12));
        assertThat(v("revenue_growth_1y", 2)).isCloseTo(-10.0, within(1e-9));
        assertThat(v("net_income_growth_1y", 2)).isCloseTo(100 * (-20 / 40.0 - 1), within(1e-9));
    }

    @Test
    void profitabilityLeverageAndGrowth() {
        assertThat(v("roe", 0)).isCloseTo(100 * 60 / 600.0, within(1e-12));
        assertThat(v("roa", 0)).isCloseTo(100 * 60 / 1100.0, within(1e-12));
        assertThat(v("debt_ratio", 0)).isCloseTo(100 * 500 / 600.0, within(1e-12));
        assertThat(v("current_ratio", 0)).isCloseTo(165.0, within(1e-12));
        assertThat(v("op_margin", 0)).isCloseTo(100 * 100 / 480.0, within(1e-12));
        assertThat(v("gross_margin", 0)).isCloseTo(100 * 200 / 480.0, within(1e-12));
        assertThat(v("revenue_growth_1y", 0)).isCloseTo(20.0, within(1e-9));
        assertThat(v("equity_growth_1y", 0)).isCloseTo(20.0, within(1e-9));
        assertThat(v("revenue_growth_q_yoy", 0)).isCloseTo(20.0, within(1e-9));
        assertThat(v("accruals", 0)).isCloseTo(100 * (60 - 56) / 1100.0, within(1e-12));
        assertThat(v("asset_turnover", 0)).isCloseTo(480 / 1100.0, within(1e-12));
        assertThat(v("revenue_growth_3y", 0)).isNaN(); // needs 16 quarters
        assertThat(v("profitable_quarters_8q", 0)).isEqualTo(8.0);
        assertThat(v("profitable_quarters_8q", 2)).isEqualTo(4.0);
    }

    @Test
    void piotroskiFScore() {
        assertThat(v("f_score", 0)).isEqualTo(8.0);
        assertThat(v("f_score", 1)).isEqualTo(9.0);
        assertThat(v("f_score", 2)).isEqualTo(0.0);
        // on 2019-08-01 only five quarters (2018 Q1 .. 2019 Q1) are visible: no year-ago TTM yet
        int early = panel.dateIndexOnOrAfter(LocalDate.of(2019, 8, 1));
        assertThat(LIB.values(panel, "f_score")[panel.at(0, early)]).isNaN();
    }
}
