package io.stocklab.server.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.stocklab.server.platform.security.TokenBlacklist;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Shared state of the API nodes (rate-limit buckets, revoked token ids): {@code stocklab.store=memory} keeps it
 * in this process (local profile), {@code stocklab.store=redis} keeps it in Redis under
 * {@code stocklab.redis.key-prefix} so every instance sees the same state (prod profile).
 */
@Configuration(proxyBeanMethods = false)
class SharedStateConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stocklab.store", havingValue = "memory", matchIfMissing = true)
    static class InProcess {

        @Bean
        BucketStore localBucketStore() {
            Cache<String, Bucket> buckets = Caffeine.newBuilder()
                    .expireAfterAccess(Duration.ofDays(1).plusMinutes(5))
                    .maximumSize(1_000_000)
                    .build();
            return (key, configuration) -> buckets.get(key, k -> {
                var builder = Bucket.builder();
                for (var bandwidth : configuration.get().getBandwidths()) {
                    builder.addLimit(bandwidth);
                }
                return builder.build();
            });
        }

        @Bean
        TokenBlacklist inProcessTokenBlacklist() {
            Cache<String, Instant> revoked = Caffeine.newBuilder()
                    .expireAfter(Expiry.<String, Instant>creating((id, until) ->
                            Duration.between(Instant.now(), until).plusSeconds(61)))
                    .build();
            return new TokenBlacklist() {
                @Override
                public void revoke(String tokenId, Instant expiresAt) {
                    revoked.put(tokenId, expiresAt);
                }

                @Override
                public boolean isRevoked(String tokenId) {
                    return tokenId != null && revoked.getIfPresent(tokenId) != null;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stocklab.store", havingValue = "redis")
    static class InRedis {

        /** A client of its own for the buckets (Bucket4j talks to Lettuce directly, with byte[] values). */
        @Bean(destroyMethod = "shutdown")
        RedisClient bucketRedisClient(@Value("${spring.data.redis.url}") String url) {
            return RedisClient.create(url);
        }

        @Bean(destroyMethod = "close")
        StatefulRedisConnection<String, byte[]> bucketConnection(RedisClient bucketRedisClient) {
            return bucketRedisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        }

        @Bean
        BucketStore redisBucketStore(StatefulRedisConnection<String, byte[]> bucketConnection,
                                     @Value("${stocklab.redis.key-prefix:stocklab:}") String prefix) {
            ProxyManager<String> proxies = Bucket4jLettuce.casBasedBuilder(bucketConnection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                            .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(30)))
                    .build();
            return (key, configuration) -> proxies.builder().build(prefix + "rl:" + key, configuration);
        }

        /**
         * Revoked token ids in Redis, with a short in-process memory of the answers
         * ({@code stocklab.security.revocation-cache-ttl}, default 5 s; 0 turns it off) so a request does not pay a
         * Redis round trip for it: a revocation made on this node applies at once, one made on another node within
         * that time.
         */
        @Bean
        TokenBlacklist redisTokenBlacklist(StringRedisTemplate redis,
                                           @Value("${stocklab.redis.key-prefix:stocklab:}") String prefix,
                                           @Value("${stocklab.security.revocation-cache-ttl:5s}") Duration cacheTtl) {
            Cache<String, Boolean> recent = cacheTtl.isZero() || cacheTtl.isNegative() ? null
                    : Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(200_000).build();
            return new TokenBlacklist() {
                @Override
                public void revoke(String tokenId, Instant expiresAt) {
                    Duration ttl = Duration.between(Instant.now(), expiresAt).plusSeconds(61);
                    if (!ttl.isNegative() && !ttl.isZero()) {
                        redis.opsForValue().set(prefix + "revoked-jti:" + tokenId, "1", ttl);
                    }
                    if (recent != null && tokenId != null) recent.put(tokenId, true);
                }

                @Override
                public boolean isRevoked(String tokenId) {
                    if (tokenId == null) return false;
                    if (recent == null) return Boolean.TRUE.equals(redis.hasKey(prefix + "revoked-jti:" + tokenId));
                    return recent.get(tokenId, id -> Boolean.TRUE.equals(redis.hasKey(prefix + "revoked-jti:" + id)));
                }
            };
        }
    }
}
