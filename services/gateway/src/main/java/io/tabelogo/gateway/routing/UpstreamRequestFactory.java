package io.tabelogo.gateway.routing;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * Requests to the services over one pooled HTTP client (Apache HttpClient 5: kept-alive connections, up to
 * {@link #CONNECTIONS_PER_SERVICE} per service), each with its service's own timeout: the per-route timeouts of
 * SPEC §5. A request to an address that is no service's is refused, so a route can never be bent towards another
 * host.
 */
class UpstreamRequestFactory implements ClientHttpRequestFactory, DisposableBean {

    static final int CONNECTIONS_PER_SERVICE = 200;

    private final CloseableHttpClient client;
    private final Map<String, ClientHttpRequestFactory> byAuthority = new HashMap<>();

    UpstreamRequestFactory(UpstreamSettings settings) {
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(CONNECTIONS_PER_SERVICE)
                        .setMaxConnTotal(CONNECTIONS_PER_SERVICE * 4)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                // A connection idle this long may have been closed by the service: check first.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries() // UpstreamProtection decides what is retried
                .disableCookieManagement()
                .disableContentCompression() // pass bodies through as the service encoded them
                .build();
        for (UpstreamSettings.Upstream upstream : new UpstreamSettings.Upstream[] {
            settings.auth(), settings.map(), settings.restaurant(), settings.spider()
        }) {
            HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(client);
            requests.setReadTimeout(upstream.timeout());
            byAuthority.put(authority(upstream.url()), requests);
        }
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
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost().toLowerCase() + ":" + port;
    }
}
