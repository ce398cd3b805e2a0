package io.stocklab.server.notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live notification fan-out: in-process with {@code stocklab.store=memory} (local profile), Redis pub/sub
 * with {@code stocklab.store=redis} (prod profile).
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stocklab.store", havingValue = "memory", matchIfMissing = true)
    static class InProcess {
        @Bean
        NotificationBus inProcessNotificationBus() {
            return new InProcessNotificationBus();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stocklab.store", havingValue = "redis")
    static class InRedis {
        @Bean
        NotificationBus redisNotificationBus(@Value("${spring.data.redis.url}") String url,
                                             @Value("${stocklab.redis.key-prefix:stocklab:}") String prefix) {
            return new RedisNotificationBus(url, prefix);
        }
    }
}
