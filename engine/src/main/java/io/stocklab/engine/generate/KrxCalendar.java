package io.stocklab.engine.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * An approximate Korea Exchange (KRX) trading calendar for synthetic data: weekdays minus
 * <ul>
 *   <li>the fixed public holidays Jan 1, Mar 1, May 5, Jun 6, Aug 15, Oct 3, Oct 9 and Dec 25;</li>
 *   <li>the year-end closing day: the last weekday of December that is not already a holiday (Dec 31 when it is
 *       a weekday);</li>
 *   <li>Seollal (lunar new year) and Chuseok (15th day of the 8th lunar month), each as a three-day block (the
 *       day before, the day, the day after).</li>
 * </ul>
 * The lunar dates are computed, not tabulated: new moons come from the standard mean-lunation series with its
 * main periodic corrections (accurate to well under an hour), the solstice and equinox from their mean
 * polynomials, all taken in Korea time (UTC+9). A lunar month starts on the day of its new moon; the 11th month
 * holds the winter solstice and Seollal begins the second month after it; the 8th month holds the autumn
 * equinox and Chuseok is its 15th day. This gives the published dates of 2000–2027 (the years checked);
 * leap months falling between the 11th and 1st month (next in 2033), substitute
 * holidays (대체공휴일), election days and other one-off closures are not modelled. It is a calendar for
 * generated data, not an official one.
 */
public final class KrxCalendar {
    private KrxCalendar() {
    }

    private static final int[][] FIXED = {{1, 1}, {3, 1}, {5, 5}, {6, 6}, {8, 15}, {10, 3}, {10, 9}, {12, 25}};

    /** Trading days from {@code start} to {@code end} inclusive, as ascending epoch days. */
    public static int[] tradingDays(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) return new int[0];
        int from = (int) start.toEpochDay(), to = (int) end.toEpochDay();
        boolean[] closed = new boolean[to - from + 1];
        for (int y = start.getYear(); y <= end.getYear(); y++) {
            for (LocalDate h : holidays(y)) {
                int e = (int) h.toEpochDay();
                if (e >= from && e <= to) closed[e - from] = true;
            }
        }
        int[] out = new int[closed.length];
        int n = 0;
        for (int e = from; e <= to; e++) {
            int dow = Math.floorMod(e + 3, 7); // 1970-01-01 was a Thursday: 0 = Monday
            if (dow < 5 && !closed[e - from]) out[n++] = e;
        }
        return Arrays.copyOf(out, n);
    }

    /** True if {@code day} is a trading day of this calendar. */
    public static boolean isTradingDay(LocalDate day) {
        return tradingDays(day, day).length == 1;
    }

    /** The exchange holidays of {@code year} (including those on weekends), sorted. */
    public static Set<LocalDate> holidays(int year) {
        TreeSet<LocalDate> h = new TreeSet<>();
        for (int[] f : FIXED) h.add(LocalDate.of(year, f[0], f[1]));
        LocalDate seollal = seollal(year), chuseok = chuseok(year);
        for (int k = -1; k <= 1; k++) {
            h.add(seollal.plusDays(k));
            h.add(chuseok.plusDays(k));
        }
        LocalDate last = LocalDate.of(year, 12, 31);
        while (isWeekend(last) || h.contains(last)) last = last.minusDays(1);
        h.add(last);
        TreeSet<LocalDate> inYear = new TreeSet<>();
        for (LocalDate d : h) if (d.getYear() == year) inYear.add(d);
        return inYear;
    }

    /** Approximate date of Seollal (lunar new year's day) in {@code year}. */
    public static LocalDate seollal(int year) {
        // the 11th lunar month is the one holding the winter solstice; Seollal starts the second month after it
        LocalDate solstice = kstDate(decemberSolsticeJde(year - 1));
        long k = lastNewMoonOnOrBefore(solstice);
        return newMoonKst(k + 2);
    }

    /** Approximate date of Chuseok (15th day of the 8th lunar month) in {@code year}. */
    public static LocalDate chuseok(int year) {
        // the 8th lunar month is the one holding the autumn equinox
        LocalDate equinox = kstDate(septemberEquinoxJde(year));
        return newMoonKst(lastNewMoonOnOrBefore(equinox)).plusDays(14);
    }

    private static long lastNewMoonOnOrBefore(LocalDate day) {
        double yearFraction = day.getYear() + (day.getDayOfYear() - 1) / 365.25;
        long k = (long) Math.floor((yearFraction - 2000.0) * 12.3685) + 2;
        while (newMoonKst(k).isAfter(day)) k--;
        return k;
    }

    /** Mean December solstice (Julian ephemeris day) of {@code year}, valid 1000..3000 to about an hour. */
    private static double decemberSolsticeJde(int year) {
        double y = (year - 2000) / 1000.0;
        return 2451900.05952 + 365242.74049 * y - 0.06223 * y * y - 0.00823 * y * y * y + 0.00032 * y * y * y * y;
    }

    /** Mean September equinox (Julian ephemeris day) of {@code year}. */
    private static double septemberEquinoxJde(int year) {
        double y = (year - 2000) / 1000.0;
        return 2451810.21715 + 365242.01767 * y - 0.11575 * y * y + 0.00337 * y * y * y + 0.00078 * y * y * y * y;
    }

    /** The Korea-time (UTC+9) date of a Julian day. */
    private static LocalDate kstDate(double jd) {
        // Julian day 2440587.5 is 1970-01-01T00:00 UTC; Korea is UTC+9 (0.375 day)
        return LocalDate.ofEpochDay((long) Math.floor(jd - 2440587.5 + 0.375));
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Date in Korea time (UTC+9) of new moon number {@code k} (k = 0 near 2000-01-06). */
    static LocalDate newMoonKst(long k) {
        double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
        double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
        double e = 1 - 0.002516 * t - 0.0000074 * t2;
        double m = Math.toRadians(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
        double mp = Math.toRadians(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
        double f = Math.toRadians(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
        double om = Math.toRadians(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
        double corr = -0.40720 * Math.sin(mp)
                + 0.17241 * e * Math.sin(m)
                + 0.01608 * Math.sin(2 * mp)
                + 0.01039 * Math.sin(2 * f)
                + 0.00739 * e * Math.sin(mp - m)
                - 0.00514 * e * Math.sin(mp + m)
                + 0.00208 * e * e * Math.sin(2 * m)
                - 0.00111 * Math.sin(mp - 2 * f)
                - 0.00057 * Math.sin(mp + 2 * f)
                + 0.00056 * e * Math.sin(2 * mp + m)
                - 0.00042 * Math.sin(3 * mp)
                + 0.00042 * e * Math.sin(m + 2 * f)
                + 0.00038 * e * Math.sin(m - 2 * f)
                - 0.00024 * e * Math.sin(2 * mp - m)
                - 0.00017 * Math.sin(om);
        return kstDate(jde + corr);
    }
}
