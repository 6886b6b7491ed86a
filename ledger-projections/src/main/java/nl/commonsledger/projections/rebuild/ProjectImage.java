package nl.commonsledger.projections.rebuild;

import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import nl.commonsledger.projections.replay.LedgerReplay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One project's read models, built in memory from its events for a rebuild. The figures (values,
 * allocations, balances) come from {@link LedgerReplay}, the one definition of them; this adds only
 * what the read models show besides figures: names, references, who recorded what and when, the
 * position of each row in the project's history.
 */
public final class ProjectImage {

    /** What a contribution row shows besides its figures and the fields the replay keeps. */
    public static final class ContributionRow {
        final long listPosition;
        final List<Long> events = new ArrayList<>();
        final Instant recordedAt;
        final String recordedBy;
        String reference;
        String description;
        Instant updatedAt;
        String updatedBy;

        ContributionRow(long listPosition, Instant recordedAt, String recordedBy) {
            this.listPosition = listPosition;
            this.recordedAt = recordedAt;
            this.recordedBy = recordedBy;
        }
    }

    record SettlementRow(SettlementRecorded event, long listPosition) {
    }

    final LedgerReplay replay = new LedgerReplay();
    ProjectCreated created;
    final Map<String, String> memberNames = new TreeMap<>();
    /** The last quarter closed, which the project's row shows (the periods' own rows are another read model's). */
    String lastClosed;
    final LinkedHashMap<String, ContributionRow> contributions = new LinkedHashMap<>();
    final List<SettlementRow> settlements = new ArrayList<>();

    /** Folds one event; a project's events must come in their sequence order. */
    public void apply(ProjectEvent event, long sequence) {
        replay.apply(event);
        if (event instanceof ProjectCreated e) {
            created = e;
        } else if (event instanceof MemberJoined e) {
            memberNames.put(e.memberId(), e.name());
        } else if (event instanceof ContributionRecorded e) {
            ContributionRow row = new ContributionRow(sequence, e.recordedAt(), e.recordedBy());
            row.reference = e.reference();
            row.description = e.description();
            touched(row, sequence, e.recordedAt(), e.recordedBy());
            contributions.put(e.contributionId().toString(), row);
        } else if (event instanceof ContributionCorrected e) {
            ContributionRow row = contributions.get(e.contributionId().toString());
            row.reference = e.reference();
            row.description = e.description();
            touched(row, sequence, e.recordedAt(), e.recordedBy());
        } else if (event instanceof ContributionReversed e) {
            touched(contributions.get(e.contributionId().toString()), sequence, e.recordedAt(), e.recordedBy());
        } else if (event instanceof SettlementRecorded e) {
            settlements.add(new SettlementRow(e, sequence));
        } else if (event instanceof PeriodClosed e) {
            lastClosed = e.period().toString();
        }
    }

    private static void touched(ContributionRow row, long sequence, Instant at, String by) {
        row.events.add(sequence);
        row.updatedAt = at;
        row.updatedBy = by;
    }

    public LedgerReplay replay() {
        return replay;
    }
}
