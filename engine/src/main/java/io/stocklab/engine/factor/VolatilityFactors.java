package io.stocklab.engine.factor;

import static io.stocklab.engine.factor.FactorCategory.VOLATILITY;
import static io.stocklab.engine.factor.FactorDef.of;

import io.stocklab.engine.data.MarketPanel;

import java.util.List;
import java.util.Map;

/**
 * Volatility and risk factors over each asset's own bars. Daily returns r = close / previous bar's close − 1.
 * Volatilities are annualized: sample standard deviation (n − 1) of the last n daily returns × √252 × 100
 * (percent per year), the same convention as the backtest's volatilityPct. A window of n returns needs
 * n + 1 bars.
 *
 * <p>Beta and correlation are against the market: the panel's first benchmark when
 * {@link MarketPanel#benchmarks()} is not empty (its closes forward-filled over days it lacks), otherwise an
 * equal-weighted index built from the mean daily return of all assets with a bar (and a previous bar) that
 * day. The market return paired with an asset's return spans the same two bars, so a halted asset is compared
 * with the market move over its whole gap.
 */
final class VolatilityFactors {
    private VolatilityFactors() {
    }

    static final String MARKET_INDEX_KEY = "factor-internal:market_index";

    static void register(List<Factor> l) {
        for (int n : new int[] {20, 60, 120, 250}) {
            l.add(of("vol_" + n + "d", VOLATILITY, "Volatility, " + n + " days",
                    "stdev_sample(r, last " + n + ") × √252 × 100",
                    "Annualized volatility of daily returns over the last " + n + " returns: sample standard "
                            + "deviation (n − 1) × √252, in percent.",
                    "close", ctx -> Calc.onClose(ctx, (in, out) -> vol(in, n, out))));
        }
        for (int n : new int[] {60, 120, 250}) {
            l.add(of("beta_" + n + "d", VOLATILITY, "Beta, " + n + " days", "cov(r, r_m) / var(r_m), last " + n + " returns",
                    "OLS slope of the asset's daily returns on the market's over the last " + n + " returns. Market = "
                            + "the panel's first benchmark if it has one, else the equal-weighted mean daily return "
                            + "of all assets trading that day.",
                    "close, benchmark", ctx -> withMarket(ctx, (r, m, out) -> Indicators.beta(r, m, n, out))));
        }
        l.add(of("corr_60d", VOLATILITY, "Correlation with the market, 60 days", "corr(r, r_m), last 60 returns",
                "Pearson correlation of daily returns with the market's (same market as beta) over 60 returns.",
                "close, benchmark", ctx -> withMarket(ctx, (r, m, out) -> Indicators.correlation(r, m, 60, out))));
        l.add(of("idio_vol_60d", VOLATILITY, "Idiosyncratic volatility, 60 days",
                "√(Σ residual² / (n − 2)) × √252 × 100, residuals of r on r_m, last 60 returns",
                "Annualized standard deviation of the residuals of a 60-return market-model regression (n − 2 "
                        + "degrees of freedom), in percent: the risk the market does not explain.",
                "close, benchmark", ctx -> withMarket(ctx, (r, m, out) -> {
                    int len = r.length;
                    double[] cxx = new double[len], cyy = new double[len];
                    Indicators.comoments(m, r, 60, out, cxx, cyy);
                    for (int i = 0; i < len; i++) {
                        double res = cxx[i] > 0 ? cyy[i] - out[i] * out[i] / cxx[i] : Double.NaN;
                        out[i] = Math.sqrt(Math.max(res, 0) / 58) * Calc.ANNUALIZE * 100;
                    }
                })));
        for (int n : new int[] {60, 250}) {
            l.add(of("downside_dev_" + n + "d", VOLATILITY, "Downside deviation, " + n + " days",
                    "√(mean(min(0, r)², last " + n + ")) × √252 × 100",
                    "Annualized root mean square of the negative daily returns (threshold 0, dividing by all " + n
                            + " returns, as the backtest's Sortino), in percent.",
                    "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                        double[] d = new double[in.length];
                        Indicators.returns(in, d);
                        for (int i = 0; i < d.length; i++) d[i] = d[i] < 0 ? d[i] * d[i] : (d[i] == d[i] ? 0 : Double.NaN);
                        Indicators.sma(d, n, out);
                        for (int i = 0; i < out.length; i++) out[i] = Math.sqrt(Math.max(out[i], 0)) * Calc.ANNUALIZE * 100;
                    })));
        }
        for (int n : new int[] {60, 120, 250}) {
            l.add(of("mdd_" + n + "d", VOLATILITY, "Max drawdown, " + n + " days",
                    "100 × max_{i ≤ j in last " + n + " bars} (1 − close_j / close_i)",
                    "Largest peak-to-trough fall of the close within the last " + n + " bars, in percent (a positive "
                            + "number; 0 when the price only rose).",
                    "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                        Indicators.maxDrawdown(in, n, out);
                        Calc.scale(out, 100);
                    })));
        }
        l.add(of("atr_14", VOLATILITY, "Average true range (14)", "wilder(true_range, 14)",
                "Wilder's average true range over 14 bars (price units), seeded with the mean of the first 14 "
                        + "true ranges (from the second bar); first value at bar 15.",
                "high, low, close", ctx -> Calc.onHlc(ctx, (in, out) -> Indicators.atr(in[0], in[1], in[2], 14, out))));
        l.add(of("atr_pct_14", VOLATILITY, "ATR % (14)", "100 × atr_14 / close",
                "Average true range in percent of the close (TA-Lib NATR): volatility comparable across prices.",
                "high, low, close", ctx -> Calc.onHlc(ctx, (in, out) -> {
                    Indicators.atr(in[0], in[1], in[2], 14, out);
                    for (int i = 0; i < out.length; i++) out[i] = 100 * out[i] / in[2][i];
                })));
        l.add(of("skew_60d", VOLATILITY, "Return skewness, 60 days", "sample skewness of r, last 60 returns",
                "Adjusted Fisher–Pearson skewness of daily returns (as Excel SKEW); negative = crash-prone.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                    double[] r = new double[in.length];
                    Indicators.returns(in, r);
                    Indicators.skewness(r, 60, out);
                })));
        l.add(of("kurt_60d", VOLATILITY, "Return excess kurtosis, 60 days", "sample excess kurtosis of r, last 60 returns",
                "Excess kurtosis of daily returns (as Excel KURT; 0 for a normal distribution); high = fat tails.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                    double[] r = new double[in.length];
                    Indicators.returns(in, r);
                    Indicators.kurtosis(r, 60, out);
                })));
        l.add(of("hl_range_20d", VOLATILITY, "High-low range, 20 days", "mean(100 × (high − low) / close, last 20 bars)",
                "Average daily high-low range in percent of the close over 20 bars.",
                "high, low, close", ctx -> Calc.onHlc(ctx, (in, out) -> {
                    double[] x = new double[out.length];
                    for (int i = 0; i < x.length; i++) x[i] = 100 * (in[0][i] - in[1][i]) / in[2][i];
                    Indicators.sma(x, 20, out);
                })));
        l.add(of("parkinson_vol_20d", VOLATILITY, "Parkinson volatility, 20 days",
                "√(Σ ln(high/low)² / (4 ln 2 × 20)) × √252 × 100",
                "Range-based annualized volatility estimator of Parkinson over 20 bars, in percent.",
                "high, low", ctx -> PerAsset.apply(ctx.panel(), new double[][] {ctx.panel().high(), ctx.panel().low()},
                        (in, out) -> {
                            double[] x = new double[out.length];
                            for (int i = 0; i < x.length; i++) {
                                double lr = Math.log(in[0][i] / in[1][i]);
                                x[i] = lr * lr;
                            }
                            Indicators.sma(x, 20, out);
                            double k = 1.0 / (4 * Math.log(2));
                            for (int i = 0; i < out.length; i++) out[i] = Math.sqrt(out[i] * k) * Calc.ANNUALIZE * 100;
                        })));
        l.add(of("max_ret_20d", VOLATILITY, "Maximum daily return, 20 days", "100 × max(r, last 20 returns)",
                "Largest daily return of the last 20, in percent (the 'lottery' MAX effect).",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                    double[] r = new double[in.length];
                    Indicators.returns(in, r);
                    Indicators.highest(r, 20, out);
                    Calc.scale(out, 100);
                })));
        l.add(of("vol_ratio_20_60", VOLATILITY, "Volatility ratio 20 / 60", "vol_20d / vol_60d",
                "Short over long volatility; above 1 when volatility is rising.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                    double[] lng = new double[in.length];
                    vol(in, 20, out);
                    vol(in, 60, lng);
                    for (int i = 0; i < out.length; i++) out[i] = Calc.overPositive(out[i], lng[i]);
                })));
        l.add(of("ulcer_index_14", VOLATILITY, "Ulcer index (14)", "√(mean((100 × (close / highest(close, 14) − 1))², 14))",
                "Root mean square of the percent drawdowns from the rolling 14-bar high over the last 14 bars.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                    double[] dd = new double[in.length];
                    Indicators.highest(in, 14, dd);
                    for (int i = 0; i < dd.length; i++) {
                        double p = 100 * (in[i] / dd[i] - 1);
                        dd[i] = p * p;
                    }
                    Indicators.sma(dd, 14, out);
                    for (int i = 0; i < out.length; i++) out[i] = Math.sqrt(out[i]);
                })));
    }

    /** Annualized sample volatility of one-bar returns over n returns, in percent. */
    static void vol(double[] close, int n, double[] out) {
        double[] r = new double[close.length];
        Indicators.returns(close, r);
        Indicators.stdSample(r, n, out);
        Calc.scale(out, Calc.ANNUALIZE * 100);
    }

    @FunctionalInterface
    interface MarketKernel {
        /** r: asset returns, m: market returns over the same bars (both NaN at index 0). */
        void apply(double[] r, double[] m, double[] out);
    }

    /** Runs {@code kernel} over each asset's returns paired with the market's returns over the same spans. */
    static double[] withMarket(FactorContext ctx, MarketKernel kernel) {
        MarketPanel p = ctx.panel();
        double[] index = marketIndex(p);
        return PerAsset.applyDated(p, new double[][] {p.close()}, (in, dates, out) -> {
            double[] c = in[0];
            int len = c.length;
            double[] r = new double[len], m = new double[len];
            Indicators.returns(c, r);
            if (len > 0) m[0] = Double.NaN;
            for (int i = 1; i < len; i++) m[i] = index[dates[i]] / index[dates[i - 1]] - 1;
            kernel.apply(r, m, out);
        });
    }

    /**
     * Market index level per calendar day (cached per panel): the first benchmark, forward-filled, or an
     * equal-weighted index of the panel's assets starting at 1.
     */
    static double[] marketIndex(MarketPanel p) {
        return p.cache().get(MARKET_INDEX_KEY, () -> {
            int nd = p.dateCount();
            double[] level = new double[nd];
            Map<String, double[]> b = p.benchmarks();
            if (!b.isEmpty()) {
                double[] src = b.values().iterator().next();
                double last = Double.NaN;
                for (int d = 0; d < nd; d++) {
                    if (src[d] == src[d] && src[d] > 0) last = src[d];
                    level[d] = last;
                }
                return level;
            }
            double[] sum = new double[nd];
            int[] cnt = new int[nd];
            double[] close = p.close();
            for (int a = 0; a < p.assetCount(); a++) {
                int first = p.firstBar(a);
                if (first < 0) continue;
                int base = a * nd;
                double prev = close[base + first];
                for (int d = first + 1; d <= p.lastBar(a); d++) {
                    double c = close[base + d];
                    if (c != c) continue;
                    double r = c / prev - 1;
                    if (r == r && !Double.isInfinite(r)) {
                        sum[d] += r;
                        cnt[d]++;
                    }
                    prev = c;
                }
            }
            double lv = 1;
            for (int d = 0; d < nd; d++) {
                if (cnt[d] > 0) lv *= 1 + sum[d] / cnt[d];
                level[d] = lv;
            }
            return level;
        });
    }
}
