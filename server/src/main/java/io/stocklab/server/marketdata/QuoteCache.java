package io.stocklab.server.marketdata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latest quotes by {@code dataset:version:code}, kept for {@code stocklab.marketdata.quotes.ttl}: in this process
 * (local profile) or in Redis under the key prefix (prod), so every API node serves the same cached quotes.
 */
interface QuoteCache {
    Map<String, MarketService.Quote> getAll(List<String> keys);

    void putAll(Map<String, MarketService.Quote> quotes);

    @Configuration(proxyBeanMethods = false)
    class Config {
        @Bean
        @ConditionalOnProperty(name = "stocklab.store", havingValue = "memory", matchIfMissing = true)
        QuoteCache inProcessQuoteCache(MarketDataProperties properties) {
            Cache<String, MarketService.Quote> cache = Caffeine.newBuilder()
                    .expireAfterWrite(properties.quotes().ttl())
                    .maximumSize(200_000)
                    .build();
            return new QuoteCache() {
                @Override
                public Map<String, MarketService.Quote> getAll(List<String> keys) {
                    return cache.getAllPresent(keys);
                }

                @Override
                public void putAll(Map<String, MarketService.Quote> quotes) {
                    cache.putAll(quotes);
                }
            };
        }

        @Bean
        @ConditionalOnProperty(name = "stocklab.store", havingValue = "redis")
        QuoteCache redisQuoteCache(StringRedisTemplate redis, MarketDataProperties properties,
                                   @Value("${stocklab.redis.key-prefix:stocklab:}") String prefix) {
            return new RedisQuoteCache(redis, prefix + "quote:", properties.quotes().ttl());
        }
    }

    /**
     * Quotes as JSON strings in Redis with a TTL (MGET to read a list, pipelined SET EX to write), with a near cache
     * in this process in front of it (same TTL): a key names the dataset version, so a quote under a key never
     * changes and a node need not ask Redis again for one it has seen within the TTL.
     */
    final class RedisQuoteCache implements QuoteCache {
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final StringRedisTemplate redis;
        private final String prefix;
        private final java.time.Duration ttl;
        private final Cache<String, MarketService.Quote> near;

        RedisQuoteCache(StringRedisTemplate redis, String prefix, java.time.Duration ttl) {
            this.redis = redis;
            this.prefix = prefix;
            this.ttl = ttl;
            this.near = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
        }

        @Override
        public Map<String, MarketService.Quote> getAll(List<String> keys) {
            Map<String, MarketService.Quote> out = new HashMap<>(near.getAllPresent(keys));
            if (out.size() == keys.size()) return out;
            List<String> missing = new ArrayList<>(keys.size() - out.size());
            for (String k : keys) if (!out.containsKey(k)) missing.add(k);
            List<String> full = new ArrayList<>(missing.size());
            for (String k : missing) full.add(prefix + k);
            List<String> values = redis.opsForValue().multiGet(full);
            if (values == null) return out;
            for (int i = 0; i < missing.size(); i++) {
                String v = values.get(i);
                if (v != null) {
                    MarketService.Quote q = JSON.readValue(v, MarketService.Quote.class);
                    out.put(missing.get(i), q);
                    near.put(missing.get(i), q);
                }
            }
            return out;
        }

        @Override
        public void putAll(Map<String, MarketService.Quote> quotes) {
            near.putAll(quotes);
            if (quotes.size() == 1) {
                var e = quotes.entrySet().iterator().next();
                redis.opsForValue().set(prefix + e.getKey(), JSON.writeValueAsString(e.getValue()), ttl);
                return;
            }
            redis.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
                var ser = redis.getStringSerializer();
                for (var e : quotes.entrySet()) {
                    connection.stringCommands().set(ser.serialize(prefix + e.getKey()), ser.serialize(JSON.writeValueAsString(e.getValue())),
                            org.springframework.data.redis.core.types.Expiration.from(ttl),
                            org.springframework.data.redis.connection.RedisStringCommands.SetOption.upsert());
                }
                return null;
            });
        }
    }
}
