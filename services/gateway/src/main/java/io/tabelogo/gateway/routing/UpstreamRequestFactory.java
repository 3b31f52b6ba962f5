package io.tabelogo.gateway.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * Requests to the services over one pooled HTTP client (Apache HttpClient 5: kept-alive connections). Each service
 * has at most its {@code maxConcurrentRequests} connections, and a request that finds them all busy waits
 * {@code poolWait} at most, then fails at once ({@link UpstreamProtection} answers 503): a saturated service is not
 * queued for. A route's timeout bounds the wait for its service's answer to
 * start (SPEC §5's per-route timeouts); once the head has arrived, the body may stay silent for
 * {@code bodyIdleTimeout}, so a job's SSE stream, quiet between heartbeats, is never cut by a route timeout. A body
 * the gateway stops reading (its client left) closes its connection instead of being drained to its end, so an
 * abandoned stream ends at once on the service too. A request to an address that is no service's is refused, so
 * a route can never be bent towards another host.
 */
class UpstreamRequestFactory implements ClientHttpRequestFactory, DisposableBean {

    private final CloseableHttpClient client;
    private final Map<String, ClientHttpRequestFactory> byAuthority = new HashMap<>();

    UpstreamRequestFactory(UpstreamSettings settings, MeterRegistry meters) {
        Map<String, UpstreamSettings.Upstream> upstreams = Map.of(
                "auth", settings.auth(),
                "map", settings.map(),
                "restaurant", settings.restaurant(),
                "spider", settings.spider());
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
                .build();
        upstreams.forEach((service, upstream) -> {
            HttpRoute route = new HttpRoute(
                    new HttpHost(upstream.url().getScheme(), upstream.url().getHost(), port(upstream.url())));
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
            HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(client);
            requests.setReadTimeout(upstream.timeout()); // HttpClient's response timeout: until the head arrives
            requests.setConnectionRequestTimeout(settings.poolWait());
            byAuthority.put(authority(upstream.url()), requests);
        });
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
        ClientHttpRequestFactory requests = byAuthority.get(authority(uri));
        if (requests == null) {
            throw new IOException("not a Tabelogo service: " + uri.getHost() + ":" + uri.getPort());
        }
        return requests.createRequest(uri, method);
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }

    private static String authority(URI uri) {
        return uri.getHost().toLowerCase() + ":" + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
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
     * Spring closes an answer by reading what is left of its body, so that the connection can be reused; for an
     * SSE stream whose client left, that would hold a connection and the service's stream until the service ends
     * it. A body closed before its end discards its connection instead.
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
