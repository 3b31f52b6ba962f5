package io.tabelogo.gateway.routing;

import io.tabelogo.platform.web.ClientIpResolver;
import io.tabelogo.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * The headers that cross the gateway, copied once between the servlet request or response and HttpClient's. Towards
 * a service: the client's headers but for the hop-by-hop ones (RFC 9110 §7.6.1: those of this connection, and any
 * its {@code Connection} header names) and the forwarding ones, which the gateway sets itself: this request's id
 * (accepted or made here, so logs on both sides share it), the client address the gateway resolved as the only
 * {@code X-Forwarded-For} entry (the services trust the gateway, so a client cannot pick its own address), the
 * scheme and the host the browser addressed. Back to the client: the service's headers but for the hop-by-hop ones
 * and what the gateway owns at the edge — CORS, the request id and the rate-limit headers — so none appears twice or
 * contradicts the gateway's.
 */
final class ForwardedHeaders {

    private static final Set<String> NOT_TOWARDS_SERVICES = caseInsensitive(
            "Connection",
            "Keep-Alive",
            "Proxy-Connection",
            "Proxy-Authenticate",
            "Proxy-Authorization",
            "TE",
            "Trailer",
            "Transfer-Encoding",
            "Upgrade",
            "Host", // HttpClient writes the service's
            "Content-Length", // HttpClient writes the length of the body it sends
            "Forwarded",
            "X-Forwarded-For",
            "X-Forwarded-Host",
            "X-Forwarded-Port",
            "X-Forwarded-Prefix",
            "X-Forwarded-Proto",
            RequestIdFilter.HEADER);

    private static final Set<String> NOT_BACK_TO_CLIENTS = caseInsensitive(
            "Connection",
            "Keep-Alive",
            "Proxy-Connection",
            "Proxy-Authenticate",
            "TE",
            "Trailer",
            "Transfer-Encoding", // Tomcat frames the body to the client itself
            "Upgrade",
            RequestIdFilter.HEADER,
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset");

    private final ClientIpResolver clientIp;

    ForwardedHeaders(ClientIpResolver clientIp) {
        this.clientIp = clientIp;
    }

    void towardsService(HttpServletRequest from, ClassicHttpRequest to) {
        Set<String> namedByConnection = namedBy(from.getHeader("Connection"));
        for (Enumeration<String> names = from.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            if (NOT_TOWARDS_SERVICES.contains(name) || namedByConnection.contains(name)) {
                continue;
            }
            for (Enumeration<String> values = from.getHeaders(name); values.hasMoreElements(); ) {
                to.addHeader(name, values.nextElement());
            }
        }
        to.setHeader("X-Forwarded-For", clientIp.resolve(from));
        to.setHeader("X-Forwarded-Proto", clientIp.isHttps(from) ? "https" : "http");
        // The host the browser addressed: auth-service checks a cookie request's Origin against it.
        String host = from.getHeader("Host");
        if (host != null) {
            to.setHeader("X-Forwarded-Host", host);
        }
        if (from.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id) {
            to.setHeader(RequestIdFilter.HEADER, id);
        }
    }

    static void backToClient(ClassicHttpResponse from, HttpServletResponse to) {
        Set<String> namedByConnection = namedBy(from.getFirstHeader("Connection"));
        for (Header header : from.getHeaders()) {
            String name = header.getName();
            boolean owned = name.regionMatches(true, 0, "Access-Control-", 0, 15);
            if (!owned && !NOT_BACK_TO_CLIENTS.contains(name) && !namedByConnection.contains(name)) {
                to.addHeader(name, header.getValue());
            }
        }
    }

    private static Set<String> namedBy(Header connection) {
        return namedBy(connection == null ? null : connection.getValue());
    }

    /** The headers a {@code Connection} header declares to be of this connection only (beyond keep-alive/close). */
    private static Set<String> namedBy(String connection) {
        if (connection == null || connection.equalsIgnoreCase("keep-alive") || connection.equalsIgnoreCase("close")) {
            return Set.of();
        }
        Set<String> named = caseInsensitive();
        for (String token : connection.split(",")) {
            named.add(token.strip());
        }
        return named;
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(Set.of(names));
        return set;
    }
}
