package nl.commonsledger.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Problems for the errors that no controller answers, so that every error the process can give is
 * {@code application/problem+json}: requests the security firewall rejects (encoded slashes,
 * {@code ;}, NUL, backslashes), the servlet container's error dispatch to {@code /error}, and what
 * Tomcat refuses before the application sees the request (oversized headers, unparsable URIs), which
 * its error report valve would otherwise answer with an HTML page.
 */
@RestController
public class ErrorProblems implements ErrorController {

    /** The error dispatch; called directly, {@code /error} is just an unknown path. */
    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null ? HttpStatus.resolve(i)
                : HttpStatus.NOT_FOUND;
        if (status.is5xxServerError()) {
            return ProblemAdvice.problem(status, "internal-error", "Internal error",
                    "The ledger could not handle this request; nothing was stored. Please try again later.", List.of());
        }
        return ProblemAdvice.problem(status, code(status), status.getReasonPhrase(), sentence(status), List.of());
    }

    @Bean
    RequestRejectedHandler rejectedRequests() {
        return (request, response, e) -> ProblemResponses.write(response, 400, "malformed-request",
                "Malformed request", "The request's path or headers are not acceptable.");
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        // The host's error report valve is named by class; Tomcat creates it when the host starts.
        return factory -> factory.addContextCustomizers(context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemReportValve.class.getName()));
    }

    static String code(HttpStatus status) {
        return status == HttpStatus.BAD_REQUEST ? "malformed-request"
                : status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String sentence(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed (its path, headers or body) and was not handled.";
            case NOT_FOUND -> "There is nothing at this path.";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are too large.";
            default -> "The request was not handled: " + status.getReasonPhrase() + ".";
        };
    }

    /** Tomcat's last word on an error nobody else answered: a problem instead of an HTML page. */
    public static class ProblemReportValve extends ErrorReportValve {
        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            if (status == null) {
                status = code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
            }
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(status.is5xxServerError()
                            ? ProblemResponses.json(code, "internal-error", "Internal error",
                            "The ledger could not handle this request; nothing was stored.")
                            : ProblemResponses.json(code, code(status), status.getReasonPhrase(), sentence(status)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response was committed meanwhile; nothing more to say.
            }
        }
    }
}
