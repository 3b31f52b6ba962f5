package io.tabelogo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Pure logic over a fake request (no HTTP involved). */
class ClientIpResolverUnitTest {

    private final ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8", "192.168.1.5"));

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() {
        assertThat(resolve("203.0.113.9", "1.2.3.4")).isEqualTo("203.0.113.9");
    }

    @Test
    void believesTrustedProxyUpToTheFirstUntrustedHop() {
        assertThat(resolve("10.1.2.3", "198.51.100.7")).isEqualTo("198.51.100.7");
        // The client wrote "6.6.6.6" itself; the trusted proxy appended the address it actually saw.
        assertThat(resolve("10.1.2.3", "6.6.6.6, 198.51.100.7, 192.168.1.5")).isEqualTo("198.51.100.7");
    }

    @Test
    void fallsBackToThePeerOnGarbage() {
        assertThat(resolve("10.1.2.3", "not-an-ip")).isEqualTo("10.1.2.3");
        assertThat(resolve("10.1.2.3", "")).isEqualTo("10.1.2.3");
    }

    @Test
    void garbageThatLooksAlmostLikeAnAddressNeverBreaksTheRequest() {
        for (String garbage :
                new String[] {"1.2.3.4:5678", "1.2.3.4.5", ".......", "999.1.1.1", "::::::::::", "fe80::1%eth0"}) {
            assertThat(resolve("10.1.2.3", garbage)).as(garbage).isEqualTo("10.1.2.3");
        }
    }

    @Test
    void everyForwardedForLineCounts() {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr("10.1.2.3");
        request.addHeader("X-Forwarded-For", "6.6.6.6"); // written by the client
        request.addHeader("X-Forwarded-For", "198.51.100.7"); // added by the trusted proxy as a second line

        assertThat(resolver.resolve(request)).isEqualTo("198.51.100.7");
    }

    @Test
    void httpsOnlyFromTlsOrATrustedProxysWord() {
        var viaProxy = new MockHttpServletRequest();
        viaProxy.setRemoteAddr("10.1.2.3");
        viaProxy.addHeader("X-Forwarded-Proto", "https");
        var fromClient = new MockHttpServletRequest();
        fromClient.setRemoteAddr("203.0.113.9");
        fromClient.addHeader("X-Forwarded-Proto", "https");

        assertThat(resolver.isHttps(viaProxy)).isTrue();
        assertThat(resolver.isHttps(fromClient)).isFalse();
    }

    @Test
    void noTrustedProxiesMeansThePeerAlways() {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr("10.1.2.3");
        request.addHeader("X-Forwarded-For", "198.51.100.7");
        assertThat(new ClientIpResolver(List.of()).resolve(request)).isEqualTo("10.1.2.3");
    }

    @Test
    void handlesIpv6() {
        var resolver6 = new ClientIpResolver(List.of("::1"));
        var request = new MockHttpServletRequest();
        request.setRemoteAddr("::1");
        request.addHeader("X-Forwarded-For", "2001:db8::7");
        assertThat(resolver6.resolve(request)).isEqualTo("2001:db8::7");
    }

    private String resolve(String peer, String forwardedFor) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        request.addHeader("X-Forwarded-For", forwardedFor);
        return resolver.resolve(request);
    }
}
