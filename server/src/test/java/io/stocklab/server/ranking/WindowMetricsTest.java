package io.stocklab.server.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stocklab.server.ranking.WindowMetrics.DataRange;
import io.stocklab.server.ranking.WindowMetrics.Point;
import io.stocklab.server.ranking.WindowMetrics.Result;
import io.stocklab.server.ranking.WindowMetrics.Run;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WindowMetricsTest {
    static final LocalDate START = LocalDate.of(2019, 1, 2);
    static final LocalDate END = LocalDate.of(2024, 12, 30);
    static final DataRange DATA = new DataRange(START, END);

    /** Weekdays from..to; equity grows by {@code daily} per day. */
    static List<Point> curve(LocalDate from, LocalDate to, double e0, double daily) {
        List<Point> out = new ArrayList<>();
        double e = e0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) continue;
            e *= 1 + daily;
            out.add(new Point(d, e));
        }
        return out;
    }

    static Map<RankingPeriod, Result> byPeriod(List<Result> results) {
        return results.stream().collect(Collectors.toMap(Result::period, Function.identity()));
    }

    @Test
    void aRunOverTheWholeDatasetIsEligibleForEveryPeriod() {
        List<Point> eq = curve(START, END, 100, 0.001);
        Map<RankingPeriod, Result> r = byPeriod(WindowMetrics.evaluate(new Run(null, null, 100, eq), DATA));
        assertThat(r.keySet()).containsExactlyInAnyOrder(RankingPeriod.Y1, RankingPeriod.Y3, RankingPeriod.Y5,
                RankingPeriod.ALL);
        // whole run: total return from the initial capital
        double last = eq.getLast().equity();
        assertThat(r.get(RankingPeriod.ALL).totalReturnPct()).isCloseTo((last / 100 - 1) * 100, within(1e-9));
        assertThat(r.get(RankingPeriod.ALL).windowStart()).isEqualTo(START);
        assertThat(r.get(RankingPeriod.ALL).windowEnd()).isEqualTo(END);
        // 1y: from the close on (or before) END - 1 year
        LocalDate ws = END.minusYears(1);
        Point base = eq.stream().filter(p -> !p.date().isAfter(ws)).reduce((a, b) -> b).orElseThrow();
        long days = eq.stream().filter(p -> p.date().isAfter(ws)).count();
        Result y1 = r.get(RankingPeriod.Y1);
        assertThat(y1.windowStart()).isEqualTo(ws);
        assertThat(y1.totalReturnPct()).isCloseTo((last / base.equity() - 1) * 100, within(1e-9));
        assertThat(y1.totalReturnPct()).isCloseTo((Math.pow(1.001, days) - 1) * 100, within(1e-6));
        assertThat(y1.cagrPct()).isCloseTo((Math.pow(1.001, 252) - 1) * 100, within(1e-6));
        // a steady rise: no drawdown, hence no Calmar, and a constant return has no deviation, hence no Sharpe
        assertThat(y1.maxDrawdownPct()).isZero();
        assertThat(y1.calmar()).isNull();
        assertThat(y1.sharpe()).isNull();
    }

    @Test
    void windowMetricsUseOnlyTheWindowsDays() {
        // falls 30% in the first years, then rises steadily with small wiggles in the last 1.5 years
        List<Point> eq = new ArrayList<>(curve(START, END.minusMonths(18), 100, -0.0003));
        double e = eq.getLast().equity();
        int i = 0;
        for (Point p : curve(END.minusMonths(18).plusDays(1), END, 1, 0)) {
            e *= 1 + (i++ % 2 == 0 ? 0.003 : -0.001);
            eq.add(new Point(p.date(), e));
        }
        Map<RankingPeriod, Result> r = byPeriod(WindowMetrics.evaluate(new Run(null, null, 100, eq), DATA));
        Result y1 = r.get(RankingPeriod.Y1);
        Result all = r.get(RankingPeriod.ALL);
        assertThat(y1.totalReturnPct()).isPositive();
        assertThat(all.totalReturnPct()).isLessThan(y1.totalReturnPct());
        // the window's own drawdown: one -0.1% day at most
        assertThat(y1.maxDrawdownPct()).isCloseTo(0.1, within(1e-9));
        assertThat(all.maxDrawdownPct()).isGreaterThan(10);
        assertThat(y1.sharpe()).isPositive();
        assertThat(y1.calmar()).isCloseTo(y1.cagrPct() / y1.maxDrawdownPct(), within(1e-9));
        assertThat(all.sharpe()).isNotNull();
    }

    @Test
    void aRunMustEndAtTheDatasetsEndWithinTheTolerance() {
        List<Point> early = curve(START, END.minusDays(WindowMetrics.TOLERANCE_DAYS + 3), 100, 0.001);
        assertThat(WindowMetrics.evaluate(new Run(null, END.minusDays(10), 100, early), DATA)).isEmpty();
        List<Point> close = curve(START, END.minusDays(3), 100, 0.001);
        assertThat(byPeriod(WindowMetrics.evaluate(new Run(null, END.minusDays(3), 100, close), DATA)).keySet())
                .as("a spec ending before the dataset does is not the whole dataset")
                .containsExactlyInAnyOrder(RankingPeriod.Y1, RankingPeriod.Y3, RankingPeriod.Y5);
    }

    @Test
    void aRunMustCoverTheTrailingWindow() {
        // starts 2 years before the end: eligible for 1y only (not 3y, 5y, nor all since the spec starts late)
        LocalDate from = END.minusYears(2);
        List<Point> eq = curve(from, END, 100, 0.0005);
        assertThat(byPeriod(WindowMetrics.evaluate(new Run(from, null, 100, eq), DATA)).keySet())
                .containsExactly(RankingPeriod.Y1);
        // starts a few days after the 3y window opens (the first trading day): eligible, measured from the capital
        LocalDate ws3 = END.minusYears(3);
        List<Point> eq3 = curve(ws3.plusDays(3), END, 100, 0.0005);
        Result y3 = byPeriod(WindowMetrics.evaluate(new Run(ws3, null, 100, eq3), DATA)).get(RankingPeriod.Y3);
        assertThat(y3).isNotNull();
        assertThat(y3.totalReturnPct()).isCloseTo((eq3.getLast().equity() / 100 - 1) * 100, within(1e-9));
        // ... but not when it starts more than the tolerance after it
        List<Point> late = curve(ws3.plusDays(WindowMetrics.TOLERANCE_DAYS + 2), END, 100, 0.0005);
        assertThat(byPeriod(WindowMetrics.evaluate(new Run(ws3, null, 100, late), DATA)))
                .doesNotContainKey(RankingPeriod.Y3).containsKey(RankingPeriod.Y1);
    }

    @Test
    void degenerateRunsAreNotEligible() {
        assertThat(WindowMetrics.evaluate(new Run(null, null, 100, List.of()), DATA)).isEmpty();
        assertThat(WindowMetrics.evaluate(new Run(null, null, 0, curve(START, END, 100, 0.001)), DATA)).isEmpty();
        List<Point> beyond = curve(START, END.plusDays(5), 100, 0.001);
        assertThat(WindowMetrics.evaluate(new Run(null, null, 100, beyond), DATA)).isEmpty();
    }

    @Test
    void aSweepsOutOfSampleCurveIsEligibleWhenItEndsWithTheDataAndSpansAYear() {
        LocalDate start = LocalDate.of(2023, 12, 31);
        List<Point> eq = curve(start, END, 1000, 0.001);
        Result r = WindowMetrics.outOfSample(start, END, 1000, eq, DATA).orElseThrow();
        assertThat(r.period()).isEqualTo(RankingPeriod.OOS);
        assertThat(r.windowStart()).isEqualTo(start);
        assertThat(r.windowEnd()).isEqualTo(END);
        assertThat(r.totalReturnPct()).isCloseTo((eq.getLast().equity() / 1000 - 1) * 100, within(1e-9));
        assertThat(r.sharpe()).isNull();   // constant daily return: no volatility
        // shorter than a year (by more than the 7-day tolerance); a year less 7 days is enough
        assertThat(WindowMetrics.outOfSample(start.plusDays(7), END, 1000, curve(start.plusDays(7), END, 1000, 0.001),
                DATA)).isPresent();
        LocalDate later = start.plusDays(8);
        assertThat(WindowMetrics.outOfSample(later, END, 1000, curve(later, END, 1000, 0.001), DATA)).isEmpty();
        // ends more than 7 days before the data
        LocalDate early = END.minusDays(8);
        assertThat(WindowMetrics.outOfSample(start.minusYears(1), early, 1000,
                curve(start.minusYears(1), early, 1000, 0.001), DATA)).isEmpty();
        // within the tolerance
        LocalDate close = END.minusDays(6);
        assertThat(WindowMetrics.outOfSample(start.minusDays(7), close, 1000,
                curve(start.minusDays(7), close, 1000, 0.001), DATA)).isPresent();
    }
}
