package io.tabelogo.platform.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.Failures;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.http.HttpStatus;

/**
 * The gRPC side of the error model: the same failures get the status matching their HTTP status, with the stable
 * code in the {@code tabelogo-error-code} trailer, and never a stack trace or internal message.
 */
public class GrpcStatusMapping implements GrpcExceptionHandler {

    /** Trailer carrying the error code (e.g. {@code DB_TIMEOUT}) so clients can branch on it. */
    public static final Metadata.Key<String> ERROR_CODE =
            Metadata.Key.of("tabelogo-error-code", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public StatusException handleException(Throwable failure) {
        if (failure instanceof StatusException || failure instanceof io.grpc.StatusRuntimeException) {
            return null; // already a status: let gRPC pass it on
        }
        ApiException api = Failures.classifyOrInternal(failure); // logged by GrpcFailureLogging, inside the trace
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, api.code());
        return statusFor(api.status()).withDescription(api.getMessage()).asException(trailers);
    }

    public static Status statusFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE -> Status.INVALID_ARGUMENT;
            case UNAUTHORIZED -> Status.UNAUTHENTICATED;
            case FORBIDDEN -> Status.PERMISSION_DENIED;
            case NOT_FOUND -> Status.NOT_FOUND;
            case CONFLICT -> Status.ALREADY_EXISTS;
            case PRECONDITION_FAILED, LOCKED -> Status.FAILED_PRECONDITION;
            case TOO_MANY_REQUESTS -> Status.RESOURCE_EXHAUSTED;
            case METHOD_NOT_ALLOWED, NOT_IMPLEMENTED -> Status.UNIMPLEMENTED;
            case SERVICE_UNAVAILABLE, BAD_GATEWAY -> Status.UNAVAILABLE;
            case GATEWAY_TIMEOUT -> Status.DEADLINE_EXCEEDED;
            default -> status.is4xxClientError() ? Status.INVALID_ARGUMENT : Status.INTERNAL;
        };
    }
}
