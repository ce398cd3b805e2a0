package io.stocklab.engine.factor;

import static io.stocklab.engine.factor.FactorCategory.MOMENTUM;
import static io.stocklab.engine.factor.FactorDef.of;

import java.util.List;

/**
 * Momentum and technical factors, over each asset's own bars (a day without a bar is not a bar of it; see
 * {@link PerAsset}). Returns are in percent; averages are in price units; price/average ratios are plain
 * ratios (1.05 = 5 % above). Conventions (TA-Lib's) are listed per indicator in {@code docs/indicators.md}.
 */
final class MomentumFactors {
    private MomentumFactors() {
    }

    static void register(List<Factor> l) {
        returns(l);
        averages(l);
        oscillators(l);
        ranges(l);
    }

    private static void returns(List<Factor> l) {
        int[][] rets = {{1, 0}, {5, 0}, {10, 1}};
        for (int[] spec : rets) {
            int n = spec[0];
            String id = spec[1] == 1 ? "roc_" + n : "ret_" + n + "d";
            String name = spec[1] == 1 ? "Rate of change, " + n + " bars" : "Return, " + n + (n == 1 ? " day" : " days");
            l.add(of(id, MOMENTUM, name, "100 × (close / close[" + n + " bars ago] − 1)",
                    "Price change over the last " + n + " bar" + (n == 1 ? "" : "s") + " of the asset, in percent"
                            + (spec[1] == 1 ? " (TA-Lib ROC)." : "."),
                    "close", ctx -> Calc.onClose(ctx, (in, out) -> changePct(in, n, 0, out))));
        }
        int[][] moms = {{21, 1}, {63, 3}, {126, 6}, {252, 12}};
        for (int[] m : moms) {
            int n = m[0];
            l.add(of("mom_" + n + "d", MOMENTUM, "Momentum, " + m[1] + (m[1] == 1 ? " month" : " months"),
                    "100 × (close / close[" + n + " bars ago] − 1)",
                    "Total price return over the last " + n + " bars (about " + m[1] + (m[1] == 1 ? " month" : " months")
                            + "), in percent.",
                    "close", ctx -> Calc.onClose(ctx, (in, out) -> changePct(in, n, 0, out))));
        }
        l.add(of("mom_12_1", MOMENTUM, "Momentum 12-1", "100 × (close[21 bars ago] / close[252 bars ago] − 1)",
                "Return from 12 months ago to 1 month ago (252 → 21 bars), in percent: classic cross-sectional "
                        + "momentum skipping the short-term reversal month.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> changePct(in, 231, 21, out))));
        l.add(of("mom_6_1", MOMENTUM, "Momentum 6-1", "100 × (close[21 bars ago] / close[126 bars ago] − 1)",
                "Return from 6 months ago to 1 month ago (126 → 21 bars), in percent.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> changePct(in, 105, 21, out))));
    }

    private static void averages(List<Factor> l) {
        for (int n : new int[] {5, 10, 20, 50, 60, 120, 200}) {
            l.add(of("sma_" + n, MOMENTUM, "Simple moving average, " + n, "mean(close, last " + n + " bars)",
                    "Arithmetic mean of the last " + n + " closes (price units); NaN until " + n + " bars exist.",
                    "close", ctx -> Calc.onClose(ctx, (in, out) -> Indicators.sma(in, n, out))));
        }
        for (int n : new int[] {12, 20, 26, 50, 200}) {
            l.add(of("ema_" + n, MOMENTUM, "Exponential moving average, " + n, "ema(close, α = 2/(" + n + "+1))",
                    "Exponential moving average of the close with α = 2/(" + n + "+1), seeded with the SMA of the "
                            + "first " + n + " closes (TA-Lib); first value at bar " + n + ".",
                    "close", ctx -> Calc.onClose(ctx, (in, out) -> Indicators.ema(in, n, out))));
        }
        l.add(of("wma_20", MOMENTUM, "Weighted moving average, 20", "Σ k·close[k] / Σ k, k = 1..20 (newest = 20)",
                "Linearly weighted average of the last 20 closes, newest heaviest.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> Indicators.wma(in, 20, out))));
        for (int n : new int[] {5, 20, 50, 60, 120, 200}) {
            l.add(of("price_to_sma_" + n, MOMENTUM, "Price / SMA " + n, "close / sma_" + n,
                    "Close over its " + n + "-bar simple moving average (1.05 = 5 % above the average).",
                    "close, sma_" + n, ctx -> Calc.onClose(ctx, (in, out) -> {
                        Indicators.sma(in, n, out);
                        for (int i = 0; i < out.length; i++) out[i] = in[i] / out[i];
                    })));
        }
        int[][] crosses = {{5, 20}, {20, 50}, {20, 60}, {50, 200}};
        for (int[] c : crosses) {
            int a = c[0], b = c[1];
            l.add(of("sma_cross_" + a + "_" + b, MOMENTUM, "SMA " + a + " / SMA " + b, "sma_" + a + " / sma_" + b,
                    "Short over long simple moving average; above 1 when the short average is above the long one "
                            + "(golden-cross regime).",
                    "sma_" + a + ", sma_" + b, ctx -> Calc.onClose(ctx, (in, out) -> {
                        double[] lng = new double[in.length];
                        Indicators.sma(in, a, out);
                        Indicators.sma(in, b, lng);
                        for (int i = 0; i < out.length; i++) out[i] /= lng[i];
                    })));
        }
    }

    private static void oscillators(List<Factor> l) {
        for (int n : new int[] {6, 9, 14, 28}) {
            l.add(of("rsi_" + n, MOMENTUM, "RSI " + n, "100 − 100 / (1 + avg_gain_" + n + " / avg_loss_" + n + ")",
                    "Wilder's relative strength index over " + n + " bars (0..100; above 70 overbought, below 30 "
                            + "oversold). Averages seeded with the mean of the first " + n + " changes, then Wilder "
                            + "smoothing; 100 when there is no loss, 50 when the price did not move.",
                    "close", ctx -> Calc.onClose(ctx, (in, out) -> Indicators.rsi(in, n, out))));
        }
        l.add(of("macd", MOMENTUM, "MACD line (12, 26)", "ema_12 − ema_26",
                "Difference of the 12- and 26-bar EMAs of the close (price units); first value at bar 26.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> macd(in, out, 0))));
        l.add(of("macd_signal", MOMENTUM, "MACD signal (9)", "ema(macd, 9)",
                "9-bar EMA of the MACD line, seeded with the mean of its first 9 values; first value at bar 34.",
                "close, macd", ctx -> Calc.onClose(ctx, (in, out) -> macd(in, out, 1))));
        l.add(of("macd_hist", MOMENTUM, "MACD histogram", "macd − macd_signal",
                "MACD line minus its signal line; positive while the trend accelerates.",
                "close, macd, macd_signal", ctx -> Calc.onClose(ctx, (in, out) -> macd(in, out, 2))));
        l.add(of("ppo", MOMENTUM, "Percentage price oscillator (12, 26)", "100 × (ema_12 − ema_26) / ema_26",
                "MACD expressed in percent of the slow EMA, comparable across price levels.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> macd(in, out, 3))));
        l.add(of("stoch_k_14", MOMENTUM, "Stochastic %K (14, fast)",
                "100 × (close − lowest_low_14) / (highest_high_14 − lowest_low_14)",
                "Where the close sits in the 14-bar high-low range (0..100), the fast %K of TA-Lib STOCHF; 0 when "
                        + "the range is 0.",
                "high, low, close", ctx -> Calc.onHlc(ctx, (in, out) -> Indicators.stochK(in[0], in[1], in[2], 14, out))));
        l.add(of("stoch_d_14", MOMENTUM, "Stochastic %D (14, 3, fast)", "sma(stoch_k_14, 3)",
                "3-bar simple average of the fast %K (TA-Lib STOCHF fast %D, which equals the slow %K of STOCH).",
                "high, low, close, stoch_k_14", ctx -> Calc.onHlc(ctx, (in, out) -> {
                    double[] k = new double[out.length];
                    Indicators.stochK(in[0], in[1], in[2], 14, k);
                    Indicators.sma(k, 3, out);
                })));
        l.add(of("bb_pctb_20", MOMENTUM, "Bollinger %b (20, 2)", "(close − lower) / (upper − lower)",
                "Position of the close within the Bollinger bands sma_20 ± 2σ (population σ of the last 20 closes): "
                        + "0 at the lower band, 1 at the upper; NaN when σ = 0.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> Indicators.bollingerPctB(in, 20, 2.0, out))));
        l.add(of("bb_width_20", MOMENTUM, "Bollinger band width (20, 2)", "100 × (upper − lower) / sma_20",
                "Width of the Bollinger bands (± 2 population σ) in percent of the middle band; low values flag a "
                        + "squeeze.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> Indicators.bollingerWidth(in, 20, 2.0, out))));
        l.add(of("cci_20", MOMENTUM, "Commodity channel index (20)", "(tp − sma(tp, 20)) / (0.015 × mean_dev(tp, 20))",
                "Deviation of the typical price (h + l + c)/3 from its 20-bar mean in units of 0.015 × mean "
                        + "absolute deviation; ±100 are the usual thresholds.",
                "high, low, close", ctx -> Calc.onHlc(ctx, (in, out) -> Indicators.cci(in[0], in[1], in[2], 20, out))));
        l.add(of("willr_14", MOMENTUM, "Williams %R (14)", "−100 × (highest_high_14 − close) / (highest_high_14 − lowest_low_14)",
                "Close relative to the 14-bar range, −100..0 (above −20 overbought, below −80 oversold); 0 when "
                        + "the range is 0.",
                "high, low, close", ctx -> Calc.onHlc(ctx, (in, out) -> Indicators.williamsR(in[0], in[1], in[2], 14, out))));
        l.add(of("adx_14", MOMENTUM, "Average directional index (14)", "wilder(100 × |+DI − −DI| / (+DI + −DI), 14)",
                "Wilder's trend strength (0..100, above 25 trending) from the 14-bar directional indicators; first "
                        + "value at bar 27.",
                "high, low, close", ctx -> Calc.onHlc(ctx,
                        (in, out) -> Indicators.dmi(in[0], in[1], in[2], 14, null, null, out))));
        l.add(of("plus_di_14", MOMENTUM, "+DI (14)", "100 × wilder(+DM, 14) / wilder(TR, 14)",
                "Wilder's positive directional indicator: smoothed up-moves over smoothed true range, 0..100.",
                "high, low, close", ctx -> Calc.onHlc(ctx,
                        (in, out) -> Indicators.dmi(in[0], in[1], in[2], 14, out, null, null))));
        l.add(of("minus_di_14", MOMENTUM, "−DI (14)", "100 × wilder(−DM, 14) / wilder(TR, 14)",
                "Wilder's negative directional indicator: smoothed down-moves over smoothed true range, 0..100.",
                "high, low, close", ctx -> Calc.onHlc(ctx,
                        (in, out) -> Indicators.dmi(in[0], in[1], in[2], 14, null, out, null))));
        l.add(of("obv", MOMENTUM, "On-balance volume", "obv[t−1] ± volume (+ on an up close, − on a down close)",
                "Cumulative volume signed by the close's direction, starting at the first bar's volume (TA-Lib). "
                        + "Its level depends on where the data starts; compare its changes, not its level.",
                "close, volume", ctx -> Calc.onCloseVolume(ctx, (in, out) -> Indicators.obv(in[0], in[1], out))));
        l.add(of("mfi_14", MOMENTUM, "Money flow index (14)", "100 × Σ positive flow / Σ all flow, 14 bars",
                "Volume-weighted RSI: typical price × volume counted as positive on bars where the typical price "
                        + "rose, negative where it fell, over the last 14 bars (0..100); 50 when nothing moved.",
                "high, low, close, volume",
                ctx -> Calc.onHlcv(ctx, (in, out) -> Indicators.mfi(in[0], in[1], in[2], in[3], 14, out))));
        l.add(of("aroon_up_25", MOMENTUM, "Aroon up (25)", "100 × (25 − bars since the 25-bar high) / 25",
                "How recently the highest high of the last 26 bars (today and 25 before) occurred: 100 = today.",
                "high", ctx -> PerAsset.apply(ctx.panel(), ctx.panel().high(), (in, out) -> Indicators.aroonUp(in, 25, out))));
        l.add(of("aroon_down_25", MOMENTUM, "Aroon down (25)", "100 × (25 − bars since the 25-bar low) / 25",
                "How recently the lowest low of the last 26 bars occurred: 100 = today.",
                "low", ctx -> PerAsset.apply(ctx.panel(), ctx.panel().low(), (in, out) -> Indicators.aroonDown(in, 25, out))));
        l.add(of("aroon_osc_25", MOMENTUM, "Aroon oscillator (25)", "aroon_up_25 − aroon_down_25",
                "Aroon up minus Aroon down (−100..100); positive in up-trends.",
                "high, low", ctx -> PerAsset.apply(ctx.panel(), new double[][] {ctx.panel().high(), ctx.panel().low()},
                        (in, out) -> {
                            double[] down = new double[out.length];
                            Indicators.aroonUp(in[0], 25, out);
                            Indicators.aroonDown(in[1], 25, down);
                            for (int i = 0; i < out.length; i++) out[i] -= down[i];
                        })));
        l.add(of("up_days_pct_20", MOMENTUM, "Up days, 20 bars", "100 × count(close > close[1 bar ago]) / 20",
                "Share of the last 20 bars that closed higher than the bar before, in percent.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                    double[] up = new double[in.length];
                    up[0] = Double.NaN;
                    for (int i = 1; i < in.length; i++) up[i] = in[i] > in[i - 1] ? 1 : 0;
                    Indicators.sma(up, 20, out);
                    Calc.scale(out, 100);
                })));
    }

    private static void ranges(List<Factor> l) {
        l.add(of("high_52w", MOMENTUM, "52-week high (close)", "highest(close, 252)",
                "Highest close of the last 252 bars including today.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> Indicators.highest(in, 252, out))));
        l.add(of("low_52w", MOMENTUM, "52-week low (close)", "lowest(close, 252)",
                "Lowest close of the last 252 bars including today.",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> Indicators.lowest(in, 252, out))));
        l.add(of("dist_52w_high", MOMENTUM, "Distance from 52-week high", "100 × (close / highest(close, 252) − 1)",
                "How far the close is below the highest close of the last 252 bars, in percent (0 at a new high, "
                        + "always ≤ 0).",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                    Indicators.highest(in, 252, out);
                    for (int i = 0; i < out.length; i++) out[i] = 100 * (in[i] / out[i] - 1);
                })));
        l.add(of("dist_52w_low", MOMENTUM, "Distance from 52-week low", "100 × (close / lowest(close, 252) − 1)",
                "How far the close is above the lowest close of the last 252 bars, in percent (always ≥ 0).",
                "close", ctx -> Calc.onClose(ctx, (in, out) -> {
                    Indicators.lowest(in, 252, out);
                    for (int i = 0; i < out.length; i++) out[i] = 100 * (in[i] / out[i] - 1);
                })));
    }

    /** 100 × (x[i − skip] / x[i − skip − n] − 1). */
    static void changePct(double[] x, int n, int skip, double[] out) {
        for (int i = 0; i < x.length; i++) {
            int j = i - skip;
            out[i] = j - n >= 0 ? 100 * (x[j] / x[j - n] - 1) : Double.NaN;
        }
    }

    /** part: 0 macd line, 1 signal, 2 histogram, 3 ppo. */
    private static void macd(double[] close, double[] out, int part) {
        int len = close.length;
        double[] fast = new double[len], slow = new double[len];
        Indicators.ema(close, 12, fast);
        Indicators.ema(close, 26, slow);
        if (part == 3) {
            for (int i = 0; i < len; i++) out[i] = 100 * (fast[i] - slow[i]) / slow[i];
            return;
        }
        for (int i = 0; i < len; i++) fast[i] -= slow[i];
        if (part == 0) {
            System.arraycopy(fast, 0, out, 0, len);
            return;
        }
        Indicators.ema(fast, 9, out);
        if (part == 2) for (int i = 0; i < len; i++) out[i] = fast[i] - out[i];
    }
}
