package io.stocklab.engine.factor;

import static io.stocklab.engine.data.FundamentalItem.CASH;
import static io.stocklab.engine.data.FundamentalItem.CURRENT_ASSETS;
import static io.stocklab.engine.data.FundamentalItem.CURRENT_LIABILITIES;
import static io.stocklab.engine.data.FundamentalItem.DEPRECIATION;
import static io.stocklab.engine.data.FundamentalItem.DIVIDENDS;
import static io.stocklab.engine.data.FundamentalItem.EQUITY;
import static io.stocklab.engine.data.FundamentalItem.GROSS_PROFIT;
import static io.stocklab.engine.data.FundamentalItem.INTEREST_EXPENSE;
import static io.stocklab.engine.data.FundamentalItem.NET_INCOME;
import static io.stocklab.engine.data.FundamentalItem.OPERATING_CASH_FLOW;
import static io.stocklab.engine.data.FundamentalItem.OPERATING_INCOME;
import static io.stocklab.engine.data.FundamentalItem.REVENUE;
import static io.stocklab.engine.data.FundamentalItem.SHARES_OUTSTANDING;
import static io.stocklab.engine.data.FundamentalItem.TOTAL_ASSETS;
import static io.stocklab.engine.data.FundamentalItem.TOTAL_LIABILITIES;
import static io.stocklab.engine.factor.FactorCategory.QUALITY;
import static io.stocklab.engine.factor.FactorDef.of;

import java.util.List;

/**
 * Quality factors: profitability, margins, leverage, liquidity, earnings quality. Point in time (see
 * {@link PointInTime}); TTM flows over the latest visible balance. Percentages are × 100 (roe 15 = 15 %).
 */
final class QualityFactors {
    private QualityFactors() {
    }

    /** Flat tax rate used for NOPAT in ROIC. */
    static final double TAX_RATE = 0.25;

