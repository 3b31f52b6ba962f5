package io.tabelogo.platform.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/JSON error page: a failure that happens outside Spring MVC (a filter, the servlet
 * container) still reaches the client as problem+json, never as an HTML page or a stack trace.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemFactory problems;

    public ProblemErrorController(ProblemFactory problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        ApiException api = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                ? Failures.classify(failure)
                : null;
        HttpStatusCode status = api != null ? api.status() : status(request);
        String code = api != null ? api.code() : ProblemHandler.codeForStatus(status.value());
        ProblemDetail problem = problems.create(status, code, api != null ? api.getMessage() : detail(status), request);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(URI.create(uri)); // the failed request's path, not /error
        }
        HttpHeaders headers = new HttpHeaders();
        if (api != null) {
            problems.withErrors(problem, api.errors());
            api.headers().forEach(headers::set);
        }
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static HttpStatusCode status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return code instanceof Integer value ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
    }

    private static String detail(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (status.value() == 404) {
            return "No resource here.";
        }
        return known == null ? "The request failed." : known.getReasonPhrase() + ".";
    }
}
