package io.stocklab.server.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.util.OnCommittedResponseWrapper;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds {@code X-Process-Time} (milliseconds spent before the response started, e.g. {@code 3.215}) and writes one
 * access log line per request. The header is set just before the response commits, so streamed responses keep
 * streaming.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ProcessTimeFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Process-Time";
    private static final Logger access = LoggerFactory.getLogger("io.stocklab.server.http");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        StampingResponse wrapped = new StampingResponse(response, start);
        try {
            chain.doFilter(request, wrapped);
        } finally {
            wrapped.stamp();
            long micros = (System.nanoTime() - start) / 1_000;
            boolean quiet = request.getRequestURI().startsWith("/actuator");
            if (quiet ? access.isDebugEnabled() : access.isInfoEnabled()) {
                String line = String.format(Locale.ROOT, "%s %s -> %d in %.1f ms", request.getMethod(),
                        request.getRequestURI(), response.getStatus(), micros / 1000.0);
                if (quiet) {
                    access.debug(line);
                } else {
                    access.info(line);
                }
            }
        }
    }

    private static final class StampingResponse extends OnCommittedResponseWrapper {
        private final long start;
        private boolean stamped;

        StampingResponse(HttpServletResponse response, long start) {
            super(response);
            this.start = start;
        }

        @Override
        protected void onResponseCommitted() {
            stamp();
        }

        void stamp() {
            if (stamped || getResponse().isCommitted()) {
                return;
            }
            stamped = true;
            double millis = (System.nanoTime() - start) / 1_000_000.0;
            ((HttpServletResponse) getResponse()).setHeader(HEADER, String.format(Locale.ROOT, "%.3f", millis));
        }
    }
}
