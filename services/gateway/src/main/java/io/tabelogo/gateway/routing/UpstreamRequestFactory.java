package io.tabelogo.gateway.routing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Requests to the services over one JDK HTTP client (one connection pool), each with its service's own timeout:
 * the per-route timeouts of SPEC §5. A request to an address that is no service's is refused, so a route can never
 * be bent towards another host.
 */
class UpstreamRequestFactory implements ClientHttpRequestFactory {

    private final Map<String, ClientHttpRequestFactory> byAuthority = new HashMap<>();

    UpstreamRequestFactory(UpstreamSettings settings) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        for (UpstreamSettings.Upstream upstream : new UpstreamSettings.Upstream[] {
            settings.auth(), settings.map(), settings.restaurant(), settings.spider()
        }) {
            JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
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

    private static String authority(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost().toLowerCase() + ":" + port;
    }
}
