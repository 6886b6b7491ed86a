package nl.commonsledger.api.project;

import io.swagger.v3.oas.annotations.media.Schema;
import nl.commonsledger.api.web.Amounts;
import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.rate.RateCardVersion;
import nl.commonsledger.projections.project.ProjectView;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The JSON shapes of projects, members, keys and rate cards. */
public final class ProjectJson {

    private ProjectJson() {
    }

    public record ProjectRequest(@Schema(example = "zaaksysteem") String projectId,
                                 @Schema(example = "Zaaksysteem (gezamenlijk beheer)") String name,
                                 @Schema(example = "EUR") String currency,
                                 @Schema(example = "Europe/Amsterdam") String timeZone) {
    }

    public record MemberRequest(@Schema(example = "gm0344") String memberId,
                                @Schema(example = "Gemeente Utrecht") String name,
                                @Schema(example = "2026-01-01") String joinedOn,
                                @Schema(example = "374238", type = "string",
                                        description = "Required while the key is WEIGHTED (e.g. inhabitants)")
                                com.fasterxml.jackson.databind.JsonNode weight) {
    }

    public record LeaveRequest(@Schema(example = "2026-12-31", description = "The last day of membership") String leftOn) {
    }

    public record AllocationKeyRequest(@Schema(example = "WEIGHTED", allowableValues = {"EQUAL", "WEIGHTED"}) String method,
                                       @Schema(example = "2026-01-01") String effectiveFrom,
                                       @Schema(example = "{\"gm0363\":\"931298\",\"gm0599\":\"670610\"}")
                                       Map<String, com.fasterxml.jackson.databind.JsonNode> weights) {
    }

    public record RateCardRequest(@Schema(example = "2026-01-01") String effectiveFrom,
                                  @Schema(example = "{\"developer\":\"95.00\",\"tester\":\"80.00\"}")
                                  Map<String, String> hourlyRates) {
    }

    public record Member(String memberId, String name, LocalDate joinedOn, LocalDate leftOn) {
    }

    public record KeyVersion(String method, LocalDate effectiveFrom, Map<String, String> weights) {
    }

    /** The key in force today, and every version (the initial EQUAL key has no effectiveFrom). */
    public record AllocationKey(String method, LocalDate effectiveFrom, Map<String, String> weights,
                                List<KeyVersion> versions) {
    }

    public record RateVersion(LocalDate effectiveFrom, Map<String, String> hourlyRates) {
    }

    public record RateCard(LocalDate effectiveFrom, Map<String, String> hourlyRates, List<RateVersion> versions) {
    }

    public record Period(String period, String status) {
    }

    public record Project(String projectId, String name, String currency, String timeZone, List<Member> members,
                          AllocationKey allocationKey, RateCard rateCard, List<Period> periods) {
    }

    public static Member member(ProjectView.MemberView m) {
        return new Member(m.memberId(), m.name(), m.joinedOn(), m.leftOn());
    }

    public static Project project(ProjectView p, java.time.Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(p.timeZone())));
        List<KeyVersion> keys = p.keys().versions().stream().map(ProjectJson::key).toList();
        // Before any version the key is EQUAL from the beginning of time (no effectiveFrom).
        KeyVersion current = key(p.keys().inForceOn(today));
        List<RateVersion> rates = p.rates().versions().stream().map(ProjectJson::rate).toList();
        RateVersion currentRate = p.rates().inForceOn(today).map(ProjectJson::rate)
                .orElse(new RateVersion(null, Map.of()));
        return new Project(p.projectId(), p.name(), p.currency(), p.timeZone(),
                p.members().stream().map(ProjectJson::member).toList(),
                new AllocationKey(current.method(), current.effectiveFrom(), current.weights(), keys),
                new RateCard(currentRate.effectiveFrom(), currentRate.hourlyRates(), rates),
                p.periods().stream().map(x -> new Period(x.period(), x.status())).toList());
    }

    private static KeyVersion key(AllocationKeyVersion v) {
        return new KeyVersion(v.method().name(), v.effectiveFrom(), Amounts.plain(v.weights()));
    }

    private static RateVersion rate(RateCardVersion v) {
        return new RateVersion(v.effectiveFrom(), Amounts.plain(v.hourlyRates()));
    }
}
