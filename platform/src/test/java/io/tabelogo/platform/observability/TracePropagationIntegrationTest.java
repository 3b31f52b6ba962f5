package io.tabelogo.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.tabelogo.api.auth.v1.AuthServiceGrpc;
import io.tabelogo.api.auth.v1.GetUserRequest;
import io.tabelogo.platform.PlatformIntegrationTest;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/** One trace across hops: W3C traceparent goes out on RestClient calls and travels over gRPC both ways. */
class TracePropagationIntegrationTest extends PlatformIntegrationTest {

    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";

    @Autowired
    GrpcChannelFactory channels;

    @Autowired
    GrpcServerLifecycle grpcServer;

    @Autowired
    Tracer tracer;

    @Test
    void outgoingHttpCallsCarryTheTrace() throws Exception {
        var seen = new CompletableFuture<String>();
        HttpServer downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        downstream.createContext("/", exchange -> {
            seen.complete(exchange.getRequestHeaders().getFirst("traceparent"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        downstream.start();
        try {
            String target = "http://127.0.0.1:" + downstream.getAddress().getPort() + "/anything";

            var response = get("/probe/relay?to=" + target, "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(seen.get(5, TimeUnit.SECONDS)).startsWith("00-" + TRACE_ID + "-");
        } finally {
            downstream.stop(0);
        }
    }

    @Test
    void grpcCallsCarryTheTraceToTheServer(CapturedOutput output) {
        var stub = AuthServiceGrpc.newBlockingStub(channels.createChannel("static://127.0.0.1:" + grpcServer.getPort()))
                .withDeadlineAfter(5, TimeUnit.SECONDS);
        Span span = tracer.nextSpan().name("client-side").start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            catchThrowable(() -> stub.getUser(
                    GetUserRequest.newBuilder().setUserId("traced-caller").build()));
        } finally {
            span.end();
        }

        // The server handled the call inside the caller's trace.
        assertThat(output.getOut()
                        .lines()
                        .filter(l -> l.contains("getUser traced-caller"))
                        .reduce((a, b) -> b))
                .hasValueSatisfying(line -> assertThat(line)
                        .contains("\"trace_id\":\"" + span.context().traceId() + "\""));
    }
}
