package io.tabelogo.platform.error;

import io.tabelogo.platform.error.ApiException.FieldProblem;
import io.tabelogo.platform.security.TokenRejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of a request becomes problem+json with a stable code: Spring MVC's own exceptions (through
 * {@link ResponseEntityExceptionHandler}), {@link ApiException}s, database and security failures, and anything
 * unexpected (500, logged with its stack trace, never sent to the client).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ProblemFactory problems;

    public ProblemHandler(ProblemFactory problems) {
        this.problems = problems;
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> authentication(AuthenticationException e, WebRequest request) {
        if (e instanceof AuthenticationServiceException) { // the token could not be checked (JWKS unreachable)
            log.warn("Cannot verify access tokens: {}", rootMessage(e));
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "5");
            return respond(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ErrorCodes.UPSTREAM_UNAVAILABLE,
                    "Access tokens cannot be verified right now. Try again shortly.",
                    List.of(),
                    headers,
                    request);
        }
        String code =
                e instanceof InvalidBearerTokenException ? TokenRejection.codeFor(e) : ErrorCodes.AUTH_TOKEN_MISSING;
        String detail = switch (code) {
            case ErrorCodes.AUTH_TOKEN_EXPIRED -> "The access token has expired.";
            case ErrorCodes.AUTH_TOKEN_INVALID -> "The access token is invalid.";
            case ErrorCodes.AUTH_SESSION_REVOKED -> "The session of this access token has ended. Log in again.";
            default -> "An access token is required.";
        };
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return respond(HttpStatus.UNAUTHORIZED, code, detail, List.of(), headers, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e, WebRequest request) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null || current instanceof AnonymousAuthenticationToken) {
            return authentication(new InsufficientAuthenticationException(e.getMessage()), request);
        }
        return respond(
                HttpStatus.FORBIDDEN,
                ErrorCodes.FORBIDDEN,
                "You are not allowed to do this.",
                List.of(),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> any(Exception e, WebRequest request) {
        if (committed(request)) {
            // A streamed answer (SSE, a proxied body) failed after its status and headers were sent: no problem
            // document can follow them, the connection is simply ended.
            log.warn("The answer failed after it had started, so it was cut short: {}", rootMessage(e));
            return null;
        }
        ApiException api = Failures.classifyOrInternal(e);
        if (api.status().is5xxServerError()) {
            if (ErrorCodes.INTERNAL_ERROR.equals(api.code())) {
                log.error("Unexpected failure", e);
            } else {
                log.warn("{}: {}", api.code(), rootMessage(e));
            }
        }
        HttpHeaders headers = new HttpHeaders();
        api.headers().forEach(headers::set);
        return respond(api.status(), api.code(), api.getMessage(), api.errors(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ApiException known = Failures.classify(e); // e.g. a body cut off by the size limit while it was read
        if (known != null) {
            return any(known, request);
        }
        return respond(
                HttpStatus.BAD_REQUEST,
                ErrorCodes.MALFORMED_REQUEST,
                "The request body is missing or is not valid JSON of the expected shape.",
                List.of(),
                headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.add(fieldProblem(f.getField(), f)));
        e.getBindingResult().getGlobalErrors().forEach(g -> errors.add(fieldProblem(g.getObjectName(), g)));
        return respond(status, ErrorCodes.VALIDATION_FAILED, "The request is not valid.", errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(fieldProblem(
                                error instanceof FieldError f
                                        ? f.getField()
                                        : result.getMethodParameter().getParameterName(),
                                error))));
        return respond(status, ErrorCodes.VALIDATION_FAILED, "The request is not valid.", errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "value" : e.getPropertyName();
        String type =
                e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return respond(
                status,
                ErrorCodes.VALIDATION_FAILED,
                "The request is not valid.",
                List.of(new FieldProblem(snakeCase(field), "must be a valid " + type)),
                headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(
                status,
                ErrorCodes.VALIDATION_FAILED,
                "The request is not valid.",
                List.of(new FieldProblem(e.getParameterName(), "is required")),
                headers,
                request);
    }

    /** Every other Spring MVC exception: keep Spring's status and detail, add our code and ids. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(status);
        problems.complete(problem, codeFor(e, status), servletRequest(request));
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private ResponseEntity<Object> respond(
            HttpStatusCode status,
            String code,
            String detail,
            List<FieldProblem> errors,
            HttpHeaders headers,
            WebRequest request) {
        ProblemDetail problem = problems.create(status, code, detail, servletRequest(request));
        problems.withErrors(problem, errors);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    static String codeFor(Exception e, HttpStatusCode status) {
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return ErrorCodes.NOT_FOUND;
        }
        if (e instanceof HttpRequestMethodNotSupportedException) {
            return ErrorCodes.METHOD_NOT_ALLOWED;
        }
        if (e instanceof HttpMediaTypeNotSupportedException) {
            return ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return ErrorCodes.NOT_ACCEPTABLE;
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return ErrorCodes.PAYLOAD_TOO_LARGE;
        }
        return codeForStatus(status.value());
    }

    /** The common code for a bare HTTP status (also used by the /error controller). */
    public static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCodes.MALFORMED_REQUEST;
            case 401 -> ErrorCodes.AUTH_TOKEN_MISSING;
            case 403 -> ErrorCodes.FORBIDDEN;
            case 404 -> ErrorCodes.NOT_FOUND;
            case 405 -> ErrorCodes.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCodes.NOT_ACCEPTABLE;
            case 408 -> ErrorCodes.REQUEST_TIMEOUT;
            case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCodes.RATE_LIMITED;
            case 502, 503, 504 -> ErrorCodes.UPSTREAM_UNAVAILABLE;
            default -> status >= 500 ? ErrorCodes.INTERNAL_ERROR : "HTTP_" + status;
        };
    }

    private static FieldProblem fieldProblem(String field, MessageSourceResolvable error) {
        String message = error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
        return new FieldProblem(snakeCase(field), message);
    }

    /** JSON here is snake_case, so error fields name the JSON property, not the Java one. */
    static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static boolean committed(WebRequest request) {
        HttpServletResponse response =
                request instanceof NativeWebRequest nat ? nat.getNativeResponse(HttpServletResponse.class) : null;
        return response != null && response.isCommitted();
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof NativeWebRequest nat ? nat.getNativeRequest(HttpServletRequest.class) : null;
    }
}
