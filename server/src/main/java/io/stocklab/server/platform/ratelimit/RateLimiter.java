package io.stocklab.server.platform.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Token-bucket rate limiting (Bucket4j) by key. With the {@code redis} store the buckets are shared by every
 * server instance, so a limit holds across the cluster; with {@code memory} they live in this process.
 */
@Service
public class RateLimiter {
    private final BucketStore store;

    RateLimiter(BucketStore store) {
        this.store = store;
    }

    /** Takes one token from the bucket {@code key}, created with {@code configuration} if it does not exist. */
    public ConsumptionProbe tryConsume(String key, Supplier<BucketConfiguration> configuration) {
        return store.bucket(key, configuration).tryConsumeAndReturnRemaining(1);
    }

    /** Whether one token could be taken now, without taking it. */
    public EstimationProbe estimate(String key, Supplier<BucketConfiguration> configuration) {
        return store.bucket(key, configuration).estimateAbilityToConsume(1);
    }

    public long availableTokens(String key, Supplier<BucketConfiguration> configuration) {
        return store.bucket(key, configuration).getAvailableTokens();
    }

    /** Refills the bucket completely. */
    public void reset(String key, Supplier<BucketConfiguration> configuration) {
        store.bucket(key, configuration).reset();
    }
}
