package nl.commonsledger.api.balance;

import nl.commonsledger.api.web.Amounts;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.balance.BalanceQueries;
import nl.commonsledger.projections.balance.Balances;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Every member's contributed value, fair share, settlements and balance. */
@RestController
public class BalanceController {

    public record Contributed(String MONEY, String HOURS, String CODE, String total) {
    }

    public record MemberBalance(String memberId, Contributed contributed, String fairShare, String settlementsPaid,
                                String settlementsReceived, String balance) {
    }

    public record BalancesJson(String projectId, String currency, String through, String asOf, String totalValue,
                               List<MemberBalance> members) {
    }

    private final BalanceQueries balances;

    public BalanceController(BalanceQueries balances) {
        this.balances = balances;
    }

    @GetMapping("/api/projects/{projectId}/balances")
    public BalancesJson balances(@PathVariable String projectId, @RequestParam(required = false) String through) {
        Quarter quarter = null;
        if (through != null) {
            try {
                quarter = Quarter.parse(through);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("through", "'" + through + "' is not a period like 2026-Q1.");
            }
        }
        Balances b = balances.balances(projectId, quarter == null ? null : quarter.lastDay())
                .orElseThrow(() -> ApiProblem.notFound("There is no project " + projectId + "."));
        int scale = b.scale();
        List<MemberBalance> members = b.members().stream().map(m -> new MemberBalance(m.memberId(),
                new Contributed(Amounts.money(m.moneyMinor(), scale), Amounts.money(m.hoursMinor(), scale),
                        Amounts.money(m.codeMinor(), scale), Amounts.money(m.contributedMinor(), scale)),
                Amounts.money(m.fairShareMinor(), scale), Amounts.money(m.settlementsPaidMinor(), scale),
                Amounts.money(m.settlementsReceivedMinor(), scale), Amounts.money(m.balanceMinor(), scale))).toList();
        return new BalancesJson(b.projectId(), b.currency(), through, null, Amounts.money(b.totalValueMinor(), scale),
                members);
    }
}
