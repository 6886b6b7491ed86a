package nl.commonsledger.api.balance;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import nl.commonsledger.api.audit.ExpensiveReads;
import nl.commonsledger.api.audit.LedgerAudit;
import nl.commonsledger.api.security.Caller;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.KnownProjects;
import nl.commonsledger.api.web.RequestValues;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.balance.BalanceQueries;
import nl.commonsledger.projections.balance.BalanceFigures;
import nl.commonsledger.projections.balance.Balances;
import nl.commonsledger.projections.balance.FiguresInMinorUnits;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Every member's contributed value, fair share, settlements and balance. */
@RestController
@Access(Operation.READ)
public class BalanceController {

    public record Contributed(String MONEY, String HOURS, String CODE, String total) {

        /** A member's contributed figures, each as money of the answer's currency. */
        public static Contributed of(BalanceFigures f, FiguresInMinorUnits in) {
            return new Contributed(in.money(f.moneyMinor()).toString(), in.money(f.hoursMinor()).toString(),
                    in.money(f.codeMinor()).toString(), in.money(f.contributedMinor()).toString());
        }
    }

    public record MemberBalance(String memberId, Contributed contributed, String fairShare, String settlementsPaid,
                                String settlementsReceived, String balance) {
    }

    public record BalancesJson(String projectId, String currency,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String through,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String asOf, String totalValue,
                               List<MemberBalance> members) {
    }

    private final BalanceQueries balances;
    private final LedgerAudit audit;
    private final KnownProjects knownProjects;
    private final ExpensiveReads expensive;
    private final Caller caller;

    public BalanceController(BalanceQueries balances, LedgerAudit audit, KnownProjects knownProjects,
                             ExpensiveReads expensive, Caller caller) {
        this.expensive = expensive;
        this.caller = caller;
        this.balances = balances;
        this.audit = audit;
        this.knownProjects = knownProjects;
    }

    @GetMapping("/api/projects/{projectId}/balances")
    public BalancesJson balances(@PathVariable String projectId, @RequestParam(required = false) String through,
                                 @RequestParam(required = false) String asOf) {
        Quarter quarter = RequestValues.period("through", through);
        LocalDate cut = quarter == null ? null : quarter.lastDay();
        Balances b;
        Instant moment = null;
        if (asOf != null) {
            try {
                moment = OffsetDateTime.parse(asOf, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("asOf", "'" + asOf + "' is not an instant with a zone, like 2026-04-05T10:00:00Z.");
            }
            knownProjects.require(projectId);
            // What the ledger said then: only events recorded by that moment, folded afresh (or known
            // from an earlier fold, while the project's history has not grown).
            Instant then = moment;
            b = expensive.answer(caller.id(), projectId, List.of("asOf", then, String.valueOf(cut)),
                    () -> audit.balances(projectId, then, cut).orElseThrow(() ->
                            ApiProblem.notFound("Project " + projectId + " did not exist yet at " + then + ".")));
        } else {
            b = balances.balances(projectId, cut)
                    .orElseThrow(() -> ApiProblem.noSuchProject(projectId));
        }
        Balances answer = b;
        List<MemberBalance> members = b.members().stream().map(m -> new MemberBalance(m.memberId(),
                Contributed.of(m.figures(), answer),
                answer.money(m.figures().fairShareMinor()).toString(),
                answer.money(m.figures().settlementsPaidMinor()).toString(),
                answer.money(m.figures().settlementsReceivedMinor()).toString(),
                answer.money(m.balanceMinor()).toString())).toList();
        return new BalancesJson(b.projectId(), b.currency(), through, moment == null ? null : moment.toString(),
                b.money(b.totalValueMinor()).toString(), members);
    }
}
