package nl.commonsledger.projections.ledger;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationColumnTest {

    @Test
    void sharesRoundTripInMemberOrderWithNegativesAndZeros() {
        Map<String, Long> shares = Map.of("gm-0363", 12_345L, "a", -7L, "b9", 0L);
        String column = AllocationColumn.write(shares);
        assertThat(column).isEqualTo("a=-7;b9=0;gm-0363=12345");
        assertThat(AllocationColumn.read(column)).isEqualTo(new TreeMap<>(shares));
    }

    @Test
    void noSharesIsAnEmptyColumn() {
        assertThat(AllocationColumn.write(Map.of())).isEmpty();
        assertThat(AllocationColumn.read("")).isEmpty();
        assertThat(AllocationColumn.read(null)).isEmpty();
    }
}
