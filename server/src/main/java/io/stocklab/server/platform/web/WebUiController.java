package io.stocklab.server.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the web UI (the {@code stocklab-web} jar's {@code static/**}): {@code /} and every route of the single-page
 * app answer its {@code index.html} (never cached, so a new build is picked up at once); the content-hashed files
 * under {@code /assets/} are cached for a year. {@code /api}, {@code /v3}, {@code /swagger-ui} and {@code /actuator}
 * are not touched. Without a built UI on the class path, {@code /} answers a small page pointing at the API docs.
 */
@Controller
@Hidden
class WebUiController {
    static final String INDEX = "static/index.html";

    private final Resource index = new ClassPathResource(INDEX);

    /** The client-side routes of the app (see web/src/App.tsx). */
    @GetMapping(value = {"/", "/login", "/signup", "/account", "/dashboard", "/market", "/market/**",
            "/strategies", "/strategies/**", "/backtests", "/backtests/**", "/compare", "/sweeps", "/sweeps/**",
            "/history", "/rankings", "/community", "/community/**", "/notifications", "/watchlist"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<?> app() throws IOException {
        CacheControl noCache = CacheControl.noCache();
        if (!index.exists()) {
            return ResponseEntity.ok().cacheControl(noCache).contentType(MediaType.TEXT_HTML).body(PLACEHOLDER);
        }
        try (InputStream in = index.getInputStream()) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return ResponseEntity.ok().cacheControl(noCache).contentType(MediaType.TEXT_HTML).body(html);
        }
    }

    private static final String PLACEHOLDER = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>StockLab</title></head>
            <body><h1>StockLab</h1>
            <p>The API is running. The web UI is not part of this build.</p>
            <p><a href="/swagger-ui.html">API documentation</a> &middot; <a href="/v3/api-docs">OpenAPI document</a>
            &middot; <a href="/actuator/health">health</a></p></body></html>
            """;

    /** Long-lived caching of the UI's content-hashed build output. */
    @Configuration(proxyBeanMethods = false)
    static class AssetCaching implements WebMvcConfigurer {
        @Override
        public void addResourceHandlers(ResourceHandlerRegistry registry) {
            registry.addResourceHandler("/assets/**")
                    .addResourceLocations("classpath:/static/assets/")
                    .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        }
    }
}
