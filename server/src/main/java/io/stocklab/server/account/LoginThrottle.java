package io.stocklab.server.account;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.ratelimit.RateLimiter;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Failed password checks are counted per account (by email, whether or not it exists) and per client IP; past
 * the limit further attempts get a generic 429 until the window refills. A success clears the account's count.
 */
@Component
class LoginThrottle {
    private static final String MESSAGE = "Too many failed attempts. Try again later.";

    private final RateLimiter limiter;
    private final Supplier<BucketConfiguration> perAccount;
    private final Supplier<BucketConfiguration> perIp;

    LoginThrottle(RateLimiter limiter, AccountProperties properties) {
        this.limiter = limiter;
        long account = properties.maxFailuresPerAccount();
        long ip = properties.maxFailuresPerIp();
        var window = properties.failureWindow();
        this.perAccount = () -> BucketConfiguration.builder()
                .addLimit(l -> l.capacity(account).refillGreedy(account, window)).build();
        this.perIp = () -> BucketConfiguration.builder()
                .addLimit(l -> l.capacity(ip).refillGreedy(ip, window)).build();
    }

    void checkAllowed(String email, String clientIp) {
        EstimationProbe ipProbe = limiter.estimate(ipKey(clientIp), perIp);
        EstimationProbe accountProbe = limiter.estimate(accountKey(email), perAccount);
        if (!ipProbe.canBeConsumed() || !accountProbe.canBeConsumed()) {
            long wait = Math.max(ipProbe.canBeConsumed() ? 0 : ipProbe.getNanosToWaitForRefill(),
                    accountProbe.canBeConsumed() ? 0 : accountProbe.getNanosToWaitForRefill());
            throw ApiException.tooManyRequests(ProblemType.LOGIN_THROTTLED, MESSAGE, wait);
        }
    }

    void recordFailure(String email, String clientIp) {
        limiter.tryConsume(ipKey(clientIp), perIp);
        limiter.tryConsume(accountKey(email), perAccount);
    }

    void recordSuccess(String email) {
        limiter.reset(accountKey(email), perAccount);
    }

    private static String accountKey(String email) {
        return "login-fail:account:" + SessionTokens.hash(email);
    }

    private static String ipKey(String clientIp) {
        return "login-fail:ip:" + clientIp;
    }
}