    static void register(List<Factor> l) {
        l.add(q("roe", "Return on equity (ROE)", "100 × net_income_ttm / equity",
                "TTM net income over the latest visible equity, in percent. NaN when equity is not positive.",
                "net_income, equity", r -> GrowthFactors.roe(r, 0)));
        l.add(q("roa", "Return on assets (ROA)", "100 × net_income_ttm / total_assets",
                "TTM net income over the latest visible total assets, in percent.",
                "net_income, total_assets", r -> Calc.pctOf(r.ttm(NET_INCOME, 0), r.balance(TOTAL_ASSETS, 0))));
        l.add(q("roic", "Return on invested capital (ROIC)",
                "100 × operating_income_ttm × (1 − 0.25) / (equity + total_liabilities − current_liabilities − cash)",
                "After-tax operating income (flat 25 % tax) over invested capital, approximated as equity plus "
                        + "non-current liabilities minus cash (cash counts as 0 when not reported), in percent. "
                        + "NaN when invested capital is not positive.",
                "operating_income, equity, total_liabilities, current_liabilities, cash",
                r -> Calc.pctOf(r.ttm(OPERATING_INCOME, 0) * (1 - TAX_RATE), investedCapital(r))));
        l.add(q("roce", "Return on capital employed (ROCE)",
                "100 × operating_income_ttm / (total_assets − current_liabilities)",
                "TTM operating income over capital employed (total assets less current liabilities), in percent.",
                "operating_income, total_assets, current_liabilities",
                r -> Calc.pctOf(r.ttm(OPERATING_INCOME, 0), r.balance(TOTAL_ASSETS, 0) - r.balance(CURRENT_LIABILITIES, 0))));
        l.add(q("gross_margin", "Gross margin", "100 × gross_profit_ttm / revenue_ttm",
                "TTM gross profit over TTM revenue, in percent. NaN when revenue is not positive or gross profit "
                        + "is not reported.",
                "gross_profit, revenue", r -> GrowthFactors.margin(r, GROSS_PROFIT, 0)));
        l.add(q("op_margin", "Operating margin", "100 × operating_income_ttm / revenue_ttm",
                "TTM operating income over TTM revenue, in percent. NaN when revenue is not positive.",
                "operating_income, revenue", r -> GrowthFactors.margin(r, OPERATING_INCOME, 0)));
        l.add(q("operating_margin", "Operating margin (alias of op_margin)", "100 × operating_income_ttm / revenue_ttm",
                "Same as op_margin: TTM operating income over TTM revenue, in percent.",
                "operating_income, revenue", r -> GrowthFactors.margin(r, OPERATING_INCOME, 0)));
        l.add(q("net_margin", "Net margin", "100 × net_income_ttm / revenue_ttm",
                "TTM net income over TTM revenue, in percent. NaN when revenue is not positive.",
                "net_income, revenue", r -> GrowthFactors.margin(r, NET_INCOME, 0)));
        l.add(q("ebitda_margin", "EBITDA margin", "100 × (operating_income_ttm + depreciation_ttm) / revenue_ttm",
                "TTM EBITDA over TTM revenue, in percent; depreciation counts as 0 in quarters that do not "
                        + "report it.",
                "operating_income, depreciation, revenue",
                r -> Calc.pctOf(r.ttm(OPERATING_INCOME, 0) + r.ttmOrZero(DEPRECIATION, 0), r.ttm(REVENUE, 0))));
        l.add(q("ocf_margin", "Operating cash flow margin", "100 × operating_cash_flow_ttm / revenue_ttm",
                "TTM operating cash flow over TTM revenue, in percent.",
                "operating_cash_flow, revenue", r -> GrowthFactors.margin(r, OPERATING_CASH_FLOW, 0)));
        l.add(q("fcf_margin", "Free cash flow margin", "100 × (operating_cash_flow_ttm − |capex_ttm|) / revenue_ttm",
                "TTM free cash flow over TTM revenue, in percent.",
                "operating_cash_flow, capex, revenue", r -> Calc.pctOf(Calc.fcf(r, 0), r.ttm(REVENUE, 0))));
        l.add(q("debt_ratio", "Debt ratio (liabilities / equity)", "100 × total_liabilities / equity",
                "Total liabilities over equity, in percent (Korean 부채비율: 100 = liabilities equal to equity). "
                        + "NaN when equity is not positive (a negative-equity company has no meaningful ratio).",
                "total_liabilities, equity", r -> Calc.pctOf(r.balance(TOTAL_LIABILITIES, 0), r.balance(EQUITY, 0))));
        l.add(q("debt_to_assets", "Liabilities / assets", "100 × total_liabilities / total_assets",
                "Total liabilities over total assets, in percent.",
                "total_liabilities, total_assets", r -> Calc.pctOf(r.balance(TOTAL_LIABILITIES, 0), r.balance(TOTAL_ASSETS, 0))));
        l.add(q("equity_ratio", "Equity ratio", "100 × equity / total_assets",
                "Equity over total assets, in percent (negative with negative equity).",
                "equity, total_assets", r -> Calc.pctOf(r.balance(EQUITY, 0), r.balance(TOTAL_ASSETS, 0))));
        l.add(q("current_ratio", "Current ratio", "100 × current_assets / current_liabilities",
                "Current assets over current liabilities, in percent (150 = current assets 1.5 × current "
                        + "liabilities). NaN when current liabilities are not positive.",
                "current_assets, current_liabilities",
                r -> Calc.pctOf(r.balance(CURRENT_ASSETS, 0), r.balance(CURRENT_LIABILITIES, 0))));
        l.add(q("cash_ratio", "Cash ratio", "100 × cash / current_liabilities",
                "Cash over current liabilities, in percent. NaN when cash is not reported.",
                "cash, current_liabilities", r -> Calc.pctOf(r.balance(CASH, 0), r.balance(CURRENT_LIABILITIES, 0))));
        l.add(q("interest_coverage", "Interest coverage", "operating_income_ttm / interest_expense_ttm",
                "TTM operating income over TTM interest expense (times). NaN when interest expense is not "
                        + "positive (no debt to cover) or not reported.",
                "operating_income, interest_expense",
                r -> Calc.overPositive(r.ttm(OPERATING_INCOME, 0), Math.abs(r.ttm(INTEREST_EXPENSE, 0)))));
        l.add(q("accruals", "Accruals ratio", "100 × (net_income_ttm − operating_cash_flow_ttm) / total_assets",
                "Earnings not backed by cash, over total assets, in percent (Sloan); lower is better quality.",
                "net_income, operating_cash_flow, total_assets",
                r -> Calc.pctOf(r.ttm(NET_INCOME, 0) - r.ttm(OPERATING_CASH_FLOW, 0), r.balance(TOTAL_ASSETS, 0))));
        l.add(q("f_score", "Piotroski F-score", "sum of 9 binary signals (0..9)",
                "Piotroski's nine signals, comparing TTM figures now with those four quarters earlier (as visible "
                        + "now): ROA > 0; operating cash flow > 0; ROA rose; OCF > net income; liabilities/assets "
                        + "fell; current ratio rose; shares did not increase; gross margin rose (operating margin "
                        + "when gross profit is not reported); asset turnover rose. NaN when any input is missing.",
                "net_income, operating_cash_flow, total_assets, total_liabilities, current_assets, "
                        + "current_liabilities, shares_outstanding, gross_profit, operating_income, revenue",
                QualityFactors::fScore));
        l.add(q("asset_turnover", "Asset turnover", "revenue_ttm / total_assets",
                "TTM revenue over total assets (times per year).",
                "revenue, total_assets", r -> Calc.overPositive(r.ttm(REVENUE, 0), r.balance(TOTAL_ASSETS, 0))));
        l.add(q("equity_turnover", "Equity turnover", "revenue_ttm / equity",
                "TTM revenue over equity (times per year). NaN when equity is not positive.",
                "revenue, equity", r -> Calc.overPositive(r.ttm(REVENUE, 0), r.balance(EQUITY, 0))));
        l.add(q("ocf_to_ni", "Cash conversion (OCF / net income)", "operating_cash_flow_ttm / net_income_ttm",
                "TTM operating cash flow over TTM net income; above 1 means earnings are backed by cash. NaN when "
                        + "net income is not positive.",
                "operating_cash_flow, net_income",
                r -> Calc.overPositive(r.ttm(OPERATING_CASH_FLOW, 0), r.ttm(NET_INCOME, 0))));
        l.add(q("payout_ratio", "Payout ratio", "100 × dividends_ttm / net_income_ttm",
                "TTM dividends paid over TTM net income, in percent. NaN when net income is not positive or "
                        + "dividends are not reported.",
                "dividends, net_income", r -> Calc.pctOf(Math.abs(r.ttm(DIVIDENDS, 0)), r.ttm(NET_INCOME, 0))));
        l.add(q("gp_to_assets", "Gross profitability", "100 × gross_profit_ttm / total_assets",
                "TTM gross profit over total assets, in percent (Novy-Marx). NaN when gross profit is not "
                        + "reported.",
                "gross_profit, total_assets", r -> Calc.pctOf(r.ttm(GROSS_PROFIT, 0), r.balance(TOTAL_ASSETS, 0))));
        l.add(q("op_to_assets", "Operating profitability", "100 × operating_income_ttm / total_assets",
                "TTM operating income over total assets, in percent.",
                "operating_income, total_assets", r -> Calc.pctOf(r.ttm(OPERATING_INCOME, 0), r.balance(TOTAL_ASSETS, 0))));
        l.add(q("capex_to_revenue", "Capex intensity", "100 × |capex_ttm| / revenue_ttm",
                "TTM capital expenditure over TTM revenue, in percent.",
                "capex, revenue", r -> Calc.pctOf(Calc.capex(r, 0), r.ttm(REVENUE, 0))));
        l.add(q("working_capital_to_assets", "Working capital / assets",
                "100 × (current_assets − current_liabilities) / total_assets",
                "Net working capital over total assets, in percent.",
                "current_assets, current_liabilities, total_assets",
                r -> Calc.pctOf(r.balance(CURRENT_ASSETS, 0) - r.balance(CURRENT_LIABILITIES, 0), r.balance(TOTAL_ASSETS, 0))));
        l.add(q("profitable_quarters_8q", "Profitable quarters of the last 8", "count(net_income_q > 0) over 8 quarters",
                "How many of the last eight quarters (consecutive, all visible) had positive net income (0..8): "
                        + "earnings consistency. NaN unless eight consecutive quarters are visible.",
                "net_income", r -> {
                    int n = 0;
                    for (int lag = 0; lag < 8; lag++) {
                        double v = r.quarter(NET_INCOME, lag);
                        if (v != v) return Double.NaN;
                        if (v > 0) n++;
                    }
                    return n;
                }));
    }

