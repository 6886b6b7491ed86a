package nl.commonsledger.api.settlement;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import nl.commonsledger.api.security.Caller;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.KnownProjects;
import nl.commonsledger.api.web.RequestValues;
import nl.commonsledger.api.write.CommandPipeline;
import nl.commonsledger.api.write.NewIds;
import nl.commonsledger.api.write.ResourceRef;
import nl.commonsledger.core.project.ProjectCommand.RecordSettlement;
import nl.commonsledger.core.settlement.SettlementSuggestions;
import nl.commonsledger.projections.balance.BalanceQueries;
import nl.commonsledger.projections.balance.Balances;
import nl.commonsledger.projections.settlement.SettlementQueries;
import nl.commonsledger.projections.settlement.SettlementView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Settlements between members, and the suggested transfers that would even out the balances. */
@RestController
@RequestMapping("/api/projects/{projectId}/settlements")
public class SettlementController {

    public record SettlementRequest(@Schema(example = "gm0518", description = "The member that pays") String from,
                                    @Schema(example = "gm0363", description = "The member that receives") String to,
                                    @Schema(example = "35339.52") String amount,
                                    @Schema(example = "2026-11-15") String date,
                                    @Schema(example = "Bank transfer 2026-11-15") String reference) {
    }

    public record Settlement(String settlementId, String projectId, String from, String to, String amount,
                             LocalDate date, String reference, Instant recordedAt, String recordedBy) {
    }

    public record Transfer(String from, String to, String amount) {
    }

    public record Suggestions(List<Transfer> transfers) {
    }

    private final CommandPipeline writes;
    private final SettlementQueries settlements;
    private final BalanceQueries balances;
    private final KnownProjects knownProjects;
    private final Caller caller;

    public SettlementController(CommandPipeline writes, SettlementQueries settlements, BalanceQueries balances,
                                KnownProjects knownProjects, Caller caller) {
        this.writes = writes;
        this.settlements = settlements;
        this.balances = balances;
        this.knownProjects = knownProjects;
        this.caller = caller;
    }

    @Access(Operation.SETTLE)
    @PostMapping
    public ResponseEntity<Object> record(@PathVariable String projectId, @RequestBody SettlementRequest body,
                                         HttpServletRequest request) {
        knownProjects.require(projectId);
        RequestValues v = new RequestValues();
        v.required("from", body.from());
        v.required("to", body.to());
        BigDecimal amount = v.required("amount", RequestValues.decimal("amount", body.amount()));
        LocalDate date = v.requiredDate("date", body.date());
        v.line("reference", body.reference(), 200);
        v.check();
        UUID id = NewIds.next();
        RecordSettlement cmd = new RecordSettlement(projectId, id, body.from(), body.to(), amount, date,
                body.reference(), caller.attribution());
        return writes.write(request, cmd, HttpStatus.CREATED, new ResourceRef.Settlement(projectId, id), this::render);
    }

    @Access(Operation.READ)
    @GetMapping("/suggested")
    public Suggestions suggested(@PathVariable String projectId) {
        Balances b = balances.balances(projectId, null)
                .orElseThrow(() -> ApiProblem.noSuchProject(projectId));
        Map<String, Long> current = new LinkedHashMap<>();
        b.members().forEach(m -> current.put(m.memberId(), m.balanceMinor()));
        return new Suggestions(SettlementSuggestions.suggest(current).stream()
                .map(t -> new Transfer(t.from(), t.to(), b.money(t.amountMinor()).toString())).toList());
    }

    Settlement render(ResourceRef.Settlement resource) {
        SettlementView s = settlements.find(resource.projectId(), resource.settlementId())
                .orElseThrow(() -> ApiProblem.notFound("There is no settlement " + resource.settlementId() + "."));
        return new Settlement(s.settlementId(), s.projectId(), s.from(), s.to(), s.amount().toString(),
                s.date(), s.reference(), s.recordedAt(), s.recordedBy());
    }
}
