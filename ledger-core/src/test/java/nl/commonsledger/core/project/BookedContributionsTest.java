package nl.commonsledger.core.project;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.ROTTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.moneyCorrected;
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.reversed;
import static org.assertj.core.api.Assertions.assertThat;

/** The contributions and their reference index are one fold: a reference is held only while its contribution is. */
class BookedContributionsTest {

    private static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-00000000d001");
    private static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-00000000d002");

    @Test
    void aCorrectionMovesTheReferenceAndAReversalFreesIt() {
        BookedContributions booked = new BookedContributions();
        booked.apply(moneyRecorded(FIRST, AMSTERDAM, "10.00", "2026-01-10", "INV-1"));
        booked.apply(moneyRecorded(SECOND, ROTTERDAM, "20.00", "2026-01-11", "INV-1"));
        assertThat(booked.holderOf(AMSTERDAM, "INV-1")).contains(FIRST);
        assertThat(booked.holderOf(ROTTERDAM, "INV-1")).contains(SECOND);

        booked.apply(moneyCorrected(FIRST, "11.00", "2026-01-12", "INV-2"));
        assertThat(booked.holderOf(AMSTERDAM, "INV-1")).isEmpty();
        assertThat(booked.holderOf(AMSTERDAM, "INV-2")).contains(FIRST);
        assertThat(booked.get(FIRST).orElseThrow().memberId()).isEqualTo(AMSTERDAM);

        booked.apply(reversed(SECOND));
        assertThat(booked.holderOf(ROTTERDAM, "INV-1")).isEmpty();
        assertThat(booked.get(SECOND).orElseThrow().reversed()).isTrue();
        assertThat(booked.contains(SECOND)).isTrue();
        assertThat(booked.effective().map(Map.Entry::getKey)).containsExactly(FIRST);
    }
}
