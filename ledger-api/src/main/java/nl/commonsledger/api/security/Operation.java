package nl.commonsledger.api.security;

/**
 * What a route does, which decides who may call it. Each handler declares one with {@link Access};
 * {@link AccessPolicy} holds the rule of each.
 */
public enum Operation {
    /** Any signed-in user (their own profile). */
    SIGNED_IN(false),
    /** Lists: every signed-in user, filtered to what they may see. */
    LIST(false),
    /** Reading a project and everything in it. */
    READ(true),
    /** Booking, importing, correcting, reversing contributions. */
    BOOK(true),
    /** Reconciling a member's own books: ADMIN, the project's BOARD and AUDITOR, FINANCE of that member. */
    RECONCILE(true),
    /** Members, allocation key, rate card, closing periods. */
    GOVERN(true),
    /** Recording a settlement. */
    SETTLE(true),
    /** Creating projects, users, rebuilding projections. */
    ADMINISTER(false);

    private final boolean projectScoped;

    Operation(boolean projectScoped) {
        this.projectScoped = projectScoped;
    }

    /** Whether the operation acts on one project, named by the route's {@code {projectId}}. */
    public boolean projectScoped() {
        return projectScoped;
    }
}
