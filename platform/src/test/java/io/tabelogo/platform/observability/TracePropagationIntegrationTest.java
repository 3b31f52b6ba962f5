package io.tabelogo.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.TestTokens;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/** One trace and one request id across hops: over RestClient calls and over gRPC, client to server. */
class TracePropagationIntegrationTest extends PlatformIntegrationTest {

    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";

    @Autowired
    GrpcServerLifecycle grpcServer;

    @Test
    void outgoingHttpCallsCarryTheTrace() throws Exception {
        var seen = new CompletableFuture<String>();
        var seenRequestId = new CompletableFuture<String>();
        HttpServer downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        downstream.createContext("/", exchange -> {
            seen.complete(exchange.getRequestHeaders().getFirst("traceparent"));
            seenRequestId.complete(exchange.getRequestHeaders().getFirst("X-Request-ID"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        downstream.start();
        try {
            String target = "http://127.0.0.1:" + downstream.getAddress().getPort() + "/anything";

            var response = get(
                    "/probe/relay?to=" + target,
                    "traceparent",
                    "00-" + TRACE_ID + "-00f067aa0ba902b7-01",
                    "X-Request-ID",
                    "relay-check");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(seen.get(5, TimeUnit.SECONDS)).startsWith("00-" + TRACE_ID + "-");
            assertThat(seenRequestId.get(5, TimeUnit.SECONDS)).isEqualTo("relay-check");
        } finally {
            downstream.stop(0);
        }
    }

    @Test
    void grpcCallsCarryTheTraceAndRequestIdToTheServer(CapturedOutput output) {
        get(
                "/probe/grpc-call?port=" + grpcServer.getPort(),
                "Authorization",
                "Bearer " + TestTokens.valid("traced-user", "user"), // the call is made on this user's behalf
                "traceparent",
                "00-" + TRACE_ID + "-00f067aa0ba902b7-01",
                "X-Request-ID",
                "grpc-caller-request");

        // The callee handled the call inside the caller's trace, under the caller's request id.
        assertThat(output.getOut()
                        .lines()
                        .filter(l -> l.contains("getUser traced-caller"))
                        .reduce((a, b) -> b))
                .hasValueSatisfying(line -> assertThat(line)
                        .contains("\"trace_id\":\"" + TRACE_ID + "\"")
                        .contains("\"request_id\":\"grpc-caller-request\""));
    }
}
