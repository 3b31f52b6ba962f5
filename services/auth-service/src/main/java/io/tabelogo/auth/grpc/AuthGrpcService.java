package io.tabelogo.auth.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import io.tabelogo.api.auth.v1.AuthServiceGrpc;
import io.tabelogo.api.auth.v1.GetUserRequest;
import io.tabelogo.api.auth.v1.GetUserResponse;
import io.tabelogo.api.auth.v1.LoginRequest;
import io.tabelogo.api.auth.v1.LoginResponse;
import io.tabelogo.api.auth.v1.RefreshTokenRequest;
import io.tabelogo.api.auth.v1.RefreshTokenResponse;
import io.tabelogo.api.auth.v1.RegisterRequest;
import io.tabelogo.api.auth.v1.RegisterResponse;
import io.tabelogo.api.auth.v1.Role;
import io.tabelogo.api.auth.v1.ValidateTokenRequest;
import io.tabelogo.api.auth.v1.ValidateTokenResponse;
import io.tabelogo.auth.account.AccountDirectory;
import io.tabelogo.auth.account.Registration;
import io.tabelogo.auth.account.User;
import io.tabelogo.auth.session.Login;
import io.tabelogo.auth.session.TokenRefresh;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;

/**
 * {@code auth.v1.AuthService} over the same use cases as HTTP (so metrics count both). Failures are
 * {@code ApiException}s that the platform maps to statuses: VALIDATION_FAILED → INVALID_ARGUMENT, AUTH_EMAIL_TAKEN →
 * ALREADY_EXISTS, bad credentials or refresh tokens → UNAUTHENTICATED, a locked account → FAILED_PRECONDITION.
 */
@Service
class AuthGrpcService extends AuthServiceGrpc.AuthServiceImplBase {

    static final String USER_NOT_FOUND = "USER_NOT_FOUND";

    private final Registration registration;
    private final Login login;
    private final TokenRefresh refresh;
    private final AccountDirectory accounts;
    private final JwtDecoder tokens;

    AuthGrpcService(
            Registration registration,
            Login login,
            TokenRefresh refresh,
            AccountDirectory accounts,
            JwtDecoder tokens) {
        this.registration = registration;
        this.login = login;
        this.refresh = refresh;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** Never an error for a bad token: callers branch on {@code valid}. */
    @Override
    public void validateToken(ValidateTokenRequest request, StreamObserver<ValidateTokenResponse> response) {
        ValidateTokenResponse answer = verified(request.getAccessToken())
                .flatMap(jwt -> accounts.find(UUID.fromString(jwt.getSubject()))
                        .map(user -> ValidateTokenResponse.newBuilder()
                                .setValid(true)
                                .setUserId(user.id().toString())
                                .setUsername(user.username())
                                .setRole(role(user))
                                .setSessionId(jwt.getClaimAsString("sid"))
                                .build()))
                .orElse(ValidateTokenResponse.newBuilder().setValid(false).build());
        response.onNext(answer);
        response.onCompleted();
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
        User user = accounts.find(userId(request.getUserId()))
                .orElseThrow(() -> ApiException.notFound(USER_NOT_FOUND, "No user " + request.getUserId() + "."));
        response.onNext(GetUserResponse.newBuilder().setUser(toProto(user)).build());
        response.onCompleted();
    }

    @Override
    public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
        var origin = new Login.Origin(blankToNull(request.getDeviceInfo()), blankToNull(request.getIpAddress()));
        var loggedIn = login.login(request.getEmail(), request.getPassword(), request.getRememberMe(), origin);
        response.onNext(LoginResponse.newBuilder()
                .setAccessToken(loggedIn.accessToken())
                .setRefreshToken(loggedIn.refreshToken())
                .setTokenType("Bearer")
                .setExpiresIn(loggedIn.expiresIn())
                .setUser(toProto(loggedIn.user()))
                .build());
        response.onCompleted();
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<RegisterResponse> response) {
        User user = registration.register(request.getEmail(), request.getPassword(), request.getUsername());
        response.onNext(RegisterResponse.newBuilder().setUser(toProto(user)).build());
        response.onCompleted();
    }

    @Override
    public void refreshToken(RefreshTokenRequest request, StreamObserver<RefreshTokenResponse> response) {
        var refreshed = refresh.refresh(request.getRefreshToken());
        response.onNext(RefreshTokenResponse.newBuilder()
                .setAccessToken(refreshed.accessToken())
                .setRefreshToken(refreshed.refreshToken())
                .setTokenType("Bearer")
                .setExpiresIn(refreshed.expiresIn())
                .build());
        response.onCompleted();
    }

    private Optional<Jwt> verified(String accessToken) {
        if (accessToken.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.decode(accessToken));
        } catch (JwtException rejected) {
            return Optional.empty();
        }
    }

    private static UUID userId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(
                    "user_id must be a UUID.", List.of(new FieldProblem("user_id", "must be a UUID")));
        }
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    private static Role role(User user) {
        return "admin".equals(user.role()) ? Role.ROLE_ADMIN : Role.ROLE_USER;
    }

    static io.tabelogo.api.auth.v1.User toProto(User user) {
        return io.tabelogo.api.auth.v1.User.newBuilder()
                .setId(user.id().toString())
                .setEmail(user.email())
                .setUsername(user.username())
                .setRole(role(user))
                .setEmailVerified(user.emailVerified())
                .setCreatedAt(Timestamp.newBuilder()
                        .setSeconds(user.createdAt().getEpochSecond())
                        .setNanos(user.createdAt().getNano()))
                .build();
    }
}
