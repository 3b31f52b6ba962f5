package io.tabelogo.gateway.routing;

import io.tabelogo.platform.web.ClientIpResolver;
import io.tabelogo.platform.web.RequestIdFilter;
import java.util.List;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.ResponseHttpHeadersFilter;
import org.springframework.http.HttpHeaders;

/**
 * The headers that cross the gateway. Towards a service: this request's id (accepted or made here, so logs on
 * both sides share it) and the client address the gateway resolved, as the only {@code X-Forwarded-For} entry (the
 * services trust the gateway, so a client cannot pick its own address). Back to the client: what the gateway owns
 * at the edge is dropped from the service's answer — CORS, the request id and the rate-limit headers — so none
 * appears twice or contradicts the gateway's.
 */
final class ForwardedHeaders {

    private static final List<String> OWNED_BY_THE_EDGE =
            List.of(RequestIdFilter.HEADER, "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

    private ForwardedHeaders() {}

    static RequestHttpHeadersFilter towardsServices(ClientIpResolver clientIp) {
        return (headers, request) -> {
            HttpHeaders forwarded = new HttpHeaders();
            forwarded.putAll(headers);
            forwarded.remove("Forwarded");
            forwarded.remove("X-Forwarded-Host");
            forwarded.remove("X-Forwarded-Port");
            forwarded.remove("X-Forwarded-Prefix");
            forwarded.set("X-Forwarded-For", clientIp.resolve(request.servletRequest()));
            forwarded.set("X-Forwarded-Proto", clientIp.isHttps(request.servletRequest()) ? "https" : "http");
            // The host the browser addressed: auth-service checks a cookie request's Origin against it.
            String host = request.servletRequest().getHeader("Host");
            if (host != null) {
                forwarded.set("X-Forwarded-Host", host);
            }
            if (request.servletRequest().getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id) {
                forwarded.set(RequestIdFilter.HEADER, id);
            }
            return forwarded;
        };
    }

    static ResponseHttpHeadersFilter backToClients() {
        return (headers, response) -> {
            HttpHeaders answered = new HttpHeaders();
            headers.forEach((name, values) -> {
                boolean owned = name.regionMatches(true, 0, "Access-Control-", 0, 15)
                        || OWNED_BY_THE_EDGE.stream().anyMatch(name::equalsIgnoreCase);
                if (!owned) {
                    answered.put(name, values);
                }
            });
            return answered;
        };
    }
}
