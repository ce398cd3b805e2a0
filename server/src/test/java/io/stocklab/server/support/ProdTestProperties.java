package io.stocklab.server.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The prod profile pointed at this machine's PostgreSQL (a schema of its own) and Redis (a key prefix of its own),
 * the way an operator would configure it: through the STOCKLAB_* variables.
 */
public class ProdTestProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String ADMIN_EMAIL = "admin-" + TestRun.ID.replace('_', '-') + "@it.example";
    public static final String ALLOWED_ORIGIN = "https://app.stocklab.example";

    public static Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("STOCKLAB_DB_URL", TestRun.PG_URL + "?currentSchema=" + TestRun.SCHEMA);
        p.put("STOCKLAB_DB_USER", TestRun.PG_USER);
        p.put("STOCKLAB_DB_PASSWORD", "");
        p.put("STOCKLAB_REDIS_URL", TestRun.REDIS_URL);
        p.put("STOCKLAB_JWT_SECRET", TestRun.JWT_SECRET);
        p.put("STOCKLAB_ADMIN_EMAILS", ADMIN_EMAIL);
        p.put("STOCKLAB_CORS_ORIGINS", ALLOWED_ORIGIN);
        p.put("spring.flyway.schemas", TestRun.SCHEMA);
        p.put("spring.flyway.default-schema", TestRun.SCHEMA);
        p.put("stocklab.redis.key-prefix", TestRun.REDIS_PREFIX);
        p.put("stocklab.security.bcrypt-strength", "4");
        // small generated demo dataset, loaded on first use rather than at start-up
        p.put("stocklab.datasets.load-on-start", "false");
        // panel snapshots and import spool files of prod-profile tests stay under target/, never in server/data
        p.putIfAbsent("stocklab.data-dir", TestRun.newLocalDataDir("prod").toString());
        p.put("stocklab.datasets.krx-demo.stocks", "60");
        p.put("stocklab.datasets.krx-demo.years", "3");
        // the suites share a few accounts (the admin) across many calls
        p.put("stocklab.quotas.plans.FREE.api-calls-per-minute", "200");
        p.put("stocklab.quotas.plans.FREE.backtests-per-day", "5");
        p.put("spring.datasource.hikari.maximum-pool-size", "5");
        // notifications (issue 7): webhook fakes listen on http://localhost; fast outbox retries
        p.put("stocklab.notifications.webhook.allow-insecure-localhost", "true");
        p.put("stocklab.notifications.outbox.poll-interval", "100ms");
        p.put("stocklab.notifications.outbox.initial-backoff", "300ms");
        p.put("stocklab.notifications.outbox.max-backoff", "2s");
        return p;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("prod-it", properties()));
    }
}
