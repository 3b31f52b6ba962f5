package io.tabelogo.platform.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure with a stable, client-facing {@code code}, rendered as RFC 9457 problem+json over HTTP and as the
 * matching status over gRPC. Services throw it (or use its factories) instead of building responses by hand.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<FieldProblem> errors;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of(), null);
    }

    public ApiException(HttpStatus status, String code, String detail, List<FieldProblem> errors, Throwable cause) {
        // A client's error (4xx) is an answer, never logged with a stack: taking one would be most of its cost.
        super(detail, cause, true, !status.is4xxClientError());
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException validation(String detail, List<FieldProblem> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, detail, errors, null);
    }

    /** 503 with {@code Retry-After}, for a dependency that is down or saturated. */
    public static ApiException unavailable(String code, String detail, long retryAfterSeconds, Throwable cause) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, detail, List.of(), cause)
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** One invalid field of a request: {@code {field, message}} in the problem's {@code errors[]}. */
    public record FieldProblem(String field, String message) {}
}
