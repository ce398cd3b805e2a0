package io.stocklab.engine.factor;

import static io.stocklab.engine.data.FundamentalItem.CASH;
import static io.stocklab.engine.data.FundamentalItem.SHARES_OUTSTANDING;
import static io.stocklab.engine.data.FundamentalItem.TOTAL_LIABILITIES;
import static io.stocklab.engine.factor.FactorCategory.SIZE;
import static io.stocklab.engine.factor.FactorDef.of;

import io.stocklab.engine.data.MarketPanel;

import java.util.List;

/**
 * Size and liquidity factors. Market capitalization uses the shares outstanding of the latest report
 * visible on that day (point in time). Traded value is close × volume in the price currency.
 */
final class SizeFactors {
    private SizeFactors() {
    }

    static void register(List<Factor> l) {
        l.add(of("shares_out", SIZE, "Shares outstanding", "shares_outstanding (latest visible report)",
                "Shares outstanding of the latest report visible on the day.",
                "shares_outstanding", ctx -> Calc.fundamental(ctx, r -> r.balance(SHARES_OUTSTANDING, 0))));
        l.add(of("market_cap", SIZE, "Market capitalization", "close × shares_out",
                "Close times the shares outstanding known on that day, in the price currency.",
                "close, shares_out", ctx -> Calc.combine(ctx.panel().close(), ctx.factor("shares_out"), (c, s) -> c * s)));
        l.add(of("log_market_cap", SIZE, "Log market capitalization", "ln(market_cap)",
                "Natural logarithm of the market capitalization (NaN when not positive); the usual size "
                        + "characteristic.",
                "market_cap", ctx -> Calc.map(ctx.factor("market_cap"), x -> x > 0 ? Math.log(x) : Double.NaN)));
        l.add(of("enterprise_value", SIZE, "Enterprise value", "market_cap + total_liabilities − cash",
                "Market capitalization plus total liabilities (a proxy for debt, which statements here do not "
                        + "separate) minus cash (0 when cash is not reported).",
                "market_cap, total_liabilities, cash", ctx -> Calc.withFactor(ctx, "market_cap", r -> {
                    double cash = r.balance(CASH, 0);
                    return r.balance(TOTAL_LIABILITIES, 0) - (cash == cash ? cash : 0);
                }, (mc, debtLessCash) -> mc + debtLessCash)));
        l.add(of("price", SIZE, "Price", "close", "The day's close (price units).",
                "close", ctx -> ctx.panel().close().clone()));
        for (int n : new int[] {1, 5, 20, 60}) {
            l.add(of("traded_value_" + n + "d", SIZE, "Traded value, " + n + (n == 1 ? " day" : "-day average"),
                    n == 1 ? "close × volume" : "mean(close × volume, last " + n + " bars)",
                    n == 1 ? "The day's traded value, close × volume, in the price currency."
                            : "Average daily traded value (close × volume) over the last " + n + " bars, in the price "
                            + "currency.",
                    "close, volume", ctx -> Calc.onCloseVolume(ctx, (in, out) -> {
                        double[] tv = new double[out.length];
                        for (int i = 0; i < tv.length; i++) tv[i] = in[0][i] * in[1][i];
                        Indicators.sma(tv, n, out);
                    })));
        }
        l.add(of("log_traded_value_20d", SIZE, "Log traded value, 20-day average", "ln(traded_value_20d)",
                "Natural logarithm of the 20-day average traded value (NaN when not positive).",
                "traded_value_20d", ctx -> Calc.map(ctx.factor("traded_value_20d"), x -> x > 0 ? Math.log(x) : Double.NaN)));
        for (int n : new int[] {5, 20, 60}) {
            l.add(of("volume_avg_" + n + "d", SIZE, "Average volume, " + n + " days", "mean(volume, last " + n + " bars)",
                    "Average daily volume (shares) over the last " + n + " bars.",
                    "volume", ctx -> PerAsset.apply(ctx.panel(), ctx.panel().volume(), (in, out) -> Indicators.sma(in, n, out))));
        }
        l.add(of("volume_ratio_5_20", SIZE, "Volume ratio 5 / 20", "volume_avg_5d / volume_avg_20d",
                "Recent over usual volume; above 1 when trading is picking up. NaN when the 20-day average is 0.",
                "volume", ctx -> PerAsset.apply(ctx.panel(), ctx.panel().volume(), (in, out) -> {
                    double[] lng = new double[in.length];
                    Indicators.sma(in, 5, out);
                    Indicators.sma(in, 20, lng);
                    for (int i = 0; i < out.length; i++) out[i] = Calc.overPositive(out[i], lng[i]);
                })));
        l.add(of("turnover_1d", SIZE, "Share turnover, 1 day", "100 × volume / shares_out",
                "The day's volume over shares outstanding, in percent.",
                "volume, shares_out", ctx -> Calc.combine(ctx.panel().volume(), ctx.factor("shares_out"), Calc::pctOf)));
        for (int n : new int[] {20, 60}) {
            l.add(of("turnover_" + n + "d", SIZE, "Share turnover, " + n + " days", "100 × volume_avg_" + n + "d / shares_out",
                    "Average daily volume over the last " + n + " bars divided by shares outstanding, in percent.",
                    "volume, shares_out", ctx -> {
                        double[] v = PerAsset.apply(ctx.panel(), ctx.panel().volume(), (in, out) -> Indicators.sma(in, n, out));
                        double[] s = ctx.factor("shares_out");
                        for (int i = 0; i < v.length; i++) v[i] = Calc.pctOf(v[i], s[i]);
                        return v;
                    }));
        }
        for (int n : new int[] {20, 60}) {
            l.add(of("amihud_" + n + "d", SIZE, "Amihud illiquidity, " + n + " days",
                    "mean(|r| / (close × volume)) × 10⁶ over " + n + " bars",
                    "Amihud's illiquidity: average absolute daily return (as a fraction) per unit of traded value, "
                            + "× 10⁶, over the last " + n + " bars; higher = less liquid. Days with zero traded "
                            + "value are left out of the average; NaN if all are.",
                    "close, volume", ctx -> Calc.onCloseVolume(ctx, (in, out) -> amihud(in[0], in[1], n, out))));
        }
        l.add(of("zero_volume_pct_20d", SIZE, "Zero-volume days, 20 bars", "100 × count(volume = 0) / 20",
                "Share of the last 20 bars without any trading, in percent.",
                "volume", ctx -> PerAsset.apply(ctx.panel(), ctx.panel().volume(), (in, out) -> {
                    double[] z = new double[in.length];
                    for (int i = 0; i < z.length; i++) z[i] = in[i] == 0 ? 1 : (in[i] == in[i] ? 0 : Double.NaN);
                    Indicators.sma(z, 20, out);
                    Calc.scale(out, 100);
                })));
        l.add(of("listing_age_days", SIZE, "Bars since first bar", "number of bars of the asset up to today",
                "How many bars the asset has in the data up to and including today (1 on its first bar); small "
                        + "values flag new listings.",
                "close", ctx -> {
                    MarketPanel p = ctx.panel();
                    return PerAsset.apply(p, p.close(), (in, out) -> {
                        for (int i = 0; i < out.length; i++) out[i] = i + 1;
                    });
                }));
    }

    static void amihud(double[] close, double[] volume, int n, double[] out) {
        int len = close.length;
        double[] term = new double[len], cnt = new double[len], cntSum = new double[len];
        if (len > 0) term[0] = cnt[0] = Double.NaN;
        for (int i = 1; i < len; i++) {
            double tv = close[i] * volume[i];
            if (tv > 0) {
                term[i] = Math.abs(close[i] / close[i - 1] - 1) / tv * 1e6;
                cnt[i] = 1;
            } else if (tv == 0) {
                term[i] = 0;
                cnt[i] = 0;
            } else {
                term[i] = cnt[i] = Double.NaN;
            }
        }
        Indicators.sum(term, n, out);
        Indicators.sum(cnt, n, cntSum);
        for (int i = 0; i < len; i++) out[i] = cntSum[i] > 0 ? out[i] / cntSum[i] : Double.NaN;
    }
}
