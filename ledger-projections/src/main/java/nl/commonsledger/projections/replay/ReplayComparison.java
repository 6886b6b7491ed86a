package nl.commonsledger.projections.replay;

import nl.commonsledger.core.project.ContributionStatus;
import nl.commonsledger.projections.balance.BalanceQueries;
import nl.commonsledger.projections.balance.Balances;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import nl.commonsledger.projections.replay.LedgerReplay.Contribution;
import nl.commonsledger.projections.replay.LedgerReplay.Figures;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Compares a project's stored read models with a replay of its history, the definition of every
 * figure: balances per member, and per contribution its member, kind, date, role, status, value and
 * allocation. The audit reports its differences; the projector's tests assert there are none.
 *
 * <p>The comparison runs beside the second pass of a {@link BalanceReplay} ({@link #check}), so that
 * a history of any length is compared holding a page of rows and the contributions a later event
 * changed, never the whole of it. The unchanged contributions settle in the order of recording, which
 * is the order of the rows, so each is compared with the next row; the rows of changed ones wait until
 * the replay settles them at the end.
 */
@Component
public class ReplayComparison {

    private final BalanceQueries balances;
    private final ContributionQueries contributions;

    public ReplayComparison(BalanceQueries balances, ContributionQueries contributions) {
        this.balances = balances;
        this.contributions = contributions;
    }

    /** Where the read models differ from a history that has no such project. */
    public List<String> differencesWithoutHistory(String projectId) {
        return balances.balances(projectId, null).isPresent()
                ? List.of("the read models hold a project that the history does not") : List.of();
    }

    /**
     * Starts comparing with a replay whose first pass is done: it settles its contributions into the
     * comparison during its second pass; then {@link Check#finish} with its balances. Close the check.
     */
    public Check check(String projectId, BalanceReplay replay, int limit) {
        Check check = new Check(projectId, replay, limit);
        replay.onSettled(check::settled);
        return check;
    }

    /** One comparison in progress. */
    public final class Check implements AutoCloseable {
        private final String projectId;
        private final BalanceReplay replay;
        private final int limit;
        private final Stream<ContributionView> stream;
        private final Iterator<ContributionView> rows;
        /** Rows of changed contributions, read before the replay settles them. */
        private final Map<String, ContributionView> waiting = new HashMap<>();
        private final List<String> found = new ArrayList<>();
        private ContributionView ahead;
        private long replayed;
        private long read;

        private Check(String projectId, BalanceReplay replay, int limit) {
            this.projectId = projectId;
            this.replay = replay;
            this.limit = limit;
            this.stream = contributions.inListOrder(projectId);
            this.rows = stream.iterator();
        }

        private void settled(Contribution c, Figures f, long position) {
            replayed++;
            ContributionView row = replay.changes(c.contributionId()) ? rowOfChanged(c.contributionId())
                    : rowAt(position);
            if (row == null) {
                note("contribution " + c.contributionId() + " of the history is missing from the read models");
                return;
            }
            if (!row.contributionId().equals(c.contributionId())
                    || row.listPosition() != position
                    || !row.memberId().equals(c.memberId())
                    || row.kind() != c.kind()
                    || !row.date().equals(c.date())
                    || !Objects.equals(row.role(), c.role())
                    || row.status() != ContributionStatus.of(c.reversed())
                    || row.value().minor() != f.valueMinor()
                    || !row.allocation().equals(f.allocation())) {
                note("contribution " + row.contributionId() + " differs from a replay: stored "
                        + row.value().minor() + " " + row.allocation() + ", replayed " + f);
            }
        }

        /** The next row, also one read before and put back. */
        private ContributionView next() {
            if (ahead != null) {
                ContributionView row = ahead;
                ahead = null;
                return row;
            }
            if (!rows.hasNext()) {
                return null;
            }
            read++;
            return rows.next();
        }

        /**
         * The row at an unchanged contribution's list position (the sequence of its recording). Rows of
         * changed ones on the way wait for the end; a row before it that the history does not have is
         * one too many, and a row after it means the one sought is missing (that row is put back).
         */
        private ContributionView rowAt(long position) {
            for (ContributionView row = next(); row != null; row = next()) {
                if (row.listPosition() > position) {
                    ahead = row;
                    return null;
                }
                if (row.listPosition() == position) {
                    return row;
                }
                if (replay.changes(row.contributionId())) {
                    waiting.put(row.contributionId(), row);
                } else {
                    note("the read models hold contribution " + row.contributionId() + ", the history does not");
                }
            }
            return null;
        }

        private ContributionView rowOfChanged(String contributionId) {
            ContributionView row = waiting.remove(contributionId);
            while (row == null) {
                ContributionView next = next();
                if (next == null || next.contributionId().equals(contributionId)) {
                    return next;
                }
                // After the last unchanged one, only changed rows should remain; any other is one too many.
                if (!replay.changes(next.contributionId())) {
                    note("the read models hold contribution " + next.contributionId() + ", the history does not");
                }
                waiting.put(next.contributionId(), next);
            }
            return row;
        }

        /** The differences, once the replay has settled every contribution and given its balances. */
        public List<String> finish(Balances replayedBalances) {
            Balances stored = balances.balances(projectId, null).orElse(null);
            if (!replayedBalances.equals(stored)) {
                found.add(0, "balances differ from a replay: stored " + stored + ", replayed " + replayedBalances);
            }
            while (next() != null) {
                // counted below
            }
            if (read != replayed) {
                note("the read models list " + read + " contributions, the history " + replayed);
            }
            return found.size() > limit ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
        }

        private void note(String finding) {
            if (found.size() < limit) {
                found.add(finding);
            }
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
