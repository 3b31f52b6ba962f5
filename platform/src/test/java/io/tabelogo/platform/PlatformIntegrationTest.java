package io.tabelogo.platform;

import io.tabelogo.platform.probe.ProbeApplication;
import io.tabelogo.platformtest.FaultProxy;
import io.tabelogo.platformtest.PrivateRedisServer;
import io.tabelogo.platformtest.ServiceHttpClient;
import io.tabelogo.platformtest.WithPostgres;
import io.tabelogo.platformtest.WithRedis;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The probe service running for real: HTTP on a random port, its own PostgreSQL database and redis-server, JWTs
 * verified against a real JWKS endpoint. Every integration test extends this, so they share one application.
 */
@SpringBootTest(classes = ProbeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPostgres
@WithRedis(faultProxy = true)
@ExtendWith(OutputCaptureExtension.class)
public abstract class PlatformIntegrationTest implements ServiceHttpClient {

    @LocalServerPort
    protected int port;

    @Autowired
    protected PrivateRedisServer redis;

    /** Between the application and {@link #redis}: for latency and partitions. */
    @Autowired
    protected FaultProxy redisProxy;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("tabelogo.security.jwt.jwks-uri", TestTokens::jwksUri);
    }

    @Override
    public int port() {
        return port;
    }
}
