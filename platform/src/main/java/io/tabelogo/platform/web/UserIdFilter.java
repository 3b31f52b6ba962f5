package io.tabelogo.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after Spring Security: puts the authenticated user's id ({@code sub}) in the MDC so every later log line,
 * the access log included, says whose request it was. {@link RequestIdFilter} clears it.
 */
public class UserIdFilter extends OncePerRequestFilter {

    public static final String MDC_KEY = "user_id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            MDC.put(MDC_KEY, jwt.getToken().getSubject());
        }
        chain.doFilter(request, response);
    }
}
