package io.tabelogo.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address of the client a request is for. {@code X-Forwarded-For} is believed only when the direct peer is a
 * configured trusted proxy (addresses or CIDR ranges; none by default), and then only up to the first hop that
 * is not itself trusted: anything left of it could have been written by the client.
 */
public class ClientIpResolver {

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
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!isValidAddress(hop)) {
                return peer; // a garbled chain is not evidence of anything
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops[0].trim();
    }

    private boolean isTrusted(String address) {
        return isValidAddress(address) && trustedProxies.stream().anyMatch(m -> m.matches(address));
    }

    private static boolean isValidAddress(String candidate) {
        // Literal IPv4/IPv6 only: a host name would make matching resolve DNS.
        return !candidate.isEmpty()
                && (candidate.matches("[0-9.]{7,15}")
                        || (candidate.contains(":") && candidate.matches("[0-9a-fA-F:.]+")));
    }
}
