package io.tabelogo.auth.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import io.tabelogo.api.auth.v1.AuthServiceGrpc;
import io.tabelogo.api.auth.v1.RegisterRequest;
import io.tabelogo.api.auth.v1.RegisterResponse;
import io.tabelogo.api.auth.v1.Role;
import io.tabelogo.auth.account.Registration;
import io.tabelogo.auth.account.User;
import org.springframework.stereotype.Service;

/**
 * {@code auth.v1.AuthService} over the same use cases as HTTP. Failures are {@code ApiException}s that the
 * platform maps to statuses (VALIDATION_FAILED → INVALID_ARGUMENT, AUTH_EMAIL_TAKEN → ALREADY_EXISTS). RPCs not
 * built yet answer UNIMPLEMENTED (the generated default).
 */
@Service
class AuthGrpcService extends AuthServiceGrpc.AuthServiceImplBase {

    private final Registration registration;

    AuthGrpcService(Registration registration) {
        this.registration = registration;
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<RegisterResponse> response) {
        User user = registration.register(request.getEmail(), request.getPassword(), request.getUsername());
        response.onNext(RegisterResponse.newBuilder().setUser(toProto(user)).build());
        response.onCompleted();
    }

    static io.tabelogo.api.auth.v1.User toProto(User user) {
        return io.tabelogo.api.auth.v1.User.newBuilder()
                .setId(user.id().toString())
                .setEmail(user.email())
                .setUsername(user.username())
                .setRole("admin".equals(user.role()) ? Role.ROLE_ADMIN : Role.ROLE_USER)
                .setEmailVerified(user.emailVerified())
                .setCreatedAt(Timestamp.newBuilder()
                        .setSeconds(user.createdAt().getEpochSecond())
                        .setNanos(user.createdAt().getNano()))
                .build();
    }
}
