package io.tabelogo.auth.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tabelogo.api.auth.v1.AuthServiceGrpc;
import io.tabelogo.api.auth.v1.GetUserRequest;
import io.tabelogo.api.auth.v1.LoginRequest;
import io.tabelogo.api.auth.v1.RefreshTokenRequest;
import io.tabelogo.api.auth.v1.RegisterRequest;
import io.tabelogo.api.auth.v1.Role;
import io.tabelogo.api.auth.v1.ValidateTokenRequest;
import io.tabelogo.auth.AuthServiceIntegrationTest;
import io.tabelogo.platform.grpc.GrpcCredentials;
import io.tabelogo.platform.grpc.GrpcStatusMapping;
import java.util.UUID;
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
        // Another service's call, with the service token auth-service itself issued to it.
        auth = AuthServiceGrpc.newBlockingStub(channel)
                .withInterceptors(
                        GrpcCredentials.token(serviceToken("restaurant-service", SERVICE_SECRET, "auth-service")))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** A service token from {@code POST /internal/v1/service-tokens}. */
    String serviceToken(String client, String secret, String audience) {
        var answer = post("/internal/v1/service-tokens", "application/json", """
                {"client_id": "%s", "client_secret": "%s", "audience": "%s"}""".formatted(client, secret, audience));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer).get("access_token").asString();
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

    @Test
    void loginValidateAndGetUserRoundTrip() {
        String email = uniqueEmail("grpc-login");
        var registered =
                auth.register(request(email, "ramen-Lover1", "grpc-login")).getUser();

        var loggedIn = auth.login(LoginRequest.newBuilder()
                .setEmail(email)
                .setPassword("ramen-Lover1")
                .setDeviceInfo("restaurant-service")
                .setIpAddress("198.51.100.20")
                .build());
        var validated = auth.validateToken(ValidateTokenRequest.newBuilder()
                .setAccessToken(loggedIn.getAccessToken())
                .build());
        var user = auth.getUser(
                GetUserRequest.newBuilder().setUserId(registered.getId()).build());

        assertThat(loggedIn.getTokenType()).isEqualTo("Bearer");
        assertThat(loggedIn.getExpiresIn()).isEqualTo(900);
        assertThat(loggedIn.getUser().getId()).isEqualTo(registered.getId());
        assertThat(validated.getValid()).isTrue();
        assertThat(validated.getUserId()).isEqualTo(registered.getId());
        assertThat(validated.getUsername()).isEqualTo("grpc-login");
        assertThat(validated.getSessionId()).isNotBlank();
        assertThat(user.getUser().getEmail()).isEqualTo(email);
        assertThat(jdbc.sql("SELECT ip_address FROM sessions WHERE id = ?::uuid")
                        .param(validated.getSessionId())
                        .query(String.class)
                        .single())
                .isEqualTo("198.51.100.20");
    }

    @Test
    void badTokensAreAnAnswerNotAnError() {
        for (String token : new String[] {"", "garbage", "a.b.c"}) {
            var answer = auth.validateToken(
                    ValidateTokenRequest.newBuilder().setAccessToken(token).build());
            assertThat(answer.getValid()).as(token).isFalse();
            assertThat(answer.getUserId()).isEmpty();
        }
    }

    @Test
    void unknownOrMalformedUserIds() {
        var missing = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> auth.getUser(GetUserRequest.newBuilder()
                        .setUserId(UUID.randomUUID().toString())
                        .build()));
        var malformed = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> auth.getUser(GetUserRequest.newBuilder().setUserId("nope").build()));

        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(malformed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void wrongPasswordAndReusedRefreshTokensAreUnauthenticated() {
        String email = uniqueEmail("grpc-refresh");
        auth.register(request(email, "ramen-Lover1", "grpc-refresh"));
        var wrong = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> auth.login(LoginRequest.newBuilder()
                        .setEmail(email)
                        .setPassword("wrong-Password1")
                        .build()));
        String refreshToken = auth.login(LoginRequest.newBuilder()
                        .setEmail(email)
                        .setPassword("ramen-Lover1")
                        .build())
                .getRefreshToken();

        var rotated = auth.refreshToken(
                RefreshTokenRequest.newBuilder().setRefreshToken(refreshToken).build());
        var reused = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> auth.refreshToken(RefreshTokenRequest.newBuilder()
                        .setRefreshToken(refreshToken)
                        .build()));

        assertThat(wrong.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(wrong.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("AUTH_INVALID_CREDENTIALS");
        assertThat(rotated.getRefreshToken()).isNotEqualTo(refreshToken);
        assertThat(reused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(reused.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("AUTH_REFRESH_REUSED");
    }

    @Test
    void onlyOtherServicesMayCallNotUsersAndNotAnonymousCallers() {
        String email = uniqueEmail("grpc-guard");
        register(email, PASSWORD, "guarded");
        String userToken = json(login(email, PASSWORD)).get("access_token").asString();
        var anonymous = AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        var asUser = AuthServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(userToken))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        var login =
                LoginRequest.newBuilder().setEmail(email).setPassword(PASSWORD).build();

        var missing = catchThrowableOfType(StatusRuntimeException.class, () -> anonymous.login(login));
        var forbidden = catchThrowableOfType(StatusRuntimeException.class, () -> asUser.login(login));
        var notForAuth = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> AuthServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(GrpcCredentials.token(
                                serviceToken("restaurant-service", SERVICE_SECRET, "map-service")))
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .login(login));

        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(missing.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("AUTH_TOKEN_MISSING");
        assertThat(forbidden.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(forbidden.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo("FORBIDDEN");
        assertThat(notForAuth.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(auth.login(login).getAccessToken()).isNotBlank(); // as a service
    }

    private static RegisterRequest request(String email, String password, String username) {
        return RegisterRequest.newBuilder()
                .setEmail(email)
                .setPassword(password)
                .setUsername(username)
                .build();
    }
}
