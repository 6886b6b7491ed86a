package nl.commonsledger.core.project;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import nl.commonsledger.core.allocation.Allocation;
import nl.commonsledger.core.allocation.AllocationKeyHistory;
import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.allocation.Membership;
import nl.commonsledger.core.money.CurrencyScale;
import nl.commonsledger.core.money.LargestRemainder;
import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.core.money.Valuation;
import nl.commonsledger.core.project.ProjectEvent.AllocationKeyVersionSet;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.MemberLeft;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.RateCardVersionSet;
import nl.commonsledger.core.rate.RateCardHistory;
import nl.commonsledger.core.rate.RateCardVersion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything that a contribution's value and allocation depend on besides the contribution itself:
 * the currency scale, who was a member when, the key versions and the rate versions. Rule 4 says
 * figures are a function of the whole history; this is that function's second argument.
 *
 * <p>This is the one fold of those terms from the events ({@link #apply}): the aggregate keeps its
 * terms with it, {@code LedgerReplay} folds them in memory, and the projector folds each event into
 * the terms it read from the read models before it writes the rows that changed. So the three can
 * never disagree about what a join, a leave, a key version or a rate version means.
 *
 * <p>Mutable, like the state of the aggregate that holds it, and serialised field by field into the
 * aggregate's snapshot (its fields appear there at the top level, see {@code ProjectAggregate}).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class ProjectTerms {

    private int currencyScale;
    private TreeMap<String, Membership> members = new TreeMap<>();
    private AllocationKeyHistory keys = AllocationKeyHistory.initial();
    private RateCardHistory rates = RateCardHistory.empty();
    /**
     * The allocation of each business date under these terms, prepared once a date: a fold divides
     * thousands of contributions among the same members by the same key. Emptied whenever the terms
     * change; not part of the snapshot.
     */
    @JsonIgnore
    private final transient Map<LocalDate, LargestRemainder.Divider> dividers = new HashMap<>();

    /** The terms of a project before its first event: no members, an EQUAL key, no rates. */
    public ProjectTerms() {
    }

    /** Terms as stored elsewhere (the read models), to be folded on from there. */
    public static ProjectTerms of(int scale, Collection<Membership> members, AllocationKeyHistory keys,
                                  RateCardHistory rates) {
        ProjectTerms terms = new ProjectTerms();
        terms.currencyScale = scale;
        members.forEach(m -> terms.members.put(m.memberId(), m));
        terms.keys = keys;
        terms.rates = rates;
        return terms;
    }

    /**
     * Folds one event into the terms; events must come in the project's sequence order. Returns
     * whether the event is one of the terms' (the others, contributions, settlements and periods,
     * leave them as they are).
     */
    public boolean apply(ProjectEvent event) {
        boolean changed = applyToTerms(event);
        if (changed) {
            dividers.clear();
        }
        return changed;
    }

    private boolean applyToTerms(ProjectEvent event) {
        if (event instanceof ProjectCreated e) {
            currencyScale = CurrencyScale.of(e.currency()).orElseThrow();
        } else if (event instanceof MemberJoined e) {
            members.put(e.memberId(), new Membership(e.memberId(), e.joinedOn(), null));
        } else if (event instanceof MemberLeft e) {
            Membership m = members.get(e.memberId());
            members.put(e.memberId(), new Membership(m.memberId(), m.joinedOn(), e.leftOn()));
        } else if (event instanceof AllocationKeyVersionSet e) {
            keys = keys.with(new AllocationKeyVersion(e.effectiveFrom(), e.method(), e.weights()));
        } else if (event instanceof RateCardVersionSet e) {
            rates = rates.with(new RateCardVersion(e.effectiveFrom(), e.hourlyRates()));
        } else {
            return false;
        }
        return true;
    }

    /** The number of decimals of the project's currency. */
    public int scale() {
        return currencyScale;
    }

    /** Every member, joined or left, by member id. */
    public Collection<Membership> members() {
        return Collections.unmodifiableCollection(members.values());
    }

    public Optional<Membership> member(String memberId) {
        return memberId == null ? Optional.empty() : Optional.ofNullable(members.get(memberId));
    }

    public AllocationKeyHistory keys() {
        return keys;
    }

    public RateCardHistory rates() {
        return rates;
    }

    /**
     * The key versions a member joining on {@code joinedOn} with {@code weight} changes (none without
     * a weight, that is under an EQUAL key). The aggregate states them as events after the join; the
     * projector writes them with the join, since between those events the key would lack a weight.
     */
    public List<AllocationKeyVersion> keyVersionsForJoin(String memberId, LocalDate joinedOn, BigDecimal weight) {
        return weight == null ? List.of() : keys.versionsForJoin(memberId, joinedOn, weight);
    }

    /** Rule 2: MONEY counts at its amount; HOURS and CODE at hours × the role's rate on the date. */
    public long valueMinor(ContributionKind kind, Long amountMinor, BigDecimal hours, String role, LocalDate date) {
        if (kind == ContributionKind.MONEY) {
            return amountMinor;
        }
        BigDecimal rate = rates.rateOn(role, date)
                .orElseThrow(() -> new IllegalStateException("no rate for " + role + " on " + date));
        return MinorUnits.toMinor(Valuation.valueOfHours(hours, rate, currencyScale), currencyScale);
    }

    /** Rule 3: the shares of every member active on the date. */
    public SortedMap<String, Long> allocate(long valueMinor, LocalDate date) {
        return dividers.computeIfAbsent(date, d -> Allocation.divider(d, members.values(), keys)).divide(valueMinor);
    }
}
