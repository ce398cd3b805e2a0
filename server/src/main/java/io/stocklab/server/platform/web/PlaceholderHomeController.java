package io.stocklab.server.platform.web;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Serves a small page at {@code /} when the web UI has not been built into this server (no
 * {@code static/index.html} on the class path); once it is, the UI's own index page takes over.
 */
@Controller
@Conditional(PlaceholderHomeController.NoWebUi.class)
class PlaceholderHomeController {

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String home() {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>StockLab</title></head>
                <body><h1>StockLab</h1>
                <p>The API is running. The web UI is not part of this build.</p>
                <p><a href="/swagger-ui.html">API documentation</a> &middot; <a href="/v3/api-docs">OpenAPI document</a>
                &middot; <a href="/actuator/health">health</a></p></body></html>
                """;
    }

    static final class NoWebUi implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var loader = context.getResourceLoader();
            return !loader.getResource("classpath:/static/index.html").exists()
                    && !loader.getResource("classpath:/public/index.html").exists();
        }
    }
}
