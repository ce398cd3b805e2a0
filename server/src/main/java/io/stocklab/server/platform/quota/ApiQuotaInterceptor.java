package io.stocklab.server.platform.quota;

import io.github.bucket4j.ConsumptionProbe;
import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.error.ProblemType;
import io.stocklab.server.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Enforces the API-calls-per-minute quota on {@code /api/**}: per user and plan with a token, per IP address
 * without. Answers {@code X-RateLimit-Limit}/{@code X-RateLimit-Remaining}, and 429 with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class ApiQuotaInterceptor implements HandlerInterceptor, WebMvcConfigurer {
    private final QuotaService quotas;

    ApiQuotaInterceptor(QuotaService quotas) {
        this.quotas = quotas;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        CurrentUser user = authentication != null && authentication.getPrincipal() instanceof CurrentUser u ? u : null;
        ConsumptionProbe probe = quotas.consumeApiCall(user, request.getRemoteAddr());
        response.setHeader("X-RateLimit-Limit", Long.toString(quotas.apiCallLimit(user)));
        response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        if (!probe.isConsumed()) {
            throw ApiException.tooManyRequests(ProblemType.RATE_LIMITED,
                    "Too many API calls; slow down and retry after the indicated delay.",
                    probe.getNanosToWaitForRefill());
        }
        return true;
    }
}
