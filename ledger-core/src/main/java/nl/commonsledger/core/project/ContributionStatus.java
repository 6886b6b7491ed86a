package nl.commonsledger.core.project;

/**
 * Whether a contribution counts (rule 6): effective unless reversed. The read models store it in a
 * contribution's {@code status} by these names, which are also the contract's; SQL takes them as
 * parameters, never as literals.
 */
public enum ContributionStatus {
    EFFECTIVE, REVERSED;

    public static ContributionStatus of(boolean reversed) {
        return reversed ? REVERSED : EFFECTIVE;
    }
}
