package nl.commonsledger.core.project;

/**
 * A command the ledger refuses, with a sentence a finance clerk understands. Nothing is stored when
 * it is thrown: the aggregate throws before applying any event.
 */
public class RejectedException extends RuntimeException {

    private final Rejection rejection;
    private final String field;

    public RejectedException(Rejection rejection, String field, String message) {
        super(message);
        this.rejection = rejection;
        this.field = field;
    }

    public RejectedException(Rejection rejection, String message) {
        this(rejection, null, message);
    }

    public Rejection rejection() {
        return rejection;
    }

    /** The request field the rejection is about, or null when it is about the state of the ledger. */
    public String field() {
        return field;
    }

    @Override
    public String toString() {
        return "RejectedException[" + rejection + (field == null ? "" : ", " + field) + "]: " + getMessage();
    }
}
