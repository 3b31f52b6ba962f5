package io.tabelogo.platform.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * This service's own identity for calls that carry no user: a service token per called service, from
 * auth-service's {@code POST /internal/v1/service-tokens} with this service's client id and secret, kept until
 * four fifths of its lifetime are gone, then renewed in the background while the one in hand is still used: a short
 * auth outage does not stop service-to-service calls, and calls never wait for a renewal.
 */
public class ServiceTokens {

    private static final Logger log = LoggerFactory.getLogger(ServiceTokens.class);

    private final RestClient http;
    private final URI tokenUri;
    private final String clientId;
    private final String secret;
    private final Clock clock;
    private final Map<String, Issued> byAudience = new ConcurrentHashMap<>();
    private final Map<String, Object> renewals = new ConcurrentHashMap<>(); // one renewal per audience at a time
    private final Set<String> renewing = ConcurrentHashMap.newKeySet();

    public ServiceTokens(RestClient.Builder http, URI tokenUri, String clientId, String secret, Clock clock) {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(Duration.ofSeconds(2));
        this.http = http.clone().requestFactory(requests).build();
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.secret = secret;
        this.clock = clock;
    }

    /**
     * A valid service token for calls to {@code audience} (a service name, e.g. {@code map-service}). Past four
     * fifths of its lifetime the token in hand is still returned and a new one fetched in the background, so calls
     * wait for auth-service only when there is no valid token at all.
     *
     * @throws ServiceTokenUnavailable when none can be had (auth-service unreachable and no valid token in hand)
     */
    public String tokenFor(String audience) {
        Instant now = clock.instant();
        Issued held = byAudience.get(audience);
        if (held != null && now.isBefore(held.expiresAt())) {
            if (!now.isBefore(held.renewAt())) {
                renewInBackground(audience);
            }
            return held.token();
        }
        return renew(audience).token();
    }

    /** Fetches a token for {@code audience} now, in the background, retrying for a minute (e.g. at start-up). */
    public void prefetch(String audience) {
        Thread.ofVirtual().name("service-token-prefetch").start(() -> {
            for (int attempt = 0; attempt < 30; attempt++) {
                try {
                    renew(audience);
                    return;
                } catch (ServiceTokenUnavailable notYet) {
                    try {
                        Thread.sleep(Duration.ofSeconds(2));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            log.warn("No service token for {} after a minute of trying; calls will ask again", audience);
        });
    }

    private void renewInBackground(String audience) {
        if (renewing.add(audience)) {
            Thread.ofVirtual().name("service-token-renewal").start(() -> {
                try {
                    renew(audience);
                } catch (ServiceTokenUnavailable stillHeld) {
                    log.warn("Cannot renew the service token for {} yet: {}", audience, stillHeld.getMessage());
                } finally {
                    renewing.remove(audience);
                }
            });
        }
    }

    private Issued renew(String audience) {
        synchronized (renewals.computeIfAbsent(audience, key -> new Object())) {
            Issued held = byAudience.get(audience);
            if (held != null && clock.instant().isBefore(held.renewAt())) {
                return held; // another caller just renewed it
            }
            try {
                Issued fresh = fetch(audience);
                byAudience.put(audience, fresh);
                return fresh;
            } catch (RestClientException | IllegalStateException failure) {
                throw new ServiceTokenUnavailable(audience, failure);
            }
        }
    }

    private Issued fetch(String audience) {
        Answer answer = http.post()
                .uri(tokenUri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("client_id", clientId, "client_secret", secret, "audience", audience))
                .retrieve()
                .body(Answer.class);
        if (answer == null || answer.accessToken() == null || answer.expiresIn() <= 0) {
            throw new IllegalStateException("auth-service answered without a token");
        }
        Instant now = clock.instant();
        Duration lifetime = Duration.ofSeconds(answer.expiresIn());
        return new Issued(
                answer.accessToken(), now.plus(lifetime.multipliedBy(4).dividedBy(5)), now.plus(lifetime));
    }

    private record Issued(String token, Instant renewAt, Instant expiresAt) {}

    private record Answer(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn) {}

    /** No service token could be had: the call it was for cannot be made now. */
    public static final class ServiceTokenUnavailable extends RuntimeException {
        ServiceTokenUnavailable(String audience, Throwable cause) {
            super("no service token for " + audience + ": " + cause.getMessage(), cause);
        }

        public ServiceTokenUnavailable(String why) {
            super(why);
        }
    }
}
