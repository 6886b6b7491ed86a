package nl.commonsledger.api.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.simulation.ProjectModel.Contribution;
import nl.commonsledger.api.simulation.ProjectModel.Member;
import nl.commonsledger.api.simulation.Step.Kind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.map;
import static nl.commonsledger.api.simulation.Invariants.IDEMPOTENT;
import static nl.commonsledger.api.simulation.Invariants.REFUSED;
import static nl.commonsledger.api.simulation.Invariants.REFUSED_NO_EVENT;
import static nl.commonsledger.api.simulation.Invariants.SERVER_ERROR;
import static nl.commonsledger.api.simulation.Invariants.STORED_ONCE;

/**
 * One execution of a history on a cluster, in a namespace of its own (every project id starts with
 * it), so that the shrinker can try many histories on the same instances without one trial seeing
 * another's projects. Each step draws its concrete request from its entropy and the model, sends
 * it, learns from the answer, and then the invariants are checked.
 */
final class Run {

    /** The first step whose invariants failed. */
    record Failure(Step step, Violation violation) {
    }

    private static final int MAX_PROJECTS = 3;

    private final Cluster cluster;
    private final String namespace;
    private final LocalDate today = Ledger.today();
    private final LocalDate base = Ledger.base();
    private final List<ProjectModel> projects = new ArrayList<>();
    final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());
    /**
     * Per kind of step: how many were run, answered 2xx, refused (4xx), had nothing to act on, and
     * the milliseconds spent in the steps and in checking after them.
     */
    final Map<Kind, int[]> outcomes = new EnumMap<>(Kind.class);
    private Step current;
    private int keys;
    private volatile boolean sawPending;

    Run(Cluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    Optional<Failure> execute(List<Step> steps) {
        for (Step step : steps) {
            current = step;
            try {
                sawPending = false;
                long started = System.nanoTime();
                List<ProjectModel> touched = step(step, new Random(step.entropy()));
                long stepped = System.nanoTime();
                Http checker = cluster.http(step.instance() + 1);
                if (sawPending) {
                    awaitProjection(checker, step.kind().isFault() ? projects : touched);
                }
                for (ProjectModel p : step.kind().isFault() ? projects : touched) {
                    p.eventCount = Invariants.check(checker, p);
                }
                int[] counts = outcomes.get(step.kind());
                counts[4] += (int) ((stepped - started) / 1_000_000);
                counts[5] += (int) ((System.nanoTime() - stepped) / 1_000_000);
            } catch (Violation v) {
                return Optional.of(new Failure(step, v));
            } catch (RuntimeException | AssertionError e) {
                return Optional.of(new Failure(step, new Violation(Invariants.UNREACHABLE, "the simulation could not go on: " + e)));
            }
        }
        // Finally every project, on every instance: they share one store, so they must agree.
        for (int i = 0; i < cluster.size(); i++) {
            for (ProjectModel p : projects) {
                try {
                    Invariants.check(cluster.http(i), p);
                } catch (Violation v) {
                    return Optional.of(new Failure(steps.isEmpty() ? null : steps.get(steps.size() - 1), v));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A write answered "stored, pending" (the read models had not caught up within the service's
     * bound, as while another instance takes the projection over): give the projection time before
     * the invariants, which compare the read models with the events, are checked.
     */
    private static void awaitProjection(Http http, List<ProjectModel> touched) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProjectModel p : touched) {
            while (!Invariants.read(http, "/api/projects/" + p.id + "/audit").path("projectionsMatchReplay").asBoolean()
                    && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void count(Kind kind, int slot) {
        outcomes.computeIfAbsent(kind, k -> new int[6])[slot]++;
    }

    // ---- steps ---------------------------------------------------------------------------------

    /** Runs the step and returns the projects it touched. */
    private List<ProjectModel> step(Step s, Random r) {
        count(s.kind(), 0);
        if (s.kind() == Kind.CREATE_PROJECT) {
            return createProject(s, r);
        }
        if (s.kind() == Kind.RESTART) {
            restart(s, r);
            return List.of();
        }
        if (projects.isEmpty()) {
            count(s.kind(), 3);
            return List.of();
        }
        ProjectModel p = projects.get(s.project() % projects.size());
        boolean acted = switch (s.kind()) {
            case JOIN -> join(s, r, p);
            case LEAVE -> leave(s, r, p);
            case KEY_EQUAL -> keyEqual(s, r, p);
            case KEY_WEIGHTED -> keyWeighted(s, r, p);
            case RATE_CARD -> rateCard(s, r, p);
            case MONEY, HOURS, CODE -> book(s, r, p, s.kind().name());
            case CORRECT -> correct(s, r, p);
            case REVERSE -> reverse(s, r, p);
            case SETTLE -> settle(s, r, p);
            case CLOSE -> close(s, p);
            case IMPORT -> importRows(s, r, p);
            case REFUSED -> refused(s, r, p);
            case CONCURRENT_WRITERS -> concurrentWriters(s, r, p, false);
            case DROP_CONNECTIONS -> concurrentWriters(s, r, p, true);
            default -> throw new IllegalStateException(s.kind().name());
        };
        if (!acted) {
            count(s.kind(), 3);
        }
        return List.of(p);
    }

    private List<ProjectModel> createProject(Step s, Random r) {
        if (projects.size() >= MAX_PROJECTS) {
            count(s.kind(), 3);
            return List.of();
        }
        ProjectModel p = new ProjectModel(namespace + "-p" + projects.size());
        mustSucceed(send(s.instance(), "POST", "/api/projects", json("projectId", p.id, "name", "Project " + p.id), null));
        projects.add(p);
        int members = 2 + r.nextInt(3);
        for (int i = 0; i < members; i++) {
            String m = "m" + (++p.memberCounter);
            mustSucceed(send(s.instance(), "POST", path(p, "/members"),
                    json("memberId", m, "name", "Member " + m, "joinedOn", base), null));
            p.members.put(m, new Member(m, base, null));
        }
        mustSucceed(send(s.instance(), "PUT", path(p, "/rate-card"),
                json("effectiveFrom", base, "hourlyRates", map("dev", "95.00", "pm", "80.00")), null));
        p.rateRoles.put(base, new java.util.TreeSet<>(List.of("dev", "pm")));
        return List.of(p);
    }

    private boolean join(Step s, Random r, ProjectModel p) {
        LocalDate on = p.openDate(r, base, today);
        String m = "n" + (++p.memberCounter);
        String weight = p.weightedOnOrAfter(on) ? String.valueOf(1 + r.nextInt(9)) : null;
        JsonNode ok = write(s, r, true, "POST", path(p, "/members"),
                json("memberId", m, "name", "Member " + m, "joinedOn", on, "weight", weight));
        if (ok != null) {
            p.members.put(m, new Member(m, on, null));
        }
        return true;
    }

    private boolean leave(Step s, Random r, ProjectModel p) {
        List<Member> staying = p.members.values().stream().filter(m -> m.leftOn() == null).toList();
        if (staying.size() < 2) {
            return false;
        }
        Member m = ProjectModel.pick(r, staying);
        // Mostly after its last effective contribution (else the leave is refused, which is also worth a try).
        LocalDate from = m.joinedOn().isAfter(p.firstOpenDay(base)) ? m.joinedOn() : p.firstOpenDay(base);
        boolean afterLast = r.nextInt(4) != 0;
        if (afterLast) {
            for (Contribution c : p.contributions.values()) {
                if (!c.reversed && c.memberId.equals(m.id()) && c.date.isAfter(from)) {
                    from = c.date;
                }
            }
        }
        LocalDate on = ProjectModel.between(r, from, today);
        if (write(s, r, afterLast, "POST", path(p, "/members/" + m.id() + "/leave"), json("leftOn", on)) != null) {
            p.members.put(m.id(), new Member(m.id(), m.joinedOn(), on));
        }
        return true;
    }

    private boolean keyEqual(Step s, Random r, ProjectModel p) {
        LocalDate from = p.openDate(r, base, today);
        if (write(s, r, true, "PUT", path(p, "/allocation-key"), json("method", "EQUAL", "effectiveFrom", from)) != null) {
            p.keyWeighted.put(from, false);
        }
        return true;
    }

    private boolean keyWeighted(Step s, Random r, ProjectModel p) {
        LocalDate from = p.openDate(r, base, today);
        Map<String, Object> weights = new java.util.TreeMap<>();
        LocalDate next = p.keyWeighted.higherKey(from);
        for (Member m : p.members.values()) {
            // Exactly the members active on some day of the version's span, up to the next version.
            if ((m.leftOn() == null || !m.leftOn().isBefore(from)) && (next == null || m.joinedOn().isBefore(next))) {
                weights.put(m.id(), r.nextInt(4) == 0 ? (1 + r.nextInt(9)) + ".5" : String.valueOf(1 + r.nextInt(20)));
            }
        }
        if (write(s, r, true, "PUT", path(p, "/allocation-key"),
                json("method", "WEIGHTED", "effectiveFrom", from, "weights", weights)) != null) {
            p.keyWeighted.put(from, true);
        }
        return true;
    }

    private boolean rateCard(Step s, Random r, ProjectModel p) {
        LocalDate from = p.openDate(r, base, today);
        Map<String, Object> rates = new java.util.TreeMap<>();
        rates.put("dev", money(r, 5000, 15000));
        if (r.nextInt(6) != 0) {
            rates.put("pm", money(r, 5000, 15000));
        }
        if (write(s, r, rates.size() == 2, "PUT", path(p, "/rate-card"), json("effectiveFrom", from, "hourlyRates", rates)) != null) {
            p.rateRoles.put(from, new java.util.TreeSet<>(rates.keySet()));
        }
        return true;
    }

    private boolean book(Step s, Random r, ProjectModel p, String kind) {
        LocalDate on = p.openDate(r, base, today);
        List<Member> active = p.activeOn(on);
        if (active.isEmpty()) {
            return false;
        }
        Member m = ProjectModel.pick(r, active);
        String reference = kind.equals("CODE") || r.nextBoolean() ? p.freshReference("R") : null;
        JsonNode ok = write(s, r, true, "POST", path(p, "/contributions"), booking(p, r, kind, m.id(), on, reference));
        if (ok != null) {
            String id = id(ok, "contributionId");
            p.contributions.put(id, new Contribution(id, m.id(), on, reference));
        }
        return true;
    }

    /** A valid booking's body; HOURS and CODE use a role the rate card has on the date (else it is MONEY). */
    private String booking(ProjectModel p, Random r, String kind, String memberId, LocalDate on, String reference) {
        List<String> roles = p.rolesOn(on);
        if (roles.isEmpty() && !kind.equals("CODE")) {
            kind = "MONEY";
        }
        String role = roles.isEmpty() ? "dev" : ProjectModel.pick(r, roles);
        return kind.equals("MONEY")
                ? json("memberId", memberId, "kind", kind, "amount", money(r, 1, 500_000), "date", on,
                "reference", reference, "description", "invoice")
                : json("memberId", memberId, "kind", kind, "hours", hours(r), "role", role,
                "date", on, "reference", reference, "description", "work");
    }

    private boolean correct(Step s, Random r, ProjectModel p) {
        List<Contribution> open = p.effectiveOpen(base);
        if (open.isEmpty()) {
            return false;
        }
        Contribution c = ProjectModel.pick(r, open);
        LocalDate on = p.openDate(r, base, today);
        if (!p.members.get(c.memberId).activeOn(on)) {
            on = c.date;
        }
        String kind = List.of("MONEY", "HOURS", "CODE").get(r.nextInt(3));
        String reference = c.reference != null ? c.reference : kind.equals("CODE") ? p.freshReference("R") : null;
        String body = booking(p, r, kind, c.memberId, on, reference);
        JsonNode fields = Ledger.tree(body);
        ((com.fasterxml.jackson.databind.node.ObjectNode) fields).remove("memberId");
        ((com.fasterxml.jackson.databind.node.ObjectNode) fields).put("reason", "corrected");
        if (write(s, r, true, "POST", path(p, "/contributions/" + c.id + "/corrections"), fields.toString()) != null) {
            c.date = on;
            c.reference = reference;
        }
        return true;
    }

    private boolean reverse(Step s, Random r, ProjectModel p) {
        List<Contribution> open = p.effectiveOpen(base);
        if (open.isEmpty()) {
            return false;
        }
        Contribution c = ProjectModel.pick(r, open);
        if (write(s, r, true, "POST", path(p, "/contributions/" + c.id + "/reversal"), json("reason", "reversed")) != null) {
            c.reversed = true;
        }
        return true;
    }

    private boolean settle(Step s, Random r, ProjectModel p) {
        LocalDate on = p.openDate(r, base, today);
        List<Member> joined = p.joinedBy(on);
        if (joined.size() < 2) {
            return false;
        }
        Member from = ProjectModel.pick(r, joined);
        Member to = ProjectModel.pick(r, joined.stream().filter(m -> m != from).toList());
        String amount = money(r, 1, 100_000);
        JsonNode ok = write(s, r, true, "POST", path(p, "/settlements"),
                json("from", from.id(), "to", to.id(), "amount", amount, "date", on));
        if (ok != null) {
            p.settlements.put(id(ok, "settlementId"),
                    new Object[]{from.id(), to.id(), new BigDecimal(amount).movePointRight(2).longValueExact()});
        }
        return true;
    }

    private boolean close(Step s, ProjectModel p) {
        LocalDate start = base.plusMonths(3L * p.closedQuarters);
        if (!start.plusMonths(3).minusDays(1).isBefore(today)) {
            return false;
        }
        String quarter = Ledger.quarter(start);
        // The earliest open quarter has ended: the close must be accepted.
        mustSucceed(send(s.instance(), "POST", path(p, "/periods/" + quarter + "/close"), "{}", null));
        p.closedQuarters++;
        JsonNode statement = Invariants.read(cluster.http(s.instance()), path(p, "/periods/" + quarter + "/statement"));
        Violation.require(statement.path("status").asText().equals("CLOSED"), Invariants.CLOSED, statement.toString());
        p.closedStatements.put(quarter, statement);
        return true;
    }

    private boolean importRows(Step s, Random r, ProjectModel p) {
        List<String> rows = new ArrayList<>();
        List<Contribution> drafts = new ArrayList<>();
        int n = 2 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            LocalDate on = p.openDate(r, base, today);
            List<Member> active = p.activeOn(on);
            if (active.isEmpty()) {
                continue;
            }
            Member m = ProjectModel.pick(r, active);
            String kind = List.of("MONEY", "HOURS", "CODE").get(r.nextInt(3));
            String reference = p.freshReference("I");
            rows.add(booking(p, r, kind, m.id(), on, reference));
            drafts.add(new Contribution(null, m.id(), on, reference));
        }
        if (rows.isEmpty()) {
            return false;
        }
        JsonNode ok = write(s, r, true, "POST", path(p, "/contributions/import"), "[" + String.join(",", rows) + "]");
        if (ok != null) {
            JsonNode ids = ok.has("contributionIds") ? ok.path("contributionIds") : ok.path("stored").path("contributionIds");
            Violation.require(ids.size() == drafts.size(), STORED_ONCE, "import of " + drafts.size() + " rows answered " + ok);
            for (int i = 0; i < drafts.size(); i++) {
                Contribution d = drafts.get(i);
                String id = ids.get(i).asText();
                p.contributions.put(id, new Contribution(id, d.memberId, d.date, d.reference));
            }
        }
        return true;
    }

    /** A command that breaks a rule (or is not even well-formed): 4xx, and the event count stays. */
    private boolean refused(Step s, Random r, ProjectModel p) {
        LocalDate on = p.openDate(r, base, today);
        List<Member> active = p.activeOn(on);
        if (active.isEmpty()) {
            return false;
        }
        Member m = ProjectModel.pick(r, active);
        String contributions = path(p, "/contributions");
        List<Contribution> referenced = p.contributions.values().stream()
                .filter(c -> !c.reversed && c.reference != null).toList();
        List<Contribution> reversed = p.contributions.values().stream()
                .filter(c -> c.reversed && !c.date.isBefore(p.firstOpenDay(base))).toList();
        String method = "POST";
        String target = contributions;
        String body;
        switch (r.nextInt(11)) {
            case 0 -> body = json("memberId", m.id(), "kind", "MONEY",
                    "amount", List.of("-5.00", "0.00", "1.234", "abc", "1e3").get(r.nextInt(5)), "date", on);
            case 1 -> body = json("memberId", "ghost", "kind", "MONEY", "amount", "10.00", "date", on);
            case 2 -> body = json("memberId", m.id(), "kind", "MONEY", "amount", "10.00", "date", today.plusDays(2));
            case 3 -> body = json("memberId", m.id(), "kind", "CODE", "hours", "2.00", "role", "dev", "date", on);
            case 4 -> body = json("memberId", m.id(), "kind", "HOURS", "hours", "2.00", "role", "astronaut", "date", on);
            case 5 -> {
                target = path(p, "/settlements");
                body = json("from", m.id(), "to", m.id(), "amount", "5.00", "date", on);
            }
            case 6 -> {
                if (p.closedQuarters == 0) {
                    body = json("memberId", m.id(), "kind", "MONEY", "amount", "1.00", "date", today.plusDays(3));
                } else {
                    LocalDate closed = ProjectModel.between(r, base, p.firstOpenDay(base).minusDays(1));
                    body = json("memberId", "m1", "kind", "MONEY", "amount", "1.00", "date", closed);
                }
            }
            case 7 -> {
                if (referenced.isEmpty()) {
                    body = json("memberId", m.id(), "kind", "MONEY", "amount", "1.00", "date", today.plusDays(3));
                } else {
                    Contribution c = ProjectModel.pick(r, referenced);
                    body = json("memberId", c.memberId, "kind", "MONEY", "amount", "1.00", "date", c.date,
                            "reference", c.reference);
                }
            }
            case 8 -> {
                if (reversed.isEmpty()) {
                    target = path(p, "/contributions/" + java.util.UUID.randomUUID() + "/reversal");
                } else {
                    target = path(p, "/contributions/" + ProjectModel.pick(r, reversed).id + "/reversal");
                }
                body = json("reason", "again");
            }
            case 9 -> {
                target = path(p, "/contributions/import");
                String good = booking(p, r, "MONEY", m.id(), on, p.freshReference("X"));
                String bad = json("memberId", m.id(), "kind", "HOURS", "hours", "1.00", "role", "dev",
                        "date", today.plusDays(2));
                body = r.nextBoolean() ? "[" + good + "," + bad + "]" : "[" + bad + "," + good + "]";
            }
            default -> {
                target = path(p, "/contributions/import");
                String reference = p.freshReference("D");
                body = "[" + booking(p, r, "MONEY", m.id(), on, reference) + ","
                        + booking(p, r, "MONEY", m.id(), on, reference) + "]";
            }
        }
        String key = r.nextBoolean() ? key() : null;
        Response answer = send(s.instance(), method, target, body, key);
        Violation.require(answer.status() < 500, SERVER_ERROR, answer.toString());
        Violation.require(answer.status() >= 400, REFUSED, "accepted: " + body + " → " + answer);
        count(s.kind(), 2);
        long events = Invariants.eventCount(cluster.http(s.instance() + 1), p);
        Violation.require(events == p.eventCount, REFUSED_NO_EVENT,
                "event count went from " + p.eventCount + " to " + events + " after " + answer);
        if (key != null && target.equals(contributions)) {
            // A refused request leaves no trace, its key included: the fixed request is booked anew.
            String reference = p.freshReference("K");
            Response fixed = send(s.instance() + 1, "POST", contributions, booking(p, r, "MONEY", m.id(), on, reference), key);
            Violation.require(fixed.status() == 201 && fixed.header("Idempotent-Replayed") == null, IDEMPOTENT,
                    "the key of a refused request, with a fixed body, answered " + fixed);
            String id = id(fixed.json(), "contributionId");
            p.contributions.put(id, new Contribution(id, m.id(), on, reference));
        }
        return true;
    }

    // ---- faults --------------------------------------------------------------------------------

    /**
     * Several writers at once, on every instance, to one project; with {@code drop}, the instance's
     * database connections are dropped while they write. Every booking is valid, so each must be
     * answered 201 and be stored once, and a retry of each on another instance must answer the same.
     */
    private boolean concurrentWriters(Step s, Random r, ProjectModel p, boolean drop) {
        int writers = 3 + r.nextInt(5);
        List<String[]> bookings = new ArrayList<>();
        List<Contribution> drafts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            LocalDate on = p.openDate(r, base, today);
            List<Member> active = p.activeOn(on);
            if (active.isEmpty()) {
                continue;
            }
            Member m = ProjectModel.pick(r, active);
            String reference = p.freshReference("C");
            bookings.add(new String[]{booking(p, r, r.nextBoolean() ? "MONEY" : "HOURS", m.id(), on, reference), key()});
            drafts.add(new Contribution(null, m.id(), on, reference));
        }
        if (bookings.isEmpty()) {
            return false;
        }
        int dropAfterMs = r.nextInt(30);
        ExecutorService pool = Executors.newFixedThreadPool(bookings.size());
        try {
            List<Future<Response[]>> answers = new ArrayList<>();
            for (int w = 0; w < bookings.size(); w++) {
                String[] b = bookings.get(w);
                int instance = s.instance() + w;
                answers.add(pool.submit(() -> {
                    Response first = send(instance, "POST", path(p, "/contributions"), b[0], b[1]);
                    Response again = send(instance + 1, "POST", path(p, "/contributions"), b[0], b[1]);
                    return new Response[]{first, again};
                }));
            }
            if (drop) {
                Thread.sleep(dropAfterMs);
                cluster.dropConnections(s.instance() % cluster.size());
            }
            for (int w = 0; w < answers.size(); w++) {
                Response[] both = answers.get(w).get(120, TimeUnit.SECONDS);
                Violation.require(both[0].status() == 201, both[0].status() >= 500 ? SERVER_ERROR : STORED_ONCE,
                        "concurrent booking " + bookings.get(w)[0] + " → " + both[0]);
                sameAnswer(both[0], both[1]);
                String id = id(both[0].json(), "contributionId");
                Contribution d = drafts.get(w);
                p.contributions.put(id, new Contribution(id, d.memberId, d.date, d.reference));
            }
            count(s.kind(), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new Violation(SERVER_ERROR, "a concurrent writer failed: " + e);
        } finally {
            pool.shutdownNow();
        }
        return true;
    }

    /**
     * Crashes an instance, with a booking in flight on it or not, and starts it again on the same
     * store; the client then retries the booking with its key, on another instance if there is one.
     */
    private void restart(Step s, Random r) {
        int instance = s.instance() % cluster.size();
        if (projects.isEmpty() || r.nextInt(3) == 0) {
            cluster.restart(instance);
            transcript.add(current + ": crashed instance " + instance + " and started it again");
            count(s.kind(), 1);
            return;
        }
        ProjectModel p = projects.get(s.project() % projects.size());
        LocalDate on = p.openDate(r, base, today);
        List<Member> active = p.activeOn(on);
        if (active.isEmpty()) {
            cluster.restart(instance);
            transcript.add(current + ": crashed instance " + instance + " and started it again");
            count(s.kind(), 1);
            return;
        }
        Member m = ProjectModel.pick(r, active);
        String reference = p.freshReference("F");
        String body = booking(p, r, "MONEY", m.id(), on, reference);
        String key = key();
        int crashAfterMs = r.nextInt(40);
        Http target = cluster.http(instance);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> inFlight = pool.submit(() -> target.post(path(p, "/contributions"), body, "Idempotency-Key", key));
            Thread.sleep(crashAfterMs);
            cluster.crash(instance);
            Response first = null;
            try {
                first = inFlight.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // Cut off: the client does not know whether it was stored, so it retries with its key.
            }
            transcript.add(s + ": crashed instance " + instance + " " + crashAfterMs + " ms into POST "
                    + path(p, "/contributions") + " " + body + " → " + (first == null ? "no answer" : first));
            cluster.startInstance(instance);
            transcript.add(current + ": started instance " + instance + " again");
            Response retried = send(instance + 1, "POST", path(p, "/contributions"), body, key);
            Violation.require(retried.status() == 201, retried.status() >= 500 ? SERVER_ERROR : STORED_ONCE,
                    "the retry after the crash answered " + retried);
            if (first != null && first.status() == 201) {
                sameAnswer(first, retried);
            }
            String id = id(retried.json(), "contributionId");
            p.contributions.put(id, new Contribution(id, m.id(), on, reference));
            count(s.kind(), 1);
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- requests ------------------------------------------------------------------------------

    /**
     * A write drawn to be valid. Where the model knows every rule that applies ({@code mustAccept}),
     * a refusal fails; elsewhere (a leave, a rate card that drops a role) a refusal is allowed, but it
     * must be a 4xx that leaves no event; with a key (half the writes), the retry on another instance
     * must answer the same. Returns the answer's body, or null if refused.
     */
    private JsonNode write(Step s, Random r, boolean mustAccept, String method, String path, String body) {
        String key = r.nextBoolean() ? key() : null;
        Response answer = send(s.instance(), method, path, body, key);
        Violation.require(answer.status() < 500, SERVER_ERROR, method + " " + path + " " + body + " → " + answer);
        Violation.require(answer.status() < 400 || !mustAccept, REFUSED,
                "a valid command was refused: " + method + " " + path + " " + body + " → " + answer);
        if (answer.status() >= 400) {
            count(s.kind(), 2);
            ProjectModel p = projects.stream().filter(m -> path.startsWith("/api/projects/" + m.id + "/")).findFirst().orElseThrow();
            long events = Invariants.eventCount(cluster.http(s.instance() + 1), p);
            Violation.require(events == p.eventCount, REFUSED_NO_EVENT,
                    "event count went from " + p.eventCount + " to " + events + " after " + answer);
            return null;
        }
        count(s.kind(), 1);
        if (key != null) {
            sameAnswer(answer, send(s.instance() + 1, method, path, body, key));
        }
        return answer.json();
    }

    private void mustSucceed(Response answer) {
        Violation.require(answer.status() < 500, SERVER_ERROR, answer.toString());
        Violation.require(answer.status() < 300, REFUSED, "a command that must be accepted: " + answer);
        count(current.kind(), 1);
    }

    /** A retry with the key: the original status and the same resource, marked as replayed. */
    private static void sameAnswer(Response first, Response retry) {
        Violation.require(retry.status() == first.status() && "true".equals(retry.header("Idempotent-Replayed")),
                IDEMPOTENT, "first " + first + ", retry " + retry + " (replayed: " + retry.header("Idempotent-Replayed") + ")");
        JsonNode a = first.json();
        JsonNode b = retry.json();
        if (!a.path("pending").asBoolean() && !b.path("pending").asBoolean()) {
            Violation.require(a.equals(b), IDEMPOTENT, "first " + first + ", retry " + retry);
        }
        for (String id : List.of("contributionId", "settlementId", "memberId", "contributionIds")) {
            if (a.has(id) || a.path("stored").has(id)) {
                Violation.require(node(a, id).equals(node(b, id)), IDEMPOTENT, "first " + first + ", retry " + retry);
            }
        }
    }

    private Response send(int instance, String method, String path, String body, String key) {
        Http http = cluster.http(instance);
        String[] headers = key == null ? new String[0] : new String[]{"Idempotency-Key", key};
        Response answer = switch (method) {
            case "PUT" -> http.put(path, body, headers);
            default -> http.post(path, body, headers);
        };
        if (answer.status() < 300 && answer.body().contains("\"pending\"")) {
            sawPending = true;
        }
        String shown = answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body();
        transcript.add(current + ": " + method + " " + path + " " + body + (key == null ? "" : " [key " + key + "]")
                + " → " + answer.status() + " " + shown);
        return answer;
    }

    private String key() {
        return namespace + "-k" + (++keys);
    }

    private static String path(ProjectModel p, String rest) {
        return "/api/projects/" + p.id + rest;
    }

    private static JsonNode node(JsonNode answer, String field) {
        return answer.has(field) ? answer.path(field) : answer.path("stored").path(field);
    }

    /** The id an answer names, whether it is the full resource or a pending one. */
    private static String id(JsonNode answer, String field) {
        String id = node(answer, field).asText();
        Violation.require(!id.isEmpty(), STORED_ONCE, "no " + field + " in " + answer);
        return id;
    }

    private static String money(Random r, int minMinor, int maxMinor) {
        return BigDecimal.valueOf(minMinor + r.nextInt(maxMinor - minMinor + 1), 2).toPlainString();
    }

    private static String hours(Random r) {
        return BigDecimal.valueOf(25 + r.nextInt(4000), 2).toPlainString();
    }
}
