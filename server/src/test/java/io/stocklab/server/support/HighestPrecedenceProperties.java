package io.stocklab.server.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Properties for an application started by a test with {@code SpringApplicationBuilder}, taking precedence over
 * the application's own configuration files (builder "default properties" would not).
 */
public record HighestPrecedenceProperties(String name, Map<String, Object> properties)
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(name, properties));
    }
}
