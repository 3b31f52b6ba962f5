package io.tabelogo.platform.probe;

import io.grpc.stub.StreamObserver;
import io.tabelogo.api.auth.v1.AuthServiceGrpc;
import io.tabelogo.api.auth.v1.GetUserRequest;
import io.tabelogo.api.auth.v1.GetUserResponse;
import io.tabelogo.platform.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A gRPC endpoint whose failures must come out as mapped statuses. */
@Service
class ProbeGrpcService extends AuthServiceGrpc.AuthServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(ProbeGrpcService.class);

    private final JdbcClient jdbc;

    ProbeGrpcService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
        log.info("getUser {}", request.getUserId());
        switch (request.getUserId()) {
            case "slow" -> jdbc.sql("SELECT pg_sleep(5)").query().singleRow();
            case "broken" -> throw new IllegalStateException("internal secret");
            default -> throw ApiException.notFound("USER_NOT_FOUND", "No user " + request.getUserId());
        }
    }
}
