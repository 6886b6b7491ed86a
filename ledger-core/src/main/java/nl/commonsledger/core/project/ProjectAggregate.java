package nl.commonsledger.core.project;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.allocation.Membership;
import nl.commonsledger.core.money.CurrencyScale;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.BookedContributions.BookedContribution;
import nl.commonsledger.core.project.ContributionTermsPolicy.CheckedTerms;
import nl.commonsledger.core.project.ImportRejectedException.RowRejection;
import nl.commonsledger.core.project.ProjectCommand.ClosePeriod;
import nl.commonsledger.core.project.ProjectCommand.CorrectContribution;
import nl.commonsledger.core.project.ProjectCommand.CreateProject;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions;
import nl.commonsledger.core.project.ProjectCommand.JoinMember;
import nl.commonsledger.core.project.ProjectCommand.LeaveMember;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectCommand.RecordSettlement;
import nl.commonsledger.core.project.ProjectCommand.ReverseContribution;
import nl.commonsledger.core.project.ProjectCommand.SetAllocationKey;
import nl.commonsledger.core.project.ProjectCommand.SetRateCard;
import nl.commonsledger.core.project.ProjectEvent.AllocationKeyVersionSet;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.MemberLeft;
import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.RateCardVersionSet;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import nl.commonsledger.core.rate.RateCardHistory;
import nl.commonsledger.core.rate.RateCardVersion;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static nl.commonsledger.core.project.FieldRules.requireDate;
import static nl.commonsledger.core.project.FieldRules.requireReason;
import static nl.commonsledger.core.project.FieldRules.requireText;

