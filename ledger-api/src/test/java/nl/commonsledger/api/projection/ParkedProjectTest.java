package nl.commonsledger.api.projection;

import nl.commonsledger.projections.generation.ReadModelTables;
import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.List;

import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deliberately failing event in one project parks that project only: every other project stays
 * writable and readable with current figures, the parked project's writes are answered as stored and
 * pending (never an error), its reads say that its figures are behind, health says DEGRADED, an
 * administrator sees the failing event, and after the cause is fixed a retry projects everything that waited.
 * (Its own application: a parked project makes the whole service DEGRADED.)
 */
class ParkedProjectTest {

    private static ConfigurableApplicationContext app;
    private static Http http;
    private static Ledger api;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        app = TestData.start(TestData.newDir("parked"));
        http = new Http(TestData.port(app));
        api = new Ledger(http);
        jdbc = app.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aFailingEventParksItsProjectOnly() {
        LocalDate b = base();
        String poison = api.projectWith("poison", List.of("a", "b"));
        String healthy = api.projectWith("healthy", List.of("a", "b"));
        api.money(poison, "a", "100.00", b.plusDays(1));
        // A read-model row the projector does not expect: the next join of x fails on its primary key.
        jdbc.update(servingSql("INSERT INTO rm_member (project_id, member_id, name, joined_on) VALUES (?, 'x', 'Stray', ?)"),
                poison, java.sql.Date.valueOf(b));

        Response joined = http.post("/api/projects/" + poison + "/members",
                json("memberId", "x", "name", "X", "joinedOn", b.plusDays(2)), "Idempotency-Key", "join-x-" + poison);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        assertThat(joined.json().path("pending").asBoolean()).as(joined.toString()).isTrue();
        assertThat(joined.json().path("stored").path("memberId").asText()).isEqualTo("x");

        // Later writes to the parked project are stored and answered as such, with their ids.
        Response booked = api.record(poison, json("memberId", "b", "kind", "MONEY", "amount", "50.00",
                "date", b.plusDays(3)));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().path("pending").asBoolean()).isTrue();
        String waiting = booked.json().path("stored").path("contributionId").asText();
        assertThat(waiting).isNotBlank();

        // Its reads are the figures from before the failure, and say so.
        Response behind = http.get("/api/projects/" + poison + "/balances");
        assertThat(behind.status()).isEqualTo(200);
        assertThat(behind.header(ParkedProjectHeader.HEADER)).startsWith("parked");
        assertThat(behind.json().path("totalValue").asText()).isEqualTo("100.00");

        // Every other project goes on, with current figures and no such header.
        JsonNode other = api.money(healthy, "b", "30.00", b.plusDays(1));
        assertThat(other.path("value").asText()).isEqualTo("30.00");
        Response current = http.get("/api/projects/" + healthy + "/balances");
        assertThat(current.header(ParkedProjectHeader.HEADER)).isNull();
        assertThat(current.json().path("totalValue").asText()).isEqualTo("30.00");

        // Health: DEGRADED for everyone; the failing event for an administrator.
        Response health = http.as(null, null).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.json().path("description").asText()).contains("1 project(s) parked")
                .doesNotContain(poison);
        JsonNode parked = http.get("/api/admin/projections/parked").json().path("parked");
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).path("projectId").asText()).isEqualTo(poison);
        assertThat(parked.get(0).path("eventType").asText()).isEqualTo("MemberJoined");
        assertThat(parked.get(0).path("eventsWaiting").asLong()).isEqualTo(2);

        // A retry while the cause is still there leaves it parked.
        assertThat(http.post("/api/admin/projections/parked/retry", "").json().path("released").asInt()).isZero();

        // Fixed: the retry projects the join and everything that waited behind it.
        jdbc.update(servingSql("DELETE FROM rm_member WHERE project_id = ? AND member_id = 'x'"), poison);
        Response retried = http.post("/api/admin/projections/parked/retry", "");
        assertThat(retried.json().path("released").asInt()).as(retried.toString()).isEqualTo(1);
        assertThat(retried.json().path("parked")).isEmpty();

        Response after = http.get("/api/projects/" + poison + "/balances");
        assertThat(after.header(ParkedProjectHeader.HEADER)).isNull();
        assertThat(after.json().path("totalValue").asText()).isEqualTo("150.00");
        assertThat(api.contribution(poison, waiting).path("value").asText()).isEqualTo("50.00");
        assertThat(http.get("/api/projects/" + poison + "/audit").json().path("projectionsMatchReplay").asBoolean())
                .isTrue();
        assertThat(http.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");

        // The retried join answers in full now, under its key.
        Response replayed = http.post("/api/projects/" + poison + "/members",
                json("memberId", "x", "name", "X", "joinedOn", b.plusDays(2)), "Idempotency-Key", "join-x-" + poison);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.json().path("pending").isMissingNode()).as(replayed.toString()).isTrue();
    }

    /** The statement for the generation of read-model tables that serves now (a rebuild switches it). */
    private String servingSql(String firstGenerationSql) {
        return new ReadModelTables(jdbc).serving().sql(firstGenerationSql);
    }
}
