package io.stocklab.server.platform.web;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says where to point a browser once the server is ready. */
@Component
class StartupReport {
    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        Environment env = event.getApplicationContext().getEnvironment();
        String address = env.getProperty("server.address", "localhost");
        if (address.equals("0.0.0.0") || address.equals("::")) {
            address = "localhost";
        }
        String base = "http://" + address + ":" + web.getWebServer().getPort();
        String[] active = env.getActiveProfiles().length > 0 ? env.getActiveProfiles() : env.getDefaultProfiles();
        String profiles = String.join(",", Arrays.asList(active));
        log.info("StockLab is ready (profile {}): UI {}/  API docs {}/swagger-ui.html  (OpenAPI {}/v3/api-docs)",
                profiles, base, base, base);
    }
}
