package nl.commonsledger.api.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/** A request the API refuses before it reaches the ledger: a 4xx with a sentence and field errors. */
public class ApiProblem extends RuntimeException {

    public record FieldError(String field, String message) {
    }

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(HttpStatus status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static ApiProblem badRequest(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Malformed request", message, List.of(new FieldError(field, message)));
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message()
                : errors.size() + " fields are not acceptable: " + String.join("; ",
                errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid values", detail, errors);
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", message, List.of());
    }

    public static ApiProblem noSuchProject(String projectId) {
        return notFound("There is no project " + projectId + ".");
    }

    public static ApiProblem conflict(String message) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict", message, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
