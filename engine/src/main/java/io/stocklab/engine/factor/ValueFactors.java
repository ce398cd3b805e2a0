package io.stocklab.engine.factor;

import static io.stocklab.engine.data.FundamentalItem.CASH;
import static io.stocklab.engine.data.FundamentalItem.CURRENT_ASSETS;
import static io.stocklab.engine.data.FundamentalItem.DEPRECIATION;
import static io.stocklab.engine.data.FundamentalItem.DIVIDENDS;
import static io.stocklab.engine.data.FundamentalItem.EQUITY;
import static io.stocklab.engine.data.FundamentalItem.NET_INCOME;
import static io.stocklab.engine.data.FundamentalItem.OPERATING_CASH_FLOW;
import static io.stocklab.engine.data.FundamentalItem.OPERATING_INCOME;
import static io.stocklab.engine.data.FundamentalItem.REVENUE;
import static io.stocklab.engine.data.FundamentalItem.SHARES_OUTSTANDING;
import static io.stocklab.engine.data.FundamentalItem.TOTAL_ASSETS;
import static io.stocklab.engine.data.FundamentalItem.TOTAL_LIABILITIES;
import static io.stocklab.engine.factor.FactorCategory.VALUE;
import static io.stocklab.engine.factor.FactorDef.of;

import java.util.List;

/**
 * Value factors: price multiples and yields. Every statement figure is point in time (see
 * {@link PointInTime}): TTM = sum of the last four visible consecutive quarters, balances = latest visible
 * report. Multiples (price ÷ something) are NaN when the denominator is zero or negative; yields
 * (something ÷ price, in percent) keep the sign of the numerator.
 */
final class ValueFactors {
    private ValueFactors() {
    }

