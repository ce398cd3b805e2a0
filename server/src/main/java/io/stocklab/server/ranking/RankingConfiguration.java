package io.stocklab.server.ranking;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The boards' store: in this process with {@code stocklab.store=memory} (local profile), Redis sorted sets under
 * {@code stocklab.redis.key-prefix} with {@code stocklab.store=redis} (prod profile).
 */
@Configuration(proxyBeanMethods = false)
class RankingConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stocklab.store", havingValue = "memory", matchIfMissing = true)
    static class InProcess {
        @Bean
        BoardStore inProcessBoardStore() {
            return new InProcessBoardStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stocklab.store", havingValue = "redis")
    static class InRedis {
        @Bean
        BoardStore redisBoardStore(StringRedisTemplate redis,
                                   @Value("${stocklab.redis.key-prefix:stocklab:}") String prefix) {
            return new RedisBoardStore(redis, prefix);
        }
    }
}
