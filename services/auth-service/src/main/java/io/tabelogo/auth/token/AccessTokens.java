package io.tabelogo.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.tabelogo.platform.security.SecuritySettings;
import io.tabelogo.platform.security.TokenUse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;

/**
 * Signs access tokens: RS256 JWTs with the claims listed in docs/services/auth-service.md, verifiable by every
 * service from the JWKS.
 */
@Service
public class AccessTokens {

    private final SigningKeys keys;
    private final TokenSettings settings;
    private final SecuritySettings security;
    private final Clock clock;

    AccessTokens(SigningKeys keys, TokenSettings settings, SecuritySettings security, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.security = security;
        this.clock = clock;
    }

    /** A signed token and its lifetime in seconds (the {@code expires_in} of token responses). */
    public record IssuedToken(String value, long expiresIn) {}

    /** A service token: {@code clientId} calling {@code audience}, no session, no role ({@link TokenUse}). */
    public IssuedToken issueForService(String clientId, String audience, Duration ttl) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(security.jwt().issuer())
                .audience(List.of(audience))
                .subject(clientId)
                .claim(TokenUse.CLAIM, TokenUse.SERVICE)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .build();
        return new IssuedToken(sign(claims), ttl.toSeconds());
    }

    public IssuedToken issue(UUID userId, String role, UUID sessionId) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(security.jwt().issuer())
                .audience(List.of(security.jwt().audience()))
                .subject(userId.toString())
                .claim("sid", sessionId.toString())
                .claim("role", role)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(settings.accessTokenTtl()))
                .build();
        return new IssuedToken(sign(claims), settings.accessTokenTtl().toSeconds());
    }

    private String sign(JwtClaimsSet claims) {
        RSAKey key = keys.current();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(key.getKeyID())
                .type("JWT")
                .build();
        var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
