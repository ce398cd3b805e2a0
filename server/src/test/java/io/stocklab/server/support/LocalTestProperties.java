package io.stocklab.server.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** The local (embedded) profile with a data directory of its own under target/. */
public class LocalTestProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String ADMIN_EMAIL = ProdTestProperties.ADMIN_EMAIL;

    public static Map<String, Object> properties(String dataDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("stocklab.data-dir", dataDir);
        p.put("STOCKLAB_ADMIN_EMAILS", ADMIN_EMAIL);
        p.put("stocklab.security.bcrypt-strength", "4");
        // small generated demo dataset, loaded on first use rather than at start-up
        p.put("stocklab.datasets.load-on-start", "false");
        p.put("stocklab.datasets.krx-demo.stocks", "60");
        p.put("stocklab.datasets.krx-demo.years", "3");
        // the suites share a few accounts (the admin) across many calls
        p.put("stocklab.quotas.plans.FREE.api-calls-per-minute", "200");
        p.put("stocklab.quotas.plans.FREE.backtests-per-day", "5");
        // the tests simulate distinct clients with X-Forwarded-For
        p.put("server.forward-headers-strategy", "native");
        // notifications (issue 7): webhook fakes listen on http://localhost; fast outbox retries
        p.put("stocklab.notifications.webhook.allow-insecure-localhost", "true");
        p.put("stocklab.notifications.outbox.poll-interval", "100ms");
        p.put("stocklab.notifications.outbox.initial-backoff", "300ms");
        p.put("stocklab.notifications.outbox.max-backoff", "2s");
        return p;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("local-it",
                properties(TestRun.newLocalDataDir("shared").toString())));
    }
}
