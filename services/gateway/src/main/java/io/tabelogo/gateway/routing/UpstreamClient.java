package io.tabelogo.gateway.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;

/**
 * The connections to the services: one pooled HTTP client (Apache HttpClient 5, kept-alive connections). Each
 * service has at most its {@code maxConcurrentRequests} connections, and a request that finds them all busy waits
 * {@code poolWait} at most, then fails at once ({@link UpstreamProtection} answers 503): a saturated service is not
 * queued for. A route's timeout bounds the wait for its service's answer to start;
 * once the head has arrived, the body may stay silent for {@code bodyIdleTimeout}, so a job's SSE stream, quiet
 * between heartbeats, is never cut by a route timeout. A body the gateway stops reading (its client left) closes its
 * connection instead of being drained to its end, so an abandoned stream ends at once on the service too.
 */
class UpstreamClient implements DisposableBean {

    private final CloseableHttpClient client;

    UpstreamClient(UpstreamSettings settings, MeterRegistry meters) {
        Map<String, UpstreamSettings.Upstream> upstreams = settings.byService();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(upstreams.values().stream()
                        .mapToInt(UpstreamSettings.Upstream::maxConcurrentRequests)
                        .sum())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        // A connection idle this long may have been closed by the service: check first.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setRequestExecutor(new BodyIdleTimeout(settings.bodyIdleTimeout()))
                .addExecInterceptorFirst("abandoned-bodies", new AbandonedBodies())
                .disableRedirectHandling()
                .disableAutomaticRetries() // UpstreamProtection decides what is retried
                .disableCookieManagement()
                .disableContentCompression() // pass bodies through as the service encoded them
                .disableDefaultUserAgent() // the client's own User-Agent is passed on
                .build();
        upstreams.forEach((service, upstream) -> {
            HttpRoute route = new HttpRoute(target(upstream));
            pool.setMaxPerRoute(route, upstream.maxConcurrentRequests());
            for (String state : new String[] {"leased", "pending", "available"}) {
                Gauge.builder("gateway.upstream.connections", pool, p -> switch (state) {
                            case "leased" -> p.getStats(route).getLeased();
                            case "pending" -> p.getStats(route).getPending();
                            default -> p.getStats(route).getAvailable();
                        })
                        .description("Connections to a service: in use, waited for, idle")
                        .tag("service", service)
                        .tag("state", state)
                        .register(meters);
            }
        });
    }

    /**
     * Sends {@code request} to {@code upstream} and returns its answer once the head has arrived; the caller reads
     * the body to its end (which gives the connection back) or closes it (which closes the connection).
     */
    ClassicHttpResponse open(HttpHost target, RequestConfig timeouts, ClassicHttpRequest request) throws IOException {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(timeouts);
        return client.executeOpen(target, request, context);
    }

    /** A service's timeouts: for its answer's head (the route's timeout), and for a free connection to it. */
    static RequestConfig timeouts(UpstreamSettings.Upstream upstream, Duration poolWait) {
        return RequestConfig.custom()
                .setResponseTimeout(Timeout.of(upstream.timeout()))
                .setConnectionRequestTimeout(Timeout.of(poolWait))
                .build();
    }

    static HttpHost target(UpstreamSettings.Upstream upstream) {
        URI url = upstream.url();
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return new HttpHost(url.getScheme(), url.getHost(), port);
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }

    /**
     * Sends the request and reads the answer's head under the route's timeout (the socket timeout HttpClient set
     * from the request's response timeout), then gives the body the longer idle timeout. HttpClient sets the
     * response timeout again on every request, so a pooled connection never carries the body's timeout over.
     */
    private static final class BodyIdleTimeout extends HttpRequestExecutor {

        private final Timeout bodyIdle;

        BodyIdleTimeout(Duration bodyIdle) {
            this.bodyIdle = Timeout.of(bodyIdle);
        }

        @Override
        public ClassicHttpResponse execute(
                ClassicHttpRequest request,
                HttpClientConnection connection,
                HttpResponseInformationCallback informationCallback,
                HttpContext context)
                throws IOException, HttpException {
            ClassicHttpResponse response = super.execute(request, connection, informationCallback, context);
            connection.setSocketTimeout(bodyIdle);
            return response;
        }
    }

    /**
     * HttpClient closes an answer by reading what is left of its body, so that the connection can be reused; for
     * an SSE stream whose client left, that would hold a connection and the service's stream until the service
     * ends it. A body closed before its end discards its connection instead.
     */
    private static final class AbandonedBodies implements ExecChainHandler {

        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
                throws IOException, HttpException {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity body = response.getEntity();
            if (body != null && body.isStreaming()) {
                response.setEntity(new DiscardedUnlessRead(body, scope.execRuntime));
            }
            return response;
        }
    }

    private static final class DiscardedUnlessRead extends HttpEntityWrapper {

        private final ExecRuntime runtime;
        private InputStream content;

        DiscardedUnlessRead(HttpEntity body, ExecRuntime runtime) {
            super(body);
            this.runtime = runtime;
        }

        @Override
        public InputStream getContent() throws IOException {
            if (content == null) {
                content = new EndAware(super.getContent());
            }
            return content;
        }

        @Override
        public void close() throws IOException {
            if (!(content instanceof EndAware stream && stream.ended)) {
                runtime.discardEndpoint(); // closes the socket: nothing left to drain
            }
            super.close();
        }

        private final class EndAware extends FilterInputStream {

            boolean ended;

            EndAware(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                ended |= b == -1;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                ended |= n == -1;
                return n;
            }

            @Override
            public void close() throws IOException {
                if (!ended) {
                    runtime.discardEndpoint();
                }
                super.close();
            }
        }
    }
}
