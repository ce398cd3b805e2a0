package io.stocklab.server.marketdata;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for the provider clients: a minimum interval between requests (the provider's rate limit), a timeout, and
 * retries with exponential backoff on I/O errors, HTTP 429 / 5xx (honouring {@code Retry-After}) and on errors
 * the response validator marks retryable (e.g. KIS "too many requests per second" inside an HTTP 200).
 */
final class ProviderHttp {
    private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();

    private final String provider;
    private final MarketDataProperties.Provider config;
    private final String baseUrl;
    private long nextAllowedNanos;

    ProviderHttp(String provider, MarketDataProperties.Provider config, String defaultBaseUrl) {
        this.provider = provider;
        this.config = config;
        String base = config.baseUrl() == null || config.baseUrl().isBlank() ? defaultBaseUrl : config.baseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String baseUrl() {
        return baseUrl;
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static String query(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    /** GET {@code path?params}; {@code validate} parses the body and throws ProviderException on a reported error. */
    <T> T get(String path, Map<String, String> params, Map<String, String> headers, Function<String, T> validate) {
        URI uri = URI.create(baseUrl + path + (params.isEmpty() ? "" : "?" + query(params)));
        return send(() -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.timeout()).GET();
            headers.forEach(b::header);
            return b.build();
        }, validate);
    }

    <T> T postJson(String path, String json, Map<String, String> headers, Function<String, T> validate) {
        URI uri = URI.create(baseUrl + path);
        return send(() -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.timeout())
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(b::header);
            return b.build();
        }, validate);
    }

    private <T> T send(java.util.function.Supplier<HttpRequest> request, Function<String, T> validate) {
        int attempts = Math.max(1, config.maxAttempts());
        long backoff = Math.max(1, config.backoff().toMillis());
        ProviderException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long waitMillis = backoff;
            try {
                pace();
                HttpResponse<String> r = CLIENT.send(request.get(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = r.statusCode();
                if (status == 429 || status >= 500) {
                    last = new ProviderException(provider, "HTTP " + status, "HTTP " + status + " from " + r.uri().getPath(), true);
                    waitMillis = Math.max(backoff, retryAfterMillis(r));
                } else if (status >= 400) {
                    throw new ProviderException(provider, "HTTP " + status, "HTTP " + status + " from " + r.uri().getPath()
                            + ": " + abbreviate(r.body()), false);
                } else {
                    return validate.apply(r.body());
                }
            } catch (ProviderException e) {
                if (!e.retryable()) throw e;
                last = e;
            } catch (IOException e) {
                last = new ProviderException(provider, "request failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(provider, "interrupted", e);
            } catch (RuntimeException e) {
                throw new ProviderException(provider, null, "invalid response: " + e.getMessage(), false);
            }
            if (attempt < attempts) {
                log.info("{}: attempt {} failed ({}); retrying in {} ms", provider, attempt, last.getMessage(), waitMillis);
                try {
                    Thread.sleep(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw last;
                }
                backoff *= 2;
            }
        }
        throw last;
    }

    private synchronized void pace() throws InterruptedException {
        long interval = config.minInterval().toNanos();
        if (interval <= 0) return;
        long now = System.nanoTime();
        if (now < nextAllowedNanos) {
            long wait = nextAllowedNanos - now;
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            now = nextAllowedNanos;
        }
        nextAllowedNanos = now + interval;
    }

    private static long retryAfterMillis(HttpResponse<?> r) {
        return r.headers().firstValue("Retry-After").map(v -> {
            try {
                return Math.min(60_000L, Long.parseLong(v.trim()) * 1000);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
