package io.tabelogo.auth.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tabelogo.api.auth.v1.AuthServiceGrpc;
import io.tabelogo.api.auth.v1.RegisterRequest;
import io.tabelogo.api.auth.v1.Role;
import io.tabelogo.auth.AuthServiceIntegrationTest;
import io.tabelogo.platform.grpc.GrpcStatusMapping;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

class AuthGrpcIntegrationTest extends AuthServiceIntegrationTest {

    @Autowired
    GrpcServerLifecycle grpcServer;

    private ManagedChannel channel;
    private AuthServiceGrpc.AuthServiceBlockingStub auth;

    @BeforeEach
    void connect() {
        channel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", grpcServer.getPort(), InsecureChannelCredentials.create())
                .build();
        auth = AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void registerReturnsTheNewUser() {
        String email = uniqueEmail("grpc");

        var user = auth.register(request(email, "ramen-Lover1", "grpc-user")).getUser();

        assertThat(user.getEmail()).isEqualTo(email);
        assertThat(user.getUsername()).isEqualTo("grpc-user");
        assertThat(user.getRole()).isEqualTo(Role.ROLE_USER);
        assertThat(user.getCreatedAt().getSeconds()).isPositive();
    }

    @Test
    void takenEmailIsAlreadyExists() {
        String email = uniqueEmail("grpc-taken");
        auth.register(request(email, "ramen-Lover1", "first"));

        var failure = catchThrowableOfType(
                StatusRuntimeException.class, () -> auth.register(request(email, "ramen-Lover2", "second")));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(failure.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("AUTH_EMAIL_TAKEN");
    }

    @Test
    void invalidDetailsAreInvalidArgumentAndStoreNothing() {
        String email = uniqueEmail("grpc-invalid");

        var failure =
                catchThrowableOfType(StatusRuntimeException.class, () -> auth.register(request(email, "short", "x")));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(accountsWithEmail(email)).isZero();
    }

    private static RegisterRequest request(String email, String password, String username) {
        return RegisterRequest.newBuilder()
                .setEmail(email)
                .setPassword(password)
                .setUsername(username)
                .build();
    }
}
