package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the records screen shows for Jorge Brekke's Synthea export, checked against the file itself. */
class DisplayModelTest {
    private static final TextRenderer ENGLISH = TextRenderer.english();
    private static List<StoredRecord> records;
    private static RecordIndex index;
    private static JsonNode bundle;

    @BeforeAll
    static void readJorge() throws Exception {
        Path file = SharedTestData.fhirFile("synthea-r4", "Jorge_Brekke_");
        records = SharedTestData.stored(file);
        index = RecordIndex.of(records);
        bundle = RealExportsTestTrees.tree(Files.readString(file));
    }

    private static List<JsonNode> inFile(String resourceType) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("resource").path("resourceType").asText().equals(resourceType)) {
                found.add(entry.path("resource"));
            }
        }
        return found;
    }

    private static RecordSummary summaryOf(JsonNode resource) {
        StoredRecord record = index.find(resource.path("resourceType").asText(), resource.path("id").asText()).orElseThrow();
        return RecordSummary.of(record, index);
    }

    @Test
    void allergiesReadAsAllergiesWithCriticalityStatusAndDate() {
        List<JsonNode> allergies = inFile("AllergyIntolerance");
        assertThat(allergies).hasSize(index.byCategory(Category.ALLERGIES).size()).isNotEmpty();
        for (JsonNode allergy : allergies) {
            RecordSummary summary = summaryOf(allergy);
            String substance = allergy.path("code").path("text").asText();
            String expectedTitle = substance.toLowerCase(Locale.ROOT).contains("allergy") ? substance : "Allergy to " + substance;
            String criticality = allergy.path("criticality").asText();
            String expectedDetail = Character.toUpperCase(criticality.charAt(0)) + criticality.substring(1)
                    + " criticality · " + allergy.path("clinicalStatus").path("coding").path(0).path("code").asText();

            assertThat(summary.category()).isEqualTo(Category.ALLERGIES);
            assertThat(ENGLISH.render(summary.title())).isEqualTo(expectedTitle);
            assertThat(ENGLISH.line(summary.details())).isEqualTo(expectedDetail);
            assertThat(summary.date()).map(RecordDate::text).contains(allergy.path("recordedDate").asText());
        }
        assertThat(allergies.stream().map(a -> ENGLISH.render(summaryOf(a).title())))
                .contains("Allergy to bee venom", "Latex allergy");
    }

    @Test
    void immunizationsReadAsTheVaccineGivenOnItsDate() {
        List<JsonNode> immunizations = inFile("Immunization");
        assertThat(immunizations).hasSize(index.byCategory(Category.IMMUNIZATIONS).size()).isNotEmpty();
        for (JsonNode immunization : immunizations) {
            RecordSummary summary = summaryOf(immunization);
            assertThat(ENGLISH.render(summary.title())).isEqualTo(immunization.path("vaccineCode").path("text").asText());
            assertThat(ENGLISH.line(summary.details())).isEqualTo("completed");
            assertThat(summary.date()).map(RecordDate::text).contains(immunization.path("occurrenceDateTime").asText());
        }
        RecordDate first = RecordDate.parse(immunizations.get(0).path("occurrenceDateTime").asText()).orElseThrow();
        assertThat(ENGLISH.render(new Text.When(first, false))).isEqualTo(
                java.time.format.DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH).format(first.date()));
    }

    @Test
    void observationsShowTheirValueWithUnit() {
        JsonNode height = inFile("Observation").stream()
                .filter(o -> o.path("code").path("coding").path(0).path("code").asText().equals("8302-2")).findFirst().orElseThrow();
        RecordSummary summary = summaryOf(height);
        BigDecimal value = height.path("valueQuantity").path("value").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP);
        assertThat(ENGLISH.render(summary.title())).isEqualTo("Body Height");
        assertThat(ENGLISH.line(summary.details())).isEqualTo(value.toPlainString() + " cm");
        assertThat(summary.category()).isEqualTo(Category.VITAL_SIGNS);
    }

    @Test
    void timelineIsNewestFirstGroupedByYearWithoutUndatedRecords() {
        List<RecordSummary> summaries = RecordSummary.all(index);
        Timeline timeline = Timeline.of(summaries);

        long dated = summaries.stream().filter(s -> s.date().isPresent()).count();
        assertThat(timeline.size()).isEqualTo(dated).isLessThan(summaries.size());
        assertThat(timeline.years()).extracting(Timeline.Year::year).isSortedAccordingTo(Comparator.reverseOrder())
                .doesNotHaveDuplicates();
        List<RecordDate> inOrder = new ArrayList<>();
        for (Timeline.Year year : timeline.years()) {
            assertThat(year.records()).allSatisfy(s -> assertThat(s.date().orElseThrow().year()).isEqualTo(year.year()));
            year.records().forEach(s -> inOrder.add(s.date().orElseThrow()));
        }
        assertThat(inOrder).isSortedAccordingTo(Comparator.<RecordDate>naturalOrder().reversed());
        assertThat(timeline.years().stream().flatMap(y -> y.records().stream()))
                .noneMatch(s -> s.record().resource().resourceType().equals("Patient"));
    }

    @Test
    void labSeriesHoldEveryResultOfACodeInDateOrder() {
        List<LabSeries> all = LabSeries.of(index);
        for (String code : List.of("29463-7", "718-7")) {
            List<String> expectedDates = new ArrayList<>();
            for (JsonNode observation : inFile("Observation")) {
                if (observation.path("code").path("coding").path(0).path("code").asText().equals(code)) {
                    expectedDates.add(observation.path("effectiveDateTime").asText());
                }
            }
            expectedDates.sort(Comparator.comparing(d -> RecordDate.parse(d).orElseThrow()));
            LabSeries series = LabSeries.find(all, "http://loinc.org", code).orElseThrow();

            assertThat(series.points()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(series.points()).extracting(p -> p.date().text()).containsExactlyElementsOf(expectedDates);
            assertThat(series.points()).extracting(LabSeries.Point::at).isSorted();
        }
        LabSeries hemoglobin = LabSeries.find(all, "http://loinc.org", "718-7").orElseThrow();
        assertThat(hemoglobin.category()).isEqualTo(Category.LAB_RESULTS);
        assertThat(hemoglobin.unit()).isEqualTo("g/dL");
        assertThat(hemoglobin.display()).isEqualTo("Hemoglobin [Mass/volume] in Blood");
        assertThat(LabSeries.find(all, "http://loinc.org", "29463-7").orElseThrow().points()).hasSizeGreaterThan(10);
    }

    @Test
    void bloodPressureComponentsAreTwoSeriesAndThePanelNone() {
        List<LabSeries> all = LabSeries.of(index);
        long panels = inFile("Observation").stream()
                .filter(o -> o.path("component").size() == 2).count();
        Optional<LabSeries> systolic = LabSeries.find(all, "http://loinc.org", "8480-6");
        Optional<LabSeries> diastolic = LabSeries.find(all, "http://loinc.org", "8462-4");
        assertThat(panels).isPositive();
        assertThat(systolic).get().satisfies(s -> {
            assertThat(s.points()).hasSize((int) panels);
            assertThat(s.unit()).isEqualTo("mm[Hg]");
            assertThat(s.display()).isEqualTo("Systolic Blood Pressure");
        });
        assertThat(diastolic).get().satisfies(s -> assertThat(s.points()).hasSize((int) panels));
        assertThat(LabSeries.find(all, "http://loinc.org", "85354-9")).isEmpty();
    }

    @Test
    void detailShowsLabelledRowsWithReferencesByName() {
        JsonNode immunization = inFile("Immunization").get(0);
        StoredRecord record = index.find("Immunization", immunization.path("id").asText()).orElseThrow();
        StoredRecord patient = index.byType("Patient").get(0);

        RecordDetail detail = RecordDetail.of(record, index);

        List<String> lines = detail.rows().stream()
                .map(r -> ENGLISH.render(r.label()) + ": " + ENGLISH.render(r.value())).toList();
        assertThat(lines).contains("Record type: Immunization", "Status: completed",
                "Vaccine: " + immunization.path("vaccineCode").path("text").asText(),
                "Patient: " + ENGLISH.render(RecordSummary.of(patient, index).title()),
                "Reported by the giver: yes");
        assertThat(lines.get(lines.size() - 1)).startsWith("Source: Jorge_Brekke_").contains("imported Jan 15, 2026");
        assertThat(detail.rows()).filteredOn(r -> ENGLISH.render(r.label()).equals("Patient"))
                .singleElement().extracting(RecordDetail.Row::link).isEqualTo(Optional.of(patient));
        assertThat(ENGLISH.render(RecordSummary.of(patient, index).title())).isEqualTo(
                FhirValues.humanName(inFile("Patient").get(0).path("name")));
    }

    @Test
    void aMedicationStatementIsNamedByTheMedicationItPointsTo() throws Exception {
        List<StoredRecord> ips = SharedTestData.stored(SharedTestData.fhirFile("ips", "IPS_IG-bundle-01"));
        RecordIndex ipsIndex = RecordIndex.of(ips);
        StoredRecord statement = ipsIndex.byType("MedicationStatement").get(0);
        String medicationId = RealExportsTestTrees.tree(statement.resource().json())
                .path("medicationReference").path("reference").asText().substring("Medication/".length());
        StoredRecord medication = ipsIndex.find("Medication", medicationId).orElseThrow();
        String name = FhirValues.concept(RealExportsTestTrees.tree(medication.resource().json()).path("code"));

        RecordSummary summary = RecordSummary.of(statement, ipsIndex);

        assertThat(summary.category()).isEqualTo(Category.MEDICATIONS);
        assertThat(ENGLISH.render(summary.title())).isEqualTo(name).isNotBlank();
        assertThat(summary.date()).map(RecordDate::precision).contains(RecordDate.Precision.MONTH);
        assertThat(ENGLISH.render(new Text.When(summary.date().orElseThrow(), false))).isEqualTo(
                java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH).format(summary.date().get().date()));
    }

    @Test
    void clinicalNotesAreDocumentsAndLabPanelsLabResults() throws Exception {
        RecordIndex lorenzo = RecordIndex.of(SharedTestData.stored(SharedTestData.fhirFile("synthea-3.3.0", "Lorenzo669_")));
        for (StoredRecord report : lorenzo.byType("DiagnosticReport")) {
            boolean lab = report.resource().json().contains("\"code\":\"LAB\"");
            assertThat(lorenzo.categoryOf(report)).isEqualTo(lab ? Category.LAB_RESULTS : Category.DOCUMENTS);
        }
        assertThat(lorenzo.byCategory(Category.DOCUMENTS)).hasSizeGreaterThan(10);
    }

    @Test
    void theAppsBundleTranslatesAndFallsBackToEnglishKeyByKey() {
        JsonNode allergy = inFile("AllergyIntolerance").stream()
                .filter(a -> a.path("code").path("text").asText().equals("Allergy to bee venom")).findFirst().orElseThrow();
        RecordSummary summary = summaryOf(allergy);
        ListResourceBundle chinese = new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"code.criticality.low", "低危"}, {"separator", "；"}, {"title.allergy", "对{0}过敏"}};
            }
        };
        TextRenderer renderer = new TextRenderer(chinese, Locale.CHINESE);

        assertThat(renderer.line(summary.details())).isEqualTo("低危；active");
        assertThat(renderer.render(Text.message("title.allergy", Text.literal("花生")))).isEqualTo("对花生过敏");
        assertThat(renderer.render(new Text.FieldName("effectiveDateTime"))).isEqualTo("Date");
        assertThat(renderer.render(new Text.FieldName("dosageInstruction"))).isEqualTo("Dosage");
        assertThat(ENGLISH.render(new Text.FieldName("numberOfInstances"))).isEqualTo("Number of instances");
        assertThat(ENGLISH.render(new Text.Amount(new BigDecimal("0.004567"), "mmol/L"))).isEqualTo("0.00457 mmol/L");
        assertThat(ENGLISH.render(new Text.Amount(new BigDecimal("54.48277818964297"), "cm"))).isEqualTo("54.48 cm");
        assertThat(ENGLISH.render(new Text.Amount(new BigDecimal("1200"), "{score}"))).isEqualTo("1,200 score");
    }
}
