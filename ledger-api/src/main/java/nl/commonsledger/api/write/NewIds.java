package nl.commonsledger.api.write;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.axonframework.common.IdentifierFactory;

import java.util.UUID;

/**
 * The ids this service makes: contributions, settlements, imports, and (through {@link ForAxon}) every
 * event's and message's identifier. They are time-ordered UUIDs (RFC 9562 version 7: milliseconds since
 * 1970, then random bits), so that the rows they key are added at the end of their tables' indexes.
 * Random (version 4) ids put each new row on a random page of every index keyed by them, and the
 * embedded store writes a fresh copy of each page a commit touches: an import of 10,000 rows rewrote
 * most of those indexes, which cost a third of its projecting time and most of the store's growth.
 * Nothing reads meaning into an id's bits; they are as unique as random ones (74 random bits in each
 * millisecond).
 */
public final class NewIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private NewIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }

    /**
     * Axon's identifiers, made by {@link NewIds}; Axon finds this class through
     * {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
     */
    public static final class ForAxon extends IdentifierFactory {

        @Override
        public String generateIdentifier() {
            return next().toString();
        }
    }
}
