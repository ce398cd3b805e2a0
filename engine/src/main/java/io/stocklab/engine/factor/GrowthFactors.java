package io.stocklab.engine.factor;

import static io.stocklab.engine.data.FundamentalItem.DIVIDENDS;
import static io.stocklab.engine.data.FundamentalItem.EQUITY;
import static io.stocklab.engine.data.FundamentalItem.NET_INCOME;
import static io.stocklab.engine.data.FundamentalItem.OPERATING_CASH_FLOW;
import static io.stocklab.engine.data.FundamentalItem.OPERATING_INCOME;
import static io.stocklab.engine.data.FundamentalItem.REVENUE;
import static io.stocklab.engine.data.FundamentalItem.SHARES_OUTSTANDING;
import static io.stocklab.engine.data.FundamentalItem.TOTAL_ASSETS;
import static io.stocklab.engine.factor.FactorCategory.GROWTH;
import static io.stocklab.engine.factor.FactorDef.of;

import io.stocklab.engine.data.FundamentalItem;

import java.util.List;

/**
 * Growth factors, in percent. k-year growth compares the figure now with the same figure 4k quarters earlier,
 * both as visible now (point in time): flows use TTM sums, balances the quarter's balance. One-year growth is
 * (now ÷ then − 1) × 100 and is NaN when the base is not positive (growth from a loss is not meaningful);
 * 3- and 5-year growth is the compound annual rate ((now ÷ then)^(1/k) − 1) × 100, NaN unless both values are
 * positive.
 */
final class GrowthFactors {
    private GrowthFactors() {
    }

    private record Series(String id, String label, String inputs, FundamentalItem item, boolean flow) { }

