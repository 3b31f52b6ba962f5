package io.tabelogo.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * {@link ServiceTokens} against a fake token endpoint (a local HTTP server answering as auth-service does, for this
 * test) and a clock the test moves: tokens are reused, renewed in the background, kept through an outage while
 * valid, and missing only when none is valid.
 */
class ServiceTokensIntegrationTest {

    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicBoolean authUp = new AtomicBoolean(true);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
    private HttpServer auth;
    private ServiceTokens tokens;

    @BeforeEach
    void start() throws Exception {
        auth = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        auth.createContext("/internal/v1/service-tokens", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer = ("{\"access_token\":\"token-" + issued.incrementAndGet()
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":600}")
                    .getBytes(StandardCharsets.UTF_8);
            int status = authUp.get() && body.contains("\"client_secret\":\"s3cret\"") ? 200 : 503;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, status == 200 ? answer.length : -1);
            if (status == 200) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
            exchange.close();
        });
        auth.start();
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        tokens = new ServiceTokens(
                RestClient.builder(),
                URI.create("http://127.0.0.1:" + auth.getAddress().getPort() + "/internal/v1/service-tokens"),
                "restaurant-service",
                "s3cret",
                clock);
    }

    @AfterEach
    void stop() {
        auth.stop(0);
    }

    @Test
    void aTokenIsReusedThenRenewedInTheBackgroundWhileStillGood() {
        assertThat(tokens.tokenFor("map-service")).isEqualTo("token-1");
        assertThat(tokens.tokenFor("map-service")).isEqualTo("token-1");
        assertThat(issued).hasValue(1);

        now.set(now.get().plus(Duration.ofMinutes(9))); // past four fifths of ten minutes

        assertThat(tokens.tokenFor("map-service"))
                .as("no waiting: the one in hand")
                .isEqualTo("token-1");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> tokens.tokenFor("map-service").equals("token-2"));
    }

    @Test
    void anOutageIsRiddenOutWithTheTokenInHandThenReportedOnceItExpired() {
        tokens.tokenFor("map-service");
        authUp.set(false);
        now.set(now.get().plus(Duration.ofMinutes(9)));

        assertThat(tokens.tokenFor("map-service")).isEqualTo("token-1");

        now.set(now.get().plus(Duration.ofMinutes(2))); // expired
        assertThatThrownBy(() -> tokens.tokenFor("map-service"))
                .isInstanceOf(ServiceTokens.ServiceTokenUnavailable.class)
                .hasMessageContaining("map-service");
    }

    @Test
    void eachAudienceHasItsOwnToken() {
        assertThat(tokens.tokenFor("map-service")).isNotEqualTo(tokens.tokenFor("spider-service"));
    }
}
