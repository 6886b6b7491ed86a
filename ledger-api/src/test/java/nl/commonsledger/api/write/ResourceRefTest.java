package nl.commonsledger.api.write;

import nl.commonsledger.core.period.Quarter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored form of a resource reference is exact, and reads back as the same reference. */
class ResourceRefTest {

    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void eachKindHasOneStoredForm() {
        assertThat(new ResourceRef.Project("p").stored()).isEqualTo("{\"type\":\"project\",\"projectId\":\"p\"}");
        assertThat(new ResourceRef.Member("p", "gm0363").stored())
                .isEqualTo("{\"type\":\"member\",\"projectId\":\"p\",\"memberId\":\"gm0363\"}");
        assertThat(new ResourceRef.Contribution("p", ID).stored())
                .isEqualTo("{\"type\":\"contribution\",\"projectId\":\"p\",\"contributionId\":\"" + ID + "\"}");
        assertThat(new ResourceRef.Settlement("p", ID).stored())
                .isEqualTo("{\"type\":\"settlement\",\"projectId\":\"p\",\"settlementId\":\"" + ID + "\"}");
        assertThat(new ResourceRef.ClosedPeriod("p", new Quarter(2026, 1)).stored())
                .isEqualTo("{\"type\":\"period\",\"projectId\":\"p\",\"period\":\"2026-Q1\"}");
        assertThat(new ResourceRef.Import("p", ID, 3).stored())
                .isEqualTo("{\"type\":\"import\",\"projectId\":\"p\",\"importId\":\"" + ID + "\",\"rows\":3}");
        assertThat(new ResourceRef.Import("p", ID, 3, ResourceRef.RowIds.BLOCK).stored())
                .isEqualTo("{\"type\":\"import\",\"projectId\":\"p\",\"importId\":\"" + ID + "\",\"rows\":3,"
                        + "\"rowIds\":\"BLOCK\"}");
    }

    @Test
    void anImportStoredWithoutItsRowIdsHasTheNameBasedIdsOfBefore() {
        ResourceRef.Import old = (ResourceRef.Import) ResourceRef.parse(
                "{\"type\":\"import\",\"projectId\":\"p\",\"importId\":\"" + ID + "\",\"rows\":3}");
        assertThat(old.rowIds()).isEqualTo(ResourceRef.RowIds.NAMED);
        assertThat(old.contributionId(2)).isEqualTo(UUID.nameUUIDFromBytes((ID + "/2").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anImportsBlockOfIdsSortsInTheFilesOrderAndKeepsTheImportsPrefix() {
        UUID importId = NewIds.next();
        ResourceRef.Import block = new ResourceRef.Import("p", importId, 100_000, ResourceRef.RowIds.BLOCK);
        List<String> ids = IntStream.range(0, 100_000).mapToObj(i -> block.contributionId(i).toString()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> assertThat(id).startsWith(importId.toString().substring(0, 13)));
        assertThat(UUID.fromString(ids.get(0)).version()).isEqualTo(8);
        assertThat(UUID.fromString(ids.get(0)).variant()).isEqualTo(2);
    }

    @Test
    void importsStartedInOneMillisecondGetBlocksOfTheirOwn() {
        // Within one millisecond the generator counts up: the next id is the import's id plus one.
        UUID first = NewIds.next();
        UUID second = new UUID(first.getMostSignificantBits(), first.getLeastSignificantBits() + 1);
        UUID carried = new UUID(first.getMostSignificantBits(), first.getLeastSignificantBits() | 0x3FFF_FFFFL);
        UUID afterCarry = new UUID(carried.getMostSignificantBits(), carried.getLeastSignificantBits() + 1);
        Set<UUID> ids = new HashSet<>();
        for (UUID importId : List.of(first, second, carried, afterCarry)) {
            for (int i = 0; i < 1_000; i++) {
                UUID id = ResourceRef.RowIds.BLOCK.of(importId, i);
                assertThat(ids.add(id)).as("row %d of import %s", i, importId).isTrue();
                assertThat(id).isNotIn(first, second, carried, afterCarry);
            }
        }
    }


    @Test
    void theStoredFormReadsBackAsTheSameReference() {
        List<ResourceRef> refs = List.of(new ResourceRef.Project("p"), new ResourceRef.Member("p", "m"),
                new ResourceRef.Contribution("p", ID), new ResourceRef.Settlement("p", ID),
                new ResourceRef.ClosedPeriod("p", new Quarter(2025, 4)), new ResourceRef.Import("p", ID, 10_000),
                new ResourceRef.Import("p", ID, 7, ResourceRef.RowIds.BLOCK));
        for (ResourceRef ref : refs) {
            assertThat(ResourceRef.parse(ref.stored())).isEqualTo(ref);
        }
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> ResourceRef.parse("p:" + ID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceRef.parse("{\"type\":\"invoice\",\"projectId\":\"p\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceRef.parse("{\"type\":\"member\",\"projectId\":\"p\"}"))
                .hasMessageContaining("memberId");
    }
}
