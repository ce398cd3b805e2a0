package io.stocklab.server.backtest;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.stocklab.server.backtest.queue.InProcessJobQueue;
import io.stocklab.server.backtest.queue.JobQueue;
import io.stocklab.server.backtest.queue.QueueProperties;
import io.stocklab.server.backtest.queue.RedisStreamJobQueue;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job queue and the progress fan-out: in-process with {@code stocklab.store=memory} (local profile), Redis
 * Streams and Redis pub/sub with {@code stocklab.store=redis} (prod profile).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueueProperties.class)
class BacktestConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stocklab.store", havingValue = "memory", matchIfMissing = true)
    static class InProcess {
        @Bean
        JobQueue inProcessJobQueue(QueueProperties properties) {
            return new InProcessJobQueue(properties);
        }

        @Bean
        ProgressBus inProcessProgressBus() {
            return new InProcessProgressBus();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stocklab.store", havingValue = "redis")
    static class InRedis {
        /**
         * A client of its own: the queue blocks on reads, which must not hold up Spring's shared connection.
         * Commands fail fast while Redis is unreachable (the callers back off) instead of piling up.
         */
        @Bean(destroyMethod = "shutdown")
        RedisClient queueRedisClient(@Value("${spring.data.redis.url}") String url, QueueProperties properties) {
            RedisClient client = RedisClient.create(url);
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(properties.block().plus(Duration.ofSeconds(5))))
                    .build());
            return client;
        }

        @Bean
        JobQueue redisStreamJobQueue(RedisClient queueRedisClient,
                                     @Value("${stocklab.redis.key-prefix:stocklab:}") String prefix,
                                     QueueProperties properties) {
            return new RedisStreamJobQueue(queueRedisClient, prefix, properties);
        }

        @Bean
        ProgressBus redisProgressBus(RedisClient queueRedisClient,
                                     @Value("${stocklab.redis.key-prefix:stocklab:}") String prefix) {
            return new RedisProgressBus(queueRedisClient, prefix);
        }
    }
}
