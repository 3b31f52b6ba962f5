package io.tabelogo.platform.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
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
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable failure) {
            ApiException api = Failures.classify(failure);
            if (api != null) {
                ProblemDetail problem = problems.create(api.status(), api.code(), api.getMessage(), request);
                return ResponseEntity.status(api.status()).body(problems.withErrors(problem, api.errors()));
            }
        }
        HttpStatusCode status = status(request);
        String code = ProblemHandler.codeForStatus(status.value());
        ProblemDetail problem = problems.create(status, code, detail(status), request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            problem.setInstance(java.net.URI.create(uri.toString()));
        }
        return ResponseEntity.status(status).body(problem);
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
