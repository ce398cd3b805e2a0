package io.stocklab.server.platform.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place that turns exceptions into RFC 9457 {@code application/problem+json} responses: our own
 * {@link ApiException}s, Spring MVC's exceptions, Spring Security's (forwarded here by the security handlers and
 * filters), and anything unexpected (a generic 500 without internals; the cause is logged with the request id).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException ex) {
        ProblemDetail body = problem(ex.type(), ex.getMessage());
        if (!ex.fieldErrors().isEmpty()) {
            body.setProperty("errors", ex.fieldErrors());
        }
        HttpHeaders headers = new HttpHeaders();
        ex.headers().forEach(headers::set);
        return respond(body, headers);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> handlePayloadTooLarge(PayloadTooLargeException ex) {
        return respond(payloadTooLarge(ex.limitBytes()), null);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> handleAuthentication(AuthenticationException ex) {
        if (ex instanceof InvalidBearerTokenException || ex.getCause() instanceof InvalidBearerTokenException) {
            return respond(problem(ProblemType.INVALID_TOKEN, "The access token is invalid, expired or revoked."), null);
        }
        return respond(problem(ProblemType.UNAUTHORIZED, "A valid bearer access token is required."), null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
        return respond(problem(ProblemType.FORBIDDEN, "You are not allowed to do this."), null);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return validation(errors);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleDataIntegrity(DataIntegrityViolationException ex) {
        log.info("Data integrity violation: {}", ex.getMostSpecificCause().getMessage());
        return respond(problem(ProblemType.CONFLICT, "The request conflicts with the current state of the data."), null);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> handleOptimisticLock(OptimisticLockingFailureException ex) {
        return respond(problem(ProblemType.CONFLICT, "The resource was changed concurrently; reload and retry."), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return respond(problem(ProblemType.INTERNAL,
                "An unexpected error occurred. Quote the request id when reporting it."), null);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), message(error)));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), message(error))));
        errors.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
        return validation(errors);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(
                    error instanceof FieldError fe ? fe.getField() : name, message(error))));
        });
        errors.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
        return validation(errors);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable tooLarge = findCause(ex, PayloadTooLargeException.class);
        if (tooLarge instanceof PayloadTooLargeException p) {
            return respond(payloadTooLarge(p.limitBytes()), null);
        }
        if (findCause(ex, StreamReadException.class) == null
                && findCause(ex, DatabindException.class) instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = jsonPath(mismatch);
            String expected = mismatch.getTargetType() == null ? "value" : describe(mismatch.getTargetType());
            return validation(List.of(new FieldProblem(field, "must be a valid " + expected)));
        }
        String detail = findCause(ex, StreamReadException.class) != null || ex.getCause() == null
                ? "The request body is missing or is not valid JSON."
                : "The request body could not be read.";
        return respond(problem(ProblemType.MALFORMED_REQUEST, detail), null);
    }

    /** Every framework-generated problem gets our stable type, title and request id. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail detail) {
            ProblemType type = ProblemType.forStatus(statusCode.value());
            detail.setType(type.uri());
            detail.setTitle(type.title());
            decorate(detail);
            HttpHeaders out = new HttpHeaders();
            out.addAll(response.getHeaders());
            out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(detail, out, response.getStatusCode());
        }
        return response;
    }

    /** Builds a problem for use by the error controller and the security handlers (status-only errors). */
    static ProblemDetail problem(ProblemType type, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), detail);
        body.setType(type.uri());
        body.setTitle(type.title());
        return body;
    }

    private static ProblemDetail payloadTooLarge(long limit) {
        return problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body must not exceed " + limit + " bytes.");
    }

    private static ResponseEntity<Object> validation(List<FieldProblem> errors) {
        ProblemDetail body = problem(ProblemType.VALIDATION, "The request content is invalid.");
        body.setProperty("errors", errors);
        return respond(body, null);
    }

    private static ResponseEntity<Object> respond(ProblemDetail body, @Nullable HttpHeaders headers) {
        decorate(body);
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.addAll(headers);
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, out, HttpStatus.valueOf(body.getStatus()));
    }

    private static void decorate(ProblemDetail body) {
        String requestId = MDC.get("requestId");
        if (requestId != null) {
            body.setProperty("requestId", requestId);
        }
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String jsonPath(MismatchedInputException ex) {
        StringBuilder sb = new StringBuilder();
        ex.getPath().forEach(ref -> {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        });
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return "value (one of " + String.join(", ", names) + ")";
        }
        if (type == String.class) {
            return "string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        return type.getSimpleName();
    }

    private static @Nullable Throwable findCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