/**
 * A shared project and everything booked in it. One aggregate per project, because every rule that
 * must hold under concurrency spans the whole project: a (member, reference) pair is unique across
 * all its contributions, membership decides who may book on a date, rates decide whether hours can
 * be valued, and a closed period freezes every kind of booking. Commands on one project are
 * therefore serialised by the aggregate's sequence numbers, and two of them can never both pass a
 * check that only one may pass.
 *
 * <p>The state kept here is only what the rules need (no values, no allocations: those belong to
 * the projections). It stays small per contribution, and the aggregate is cached and snapshotted so
 * that handling a command does not replay the project's whole history. Both are configured where
 * the aggregate is registered (ledger-api), so that this module stays free of Spring.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class ProjectAggregate {

    @AggregateIdentifier
    private String projectId;
    /** Members, key versions, rate versions and the currency scale: the one fold of them, in its own type. */
    @JsonUnwrapped
    private ProjectTerms terms = new ProjectTerms();
    private String timeZone;
    /** The quarter of the project's creation; the first period starts no later than this. */
    private Quarter createdIn;
    /** Each contribution's member, kind, date, role, reference and status, and the effective references. */
    @JsonUnwrapped
    private BookedContributions booked = new BookedContributions();
    private Quarter lastClosed;
    /**
     * The number of events of the project so far, as Axon numbers them: the sequence number of the
     * last one, plus one. A closing period's seal must cover exactly these events. Kept as state
     * (not asked of the repository) because it must survive the snapshot with the rest.
     */
    private long eventCount;

    protected ProjectAggregate() {
        // Required by Axon to rebuild the aggregate from its events or a snapshot.
    }

    @CommandHandler
    public ProjectAggregate(CreateProject cmd) {
        requireText(cmd.name(), "name");
        String currency = cmd.currency() == null ? "EUR" : cmd.currency();
        if (CurrencyScale.of(currency).isEmpty()) {
            throw new RejectedException(Rejection.UNKNOWN_CURRENCY, "currency",
                    "'" + currency + "' is not an ISO 4217 currency code such as EUR.");
        }
        String zone = cmd.timeZone() == null ? "Europe/Amsterdam" : cmd.timeZone();
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new RejectedException(Rejection.UNKNOWN_TIME_ZONE, "timeZone",
                    "'" + zone + "' is not a time zone; use a region such as Europe/Amsterdam.");
        }
        AggregateLifecycle.apply(new ProjectCreated(cmd.projectId(), cmd.name(), currency, zone,
                cmd.attribution().recordedBy(), cmd.attribution().recordedAt()));
    }

    // ---- members -------------------------------------------------------------------------------

    @CommandHandler
    public void handle(JoinMember cmd) {
        requireText(cmd.name(), "name");
        requireDate(cmd.joinedOn(), "joinedOn");
        if (terms.member(cmd.memberId()).isPresent()) {
            throw new RejectedException(Rejection.DUPLICATE_MEMBER, "memberId",
                    "Member " + cmd.memberId() + " already belongs to this project; a member cannot join twice.");
        }
        calendar().requireOpen(cmd.joinedOn(), "joinedOn");
        boolean weighted = terms.keys().weightedOnOrAfter(cmd.joinedOn());
        BigDecimal weight = null;
        if (weighted) {
            if (cmd.weight() == null) {
                throw new RejectedException(Rejection.WEIGHT_REQUIRED, "weight",
                        "The allocation key is WEIGHTED on or after " + cmd.joinedOn() + ", so a joining member needs a weight.");
            }
            weight = FieldRules.positiveWeight(cmd.weight(), "weight");
        } else if (cmd.weight() != null) {
            throw new RejectedException(Rejection.WEIGHTS_NOT_ALLOWED, "weight",
                    "The allocation key is EQUAL from " + cmd.joinedOn() + " on, so a weight has no meaning here.");
        }
        Attribution by = cmd.attribution();
        AggregateLifecycle.apply(new MemberJoined(projectId, cmd.memberId(), cmd.name(), cmd.joinedOn(), weight,
                by.recordedBy(), by.recordedAt()));
        if (weighted) {
            for (AllocationKeyVersion v : terms.keyVersionsForJoin(cmd.memberId(), cmd.joinedOn(), weight)) {
                AggregateLifecycle.apply(new AllocationKeyVersionSet(projectId, v.effectiveFrom(), v.method(),
                        v.weights(), by.recordedBy(), by.recordedAt()));
            }
        }
    }

    @CommandHandler
    public void handle(LeaveMember cmd) {
        Membership member = terms.member(cmd.memberId()).orElse(null);
        if (member == null) {
            throw new RejectedException(Rejection.MEMBER_NOT_FOUND,
                    "Member " + cmd.memberId() + " does not belong to this project.");
        }
        requireDate(cmd.leftOn(), "leftOn");
        if (member.leftOn() != null) {
            throw new RejectedException(Rejection.MEMBER_ALREADY_LEFT,
                    "Member " + cmd.memberId() + " already left on " + member.leftOn() + ".");
        }
        if (cmd.leftOn().isBefore(member.joinedOn())) {
            throw new RejectedException(Rejection.LEFT_BEFORE_JOINED, "leftOn",
                    "leftOn " + cmd.leftOn() + " is before the member joined on " + member.joinedOn() + ".");
        }
        calendar().requireOpen(cmd.leftOn(), "leftOn");
        booked.effective().map(Map.Entry::getValue)
                .filter(c -> c.memberId().equals(cmd.memberId()) && c.date().isAfter(cmd.leftOn()))
                .findAny()
                .ifPresent(c -> {
                    throw new RejectedException(Rejection.MEMBER_HAS_LATER_CONTRIBUTIONS,
                            "Member " + cmd.memberId() + " has effective contributions dated after " + cmd.leftOn()
                                    + " (for example on " + c.date() + "); correct or reverse them first.");
                });
        AggregateLifecycle.apply(new MemberLeft(projectId, cmd.memberId(), cmd.leftOn(),
                cmd.attribution().recordedBy(), cmd.attribution().recordedAt()));
    }

    // ---- allocation key and rate card ----------------------------------------------------------

    @CommandHandler
    public void handle(SetAllocationKey cmd) {
        requireDate(cmd.effectiveFrom(), "effectiveFrom");
        if (cmd.method() == null) {
            throw new RejectedException(Rejection.FIELD_REQUIRED, "method", "method is required: EQUAL or WEIGHTED.");
        }
        calendar().requireOpen(cmd.effectiveFrom(), "effectiveFrom");
        Map<String, BigDecimal> given = cmd.weights() == null ? Map.of() : cmd.weights();
        TreeMap<String, BigDecimal> weights = new TreeMap<>();
        if (cmd.method() == KeyMethod.EQUAL) {
            if (!given.isEmpty()) {
                throw new RejectedException(Rejection.WEIGHTS_NOT_ALLOWED, "weights",
                        "An EQUAL key divides equally and takes no weights.");
            }
        } else {
            for (Map.Entry<String, BigDecimal> e : given.entrySet()) {
                if (terms.member(e.getKey()).isEmpty()) {
                    throw new RejectedException(Rejection.UNKNOWN_MEMBER, "weights." + e.getKey(),
                            "Member " + e.getKey() + " does not belong to this project.");
                }
                weights.put(e.getKey(), FieldRules.positiveWeight(e.getValue(), "weights." + e.getKey()));
            }
            // A WEIGHTED version must weigh every member active on some day of its span.
            LocalDate until = terms.keys().nextChangeAfter(cmd.effectiveFrom());
            for (Membership m : terms.members()) {
                if (m.activeDuring(cmd.effectiveFrom(), until) && !weights.containsKey(m.memberId())) {
                    throw new RejectedException(Rejection.WEIGHT_MISSING_FOR_ACTIVE_MEMBER, "weights." + m.memberId(),
                            "Member " + m.memberId() + " is active while this key is in force, so it needs a positive weight.");
                }
            }
        }
        AllocationKeyVersion version = new AllocationKeyVersion(cmd.effectiveFrom(), cmd.method(), weights);
        boolean unchanged = terms.keys().datedOn(cmd.effectiveFrom()).map(version::sameKeyAs).orElse(false);
        if (unchanged) {
            return; // the same PUT again stores nothing
        }
        AggregateLifecycle.apply(new AllocationKeyVersionSet(projectId, cmd.effectiveFrom(), cmd.method(), weights,
                cmd.attribution().recordedBy(), cmd.attribution().recordedAt()));
    }

    @CommandHandler
    public void handle(SetRateCard cmd) {
        requireDate(cmd.effectiveFrom(), "effectiveFrom");
        calendar().requireOpen(cmd.effectiveFrom(), "effectiveFrom");
        TreeMap<String, BigDecimal> rates = new TreeMap<>();
        Map<String, BigDecimal> given = cmd.hourlyRates() == null ? Map.of() : cmd.hourlyRates();
        for (Map.Entry<String, BigDecimal> e : given.entrySet()) {
            requireText(e.getKey(), "hourlyRates");
            String field = "hourlyRates." + e.getKey();
            BigDecimal rate = e.getValue();
            if (rate == null || rate.signum() <= 0) {
                throw new RejectedException(Rejection.RATE_NOT_POSITIVE, field,
                        "The hourly rate of " + e.getKey() + " must be more than zero.");
            }
            rates.put(e.getKey(), FieldRules.money(rate, field, terms.scale()));
        }
        RateCardVersion version = new RateCardVersion(cmd.effectiveFrom(), rates);
        if (terms.rates().datedOn(cmd.effectiveFrom()).map(version::sameRatesAs).orElse(false)) {
            return;
        }
        RateCardHistory proposed = terms.rates().with(version);
        booked.effective()
                .filter(e -> e.getValue().kind().valuedInHours())
                .filter(e -> proposed.rateOn(e.getValue().role(), e.getValue().date()).isEmpty())
                .findAny()
                .ifPresent(e -> {
                    throw new RejectedException(Rejection.RATE_CARD_LEAVES_CONTRIBUTION_WITHOUT_RATE,
                            "This rate card has no rate for role " + e.getValue().role() + ", which contribution "
                                    + e.getKey() + " of " + e.getValue().date() + " needs.");
                });
        AggregateLifecycle.apply(new RateCardVersionSet(projectId, cmd.effectiveFrom(), rates,
                cmd.attribution().recordedBy(), cmd.attribution().recordedAt()));
    }

    // ---- contributions -------------------------------------------------------------------------

    @CommandHandler
    public void handle(RecordContribution cmd) {
        AggregateLifecycle.apply(recorded(cmd.contributionId(), cmd.memberId(), cmd.kind(), cmd.amount(),
                cmd.hours(), cmd.role(), cmd.date(), cmd.reference(), cmd.description(), cmd.attribution()));
    }

    /**
     * All or nothing: every row is checked by exactly the rules of a single recording, and the
     * (member, reference) pairs of the file among themselves; the refusal names every row at fault.
     * Only when all pass are the events applied, so they commit in one transaction with the digest
     * chain and the idempotency claim. Returns the number of rows imported (or, in a dry run, that
     * would be).
     */
    @CommandHandler
    public int handle(ImportContributions cmd) {
        if (cmd.rows().isEmpty()) {
            throw new RejectedException(Rejection.NOTHING_TO_IMPORT, "rows", "The file has no rows to import.");
        }
        List<RowRejection> refused = new ArrayList<>();
        List<ContributionRecorded> events = new ArrayList<>(cmd.rows().size());
        Map<BookedContributions.ReferenceKey, Integer> rowOfReference = new HashMap<>();
        Set<UUID> ids = new HashSet<>();
        for (ImportContributions.Row r : cmd.rows()) {
            if (!ids.add(r.contributionId())) {
                throw new IllegalStateException("contribution id " + r.contributionId() + " is used twice");
            }
            try {
                ContributionRecorded e = recorded(r.contributionId(), r.memberId(), r.kind(), r.amount(), r.hours(),
                        r.role(), r.date(), r.reference(), r.description(), cmd.attribution());
                if (e.reference() != null) {
                    Integer first = rowOfReference.putIfAbsent(
                            BookedContributions.referenceKey(e.memberId(), e.reference()), r.row());
                    if (first != null) {
                        throw new RejectedException(Rejection.DUPLICATE_REFERENCE_IN_FILE, "reference",
                                "Reference '" + e.reference() + "' of member " + e.memberId()
                                        + " is already on row " + first + " of this file.");
                    }
                }
                events.add(e);
            } catch (RejectedException e) {
                refused.add(new RowRejection(r.row(), e.rejection(), e.field(), e.getMessage()));
            }
        }
        if (!refused.isEmpty()) {
            throw new ImportRejectedException(refused);
        }
        if (!cmd.dryRun()) {
            events.forEach(AggregateLifecycle::apply);
        }
        return events.size();
    }

    /** Rules 2 and 7 for a new contribution: the event that records it, or the first rule it breaks. */
    private ContributionRecorded recorded(UUID contributionId, String memberId, ContributionKind kind,
                                          BigDecimal amount, BigDecimal hours, String role, LocalDate date,
                                          String reference, String description, Attribution by) {
        if (booked.contains(contributionId)) {
            throw new IllegalStateException("contribution id " + contributionId + " is already in use");
        }
        Membership member = knownMember(memberId, "memberId");
        CheckedTerms checked = contributionTerms().check(member, kind, amount, hours, role, date, reference, by, null);
        return new ContributionRecorded(projectId, contributionId, memberId, kind, checked.amount(), checked.hours(),
                role, date, checked.reference(), description, by.recordedBy(), by.recordedAt());
    }

    @CommandHandler
    public void handle(CorrectContribution cmd) {
        BookedContribution contribution = effectiveContribution(cmd.contributionId(), "corrected");
        requireReason(cmd.reason());
        calendar().requireOpen(contribution.date(), "date");
        Membership member = terms.member(contribution.memberId()).orElseThrow();
        CheckedTerms checked = contributionTerms().check(member, cmd.kind(), cmd.amount(), cmd.hours(), cmd.role(),
                cmd.date(), cmd.reference(), cmd.attribution(), cmd.contributionId());
        AggregateLifecycle.apply(new ContributionCorrected(projectId, cmd.contributionId(), cmd.kind(),
                checked.amount(), checked.hours(), cmd.role(), cmd.date(), checked.reference(), cmd.description(),
                cmd.reason(), cmd.attribution().recordedBy(), cmd.attribution().recordedAt()));
    }

    @CommandHandler
    public void handle(ReverseContribution cmd) {
        BookedContribution contribution = effectiveContribution(cmd.contributionId(), "reversed");
        requireReason(cmd.reason());
        calendar().requireOpen(contribution.date(), "date");
        AggregateLifecycle.apply(new ContributionReversed(projectId, cmd.contributionId(), cmd.reason(),
                cmd.attribution().recordedBy(), cmd.attribution().recordedAt()));
    }

    private ContributionTermsPolicy contributionTerms() {
        return new ContributionTermsPolicy(terms, booked, calendar());
    }

    private BookingCalendar calendar() {
        return new BookingCalendar(timeZone, lastClosed);
    }

    private BookedContribution effectiveContribution(UUID id, String verb) {
        BookedContribution contribution = booked.get(id).orElseThrow(() -> new RejectedException(
                Rejection.CONTRIBUTION_NOT_FOUND, "There is no contribution " + id + " in this project."));
        if (contribution.reversed()) {
            throw new RejectedException(Rejection.CONTRIBUTION_REVERSED,
                    "Contribution " + id + " was reversed and cannot be " + verb + ".");
        }
        return contribution;
    }

    // ---- settlements and periods ---------------------------------------------------------------

    @CommandHandler
    public void handle(RecordSettlement cmd) {
        Membership from = knownMember(cmd.from(), "from");
        Membership to = knownMember(cmd.to(), "to");
        if (from.memberId().equals(to.memberId())) {
            throw new RejectedException(Rejection.SETTLEMENT_TO_SELF, "to", "A member cannot settle with itself.");
        }
        calendar().requireBookable(cmd.date(), cmd.attribution(), "date");
        for (Membership m : new Membership[]{from, to}) {
            if (cmd.date().isBefore(m.joinedOn())) {
                throw new RejectedException(Rejection.MEMBER_NOT_ACTIVE, "date",
                        "Member " + m.memberId() + " had not joined yet on " + cmd.date() + ".");
            }
        }
        BigDecimal amount = FieldRules.positiveAmount(cmd.amount(), "amount", terms.scale());
        String ref = FieldRules.reference(cmd.reference());
        AggregateLifecycle.apply(new SettlementRecorded(projectId, cmd.settlementId(), cmd.from(), cmd.to(), amount,
                cmd.date(), ref, cmd.attribution().recordedBy(), cmd.attribution().recordedAt()));
    }

    @CommandHandler
    public void handle(ClosePeriod cmd) {
        Quarter closable = lastClosed == null ? firstPeriod() : lastClosed.next();
        if (!closable.equals(cmd.period())) {
            throw new RejectedException(Rejection.PERIOD_NOT_CLOSABLE,
                    "Only " + closable + " can be closed now: periods close in order and never reopen.");
        }
        if (!closable.lastDay().isBefore(calendar().today(cmd.attribution()))) {
            throw new RejectedException(Rejection.PERIOD_NOT_CLOSABLE,
                    closable + " has not ended yet; it can be closed from " + closable.lastDay().plusDays(1) + ".");
        }
        if (cmd.eventCount() != eventCount) {
            throw new RejectedException(Rejection.STALE_EVENT_COUNT,
                    "The ledger changed while the period was being closed; please try again.");
        }
        AggregateLifecycle.apply(new PeriodClosed(projectId, cmd.period(), cmd.eventCount(), cmd.digest(),
                cmd.attribution().recordedBy(), cmd.attribution().recordedAt()));
    }

    private Quarter firstPeriod() {
        // Only the quarter of the creation day matters, so its first day stands in for it.
        return Quarter.firstPeriod(createdIn.firstDay(), terms.members().stream().map(Membership::joinedOn).toList());
    }

    // ---- shared checks -------------------------------------------------------------------------

    private Membership knownMember(String memberId, String field) {
        return terms.member(memberId).orElseThrow(() -> new RejectedException(Rejection.UNKNOWN_MEMBER, field,
                "Member " + memberId + " does not belong to this project."));
    }

    // ---- state changes: only here, only from events --------------------------------------------

    /**
     * The one event-sourcing handler: every event goes through the same folds, the terms', the
     * contributions' and the calendar's, so that no event type can be forgotten by one of them.
     */
    @EventSourcingHandler
    void on(ProjectEvent event, @SequenceNumber long sequence) {
        if (event instanceof ProjectCreated e) {
            projectId = e.projectId();
            timeZone = e.timeZone();
            createdIn = Quarter.of(e.recordedAt().atZone(ZoneId.of(e.timeZone())).toLocalDate());
        } else if (event instanceof PeriodClosed e) {
            lastClosed = e.period();
        }
        terms.apply(event);
        booked.apply(event);
        eventCount = sequence + 1;
    }
}
