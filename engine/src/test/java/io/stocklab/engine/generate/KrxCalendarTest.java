package io.stocklab.engine.generate;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class KrxCalendarTest {

    @Test
    void lunarHolidaysMatchPublishedDates() {
        // Seollal and Chuseok as published for Korea
        String[][] known = {
                {"2016", "2016-02-08", "2016-09-15"}, {"2017", "2017-01-28", "2017-10-04"}, {"2018", "2018-02-16", "2018-09-24"},
                {"2019", "2019-02-05", "2019-09-13"}, {"2020", "2020-01-25", "2020-10-01"}, {"2021", "2021-02-12", "2021-09-21"},
                {"2022", "2022-02-01", "2022-09-10"}, {"2023", "2023-01-22", "2023-09-29"}, {"2024", "2024-02-10", "2024-09-17"},
                {"2025", "2025-01-29", "2025-10-06"}, {"2026", "2026-02-17", "2026-09-25"}};
        for (String[] k : known) {
            int year = Integer.parseInt(k[0]);
            assertThat(KrxCalendar.seollal(year)).as("Seollal %d", year).isEqualTo(LocalDate.parse(k[1]));
            assertThat(KrxCalendar.chuseok(year)).as("Chuseok %d", year).isEqualTo(LocalDate.parse(k[2]));
        }
    }

    @Test
    void holidaysAreClosed() {
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2024, 1, 2))).isTrue();
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2024, 1, 1))).isFalse();   // new year
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2024, 1, 6))).isFalse();   // Saturday
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2024, 2, 9))).isFalse();   // Seollal block
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2024, 2, 12))).isTrue();   // Monday after (no substitute holiday modelled)
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2024, 5, 6))).isTrue();
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2025, 8, 15))).isFalse();  // liberation day
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2025, 10, 7))).isFalse();  // Chuseok block
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2025, 10, 9))).isFalse();  // Hangul day
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2025, 12, 25))).isFalse();
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2025, 12, 30))).isTrue();
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2025, 12, 31))).isFalse(); // year-end closing day
        // Dec 31 2022 is a Saturday: the year-end closing day is the last weekday, Friday Dec 30
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2022, 12, 30))).isFalse();
        assertThat(KrxCalendar.isTradingDay(LocalDate.of(2022, 12, 29))).isTrue();
    }

    @Test
    void aboutTwoHundredFiftyTradingDaysAYear() {
        for (int y = 1990; y <= 2030; y++) {
            int[] days = KrxCalendar.tradingDays(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
            assertThat(days.length).as("year %d", y).isBetween(243, 254);
            for (int i = 0; i < days.length; i++) {
                LocalDate d = LocalDate.ofEpochDay(days[i]);
                assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                assertThat(KrxCalendar.holidays(y)).doesNotContain(d);
                if (i > 0) assertThat(days[i]).isGreaterThan(days[i - 1]);
            }
        }
    }

    @Test
    void emptyRange() {
        assertThat(KrxCalendar.tradingDays(LocalDate.of(2024, 5, 2), LocalDate.of(2024, 5, 1))).isEmpty();
    }
}
