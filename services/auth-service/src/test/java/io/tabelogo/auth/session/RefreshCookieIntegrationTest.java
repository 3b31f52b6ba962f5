package io.tabelogo.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.auth.AuthServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Cookie mode over real HTTP, as the gateway forwards a browser's requests (X-Forwarded-Host, X-Forwarded-Proto):
 * the refresh token never reaches JavaScript, and a request that uses the cookie needs the CSRF header and the app's
 * own Origin.
 */
@TestPropertySource(properties = "tabelogo.http.trusted-proxies=127.0.0.1,::1") // as behind the gateway
class RefreshCookieIntegrationTest extends AuthServiceIntegrationTest {

    static final String APP = "tabelogo.example";

    @Test
    void aCookieLoginKeepsTheRefreshTokenOutOfTheBodyInAStrictHttpOnlyCookie() {
        HttpResponse<String> login = cookieLogin("cookie-login", APP, "https");

        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(json(login).has("refresh_token")).isFalse();
        assertThat(json(login).get("access_token").asString()).isNotBlank();
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("tabelogo_refresh=")
                .contains("Path=/api/v1/auth", "HttpOnly", "SameSite=Strict", "Secure", "Max-Age=86");
    }

    @Test
    void secureIsLeftOutForPlainHttpOnALoopbackHostOnly() {
        assertThat(setCookie(cookieLogin("dev", "localhost:8000", "http"))).doesNotContain("Secure");
        assertThat(setCookie(cookieLogin("dev-ip", "127.0.0.1:8000", "http"))).doesNotContain("Secure");
        assertThat(setCookie(cookieLogin("plain", APP, "http"))).contains("Secure");
    }

    @Test
    void theCookieRefreshesWithTheCsrfHeaderAndTheAppsOriginAndRotates() {
        String first = value(setCookie(cookieLogin("cookie-refresh", APP, "https")));

        HttpResponse<String> refreshed = cookieRefresh(first, "https://" + APP, true);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(json(refreshed).has("refresh_token")).isFalse();
        String second = value(setCookie(refreshed));
        assertThat(second).isNotEqualTo(first);
        assertThat(get(
                                "/api/v1/auth/me",
                                bearer(json(refreshed).get("access_token").asString()))
                        .statusCode())
                .isEqualTo(200);
        // The spent cookie again (a copy): the session ends, as with a body token.
        assertProblem(cookieRefresh(first, "https://" + APP, true), 401, "AUTH_REFRESH_REUSED");
        assertProblem(cookieRefresh(second, "https://" + APP, true), 401, "AUTH_REFRESH_REUSED");
    }

    @Test
    void aCookieRequestWithoutTheHeaderOrFromAnotherOriginIsRefusedAndSpendsNothing() {
        String cookie = value(setCookie(cookieLogin("csrf", APP, "https")));

        assertProblem(cookieRefresh(cookie, "https://" + APP, false), 403, "AUTH_CSRF_CHECK_FAILED");
        assertProblem(cookieRefresh(cookie, "https://evil.example", true), 403, "AUTH_CSRF_CHECK_FAILED");
        assertProblem(cookieRefresh(cookie, "http://" + APP, true), 403, "AUTH_CSRF_CHECK_FAILED");
        assertProblem(cookieRefresh(cookie, null, true), 403, "AUTH_CSRF_CHECK_FAILED");
        // None of them used the token up: the app itself still refreshes with it.
        assertThat(cookieRefresh(cookie, "https://" + APP, true).statusCode()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionAndRemovesTheCookie() {
        HttpResponse<String> login = cookieLogin("cookie-logout", APP, "https");
        String cookie = value(setCookie(login));
        String access = json(login).get("access_token").asString();

        HttpResponse<String> logout = send(request(
                        "/api/v1/auth/logout",
                        "Authorization",
                        "Bearer " + access,
                        "Cookie",
                        "tabelogo_refresh=" + cookie)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(setCookie(logout)).startsWith("tabelogo_refresh=;").contains("Max-Age=0", "Path=/api/v1/auth");
        assertProblem(cookieRefresh(cookie, "https://" + APP, true), 401, "AUTH_REFRESH_REUSED");
    }

    private HttpResponse<String> cookieLogin(String name, String host, String proto) {
        String email = uniqueEmail(name);
        assertThat(register(email, PASSWORD, name).statusCode()).isEqualTo(201);
        return post(
                "/api/v1/auth/login",
                "application/json",
                """
                {"email": "%s", "password": "%s", "refresh_cookie": true}""".formatted(email, PASSWORD),
                "X-Forwarded-Host",
                host,
                "X-Forwarded-Proto",
                proto);
    }

    private HttpResponse<String> cookieRefresh(String cookie, String origin, boolean csrfHeader) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(
                Map.of("Cookie", "tabelogo_refresh=" + cookie, "X-Forwarded-Host", APP, "X-Forwarded-Proto", "https"));
        if (origin != null) {
            headers.put("Origin", origin);
        }
        if (csrfHeader) {
            headers.put("X-Tabelogo-CSRF", "1");
        }
        List<String> flat = new java.util.ArrayList<>();
        headers.forEach((name, value) -> {
            flat.add(name);
            flat.add(value);
        });
        return post("/api/v1/auth/refresh", "application/json", "{}", flat.toArray(String[]::new));
    }

    private static String setCookie(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"));
    }

    private static String value(String setCookie) {
        return setCookie.substring("tabelogo_refresh=".length(), setCookie.indexOf(';'));
    }
}
