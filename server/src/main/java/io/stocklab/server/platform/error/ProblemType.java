package io.stocklab.server.platform.error;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The catalogue of problem types this API answers with. The {@code type} URI of an RFC 9457 problem is stable:
 * clients may switch on it. Add new entries; never rename or reuse one.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    INVALID_TOKEN("invalid-token", HttpStatus.UNAUTHORIZED, "Invalid or expired access token"),
    INVALID_CREDENTIALS("invalid-credentials", HttpStatus.UNAUTHORIZED, "Invalid credentials"),
    INVALID_REFRESH_TOKEN("invalid-refresh-token", HttpStatus.UNAUTHORIZED, "Invalid refresh token"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    CORS_REJECTED("cors-rejected", HttpStatus.FORBIDDEN, "Cross-origin request rejected"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    EMAIL_TAKEN("email-taken", HttpStatus.CONFLICT, "Email already registered"),
    NICKNAME_TAKEN("nickname-taken", HttpStatus.CONFLICT, "Nickname already taken"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    VALIDATION("validation", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request content"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    LOGIN_THROTTLED("login-throttled", HttpStatus.TOO_MANY_REQUESTS, "Too many login attempts"),
    QUOTA_EXCEEDED("quota-exceeded", HttpStatus.TOO_MANY_REQUESTS, "Plan quota exceeded"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    HTTP_ERROR("http-error", HttpStatus.BAD_REQUEST, "Request failed"),
    // strategies, backtests and sweeps (issue 5)
    INVALID_SPEC("invalid-spec", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid strategy spec"),
    JOB_NOT_FINISHED("job-not-finished", HttpStatus.CONFLICT, "Job not finished"),
    JOB_FINISHED("job-finished", HttpStatus.CONFLICT, "Job already finished"),
    RESULT_NOT_AVAILABLE("result-not-available", HttpStatus.CONFLICT, "Result not available"),
    // market data (issue 4)
    INVALID_IMPORT_FILE("invalid-import-file", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid import file"),
    UNSUPPORTED_ENCODING("unsupported-encoding", HttpStatus.UNPROCESSABLE_CONTENT, "File is not UTF-8 text"),
    DECOMPRESSED_TOO_LARGE("decompressed-too-large", HttpStatus.CONTENT_TOO_LARGE, "Decompressed content too large"),
    IMPORT_REJECTED_ROWS("import-rejected-rows", HttpStatus.UNPROCESSABLE_CONTENT, "Import has rejected rows"),
    INVALID_EXPRESSION("invalid-expression", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid expression"),
    PROVIDER_ERROR("provider-error", HttpStatus.BAD_GATEWAY, "Market-data provider error"),
    // community (issue 7)
    ALREADY_REPORTED("already-reported", HttpStatus.CONFLICT, "Post already reported"),
    // interests and notifications (issue 7)
    LIMIT_REACHED("limit-reached", HttpStatus.CONFLICT, "Limit reached"),
    CHANNEL_UNAVAILABLE("channel-unavailable", HttpStatus.UNPROCESSABLE_CONTENT, "Notification channel not available");

    /** Prefix of every problem type URI. */
    public static final String URI_PREFIX = "urn:stocklab:problem:";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(URI_PREFIX + slug);
    }

    /** The generic type for a status code (used for errors raised by the framework rather than by our code). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : HTTP_ERROR;
        };
    }
}
