package io.tabelogo.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tabelogo.api.auth.v1.AuthServiceGrpc;
import io.tabelogo.api.auth.v1.GetUserRequest;
import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.TestTokens;
import io.tabelogo.platform.redis.SharedRedis;
import io.tabelogo.platform.security.RevokedSessions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * Every gRPC call must carry a verifiable identity, refused over a real gRPC connection otherwise: no token, a bad
 * or expired one, a service token addressed to another service, a user token of an ended session.
 */
class GrpcAuthenticationIntegrationTest extends PlatformIntegrationTest {

    @Autowired
    GrpcServerLifecycle grpcServer;

    @Autowired
    SharedRedis shared;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", grpcServer.getPort(), InsecureChannelCredentials.create())
                .build();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void aCallWithoutATokenIsUnauthenticated() {
        assertRefused(call(null), Status.Code.UNAUTHENTICATED, "AUTH_TOKEN_MISSING");
    }

    @Test
    void badTokensAreUnauthenticatedWithTheirReason() {
        assertRefused(call(TestTokens.signedByUnknownKey()), Status.Code.UNAUTHENTICATED, "AUTH_TOKEN_INVALID");
        assertRefused(call(TestTokens.hs256()), Status.Code.UNAUTHENTICATED, "AUTH_TOKEN_INVALID");
        assertRefused(call(TestTokens.unsigned()), Status.Code.UNAUTHENTICATED, "AUTH_TOKEN_INVALID");
        assertRefused(call(TestTokens.expired("u1")), Status.Code.UNAUTHENTICATED, "AUTH_TOKEN_EXPIRED");
        assertRefused(call("not-a-jwt"), Status.Code.UNAUTHENTICATED, "AUTH_TOKEN_INVALID");
    }

    @Test
    void aServiceTokenIsAcceptedByTheServiceItIsAddressedToOnly() {
        // The probe is "platform-probe": its GetUser answers NOT_FOUND once a call gets through.
        assertThat(call(TestTokens.service("restaurant-service", "platform-probe"))
                        .getStatus()
                        .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertRefused(
                call(TestTokens.service("restaurant-service", "map-service")),
                Status.Code.UNAUTHENTICATED,
                "AUTH_TOKEN_INVALID");
        // A user token cannot pass for a service token by naming the service as its audience.
        assertRefused(
                call(TestTokens.withAudience("platform-probe")), Status.Code.UNAUTHENTICATED, "AUTH_TOKEN_INVALID");
    }

    @Test
    void aTokenOfAnEndedSessionIsRefusedHereToo() {
        String session = UUID.randomUUID().toString();
        String token = TestTokens.inSession("logged-out", session);
        assertThat(call(token).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND); // open: gets through

        shared.template().opsForValue().set(RevokedSessions.PREFIX + session, "1", Duration.ofMinutes(15));

        assertRefused(call(token), Status.Code.UNAUTHENTICATED, "AUTH_SESSION_REVOKED");
    }

    @Test
    void aRevokedSessionsTokenIsRefusedOverHttpToo() {
        String session = UUID.randomUUID().toString();
        String token = TestTokens.inSession("logged-out-http", session);
        assertThat(get("/probe/me", "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(200);

        shared.template().opsForValue().set(RevokedSessions.PREFIX + session, "1", Duration.ofMinutes(15));

        assertProblem(get("/probe/me", "Authorization", "Bearer " + token), 401, "AUTH_SESSION_REVOKED");
    }

    @Test
    void aServiceTokenIsRefusedOnHttp() {
        assertProblem(
                get("/probe/me", "Authorization", "Bearer " + TestTokens.service("map-service", "platform-probe")),
                401,
                "AUTH_TOKEN_INVALID");
    }

    private StatusRuntimeException call(String token) {
        var stub = AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        if (token != null) {
            stub = stub.withInterceptors(GrpcCredentials.token(token));
        }
        var finalStub = stub;
        return catchThrowableOfType(
                StatusRuntimeException.class,
                () -> finalStub.getUser(
                        GetUserRequest.newBuilder().setUserId("nobody").build()));
    }

    private static void assertRefused(StatusRuntimeException failure, Status.Code code, String errorCode) {
        assertThat(failure).isNotNull();
        assertThat(failure.getStatus().getCode()).isEqualTo(code);
        assertThat(failure.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo(errorCode);
    }
}
