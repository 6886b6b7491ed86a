package nl.commonsledger.projections.generation;

import java.util.List;

/**
 * A projector class and the read-model tables it alone writes. Every read model is an Axon event
 * handler in the ledger's processing group ({@code LedgerProjector.PROCESSING_GROUP}), so its rows
 * commit with the others and the processor's token, writers wait for it as for the rest
 * (read-your-writes), and one project's failing event parks that project in all of them at once.
 *
 * <p>Its handlers write into {@link ReadModelTables#writing()}'s generation, with SQL that names the
 * first generation's tables ({@link Generation#sql}); its migration creates each table twice, as
 * {@code rm_…} and {@code rm2_…}. A rebuild then fills the other generation by handing the read model
 * every stored event through the same handlers, and switches both generations' worth of read models
 * at once. (The ledger's own tables are folded in memory instead, for speed: {@code LedgerProjector}.)
 */
public interface ReadModel {

    /** The tables this read model owns, in the first generation's names, each table before any it refers to. */
    List<String> tables();
}
