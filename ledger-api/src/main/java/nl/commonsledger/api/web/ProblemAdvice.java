package nl.commonsledger.api.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.servlet.http.HttpServletRequest;
import nl.commonsledger.core.project.RejectedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every refusal as an RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail},
 * and for validation an {@code errors} array of {field, message}. Ledger rejections keep their
 * distinct code in {@code type} and {@code code}. Anything unforeseen is a 500 without internals.
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    /** Every problem says its charset; a client must not guess ISO-8859-1. */
    static final MediaType PROBLEM_JSON = new MediaType(MediaType.APPLICATION_PROBLEM_JSON, StandardCharsets.UTF_8);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> api(ApiProblem e) {
        String code = switch (e.status()) {
            case BAD_REQUEST -> "malformed-request";
            case UNPROCESSABLE_ENTITY -> "invalid-values";
            case NOT_FOUND -> "not-found";
            case CONFLICT -> "conflict";
            default -> e.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
        return problem(e.status(), code, e.title(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(RowProblem.class)
    ResponseEntity<ProblemDetail> rows(RowProblem e) {
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-rows", "Invalid rows",
                e.getMessage(), List.of());
        answer.getBody().setProperty("errors", e.errors());
        if (e.truncated()) {
            answer.getBody().setProperty("truncated", true);
        }
        return answer;
    }

    @ExceptionHandler(RejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RejectedException e) {
        HttpStatus status = switch (e.rejection().outcome()) {
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        String code = e.rejection().name().toLowerCase(Locale.ROOT).replace('_', '-');
        List<ApiProblem.FieldError> errors = e.field() == null ? List.of()
                : List.of(new ApiProblem.FieldError(e.field(), e.getMessage()));
        String title = switch (status) {
            case CONFLICT -> "Conflicts with the ledger";
            case NOT_FOUND -> "Not found";
            default -> "Invalid values";
        };
        return problem(status, code, title, e.getMessage(), errors);
    }

    /** Two creations of one project: the event store keeps the first, the second is a conflict. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> projectExists(AggregateStreamCreationException e) {
        return problem(HttpStatus.CONFLICT, "project-already-exists", "Conflicts with the ledger",
                "A project with this id already exists.", List.of());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownProject(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is no such project.", List.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof BodyLimitFilter.BodyTooLarge tooLarge) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request too large",
                    tooLarge.getMessage(), List.of());
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = field + " has the wrong type or format.";
            return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", message,
                    List.of(new ApiProblem.FieldError(field, message)));
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "The request body is not valid JSON of the expected shape.", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        String message = "'" + e.getValue() + "' is not a valid " + e.getName() + ".";
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", message,
                List.of(new ApiProblem.FieldError(e.getName(), message)));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "Header " + e.getHeaderName() + " is required.", List.of());
    }

    /** Spring's own 4xx (unsupported media type, method not allowed, no such path, 406 ...). */
    private ResponseEntity<ProblemDetail> spring(ErrorResponse er) {
        HttpStatusCode status = er.getStatusCode();
        ProblemDetail body = er.getBody();
        String detail = body.getDetail() == null ? body.getTitle() : body.getDetail();
        HttpStatus resolved = HttpStatus.resolve(status.value());
        String code = resolved == null ? "error" : resolved.name().toLowerCase(Locale.ROOT).replace('_', '-');
        // Spring's headers stay, e.g. Allow on 405 and Accept on 415.
        ResponseEntity<ProblemDetail> answer = problem(status, code, body.getTitle() == null ? code : body.getTitle(),
                detail, List.of());
        return ResponseEntity.status(status).headers(er.getHeaders()).headers(answer.getHeaders()).body(answer.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse er) {
            return spring(er);
        }
        RejectedException rejected = Causes.find(e, RejectedException.class);
        if (rejected != null) {
            return rejected(rejected);
        }
        ApiProblem api = Causes.find(e, ApiProblem.class);
        if (api != null) {
            return api(api);
        }
        AggregateStreamCreationException exists = Causes.find(e, AggregateStreamCreationException.class);
        if (exists != null) {
            return projectExists(exists);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The ledger could not handle this request; nothing was stored. Please try again later.", List.of());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String code, String title, String detail,
                                                 List<ApiProblem.FieldError> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("/problems/" + code));
        body.setTitle(title);
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(body);
    }
}
