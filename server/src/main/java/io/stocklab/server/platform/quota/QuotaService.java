package io.stocklab.server.platform.quota;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.ratelimit.RateLimiter;
import io.stocklab.server.platform.security.CurrentUser;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Per-plan quotas. API calls per minute are enforced for every API request by {@link ApiQuotaInterceptor}; other
 * features call {@link #consumeBacktest(CurrentUser)} before starting a backtest.
 */
@Service
public class QuotaService {
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration DAY = Duration.ofDays(1);

    private final RateLimiter limiter;
    private final QuotaProperties properties;

    QuotaService(RateLimiter limiter, QuotaProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    public QuotaProperties.PlanLimits limits(Plan plan) {
        return properties.limits(plan);
    }

    /**
     * Counts one backtest against the user's daily quota.
     *
     * @return the quota after this backtest
     * @throws ApiException 429 {@code quota-exceeded} with {@code Retry-After} when the daily quota is used up
     */
    public QuotaStatus consumeBacktest(CurrentUser user) {
        long limit = limits(user.plan()).backtestsPerDay();
        ConsumptionProbe probe = limiter.tryConsume(backtestKey(user), perDay(limit));
        if (!probe.isConsumed()) {
            throw ApiException.tooManyRequests(ProblemType.QUOTA_EXCEEDED, "Your plan allows " + limit
                    + " backtests per day; the quota refills at the end of the day window.",
                    probe.getNanosToWaitForRefill());
        }
        return new QuotaStatus(limit, probe.getRemainingTokens(), DAY);
    }

    /** The user's daily backtest quota, without using any of it. */
    public QuotaStatus backtestQuota(CurrentUser user) {
        long limit = limits(user.plan()).backtestsPerDay();
        return new QuotaStatus(limit, limiter.availableTokens(backtestKey(user), perDay(limit)), DAY);
    }

    /** Counts one API call; answers the probe (the caller sets headers or refuses). */
    ConsumptionProbe consumeApiCall(CurrentUser user, String clientIp) {
        if (user == null) {
            int limit = properties.anonymousApiCallsPerMinute();
            return limiter.tryConsume("api:ip:" + clientIp, perMinute(limit));
        }
        int limit = limits(user.plan()).apiCallsPerMinute();
        return limiter.tryConsume("api:" + user.plan() + ":" + user.id(), perMinute(limit));
    }

    long apiCallLimit(CurrentUser user) {
        return user == null ? properties.anonymousApiCallsPerMinute() : limits(user.plan()).apiCallsPerMinute();
    }

    private static String backtestKey(CurrentUser user) {
        return "backtests:" + user.plan() + ":" + user.id();
    }

    private static Supplier<BucketConfiguration> perMinute(long limit) {
        return () -> BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, MINUTE))
                .build();
    }

    private static Supplier<BucketConfiguration> perDay(long limit) {
        return () -> BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillIntervally(limit, DAY))
                .build();
    }
}
