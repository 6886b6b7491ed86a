package nl.commonsledger.api.period;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.Attribution;
import nl.commonsledger.core.project.ProjectCommand.ClosePeriod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The close of a quarter with the seal it carries: the number of the project's events so far and the
 * digest of the last of them, read from the digest chain (which is written in each command's own
 * transaction, so it is never behind).
 */
@Component
public class PeriodSeal {

    private final JdbcTemplate jdbc;

    public PeriodSeal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ClosePeriod close(String projectId, Quarter quarter, Attribution attribution) {
        List<String> head = jdbc.queryForList("SELECT digest FROM event_digest WHERE project_id = ? "
                + "ORDER BY project_id DESC, sequence_number DESC LIMIT 1", String.class, projectId);
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM event_digest WHERE project_id = ?", Long.class, projectId);
        return new ClosePeriod(projectId, quarter, count, head.isEmpty() ? null : head.get(0), attribution);
    }
}
