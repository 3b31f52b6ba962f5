package io.tabelogo.map.provider;

/**
 * The provider could not answer: an HTTP error, a timeout, a refused connection, an injected fault, or (after
 * {@link ProtectedProvider}) an open circuit or a spent quota. {@code reason} is a short, low-cardinality tag
 * ({@code http_503}, {@code timeout}, {@code circuit_open} …); {@code retryable} failures get one more attempt.
 */
public class ProviderFailure extends RuntimeException {

    private final String reason;
    private final boolean retryable;

    public ProviderFailure(String reason, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryable = retryable;
    }

    public ProviderFailure(String reason, boolean retryable, String message) {
        this(reason, retryable, message, null);
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }
}
