package nl.commonsledger.projections.rebuild;

import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectTerms;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the first pass of a rebuild learns of one project from all its events, so that the second
 * pass can write each row once, as its events go by: the final terms (rule 4: every figure is
 * computed under them), what the project's rows show besides figures, and which contributions a
 * later correction or reversal changes, with the sequence of the last such event. Only those
 * contributions wait in memory during the second pass; every other one is written when its recording
 * is read. So a rebuild holds the terms and the changed contributions, not the whole history.
 */
public final class ProjectImage {

    ProjectCreated created;
    final ProjectTerms terms = new ProjectTerms();
    final Map<String, String> memberNames = new TreeMap<>();
    /** The last quarter closed, which the project's row shows (the periods' own rows are another read model's). */
    String lastClosed;
    /** Contribution id to the sequence of its last correction or reversal. */
    final Map<String, Long> lastChange = new HashMap<>();
    /**
     * The sequence of the last event folded. The second pass reads on to the head, and stops each project
     * here: a project's events reach the store in their sequence order, so the first pass saw a prefix.
     */
    long lastSequence = -1;

    /** Folds one event; a project's events must come in their sequence order. */
    public void apply(ProjectEvent event, long sequence) {
        lastSequence = sequence;
        terms.apply(event);
        if (event instanceof ProjectCreated e) {
            created = e;
        } else if (event instanceof MemberJoined e) {
            memberNames.put(e.memberId(), e.name());
        } else if (event instanceof ContributionCorrected e) {
            lastChange.put(e.contributionId().toString(), sequence);
        } else if (event instanceof ContributionReversed e) {
            lastChange.put(e.contributionId().toString(), sequence);
        } else if (event instanceof PeriodClosed e) {
            lastClosed = e.period().toString();
        }
    }
}
