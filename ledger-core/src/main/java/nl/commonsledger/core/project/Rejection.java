package nl.commonsledger.core.project;

/**
 * Every reason the ledger refuses a command. Each is distinct so that clients, tests and the API's
 * problem responses can tell them apart; {@link Outcome} says how the API reports it.
 */
public enum Rejection {
    PROJECT_ALREADY_EXISTS(Outcome.CONFLICT),
    UNKNOWN_CURRENCY(Outcome.INVALID),
    UNKNOWN_TIME_ZONE(Outcome.INVALID),

    DUPLICATE_MEMBER(Outcome.CONFLICT),
    UNKNOWN_MEMBER(Outcome.INVALID),
    MEMBER_NOT_FOUND(Outcome.NOT_FOUND),
    MEMBER_ALREADY_LEFT(Outcome.CONFLICT),
    LEFT_BEFORE_JOINED(Outcome.INVALID),
    MEMBER_HAS_LATER_CONTRIBUTIONS(Outcome.CONFLICT),
    MEMBER_NOT_ACTIVE(Outcome.INVALID),

    WEIGHT_REQUIRED(Outcome.INVALID),
    WEIGHTS_NOT_ALLOWED(Outcome.INVALID),
    WEIGHT_NOT_POSITIVE(Outcome.INVALID),
    WEIGHT_MISSING_FOR_ACTIVE_MEMBER(Outcome.INVALID),

    RATE_NOT_POSITIVE(Outcome.INVALID),
    RATE_CARD_LEAVES_CONTRIBUTION_WITHOUT_RATE(Outcome.CONFLICT),
    UNKNOWN_ROLE(Outcome.INVALID),

    DATE_IN_CLOSED_PERIOD(Outcome.CONFLICT),
    DATE_IN_FUTURE(Outcome.INVALID),
    AMOUNT_NOT_POSITIVE(Outcome.INVALID),
    AMOUNT_TOO_LARGE(Outcome.INVALID),
    TOO_MANY_DECIMALS(Outcome.INVALID),
    HOURS_NOT_POSITIVE(Outcome.INVALID),
    HOURS_TOO_LARGE(Outcome.INVALID),
    FIELD_REQUIRED(Outcome.INVALID),
    FIELD_NOT_ALLOWED(Outcome.INVALID),
    REFERENCE_REQUIRED(Outcome.INVALID),
    DUPLICATE_REFERENCE(Outcome.CONFLICT),
    DUPLICATE_REFERENCE_IN_FILE(Outcome.INVALID),
    NOTHING_TO_IMPORT(Outcome.INVALID),

    CONTRIBUTION_NOT_FOUND(Outcome.NOT_FOUND),
    CONTRIBUTION_REVERSED(Outcome.CONFLICT),
    REASON_REQUIRED(Outcome.INVALID),

    SETTLEMENT_TO_SELF(Outcome.INVALID),

    PERIOD_NOT_CLOSABLE(Outcome.CONFLICT),
    STALE_EVENT_COUNT(Outcome.CONFLICT);

    /** How a rejection is reported: a conflict with the ledger's state, an invalid value, or an unknown object. */
    public enum Outcome {
        CONFLICT,
        INVALID,
        NOT_FOUND
    }

    private final Outcome outcome;

    Rejection(Outcome outcome) {
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
