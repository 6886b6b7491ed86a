package nl.commonsledger.core.project;

/** What a member gave: money paid towards shared costs, staff hours, or merged code valued in hours. */
public enum ContributionKind {
    MONEY,
    HOURS,
    CODE;

    /** HOURS and CODE are valued as hours × the hourly rate of a role (rule 2). */
    public boolean valuedInHours() {
        return this != MONEY;
    }
}
