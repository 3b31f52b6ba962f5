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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

class GrpcStatusMappingIntegrationTest extends PlatformIntegrationTest {

    @Autowired
    GrpcServerLifecycle grpcServer;

    private ManagedChannel channel;
    private AuthServiceGrpc.AuthServiceBlockingStub stub;

    @BeforeEach
    void connect() {
        channel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", grpcServer.getPort(), InsecureChannelCredentials.create())
                .build();
        stub = AuthServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(TestTokens.valid("grpc-caller", "user")))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void resourceNotFoundIsNotFoundWithItsCode() {
        var failure = call("nobody");

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void databaseTimeoutIsUnavailable() {
        var failure = call("slow");

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(failure.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("DB_TIMEOUT");
    }

    @Test
    void unexpectedFailureIsInternalWithoutItsMessageAndLoggedInItsTrace(CapturedOutput output) {
        var failure = call("broken");

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(failure.getStatus().getDescription()).doesNotContain("secret");
        assertThat(failure.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("INTERNAL_ERROR");
        assertThat(output.getOut()
                        .lines()
                        .filter(l -> l.contains("Unexpected failure in gRPC auth.v1.AuthService/GetUser")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .containsPattern("\"trace_id\":\"[0-9a-f]{32}\"")
                        .contains("IllegalStateException"));
    }

    private StatusRuntimeException call(String userId) {
        return catchThrowableOfType(
                StatusRuntimeException.class,
                () -> stub.getUser(GetUserRequest.newBuilder().setUserId(userId).build()));
    }
}