    private static FactorDef q(String id, String name, String formula, String description, String inputs,
                               PointInTime.Metric metric) {
        return of(id, QUALITY, name, formula, description, inputs, ctx -> Calc.fundamental(ctx, metric));
    }

    static double investedCapital(PointInTime.Reports r) {
        double cash = r.balance(CASH, 0);
        if (cash != cash) cash = 0;
        return r.balance(EQUITY, 0) + r.balance(TOTAL_LIABILITIES, 0) - r.balance(CURRENT_LIABILITIES, 0) - cash;
    }

    /** Piotroski F-score of the visible reports (NaN when any input is missing). */
    static double fScore(PointInTime.Reports r) {
        double ni = r.ttm(NET_INCOME, 0), ni1 = r.ttm(NET_INCOME, 4);
        double ocf = r.ttm(OPERATING_CASH_FLOW, 0);
        double ta = r.balance(TOTAL_ASSETS, 0), ta1 = r.balance(TOTAL_ASSETS, 4);
        double tl = r.balance(TOTAL_LIABILITIES, 0), tl1 = r.balance(TOTAL_LIABILITIES, 4);
        double ca = r.balance(CURRENT_ASSETS, 0), ca1 = r.balance(CURRENT_ASSETS, 4);
        double cl = r.balance(CURRENT_LIABILITIES, 0), cl1 = r.balance(CURRENT_LIABILITIES, 4);
        double sh = r.balance(SHARES_OUTSTANDING, 0), sh1 = r.balance(SHARES_OUTSTANDING, 4);
        double rev = r.ttm(REVENUE, 0), rev1 = r.ttm(REVENUE, 4);
        double gp = r.ttm(GROSS_PROFIT, 0), gp1 = r.ttm(GROSS_PROFIT, 4);
        if (gp != gp || gp1 != gp1) {
            gp = r.ttm(OPERATING_INCOME, 0);
            gp1 = r.ttm(OPERATING_INCOME, 4);
        }
        double[] all = {ni, ni1, ocf, ta, ta1, tl, tl1, ca, ca1, cl, cl1, sh, sh1, rev, rev1, gp, gp1};
        for (double v : all) if (v != v) return Double.NaN;
        if (!(ta > 0 && ta1 > 0 && cl > 0 && cl1 > 0 && rev > 0 && rev1 > 0)) return Double.NaN;
        double roa = ni / ta, roa1 = ni1 / ta1;
        int score = 0;
        if (roa > 0) score++;
        if (ocf > 0) score++;
        if (roa > roa1) score++;
        if (ocf > ni) score++;
        if (tl / ta < tl1 / ta1) score++;
        if (ca / cl > ca1 / cl1) score++;
        if (sh <= sh1) score++;
        if (gp / rev > gp1 / rev1) score++;
        if (rev / ta > rev1 / ta1) score++;
        return score;
    }
}
