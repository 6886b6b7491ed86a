package nl.commonsledger.api.audit;

import nl.commonsledger.api.config.ReadYourWrites;
import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.projections.balance.BalanceQueries;
import nl.commonsledger.projections.balance.Balances;
import nl.commonsledger.projections.contribution.ContributionFilter;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import nl.commonsledger.projections.replay.LedgerReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an accountant asks of the ledger: does the digest chain still match the stored events, do the
 * read models agree with a replay of the history, and what did the ledger say at a given moment.
 */
@Component
public class LedgerAudit {

    private static final int PAGE = 1000;

    /** The outcome of an audit, as {@code /audit} reports it. */
    public record Report(long eventCount, String headDigest, boolean chainIntact, boolean projectionsMatchReplay,
                         List<String> findings) {
    }

    /** How many differences an audit lists; one is enough to fail it, a few help to find the cause. */
    private static final int MAX_FINDINGS = 20;

    private final EventStore eventStore;
    private final EventHistory history;
    private final BalanceQueries balances;
    private final ContributionQueries contributions;
    private final ReadYourWrites readYourWrites;

    public LedgerAudit(EventStore eventStore, EventHistory history, BalanceQueries balances,
                       ContributionQueries contributions, ReadYourWrites readYourWrites) {
        this.readYourWrites = readYourWrites;
        this.eventStore = eventStore;
        this.history = history;
        this.balances = balances;
        this.contributions = contributions;
    }

    public Report audit(String projectId) {
        // Compare like with like: the read models must have caught up with what is stored now.
        readYourWrites.awaitProjection(-1, readYourWrites.head());
        long count = 0;
        long expected = 0;
        String recomputed = DigestChain.GENESIS;
        String storedHead = null;
        boolean intact = true;
        List<String> findings = new ArrayList<>();
        for (List<EventHistory.Event> page = history.page(projectId, 0, PAGE); !page.isEmpty();
             page = history.page(projectId, expected, PAGE)) {
            for (EventHistory.Event event : page) {
                // Gaps in the sequence, or a missing digest, break the chain as surely as an edit.
                if (event.sequence() != expected) {
                    note(findings, expected + 1 == event.sequence() ? "event " + expected + " is missing from the history"
                            : "events " + expected + " to " + (event.sequence() - 1) + " are missing from the history");
                    intact = false;
                }
                expected = event.sequence() + 1;
                recomputed = DigestChain.next(recomputed, event);
                if (!recomputed.equals(event.digest())) {
                    note(findings, "event " + event.sequence() + " does not match its digest");
                    intact = false;
                }
                storedHead = event.digest();
                count++;
            }
        }
        boolean match = readModelsMatch(projectId, findings);
        return new Report(count, storedHead, intact, match, findings);
    }

    /** The project's history folded in memory, up to and including events recorded at {@code asOf}. */
    public LedgerReplay replay(String projectId, Instant asOf) {
        LedgerReplay replay = new LedgerReplay();
        DomainEventStream stream = eventStore.readEvents(projectId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof ProjectEvent event
                    && (asOf == null || !event.recordedAt().isAfter(asOf))) {
                replay.apply(event);
            }
        }
        return replay;
    }

    private static void note(List<String> findings, String finding) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(finding);
        }
    }

    private boolean readModelsMatch(String projectId, List<String> findings) {
        LedgerReplay replay = replay(projectId, null);
        if (replay.isEmpty()) {
            return balances.balances(projectId, null).isEmpty();
        }
        boolean match = true;
        Balances stored = balances.balances(projectId, null).orElse(null);
        Balances replayed = replay.balances(null);
        if (!replayed.equals(stored)) {
            note(findings, "balances differ from a replay: stored " + stored + ", replayed " + replayed);
            match = false;
        }
        Map<String, LedgerReplay.Figures> figures = replay.figures();
        Map<String, LedgerReplay.Contribution> expected = replay.contributions();
        ContributionFilter all = new ContributionFilter(null, null, null, null, null, null);
        long seen = 0;
        Long after = null;
        for (List<ContributionView> page = contributions.list(projectId, all, null, PAGE); !page.isEmpty();
             page = contributions.list(projectId, all, after, PAGE)) {
            for (ContributionView view : page) {
                LedgerReplay.Contribution c = expected.get(view.contributionId());
                LedgerReplay.Figures f = figures.get(view.contributionId());
                if (c == null || f == null
                        || !view.memberId().equals(c.memberId())
                        || !view.kind().equals(c.kind().name())
                        || !view.date().equals(c.date())
                        || !Objects.equals(view.role(), c.role())
                        || !view.status().equals(c.reversed() ? "REVERSED" : "EFFECTIVE")
                        || view.valueMinor() != f.valueMinor()
                        || !view.allocation().equals(f.allocation())) {
                    note(findings, "contribution " + view.contributionId() + " differs from a replay");
                    match = false;
                }
                seen++;
                after = view.listPosition();
            }
        }
        if (seen != expected.size()) {
            note(findings, "the read models list " + seen + " contributions, the history " + expected.size());
            match = false;
        }
        return match;
    }
}
