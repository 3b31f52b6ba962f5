package io.tabelogo.auth.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/service-tokens}: a service proves who it is (client id and secret) and gets a short-lived
 * token for calls to one other service. Internal: the gateway routes nothing under {@code /internal}, and under
 * {@code ./tabelogo up} services listen on loopback only. An unknown client and a wrong secret get the same 401
 * {@code AUTH_CLIENT_INVALID}; secrets are compared in constant time. {@code auth_service_tokens_total{status}}.
 */
@RestController
class ServiceTokenController {

    static final String CLIENT_INVALID = "AUTH_CLIENT_INVALID";
    private static final Logger log = LoggerFactory.getLogger(ServiceTokenController.class);

    private final AccessTokens tokens;
    private final ServiceClients settings;
    private final Map<String, byte[]> secretDigests = new LinkedHashMap<>();
    private final Counter issued;
    private final Counter refused;

    ServiceTokenController(AccessTokens tokens, ServiceClients settings, MeterRegistry meters) {
        this.tokens = tokens;
        this.settings = settings;
        for (String pair : settings.clients().split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.strip().length() - 1) {
                throw new IllegalStateException(
                        "TABELOGO_SERVICE_CLIENTS holds client-id:secret pairs separated by commas");
            }
            secretDigests.put(
                    pair.substring(0, colon).strip(),
                    digest(pair.substring(colon + 1).strip()));
        }
        this.issued = counter(meters, "issued");
        this.refused = counter(meters, "refused");
    }

    record ServiceTokenRequest(String clientId, String clientSecret, String audience) {}

    record ServiceToken(String accessToken, String tokenType, long expiresIn) {}

    @PostMapping(path = "/internal/v1/service-tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    ServiceToken issue(@RequestBody ServiceTokenRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.clientId() == null || request.clientId().isBlank()) {
            problems.add(new FieldProblem("client_id", "is required"));
        }
        if (request.clientSecret() == null || request.clientSecret().isBlank()) {
            problems.add(new FieldProblem("client_secret", "is required"));
        }
        if (request.audience() == null || !settings.audiences().contains(request.audience())) {
            problems.add(new FieldProblem("audience", "must be one of " + settings.audiences()));
        } else if (request.audience().equals(request.clientId())) {
            problems.add(new FieldProblem("audience", "must be another service than the client"));
        }
        if (!problems.isEmpty()) {
            refused.increment();
            throw ApiException.validation("The service token request is invalid.", problems);
        }
        byte[] expected = secretDigests.get(request.clientId());
        // Digests of equal length, compared in constant time: neither the secret nor its length leaks.
        boolean known = expected != null;
        boolean matches = MessageDigest.isEqual(known ? expected : digest(""), digest(request.clientSecret()));
        if (!known || !matches) {
            refused.increment();
            log.warn("Service token refused to client {}: unknown client or wrong secret", request.clientId());
            throw new ApiException(HttpStatus.UNAUTHORIZED, CLIENT_INVALID, "The client id or secret is wrong.");
        }
        AccessTokens.IssuedToken token = tokens.issueForService(request.clientId(), request.audience(), settings.ttl());
        issued.increment();
        return new ServiceToken(token.value(), "Bearer", token.expiresIn());
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Counter counter(MeterRegistry meters, String status) {
        return Counter.builder("auth.service.tokens")
                .description("Service tokens asked for, by outcome")
                .tag("status", status)
                .register(meters);
    }
}