    static void register(List<Factor> l) {
        List<Series> series = List.of(
                new Series("revenue", "Revenue", "revenue", REVENUE, true),
                new Series("op_income", "Operating income", "operating_income", OPERATING_INCOME, true),
                new Series("net_income", "Net income", "net_income", NET_INCOME, true),
                new Series("eps", "EPS", "net_income, shares_outstanding", null, true),
                new Series("equity", "Equity", "equity", EQUITY, false),
                new Series("asset", "Total assets", "total_assets", TOTAL_ASSETS, false));
        for (Series s : series) {
            for (int years : new int[] {1, 3, 5}) {
                int lag = 4 * years;
                PointInTime.Metric now = value(s, 0), then = value(s, lag);
                String what = s.item == null ? "trailing EPS (TTM net income ÷ shares of the same quarter)"
                        : s.flow ? "TTM " + s.label.toLowerCase() : s.label.toLowerCase() + " (balance)";
                String fig = s.item == null ? "eps_ttm" : s.flow ? s.inputs + "_ttm" : s.inputs;
                if (years == 1) {
                    l.add(of(s.id + "_growth_1y", GROWTH, s.label + " growth, 1 year",
                            "100 × (" + fig + " / " + fig + "[4 quarters earlier] − 1)",
                            "One-year growth of " + what + ", in percent. NaN when the figure a year earlier is "
                                    + "not positive or any of the quarters needed is not visible.",
                            s.inputs, ctx -> Calc.fundamental(ctx, r -> Calc.growthPct(now.eval(r), then.eval(r)))));
                } else {
                    l.add(of(s.id + "_growth_" + years + "y", GROWTH, s.label + " growth, " + years + " years (CAGR)",
                            "100 × ((" + fig + " / " + fig + "[" + lag + " quarters earlier])^(1/" + years + ") − 1)",
                            "Compound annual growth of " + what + " over " + years + " years, in percent. NaN unless "
                                    + "both values are positive and visible.",
                            s.inputs, ctx -> Calc.fundamental(ctx, r -> Calc.cagrPct(now.eval(r), then.eval(r), years))));
                }
            }
        }
        for (Series s : series.subList(0, 3)) {
            FundamentalItem item = s.item;
            l.add(of(s.id + "_growth_q_yoy", GROWTH, s.label + " growth, quarter year on year",
                    "100 × (" + s.inputs + "_q / " + s.inputs + "_q[4 quarters earlier] − 1)",
                    "Growth of the latest quarter's " + s.label.toLowerCase() + " over the same quarter a year "
                            + "earlier, in percent. NaN when that base is not positive.",
                    s.inputs, ctx -> Calc.fundamental(ctx, r -> Calc.growthPct(r.quarter(item, 0), r.quarter(item, 4)))));
        }
        l.add(of("revenue_growth_qoq", GROWTH, "Revenue growth, quarter on quarter",
                "100 × (revenue_q / revenue_q[previous quarter] − 1)",
                "Sequential growth of the latest quarter's revenue over the previous quarter, in percent "
                        + "(seasonal). NaN when the previous quarter is missing or not positive.",
                "revenue", ctx -> Calc.fundamental(ctx, r -> Calc.growthPct(r.quarter(REVENUE, 0), r.quarter(REVENUE, 1)))));
        l.add(of("ocf_growth_1y", GROWTH, "Operating cash flow growth, 1 year",
                "100 × (operating_cash_flow_ttm / operating_cash_flow_ttm[4 quarters earlier] − 1)",
                "One-year growth of TTM operating cash flow, in percent. NaN when the base is not positive.",
                "operating_cash_flow", ctx -> Calc.fundamental(ctx,
                        r -> Calc.growthPct(r.ttm(OPERATING_CASH_FLOW, 0), r.ttm(OPERATING_CASH_FLOW, 4)))));
        l.add(of("dps_growth_1y", GROWTH, "Dividend per share growth, 1 year",
                "100 × (dps / dps[4 quarters earlier] − 1)",
                "One-year growth of TTM dividends per share, in percent. NaN when no dividend was paid a year "
                        + "earlier.",
                "dividends, shares_outstanding", ctx -> Calc.fundamental(ctx,
                        r -> Calc.growthPct(dps(r, 0), dps(r, 4)))));
        l.add(of("bps_growth_1y", GROWTH, "Book value per share growth, 1 year",
                "100 × (bps / bps[4 quarters earlier] − 1)",
                "One-year growth of equity per share, in percent (unlike equity growth, not inflated by share "
                        + "issuance). NaN when book value a year earlier is not positive.",
                "equity, shares_outstanding", ctx -> Calc.fundamental(ctx,
                        r -> Calc.growthPct(bps(r, 0), bps(r, 4)))));
        l.add(of("op_margin_change_1y", GROWTH, "Operating margin change, 1 year",
                "op_margin − op_margin[4 quarters earlier]",
                "Change of the TTM operating margin over one year, in percentage points (positive = improving "
                        + "profitability).",
                "operating_income, revenue", ctx -> Calc.fundamental(ctx,
                        r -> margin(r, OPERATING_INCOME, 0) - margin(r, OPERATING_INCOME, 4))));
        l.add(of("roe_change_1y", GROWTH, "ROE change, 1 year", "roe − roe[4 quarters earlier]",
                "Change of ROE (TTM net income ÷ equity of the same quarter) over one year, in percentage points.",
                "net_income, equity", ctx -> Calc.fundamental(ctx, r -> roe(r, 0) - roe(r, 4))));
        l.add(of("sustainable_growth", GROWTH, "Sustainable growth rate", "roe × (1 − dividends_ttm / net_income_ttm)",
                "ROE times the retention ratio, in percent: the growth a company can fund from retained earnings. "
                        + "NaN when net income or equity is not positive; dividends count as 0 when not reported.",
                "net_income, equity, dividends", ctx -> Calc.fundamental(ctx, r -> {
                    double ni = r.ttm(NET_INCOME, 0);
                    if (!(ni > 0)) return Double.NaN;
                    double payout = Math.abs(r.ttmOrZero(DIVIDENDS, 0)) / ni;
                    return roe(r, 0) * (1 - payout);
                })));
    }

    private static PointInTime.Metric value(Series s, int lag) {
        if (s.item == null) return r -> Calc.eps(r, lag);
        FundamentalItem item = s.item;
        return s.flow ? r -> r.ttm(item, lag) : r -> r.balance(item, lag);
    }

    private static double dps(PointInTime.Reports r, int lag) {
        return Calc.overPositive(Math.abs(r.ttm(DIVIDENDS, lag)), r.balance(SHARES_OUTSTANDING, lag));
    }

    private static double bps(PointInTime.Reports r, int lag) {
        return Calc.overPositive(r.balance(EQUITY, lag), r.balance(SHARES_OUTSTANDING, lag));
    }

    /** TTM item ÷ TTM revenue in percent, {@code lag} quarters back. */
    static double margin(PointInTime.Reports r, FundamentalItem item, int lag) {
        return Calc.pctOf(r.ttm(item, lag), r.ttm(REVENUE, lag));
    }

    /** TTM net income ÷ equity of the same quarter in percent, {@code lag} quarters back. */
    static double roe(PointInTime.Reports r, int lag) {
        return Calc.pctOf(r.ttm(NET_INCOME, lag), r.balance(EQUITY, lag));
    }
}
