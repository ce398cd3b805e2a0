package io.stocklab.engine.result;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The formulas of strategy-spec §5, on plain arrays. E_0 = initial capital; E_1..E_n the equity at each
 * trading day's close; r_t = E_t / E_{t−1} − 1; rf_d = (1 + rf)^(1/252) − 1.
 */
public final class Metrics {
    public static final int PERIODS_PER_YEAR = 252;

    private Metrics() {
    }

    /** Daily returns r_1..r_n of E_0..E_n. */
    public static double[] returns(double e0, double[] equity) {
        double[] r = new double[equity.length];
        double prev = e0;
        for (int t = 0; t < equity.length; t++) {
            r[t] = equity[t] / prev - 1.0;
            prev = equity[t];
        }
        return r;
    }

    public static double totalReturnPct(double e0, double[] equity) {
        return equity.length == 0 ? 0 : (equity[equity.length - 1] / e0 - 1.0) * 100.0;
    }

    public static double cagrPct(double e0, double[] equity) {
        int n = equity.length;
        if (n == 0) return 0;
        return (Math.pow(equity[n - 1] / e0, (double) PERIODS_PER_YEAR / n) - 1.0) * 100.0;
    }

    /** Sample standard deviation (n − 1); NaN for fewer than two values. */
    public static double sampleStd(double[] x) {
        int n = x.length;
        if (n < 2) return Double.NaN;
        double m = mean(x);
        double ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return Math.sqrt(ss / (n - 1));
    }

    public static double mean(double[] x) {
        if (x.length == 0) return Double.NaN;
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    public static double dailyRiskFree(double riskFreeRatePct) {
        return Math.pow(1.0 + riskFreeRatePct / 100.0, 1.0 / PERIODS_PER_YEAR) - 1.0;
    }

    public static double volatilityPct(double[] r) {
        double s = sampleStd(r);
        return Double.isNaN(s) ? 0 : s * Math.sqrt(PERIODS_PER_YEAR) * 100.0;
    }

    /** mean(r − rf_d) ÷ sample std(r) × √252; null if std is 0 or undefined. */
    public static Double sharpe(double[] r, double rfDaily) {
        double s = sampleStd(r);
        if (!(s > 0)) return null;
        double m = 0;
        for (double v : r) m += v - rfDaily;
        m /= r.length;
        return m / s * Math.sqrt(PERIODS_PER_YEAR);
    }

    /** mean(r − rf_d) ÷ √(mean(min(0, r − rf_d)²)) × √252; null if there is no downside. */
    public static Double sortino(double[] r, double rfDaily) {
        if (r.length == 0) return null;
        double m = 0, dd = 0;
        for (double v : r) {
            double ex = v - rfDaily;
            m += ex;
            double neg = Math.min(0, ex);
            dd += neg * neg;
        }
        m /= r.length;
        dd = Math.sqrt(dd / r.length);
        if (!(dd > 0)) return null;
        return m / dd * Math.sqrt(PERIODS_PER_YEAR);
    }

    /** max_t (1 − E_t / max_{s≤t} E_s) × 100 over E_0..E_n. */
    public static double maxDrawdownPct(double e0, double[] equity) {
        double peak = e0, mdd = 0;
        for (double e : equity) {
            if (e > peak) peak = e;
            double dd = 1.0 - e / peak;
            if (dd > mdd) mdd = dd;
        }
        return mdd * 100.0;
    }

    /** Drawdown in % at each day (including E_0 in the running peak). */
    public static double[] drawdownPct(double e0, double[] equity) {
        double[] out = new double[equity.length];
        double peak = e0;
        for (int t = 0; t < equity.length; t++) {
            if (equity[t] > peak) peak = equity[t];
            out[t] = (1.0 - equity[t] / peak) * 100.0;
        }
        return out;
    }

    /**
     * OLS of r on the benchmark's daily returns b over the days where both exist; returns {alpha × 252, beta}
     * or null when fewer than two such days or the benchmark does not move.
     */
    public static double[] alphaBeta(double[] r, double[] b) {
        int n = 0;
        double sr = 0, sb = 0;
        for (int t = 0; t < r.length; t++) {
            if (Double.isNaN(r[t]) || Double.isNaN(b[t])) continue;
            n++;
            sr += r[t];
            sb += b[t];
        }
        if (n < 2) return null;
        double mr = sr / n, mb = sb / n, cov = 0, var = 0;
        for (int t = 0; t < r.length; t++) {
            if (Double.isNaN(r[t]) || Double.isNaN(b[t])) continue;
            cov += (r[t] - mr) * (b[t] - mb);
            var += (b[t] - mb) * (b[t] - mb);
        }
        if (!(var > 0)) return null;
        double beta = cov / var;
        double alpha = (mr - beta * mb) * PERIODS_PER_YEAR;
        return new double[] {alpha, beta};
    }

    /** Monthly returns: each month's last equity ÷ the previous month's last (E_0 for the first) − 1, in %. */
    public static List<MonthlyReturn> monthly(double e0, int[] epochDays, double[] equity) {
        List<MonthlyReturn> out = new ArrayList<>();
        double base = e0;
        for (int t = 0; t < equity.length; t++) {
            LocalDate d = LocalDate.ofEpochDay(epochDays[t]);
            boolean last = t == equity.length - 1;
            if (!last) {
                LocalDate next = LocalDate.ofEpochDay(epochDays[t + 1]);
                last = next.getMonthValue() != d.getMonthValue() || next.getYear() != d.getYear();
            }
            if (last) {
                out.add(new MonthlyReturn(String.format("%04d-%02d", d.getYear(), d.getMonthValue()), (equity[t] / base - 1.0) * 100.0));
                base = equity[t];
            }
        }
        return out;
    }
}
