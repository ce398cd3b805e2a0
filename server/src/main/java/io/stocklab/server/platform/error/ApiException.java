package io.stocklab.server.platform.error;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * An error a feature reports to the client. The single {@code @RestControllerAdvice} turns it into an RFC 9457
 * problem with the type's stable URI, its title, this exception's detail and (for validation) the field errors.
 */
public class ApiException extends RuntimeException {
    private final ProblemType type;
    private final transient List<FieldProblem> fieldErrors;
    private final transient Map<String, String> headers;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldProblem> fieldErrors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.headers = Map.copyOf(headers);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldProblem> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    public static ApiException conflict(ProblemType type, String detail) {
        return new ApiException(type, detail);
    }

    /** 422 with one field error. */
    public static ApiException invalidField(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    /** 422 with field errors. */
    public static ApiException invalid(List<FieldProblem> errors) {
        return new ApiException(ProblemType.VALIDATION, "The request content is invalid.", errors, Map.of());
    }

    /** 429 with a {@code Retry-After} header (whole seconds, at least 1). */
    public static ApiException tooManyRequests(ProblemType type, String detail, long retryAfterNanos) {
        long seconds = Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
        return new ApiException(type, detail, List.of(), Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }
}
