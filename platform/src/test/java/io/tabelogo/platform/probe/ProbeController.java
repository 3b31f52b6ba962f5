package io.tabelogo.platform.probe;

import io.grpc.StatusRuntimeException;
import io.tabelogo.api.auth.v1.AuthServiceGrpc;
import io.tabelogo.api.auth.v1.GetUserRequest;
import io.tabelogo.platform.chaos.ChaosFaults;
import io.tabelogo.platform.chaos.Dependency;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ErrorCodes;
import io.tabelogo.platform.grpc.GrpcCredentials;
import io.tabelogo.platform.ratelimit.RateLimitPolicy;
import io.tabelogo.platform.ratelimit.RedisRateLimiter;
import io.tabelogo.platform.web.ClientIpResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/probe")
class ProbeController {

    private static final Logger log = LoggerFactory.getLogger(ProbeController.class);
    static final RateLimitPolicy LIMITED = RateLimitPolicy.perMinute("probe", 3);

    private final JdbcClient jdbc;
    private final RedisRateLimiter limiter;
    private final ClientIpResolver clientIp;
    private final RestClient http;
    private final GrpcChannelFactory channels;

    /** An outbound dependency chaos can slow down or break (when chaos is enabled). */
    private final Dependency upstream;

    ProbeController(
            JdbcClient jdbc,
            RedisRateLimiter limiter,
            ClientIpResolver clientIp,
            RestClient.Builder http,
            GrpcChannelFactory channels,
            ObjectProvider<ChaosFaults> chaos) {
        this.upstream = Dependency.declare(chaos, "probe-upstream");
        this.channels = channels;
        this.jdbc = jdbc;
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.http = http.build();
        limiter.register(LIMITED);
    }

    record EchoRequest(
            @NotBlank String displayName, @Min(1) @Max(20) int maxResults) {}

    @PostMapping("/echo")
    EchoRequest echo(@Valid @RequestBody EchoRequest request) {
        log.info("echo for {}", request.displayName());
        return request;
    }

    @GetMapping("/items/{id}")
    Map<String, Object> item(@PathVariable UUID id) {
        return jdbc.sql("SELECT id, name FROM probe_items WHERE id = ?").param(id).query().listOfRows().stream()
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("ITEM_NOT_FOUND", "No item " + id + "."));
    }

    /** A call to the probe's "upstream" (nothing real), through chaos' hook. */
    @GetMapping("/upstream")
    Map<String, Object> upstream() {
        upstream.beforeCall(() ->
                ApiException.unavailable(ErrorCodes.UPSTREAM_UNAVAILABLE, "The probe's upstream failed.", 1, null));
        return Map.of("upstream", "answered");
    }

    @GetMapping("/missing")
    void missing() {
        throw ApiException.notFound("ITEM_NOT_FOUND", "No item with that id.");
    }

    @GetMapping("/boom")
    void boom() {
        throw new IllegalStateException("internal secret: password=hunter2");
    }

    /** A streamed answer that fails once started, as a proxied stream whose source went away. */
    @GetMapping("/cut-stream")
    void cutStream(HttpServletResponse response) throws java.io.IOException {
        response.setContentType("text/event-stream");
        response.getWriter().write("event: update\ndata: {}\n\n");
        response.flushBuffer();
        throw new IllegalStateException("the stream's source went away");
    }

    @GetMapping("/sleep")
    Map<String, Object> sleep(@RequestParam double seconds) {
        return jdbc.sql("SELECT pg_sleep(?) IS NULL AS slept")
                .param(seconds)
                .query()
                .singleRow();
    }

    @GetMapping("/limited")
    Map<String, String> limited(HttpServletRequest request, HttpServletResponse response) {
        var decision = limiter.tryConsume(LIMITED, clientIp.resolve(request));
        decision.writeHeaders(response);
        if (!decision.allowed()) {
            throw decision.rejection();
        }
        return Map.of("client_ip", clientIp.resolve(request));
    }

    /** Calls another service (the test's) the way services do: through Boot's RestClient.Builder. */
    @GetMapping("/relay")
    void relay(@RequestParam URI to) {
        http.get().uri(to).retrieve().toBodilessEntity();
    }

    /** A response that outlives its handler (as the spider's SSE job stream will). */
    @GetMapping("/stream")
    SseEmitter stream() {
        SseEmitter emitter = new SseEmitter(5_000L);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
                emitter.send(SseEmitter.event().name("done").data("{}"));
                emitter.complete();
            } catch (Exception e) {
                emitter.completeWithError(e);
            }
        });
        return emitter;
    }

    /** Calls a gRPC service (its own) on behalf of the signed-in user, whose token goes along. */
    @GetMapping("/grpc-call")
    void grpcCall(@RequestParam int port) {
        var stub = AuthServiceGrpc.newBlockingStub(channels.createChannel("static://127.0.0.1:" + port))
                .withInterceptors(GrpcCredentials.currentUser())
                .withDeadlineAfter(5, TimeUnit.SECONDS);
        try {
            stub.getUser(GetUserRequest.newBuilder().setUserId("traced-caller").build());
        } catch (StatusRuntimeException expected) {
            // the probe's GetUser answers NOT_FOUND: what matters here is what the callee logged
        }
    }

    @GetMapping("/me")
    Map<String, Object> me(@AuthenticationPrincipal Jwt jwt) {
        log.info("who am I");
        return Map.of("user_id", jwt.getSubject());
    }

    @GetMapping("/admin")
    Map<String, String> admin() {
        return Map.of("ok", "admin");
    }
}
