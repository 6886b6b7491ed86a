package nl.commonsledger.api.simulation;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What the simulation knows of one project from the answers it got: enough to draw commands that
 * should be accepted (a member active on the date, an open period, a fresh reference) and commands
 * that must be refused, and to know what every acknowledged write stored. It never computes a
 * figure: figures are checked against each other and against the service's own replay.
 */
final class ProjectModel {

    record Member(String id, LocalDate joinedOn, LocalDate leftOn) {
        boolean activeOn(LocalDate d) {
            return !d.isBefore(joinedOn) && (leftOn == null || !d.isAfter(leftOn));
        }
    }

    static final class Contribution {
        final String id;
        final String memberId;
        LocalDate date;
        String reference;
        boolean reversed;

        Contribution(String id, String memberId, LocalDate date, String reference) {
            this.id = id;
            this.memberId = memberId;
            this.date = date;
            this.reference = reference;
        }
    }

    final String id;
    final Map<String, Member> members = new TreeMap<>();
    /** Key versions by date: true for WEIGHTED. A new project is EQUAL from the beginning of time. */
    final TreeMap<LocalDate, Boolean> keyWeighted = new TreeMap<>();
    /** Rate card versions by date: the roles each has a rate for. */
    final TreeMap<LocalDate, java.util.SortedSet<String>> rateRoles = new TreeMap<>();
    final Map<String, Contribution> contributions = new LinkedHashMap<>();
    /** Settlements acknowledged: id → from, to, amount in minor units. */
    final Map<String, Object[]> settlements = new LinkedHashMap<>();
    /** Statements of closed quarters as they were answered right after the close. */
    final Map<String, JsonNode> closedStatements = new LinkedHashMap<>();
    int closedQuarters;
    long eventCount;
    int memberCounter;
    int referenceCounter;

    ProjectModel(String id) {
        this.id = id;
    }

    /** The first day on which anything may still take effect. */
    LocalDate firstOpenDay(LocalDate base) {
        return base.plusMonths(3L * closedQuarters);
    }

    LocalDate openDate(Random r, LocalDate base, LocalDate today) {
        return between(r, firstOpenDay(base), today);
    }

    static LocalDate between(Random r, LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return days <= 0 ? from : from.plusDays(r.nextInt((int) days + 1));
    }

    List<Member> activeOn(LocalDate d) {
        return members.values().stream().filter(m -> m.activeOn(d)).toList();
    }

    List<Member> joinedBy(LocalDate d) {
        return members.values().stream().filter(m -> !m.joinedOn().isAfter(d)).toList();
    }

    /** Does a join on {@code d} need a weight: the version in force then, or any later one, is WEIGHTED. */
    boolean weightedOnOrAfter(LocalDate d) {
        Map.Entry<LocalDate, Boolean> inForce = keyWeighted.floorEntry(d);
        if (inForce != null && inForce.getValue()) {
            return true;
        }
        return keyWeighted.tailMap(d, false).containsValue(true);
    }

    List<String> rolesOn(LocalDate d) {
        Map.Entry<LocalDate, java.util.SortedSet<String>> card = rateRoles.floorEntry(d);
        return card == null ? List.of() : List.copyOf(card.getValue());
    }

    List<Contribution> effectiveOpen(LocalDate base) {
        LocalDate open = firstOpenDay(base);
        List<Contribution> out = new ArrayList<>();
        for (Contribution c : contributions.values()) {
            if (!c.reversed && !c.date.isBefore(open)) {
                out.add(c);
            }
        }
        return out;
    }

    String freshReference(String prefix) {
        return prefix + "-" + (++referenceCounter);
    }

    static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
