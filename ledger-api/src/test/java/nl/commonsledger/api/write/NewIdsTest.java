package nl.commonsledger.api.write;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** New ids are time-ordered, and Axon makes its event and message identifiers the same way. */
class NewIdsTest {

    @Test
    void newIdsSortInTheOrderTheyWereMade() {
        List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> NewIds.next().toString()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(UUID.fromString(ids.get(0)).version()).isEqualTo(7);
    }

    @Test
    void axonFindsTheFactoryThroughItsServiceFile() {
        IdentifierFactory factory = IdentifierFactory.getInstance();
        assertThat(factory).isInstanceOf(NewIds.ForAxon.class);
        String first = factory.generateIdentifier();
        String second = factory.generateIdentifier();
        assertThat(UUID.fromString(first).version()).isEqualTo(7);
        assertThat(second).isGreaterThan(first);
    }
}
