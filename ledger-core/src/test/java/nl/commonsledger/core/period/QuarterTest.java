package nl.commonsledger.core.period;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Periods are calendar quarters written {@code 2026-Q1} (glossary, "Period"). */
class QuarterTest {

    @Test
    void parsesAndFormatsTheContractsNotation() {
        Quarter q = Quarter.parse("2026-Q1");

        assertThat(q).isEqualTo(new Quarter(2026, 1));
        assertThat(q.year()).isEqualTo(2026);
        assertThat(q.quarter()).isEqualTo(1);
        assertThat(q).hasToString("2026-Q1");
        assertThat(Quarter.parse(q.toString())).isEqualTo(q);
    }

    @ParameterizedTest(name = "{0}: {1} to {2}")
    @CsvSource({
            "2026-Q1, 2026-01-01, 2026-03-31",
            "2026-Q2, 2026-04-01, 2026-06-30",
            "2026-Q3, 2026-07-01, 2026-09-30",
            "2026-Q4, 2026-10-01, 2026-12-31",
            "2024-Q1, 2024-01-01, 2024-03-31"
    })
    void firstAndLastDays(String quarter, String firstDay, String lastDay) {
        Quarter q = Quarter.parse(quarter);

        assertThat(q.firstDay()).isEqualTo(LocalDate.parse(firstDay));
        assertThat(q.lastDay()).isEqualTo(LocalDate.parse(lastDay));
        assertThat(q.contains(q.firstDay())).isTrue();
        assertThat(q.contains(q.lastDay())).isTrue();
        assertThat(q.contains(q.firstDay().minusDays(1))).isFalse();
        assertThat(q.contains(q.lastDay().plusDays(1))).isFalse();
    }

    @Test
    void nextQuarterRollsOverTheYear() {
        assertThat(Quarter.parse("2026-Q1").next()).isEqualTo(Quarter.parse("2026-Q2"));
        assertThat(Quarter.parse("2026-Q3").next()).isEqualTo(Quarter.parse("2026-Q4"));
        assertThat(Quarter.parse("2025-Q4").next()).isEqualTo(Quarter.parse("2026-Q1"));
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "2026-01-01, 2026-Q1",
            "2026-03-31, 2026-Q1",
            "2026-04-01, 2026-Q2",
            "2026-06-30, 2026-Q2",
            "2026-07-01, 2026-Q3",
            "2026-09-30, 2026-Q3",
            "2026-10-01, 2026-Q4",
            "2026-12-31, 2026-Q4"
    })
    void quarterOfADate(String date, String quarter) {
        assertThat(Quarter.of(LocalDate.parse(date))).hasToString(quarter);
    }

    @Test
    void quartersOrderByYearThenQuarter() {
        List<Quarter> quarters = new ArrayList<>(List.of(
                Quarter.parse("2026-Q1"), Quarter.parse("2025-Q4"), Quarter.parse("2026-Q2"), Quarter.parse("2025-Q1")));
        Collections.sort(quarters);

        assertThat(quarters).extracting(Quarter::toString).containsExactly("2025-Q1", "2025-Q4", "2026-Q1", "2026-Q2");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2025-Q5", "2025-Q0", "2025Q1", "2025-q1", "25-Q1", "02025-Q1", " 2025-Q1",
            "2025-Q1 ", "2025-Q", "2025-01", "0000-Q1"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> Quarter.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRejectsImpossibleQuarters() {
        assertThatThrownBy(() -> new Quarter(2026, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quarter(2026, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quarter(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void travelsInJsonAsItsNotation() throws Exception {
        // Events carry quarters; the stored JSON must read "2026-Q1", and read back the same.
        ObjectMapper mapper = new ObjectMapper();

        assertThat(mapper.writeValueAsString(Quarter.parse("2026-Q1"))).isEqualTo("\"2026-Q1\"");
        assertThat(mapper.readValue("\"2025-Q4\"", Quarter.class)).isEqualTo(new Quarter(2025, 4));
    }
}
