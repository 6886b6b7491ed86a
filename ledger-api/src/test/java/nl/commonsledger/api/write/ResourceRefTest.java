package nl.commonsledger.api.write;

import nl.commonsledger.core.period.Quarter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

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
    }

    @Test
    void theStoredFormReadsBackAsTheSameReference() {
        List<ResourceRef> refs = List.of(new ResourceRef.Project("p"), new ResourceRef.Member("p", "m"),
                new ResourceRef.Contribution("p", ID), new ResourceRef.Settlement("p", ID),
                new ResourceRef.ClosedPeriod("p", new Quarter(2025, 4)), new ResourceRef.Import("p", ID, 10_000));
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
