package io.stocklab.server.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;

/** The daily update's schedule, market-day and lock decisions, with a fixed clock and fake providers. */
class DailyUpdateServiceTest {
    static final LocalDate LUNAR_NEW_YEAR = LocalDate.of(2024, 2, 9); // a Friday

    final AtomicInteger providerCalls = new AtomicInteger();
    final AtomicInteger lockAttempts = new AtomicInteger();

    MarketDataProvider fakeKrx = new MarketDataProvider() {
        @Override
        public String id() {
            return "krx";
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.DAILY_PRICES, Capability.DAILY_PRICES_ALL_SYMBOLS);
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public List<DailyBar> dailyBarsOn(LocalDate day) {
            providerCalls.incrementAndGet();
            return List.of();
        }
    };

    DailyUpdateService service(Instant now, LockProvider lock) {
        MarketDataProperties props = new MarketDataProperties(new MarketDataProperties.Imports(null, null, null, 10),
                new MarketDataProperties.Quotes(Duration.ofSeconds(1)),
                new MarketDataProperties.Update(true, "0 30 18 * * MON-FRI", "Asia/Seoul", List.of(LUNAR_NEW_YEAR), "krx-demo",
                        List.of("krx"), List.of()),
                null);
        LockProvider counting = config -> {
            lockAttempts.incrementAndGet();
            assertThat(config.getName()).isEqualTo(DailyUpdateService.LOCK_NAME);
            assertThat(config.getLockAtLeastFor()).isEqualTo(DailyUpdateService.LOCK_AT_LEAST);
            return lock.lock(config);
        };
        // store, datasets and jdbc stay null: the decisions tested here must not reach them
        return new DailyUpdateService(List.of(fakeKrx), null, null, props, null, Clock.fixed(now, ZoneOffset.UTC), counting);
    }

    static final LockProvider HELD_ELSEWHERE = config -> Optional.empty();

    @Test
    void firesAt1830SeoulTimeOnWeekdaysOnly() {
        DailyUpdateService s = service(Instant.EPOCH, HELD_ELSEWHERE);
        // Friday 2024-01-05 17:59 KST -> the same day 18:30 KST (09:30 UTC)
        ZonedDateTime next = s.nextRun(Instant.parse("2024-01-05T08:59:00Z"));
        assertThat(next.toInstant()).isEqualTo(Instant.parse("2024-01-05T09:30:00Z"));
        assertThat(next.getZone().getId()).isEqualTo("Asia/Seoul");
        // just after Friday's run -> Monday 18:30 KST, the weekend is not scheduled
        assertThat(s.nextRun(Instant.parse("2024-01-05T09:30:01Z")).toInstant()).isEqualTo(Instant.parse("2024-01-08T09:30:00Z"));
    }

    @Test
    void theMarketDayIsTheSeoulDateNotTheUtcOne() {
        DailyUpdateService s = service(Instant.EPOCH, HELD_ELSEWHERE);
        // 2024-01-05 23:30 UTC is already Saturday 08:30 in Seoul
        assertThat(s.marketDay(Instant.parse("2024-01-05T23:30:00Z"))).isEqualTo(LocalDate.of(2024, 1, 6));
        assertThat(s.marketDay(Instant.parse("2024-01-05T09:30:00Z"))).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(s.isMarketDay(LocalDate.of(2024, 1, 5))).isTrue();
        assertThat(s.isMarketDay(LocalDate.of(2024, 1, 6))).isFalse();
        assertThat(s.isMarketDay(LocalDate.of(2024, 1, 7))).isFalse();
        assertThat(s.isMarketDay(LUNAR_NEW_YEAR)).isFalse();
        assertThat(s.isMarketDay(LUNAR_NEW_YEAR.plusDays(3))).isTrue();
    }

    @Test
    void weekendsAndHolidaysDoNothingNotEvenTakeTheLock() {
        DailyUpdateService s = service(Instant.parse("2024-02-09T09:30:00Z"), config -> {
            throw new AssertionError("the lock must not be taken on a holiday");
        });
        DailyUpdateService.Outcome holiday = s.runLocked(LUNAR_NEW_YEAR);
        assertThat(holiday.ran()).isFalse();
        assertThat(holiday.reason()).contains("not a market day");
        assertThat(s.runLocked(LocalDate.of(2024, 2, 10)).ran()).isFalse();
        assertThat(lockAttempts).hasValue(0);
        assertThat(providerCalls).hasValue(0);
    }

    @Test
    void theScheduledTriggerUsesTheClockInSeoulTime() {
        // Saturday 2024-01-06 00:30 KST = Friday 15:30 UTC: a (late) trigger then is for Saturday, skipped
        DailyUpdateService saturday = service(Instant.parse("2024-01-05T15:30:00Z"), HELD_ELSEWHERE);
        saturday.scheduled();
        assertThat(lockAttempts).hasValue(0);
        // Friday 18:30 KST: a market day, so it goes for the lock
        DailyUpdateService friday = service(Instant.parse("2024-01-05T09:30:00Z"), HELD_ELSEWHERE);
        friday.scheduled();
        assertThat(lockAttempts).hasValue(1);
        assertThat(providerCalls).hasValue(0);
    }

    @Test
    void aMarketDayWhoseLockIsHeldElsewhereDoesNothing() {
        DailyUpdateService s = service(Instant.parse("2024-01-05T09:30:00Z"), HELD_ELSEWHERE);
        DailyUpdateService.Outcome o = s.runLocked(LocalDate.of(2024, 1, 5));
        assertThat(o.ran()).isFalse();
        assertThat(o.reason()).contains("held by another node");
        assertThat(lockAttempts).hasValue(1);
        assertThat(providerCalls).hasValue(0);
    }

    @Test
    void periodicReportNamesMapToOpenDartReportCodes() {
        assertThat(DailyUpdateService.periodicReport("분기보고서 (2023.09)")).isEqualTo(new DailyUpdateService.ReportRef(2023, "11014"));
        assertThat(DailyUpdateService.periodicReport("분기보고서 (2024.03)")).isEqualTo(new DailyUpdateService.ReportRef(2024, "11013"));
        assertThat(DailyUpdateService.periodicReport("반기보고서 (2023.06)")).isEqualTo(new DailyUpdateService.ReportRef(2023, "11012"));
        assertThat(DailyUpdateService.periodicReport("[기재정정]사업보고서 (2023.12)")).isEqualTo(new DailyUpdateService.ReportRef(2023, "11011"));
        assertThat(DailyUpdateService.periodicReport("주요사항보고서(자기주식취득결정)")).isNull();
        assertThat(DailyUpdateService.periodicReport("감사보고서 (2023.12)")).isNull();
    }
}
