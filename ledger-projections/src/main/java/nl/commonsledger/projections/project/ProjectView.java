package nl.commonsledger.projections.project;

import nl.commonsledger.core.allocation.AllocationKeyHistory;
import nl.commonsledger.core.rate.RateCardHistory;

import java.time.LocalDate;
import java.util.List;

/** A project as clients see it: its terms, its members and its periods. */
public record ProjectView(String projectId, String name, String currency, int scale, String timeZone,
                          LocalDate createdOn, String lastClosed, List<MemberView> members,
                          AllocationKeyHistory keys, RateCardHistory rates,
                          List<PeriodView> periods) {

    public record MemberView(String memberId, String name, LocalDate joinedOn, LocalDate leftOn) {
    }

    public record PeriodView(String period, String status, Long eventCount, String digest) {
    }
}
