package io.tabelogo.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address of the client a request is for. {@code X-Forwarded-For} is believed only when the direct peer is a
 * configured trusted proxy (addresses or CIDR ranges; none by default), and then only up to the first hop that
 * is not itself trusted: anything left of it could have been written by the client.
 */
public class ClientIpResolver {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}(:" + IPV4.pattern() + ")?");

    private final List<IpAddressMatcher> trustedProxies;

    public ClientIpResolver(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
    }

    public String resolve(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isIpLiteral(hop)) {
                return peer; // a garbled chain is no evidence of anything
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.getFirst();
    }

    /**
     * Who a per-client limit counts: the user of a valid access token ({@code user:<id>}), else the address this
     * resolver trusts ({@code ip:<address>}).
     */
    public String clientKey(HttpServletRequest request) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            return "user:" + token.getToken().getSubject();
        }
        return "ip:" + resolve(request);
    }

    /** Whether the client used TLS: directly, or as a trusted proxy says with {@code X-Forwarded-Proto}. */
    /** The host the client addressed: a trusted proxy's {@code X-Forwarded-Host}, else the request's own Host. */
    public String host(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-Host");
        return forwarded != null && isTrusted(request.getRemoteAddr()) ? forwarded : request.getHeader("Host");
    }

    public boolean isHttps(HttpServletRequest request) {
        return request.isSecure()
                || (isTrusted(request.getRemoteAddr())
                        && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")));
    }

    // Every X-Forwarded-For line counts: a proxy may add its own line instead of appending to the client's.
    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String line : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : line.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    private boolean isTrusted(String address) {
        if (trustedProxies.isEmpty()) {
            return false; // no proxy configured (a service reached directly): nothing to parse
        }
        return isIpLiteral(address) && trustedProxies.stream().anyMatch(m -> m.matches(address));
    }

    // Literal addresses only, no ports or zones: host names would make matching resolve DNS.
    static boolean isIpLiteral(String candidate) {
        if (candidate == null) {
            return false;
        }
        if (IPV4.matcher(candidate).matches()) {
            return true;
        }
        return candidate.contains(":")
                && IPV6.matcher(candidate).matches()
                && candidate.chars().filter(c -> c == ':').count() <= 7;
    }
}
