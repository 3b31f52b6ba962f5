package io.tabelogo.gateway.routing;

import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ErrorCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Reads a request's body whole (it is at most the body size limit, 1 MiB) before the request is routed, within
 * {@code requestBodyTimeout} in all: a client that sends its body slowly, or stops half-way, gets 408
 * {@code REQUEST_TIMEOUT} from the gateway and never holds one of a service's connections.
 */
final class WholeRequestBodies extends OncePerRequestFilter {

    private static final String BODY = WholeRequestBodies.class.getName() + ".body";

    private final Duration timeout;
    private final HandlerExceptionResolver problems;

    WholeRequestBodies(Duration timeout, HandlerExceptionResolver problems) {
        this.timeout = timeout;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = readWithin(request.getInputStream());
        } catch (ApiException refused) { // over the size limit, or too slow
            problems.resolveException(request, response, null, refused);
            return;
        } catch (IOException failed) {
            if (!timedOut(failed)) {
                throw failed; // the client went away
            }
            // Tomcat's read timeout: nothing came for a whole timeout
            problems.resolveException(request, response, null, tooSlow());
            return;
        }
        request.setAttribute(BODY, body);
        chain.doFilter(new WholeBody(request, body), response);
    }

    /** The request's body as read here, or {@code null} when it came without one. */
    static byte[] of(HttpServletRequest request) {
        return request.getAttribute(BODY) instanceof byte[] body ? body : null;
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private byte[] readWithin(InputStream in) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            body.write(buffer, 0, n);
            if (System.nanoTime() > deadline) {
                throw tooSlow();
            }
        }
        return body.toByteArray();
    }

    private ApiException tooSlow() {
        return new ApiException(
                        HttpStatus.REQUEST_TIMEOUT,
                        ErrorCodes.REQUEST_TIMEOUT,
                        "The request body did not arrive within " + timeout.toSeconds() + " s.")
                .withHeader("Connection", "close");
    }

    private static final class WholeBody extends HttpServletRequestWrapper {

        private final byte[] body;

        WholeBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
