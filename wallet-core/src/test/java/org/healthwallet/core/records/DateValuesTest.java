package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** FHIR R4 date, dateTime and instant: the specification's expressions plus the calendar. */
class DateValuesTest {
    @ParameterizedTest(name = "{0} date={1} dateTime={2} instant={3}")
    @CsvSource({
            "2019,                          true,  true,  false",
            "2019-03,                       true,  true,  false",
            "2019-03-14,                    true,  true,  false",
            "2020-02-29,                    true,  true,  false",
            "2000-02-29,                    true,  true,  false",
            "2019-02-29,                    false, false, false",
            "1900-02-29,                    false, false, false",
            "2019-04-31,                    false, false, false",
            "2019-13,                       false, false, false",
            "0000,                          false, false, false",
            "19,                            false, false, false",
            "2019-3-14,                     false, false, false",
            "2019-03-14T10:15:30Z,          false, true,  true",
            "2019-03-14T10:15:30.123+05:30, false, true,  true",
            "2016-12-31T23:59:60Z,          false, true,  true",
            "2019-03-14T10:15:30-14:00,     false, true,  true",
            "2019-03-14T10:15:30+14:30,     false, false, false",
            "2019-03-14T10:15:30,           false, false, false",
            "2019-03-14T10:15Z,             false, false, false",
            "2019-03-14T24:00:00Z,          false, false, false",
            "2019-02-30T10:15:30Z,          false, false, false",
            "2019-03-14 10:15:30Z,          false, false, false",
            "IGNORED_FIELD,                 false, false, false"})
    void acceptsWhatR4Accepts(String text, boolean date, boolean dateTime, boolean instant) {
        assertThat(TemporalType.DATE.accepts(text)).isEqualTo(date);
        assertThat(TemporalType.DATE_TIME.accepts(text)).isEqualTo(dateTime);
        assertThat(TemporalType.INSTANT.accepts(text)).isEqualTo(instant);
    }

    @Test
    void namesThatAreDatesOnlySomewhereAreCheckedOnlyThere() {
        assertThat(DateElements.typeOf("when", "repeat", null)).isNull();
        assertThat(DateElements.typeOf("when", "signature", null)).isEqualTo(TemporalType.INSTANT);
        assertThat(DateElements.typeOf("start", null, "GraphDefinition")).isNull();
        assertThat(DateElements.typeOf("start", "period", null)).isEqualTo(TemporalType.DATE_TIME);
        assertThat(DateElements.typeOf("value", "identifier", null)).isNull();
        assertThat(DateElements.typeOf("value", "dateCriterion", null)).isEqualTo(TemporalType.DATE_TIME);
        assertThat(DateElements.typeOf("lastUpdated", "meta", null)).isEqualTo(TemporalType.INSTANT);
        assertThat(DateElements.typeOf("birthDate", null, "Patient")).isEqualTo(TemporalType.DATE);
        assertThat(DateElements.typeOf("display", "coding", null)).isNull();
    }

    @Test
    void timingCodesAndGraphStartsAreNotMistakenForDates() {
        ResourceCheck check = new ResourceCheck();
        assertThat(check.problem(RealExportsTestTrees.tree("{\"resourceType\":\"MedicationRequest\",\"dosageInstruction\":"
                + "[{\"timing\":{\"event\":[\"2020-01-01T08:00:00Z\"],\"repeat\":{\"when\":[\"MORN\",\"EVE\"]}}}]}"))).isNull();
        assertThat(check.problem(RealExportsTestTrees.tree("{\"resourceType\":\"GraphDefinition\",\"start\":\"Patient\"}"))).isNull();
        assertThat(check.problem(RealExportsTestTrees.tree("{\"resourceType\":\"MedicationRequest\",\"dosageInstruction\":"
                + "[{\"timing\":{\"event\":[\"tomorrow\"]}}]}"))).isEqualTo(
                "dosageInstruction[0].timing.event[0] is not a valid date/time: \"tomorrow\"");
    }

    @Test
    void recordDatesKeepTheirPrecision() {
        assertThat(RecordDate.parse("2019").orElseThrow().precision()).isEqualTo(RecordDate.Precision.YEAR);
        assertThat(RecordDate.parse("2019-03").orElseThrow().date()).hasToString("2019-03-01");
        RecordDate time = RecordDate.parse("2019-03-14T23:30:00-05:00").orElseThrow();
        assertThat(time.instant()).isEqualTo(Instant.parse("2019-03-15T04:30:00Z"));
        assertThat(time.date()).hasToString("2019-03-14");
        assertThat(time.year()).isEqualTo(2019);
        assertThat(RecordDate.parse("2016-12-31T23:59:60Z").orElseThrow().instant())
                .isEqualTo(Instant.parse("2016-12-31T23:59:59Z"));
        assertThat(RecordDate.parse("2019-02-29")).isEmpty();
        assertThat(RecordDate.of(Instant.parse("2026-01-15T10:00:00Z")).text()).isEqualTo("2026-01-15T10:00:00Z");
    }

    @Test
    void theR4TypeListIsWhole() {
        assertThat(ResourceTypes.count()).isEqualTo(146);
        assertThat(ResourceTypes.isR4("Observation")).isTrue();
        assertThat(ResourceTypes.isR4("MedicinalProductUndesirableEffect")).isTrue();
        assertThat(ResourceTypes.isR4("DomainResource")).isFalse();
        assertThat(ResourceTypes.isR4("NutritionProduct")).as("R5 only").isFalse();
        assertThat(ResourceTypes.isR4("observation")).isFalse();
    }
}
