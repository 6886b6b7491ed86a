package nl.commonsledger.api.security;

/** What a user may do; see {@link AccessPolicy} for the rules of each. */
public enum Role {
    /** Books its organisation's contributions and the settlements it pays; reads its organisation's projects. */
    FINANCE,
    /** Governs its projects: members, allocation key, rate card, closing periods, settlements. */
    BOARD,
    /** Reads its projects, their events, audit and exports; writes nothing. */
    AUDITOR,
    /** Everything. */
    ADMIN
}
