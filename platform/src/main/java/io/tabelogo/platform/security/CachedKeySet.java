package io.tabelogo.platform.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestOperations;

/**
 * auth-service's key set as token verifiers hold it: fetched once, refreshed every {@code maxAge} (the old set kept
 * if that fails, so known keys work through an outage), and fetched again for a key id it does not hold — a new
 * signing key after a rotation — at most once per {@code unknownKeyRefetch}: a token can name any key id, and
 * without the limit every forged one would cost a fetch from auth-service. Such tokens are then refused (401), not
 * answered with an outage.
 */
final class CachedKeySet implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(CachedKeySet.class);

    private final RestOperations http;
    private final URI uri;
    private final long maxAgeNanos;
    private final long unknownKeyRefetchNanos;
    private volatile JWKSet keys;
    private volatile long fetchedAt;
    private long lastUnknownKeyFetch;
    private boolean everFetchedForUnknownKey;

    CachedKeySet(RestOperations http, URI uri, Duration maxAge, Duration unknownKeyRefetch) {
        this.http = http;
        this.uri = uri;
        this.maxAgeNanos = maxAge.toNanos();
        this.unknownKeyRefetchNanos = unknownKeyRefetch.toNanos();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSet current = keys;
        if (current == null) {
            current = refresh();
        } else if (System.nanoTime() - fetchedAt > maxAgeNanos) {
            try {
                current = refresh();
            } catch (KeySourceException outage) {
                log.warn("Cannot refresh the token key set, keeping the keys held: {}", outage.getMessage());
            }
        }
        List<JWK> found = selector.select(current);
        if (!found.isEmpty()) {
            return found;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (everFetchedForUnknownKey && now - lastUnknownKeyFetch < unknownKeyRefetchNanos) {
                return List.of(); // no key: the token is refused
            }
            everFetchedForUnknownKey = true;
            lastUnknownKeyFetch = now;
        }
        return selector.select(refresh());
    }

    private synchronized JWKSet refresh() throws KeySourceException {
        try {
            String body = http.getForObject(uri, String.class);
            JWKSet fetched = JWKSet.parse(body == null ? "" : body);
            keys = fetched;
            fetchedAt = System.nanoTime();
            return fetched;
        } catch (RestClientException | ParseException failure) {
            throw new KeySourceException("cannot fetch the key set from " + uri + ": " + failure.getMessage(), failure);
        }
    }
}
