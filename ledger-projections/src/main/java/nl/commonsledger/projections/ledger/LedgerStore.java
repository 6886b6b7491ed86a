package nl.commonsledger.projections.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.commonsledger.core.allocation.AllocationKeyHistory;
import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.allocation.Membership;
import nl.commonsledger.core.project.ProjectTerms;
import nl.commonsledger.core.rate.RateCardHistory;
import nl.commonsledger.core.rate.RateCardVersion;
import nl.commonsledger.projections.generation.Generation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the terms of a project (members, key versions, rate versions) from the read-model tables of
 * a generation, for the projector that writes them and the queries that show them; what the terms
 * mean is {@link ProjectTerms}'s. Weights and rates are kept as JSON text of decimal strings, never as floating point.
 */
@Component
public class LedgerStore {


    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public LedgerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public int scaleOf(Generation g, String projectId) {
        return jdbc.queryForObject(g.sql("SELECT scale FROM rm_project WHERE project_id = ?"), Integer.class, projectId);
    }

    public ProjectTerms terms(Generation g, String projectId) {
        List<Membership> members = jdbc.query(
                g.sql("SELECT member_id, joined_on, left_on FROM rm_member WHERE project_id = ? ORDER BY member_id"),
                (rs, i) -> new Membership(rs.getString(1), rs.getObject(2, java.time.LocalDate.class),
                        rs.getObject(3, java.time.LocalDate.class)),
                projectId);
        List<AllocationKeyVersion> keys = jdbc.query(
                g.sql("SELECT effective_from, method, weights FROM rm_key_version WHERE project_id = ? ORDER BY effective_from"),
                (rs, i) -> new AllocationKeyVersion(rs.getObject(1, java.time.LocalDate.class),
                        KeyMethod.valueOf(rs.getString(2)), decimals(rs.getString(3))),
                projectId);
        List<RateCardVersion> rates = jdbc.query(
                g.sql("SELECT effective_from, hourly_rates FROM rm_rate_version WHERE project_id = ? ORDER BY effective_from"),
                (rs, i) -> new RateCardVersion(rs.getObject(1, java.time.LocalDate.class), decimals(rs.getString(2))),
                projectId);
        return ProjectTerms.of(scaleOf(g, projectId), members, AllocationKeyHistory.of(keys), RateCardHistory.of(rates));
    }

    public String toJson(SortedMap<String, BigDecimal> decimals) {
        TreeMap<String, String> text = new TreeMap<>();
        decimals.forEach((k, v) -> text.put(k, v.toPlainString()));
        try {
            return json.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public TreeMap<String, BigDecimal> decimals(String text) {
        try {
            TreeMap<String, String> raw = json.readValue(text, new TypeReference<TreeMap<String, String>>() {
            });
            TreeMap<String, BigDecimal> out = new TreeMap<>();
            raw.forEach((k, v) -> out.put(k, new BigDecimal(v)));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable decimals in read model: " + text, e);
        }
    }
}
