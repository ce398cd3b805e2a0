package io.stocklab.server.platform.security;

import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import java.io.IOException;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Spring's CORS checks, with a rejected request answered as a problem (403) instead of a plain-text body. */
final class ProblemCorsProcessor extends DefaultCorsProcessor {
    private final HandlerExceptionResolver resolver;

    ProblemCorsProcessor(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && response instanceof ServletServerHttpResponse servlet) {
            resolver.resolveException(attributes.getRequest(), servlet.getServletResponse(), null,
                    new ApiException(ProblemType.CORS_REJECTED, "This origin is not allowed to call the API."));
            return;
        }
        super.rejectRequest(response);
    }
}
