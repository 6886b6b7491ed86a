package nl.commonsledger.projections.generation;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;

/**
 * Which generation of the read-model tables serves ({@code read_model_generation}), and which one a
 * projection writes. The serving generation is a row in the database, not a field in memory, so
 * every instance on one database reads the same tables, and the switch after a rebuild commits
 * together with the processor's new token.
 */
public final class ReadModelTables {

    /** A unit-of-work resource naming the generation its events are projected into (a rebuild's tail). */
    public static final String TARGET = ReadModelTables.class.getName() + ".target";

    private final JdbcTemplate jdbc;

    public ReadModelTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The generation that answers reads now. */
    public Generation serving() {
        return Generation.ofPrefix(jdbc.queryForObject("SELECT serving FROM read_model_generation WHERE id = 1",
                String.class));
    }

    /**
     * The generation the current unit of work projects into: the one a rebuild names for its tail, or
     * else the serving one, looked up once per unit of work (a processor's batch).
     */
    public Generation writing() {
        if (!CurrentUnitOfWork.isStarted()) {
            return serving();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(TARGET, key -> serving());
    }

    /** Makes {@code generation} the serving one, in the caller's transaction. */
    public void serve(Generation generation) {
        jdbc.update("UPDATE read_model_generation SET serving = ? WHERE id = 1", generation.prefix());
    }

    /** Empties every table of these read models in a generation that does not serve (before a rebuild fills it). */
    public void empty(Generation generation, Collection<? extends ReadModel> readModels) {
        if (generation == serving()) {
            throw new IllegalStateException("the serving read models are never emptied");
        }
        for (ReadModel model : readModels) {
            for (String table : model.tables()) {
                jdbc.execute(generation.sql("TRUNCATE TABLE " + table));
            }
        }
    }
}