    static void register(List<Factor> l) {
        l.add(of("per", VALUE, "Price / earnings (PER)", "market_cap / net_income_ttm",
                "Market capitalization over trailing-twelve-month net income; lower is cheaper. NaN when TTM net "
                        + "income is zero or negative (a loss has no meaningful PER).",
                "market_cap, net_income", ctx -> multiple(ctx, r -> r.ttm(NET_INCOME, 0))));
        l.add(of("pbr", VALUE, "Price / book (PBR)", "market_cap / equity",
                "Market capitalization over the latest visible shareholders' equity. NaN when equity is zero or "
                        + "negative.",
                "market_cap, equity", ctx -> multiple(ctx, r -> r.balance(EQUITY, 0))));
        l.add(of("psr", VALUE, "Price / sales (PSR)", "market_cap / revenue_ttm",
                "Market capitalization over trailing-twelve-month revenue. NaN when TTM revenue is not positive.",
                "market_cap, revenue", ctx -> multiple(ctx, r -> r.ttm(REVENUE, 0))));
        l.add(of("pcr", VALUE, "Price / operating cash flow (PCR)", "market_cap / operating_cash_flow_ttm",
                "Market capitalization over trailing-twelve-month operating cash flow. NaN when TTM operating "
                        + "cash flow is not positive.",
                "market_cap, operating_cash_flow", ctx -> multiple(ctx, r -> r.ttm(OPERATING_CASH_FLOW, 0))));
        l.add(of("pfcr", VALUE, "Price / free cash flow", "market_cap / (operating_cash_flow_ttm − |capex_ttm|)",
                "Market capitalization over trailing-twelve-month free cash flow (capex taken as a positive "
                        + "outflow whatever its sign in the data). NaN when free cash flow is not positive.",
                "market_cap, operating_cash_flow, capex", ctx -> multiple(ctx, r -> Calc.fcf(r, 0))));
        l.add(of("peg", VALUE, "PEG ratio", "per / eps_growth_1y",
                "PER divided by the one-year EPS growth in percent (a PER of 10 with 20 % growth gives 0.5); "
                        + "below 1 is traditionally cheap for the growth. NaN when PER is NaN or EPS growth is not "
                        + "positive.",
                "per, eps_growth_1y", ctx -> Calc.combine(ctx.factor("per"), ctx.factor("eps_growth_1y"),
                        (per, g) -> g > 0 ? per / g : Double.NaN)));
        l.add(of("ev_ebitda", VALUE, "EV / EBITDA", "enterprise_value / (operating_income_ttm + depreciation_ttm)",
                "Enterprise value over trailing-twelve-month EBITDA; depreciation counts as 0 in a quarter that "
                        + "does not report it (then this is EV/EBIT). NaN when EBITDA or EV is not positive.",
                "enterprise_value, operating_income, depreciation",
                ctx -> evMultiple(ctx, r -> r.ttm(OPERATING_INCOME, 0) + r.ttmOrZero(DEPRECIATION, 0))));
        l.add(of("ev_ebit", VALUE, "EV / EBIT", "enterprise_value / operating_income_ttm",
                "Enterprise value over trailing-twelve-month operating income. NaN when operating income or EV "
                        + "is not positive.",
                "enterprise_value, operating_income", ctx -> evMultiple(ctx, r -> r.ttm(OPERATING_INCOME, 0))));
        l.add(of("ev_sales", VALUE, "EV / sales", "enterprise_value / revenue_ttm",
                "Enterprise value over trailing-twelve-month revenue. NaN when revenue or EV is not positive.",
                "enterprise_value, revenue", ctx -> evMultiple(ctx, r -> r.ttm(REVENUE, 0))));
        l.add(of("ev_ocf", VALUE, "EV / operating cash flow", "enterprise_value / operating_cash_flow_ttm",
                "Enterprise value over trailing-twelve-month operating cash flow. NaN when the cash flow or EV is "
                        + "not positive.",
                "enterprise_value, operating_cash_flow", ctx -> evMultiple(ctx, r -> r.ttm(OPERATING_CASH_FLOW, 0))));
        l.add(of("div_yield", VALUE, "Dividend yield", "100 × dividends_ttm / market_cap",
                "Trailing-twelve-month dividends paid over market capitalization, in percent (0 for a company "
                        + "that reports zero dividends; NaN when dividends are not reported).",
                "market_cap, dividends", ctx -> yieldPct(ctx, r -> Math.abs(r.ttm(DIVIDENDS, 0)))));
        l.add(of("earnings_yield", VALUE, "Earnings yield", "100 × net_income_ttm / market_cap",
                "Trailing-twelve-month net income over market capitalization, in percent: the inverse of PER, "
                        + "defined (negative) for loss-makers too.",
                "market_cap, net_income", ctx -> yieldPct(ctx, r -> r.ttm(NET_INCOME, 0))));
        l.add(of("book_to_market", VALUE, "Book to market", "equity / market_cap",
                "Latest visible equity over market capitalization (the inverse of PBR, as a ratio); negative when "
                        + "equity is negative.",
                "market_cap, equity", ctx -> Calc.withFactor(ctx, "market_cap", r -> r.balance(EQUITY, 0),
                        (mc, x) -> Calc.overPositive(x, mc))));
        l.add(of("sales_yield", VALUE, "Sales yield", "100 × revenue_ttm / market_cap",
                "Trailing-twelve-month revenue over market capitalization, in percent (the inverse of PSR).",
                "market_cap, revenue", ctx -> yieldPct(ctx, r -> r.ttm(REVENUE, 0))));
        l.add(of("fcf_yield", VALUE, "Free cash flow yield", "100 × (operating_cash_flow_ttm − |capex_ttm|) / market_cap",
                "Trailing-twelve-month free cash flow over market capitalization, in percent; negative when the "
                        + "company burns cash.",
                "market_cap, operating_cash_flow, capex", ctx -> yieldPct(ctx, r -> Calc.fcf(r, 0))));
        l.add(of("ocf_yield", VALUE, "Operating cash flow yield", "100 × operating_cash_flow_ttm / market_cap",
                "Trailing-twelve-month operating cash flow over market capitalization, in percent (the inverse "
                        + "of PCR).",
                "market_cap, operating_cash_flow", ctx -> yieldPct(ctx, r -> r.ttm(OPERATING_CASH_FLOW, 0))));
        l.add(of("ebit_yield", VALUE, "EBIT / EV", "100 × operating_income_ttm / enterprise_value",
                "Trailing-twelve-month operating income over enterprise value, in percent (the 'earnings yield' "
                        + "of the magic formula). NaN when EV is not positive.",
                "enterprise_value, operating_income", ctx -> Calc.withFactor(ctx, "enterprise_value",
                        r -> r.ttm(OPERATING_INCOME, 0), (ev, x) -> Calc.pctOf(x, ev))));
        l.add(of("price_to_assets", VALUE, "Price / total assets", "market_cap / total_assets",
                "Market capitalization over the latest visible total assets. NaN when assets are not positive.",
                "market_cap, total_assets", ctx -> multiple(ctx, r -> r.balance(TOTAL_ASSETS, 0))));
        l.add(of("ncav_to_market_cap", VALUE, "Net current assets / market cap",
                "(current_assets − total_liabilities) / market_cap",
                "Graham's net current asset value over market capitalization; above 1 is a 'net-net' stock "
                        + "trading below its liquidation value. Negative when liabilities exceed current assets.",
                "market_cap, current_assets, total_liabilities", ctx -> Calc.withFactor(ctx, "market_cap",
                        r -> r.balance(CURRENT_ASSETS, 0) - r.balance(TOTAL_LIABILITIES, 0),
                        (mc, x) -> Calc.overPositive(x, mc))));
        l.add(of("cash_to_market_cap", VALUE, "Cash / market cap", "cash / market_cap",
                "Latest visible cash and equivalents over market capitalization (NaN when cash is not reported).",
                "market_cap, cash", ctx -> Calc.withFactor(ctx, "market_cap", r -> r.balance(CASH, 0),
                        (mc, x) -> Calc.overPositive(x, mc))));
        l.add(of("eps", VALUE, "Earnings per share (TTM)", "net_income_ttm / shares_outstanding",
                "Trailing-twelve-month net income per share outstanding (shares of the latest visible report).",
                "net_income, shares_outstanding", ctx -> Calc.fundamental(ctx, r -> Calc.eps(r, 0))));
        l.add(of("bps", VALUE, "Book value per share", "equity / shares_outstanding",
                "Latest visible equity per share outstanding.",
                "equity, shares_outstanding", ctx -> perShare(ctx, r -> r.balance(EQUITY, 0))));
        l.add(of("sps", VALUE, "Sales per share (TTM)", "revenue_ttm / shares_outstanding",
                "Trailing-twelve-month revenue per share outstanding.",
                "revenue, shares_outstanding", ctx -> perShare(ctx, r -> r.ttm(REVENUE, 0))));
        l.add(of("cfps", VALUE, "Operating cash flow per share (TTM)", "operating_cash_flow_ttm / shares_outstanding",
                "Trailing-twelve-month operating cash flow per share outstanding.",
                "operating_cash_flow, shares_outstanding", ctx -> perShare(ctx, r -> r.ttm(OPERATING_CASH_FLOW, 0))));
        l.add(of("dps", VALUE, "Dividends per share (TTM)", "dividends_ttm / shares_outstanding",
                "Trailing-twelve-month dividends paid per share outstanding.",
                "dividends, shares_outstanding", ctx -> perShare(ctx, r -> Math.abs(r.ttm(DIVIDENDS, 0)))));
        l.add(of("price_to_graham", VALUE, "Price / Graham number", "close / √(22.5 × eps × bps)",
                "Close over Graham's number √(22.5 · EPS · BPS), the most a defensive investor should pay; below "
                        + "1 is cheap. NaN when EPS or BPS is not positive.",
                "close, eps, bps", ctx -> {
                    double[] c = ctx.panel().close(), eps = ctx.factor("eps"), bps = ctx.factor("bps");
                    double[] out = new double[c.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = eps[i] > 0 && bps[i] > 0 ? c[i] / Math.sqrt(22.5 * eps[i] * bps[i]) : Double.NaN;
                    }
                    return out;
                }));
    }

    /** market_cap / metric, NaN unless the metric is positive. */
    private static double[] multiple(FactorContext ctx, PointInTime.Metric denominator) {
        return Calc.withFactor(ctx, "market_cap", denominator, Calc::overPositive);
    }

    /** enterprise_value / metric, NaN unless both are positive. */
    private static double[] evMultiple(FactorContext ctx, PointInTime.Metric denominator) {
        return Calc.withFactor(ctx, "enterprise_value", denominator,
                (ev, x) -> ev > 0 ? Calc.overPositive(ev, x) : Double.NaN);
    }

    /** 100 · metric / market_cap (NaN unless market cap is positive). */
    private static double[] yieldPct(FactorContext ctx, PointInTime.Metric numerator) {
        return Calc.withFactor(ctx, "market_cap", numerator, (mc, x) -> Calc.pctOf(x, mc));
    }

    /** metric / shares outstanding of the latest report. */
    private static double[] perShare(FactorContext ctx, PointInTime.Metric numerator) {
        return Calc.fundamental(ctx, r -> Calc.overPositive(numerator.eval(r), r.balance(SHARES_OUTSTANDING, 0)));
    }
}
