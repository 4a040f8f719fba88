package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** References in the forms real exports write them, and the index's lookups. */
class RecordIndexTest {
    /** A reference string found in a record (or in a resource contained in it). */
    record Found(StoredRecord from, String reference) {}

    static List<Found> references(List<StoredRecord> records) {
        List<Found> found = new ArrayList<>();
        for (StoredRecord record : records) {
            collect(RealExportsTestTrees.tree(record.resource().json()), record, found);
        }
        return found;
    }

    private static void collect(JsonNode node, StoredRecord from, List<Found> found) {
        if (node.isObject()) {
            JsonNode reference = node.get("reference");
            if (reference != null && reference.isTextual()) {
                found.add(new Found(from, reference.textValue()));
            }
        }
        for (JsonNode child : node) {
            collect(child, from, found);
        }
    }

    private static StoredRecord record(String json, String fullUrl, String source) {
        JsonNode tree = RealExportsTestTrees.tree(json);
        FhirResource resource = new FhirResource(tree.path("resourceType").asText(), tree.path("id").asText(null), fullUrl, json);
        return new StoredRecord(UUID.randomUUID(), 1, resource,
                List.of(new Provenance(source, Instant.parse("2026-01-15T10:00:00Z"), resource.contentHash())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"synthea-r4/Jorge_Brekke_", "synthea-3.3.0/Lorenzo669_", "uscore/pdex_bundle_patient_999",
            "uscore/uscore_bundle_patient_355", "ips/npm_hl7.fhir.uv.ips", "ips/IPS_IG-bundle-01",
            "ips/hl7-fhir-ips_bundle-minimal", "bluebutton/inferno_carin"})
    void everyReferenceInARealExportLeadsToWhatItNamesUnlessConditional(String file) throws Exception {
        String[] parts = file.split("/");
        List<StoredRecord> records = SharedTestData.stored(SharedTestData.fhirFile(parts[0], parts[1]));
        RecordIndex index = RecordIndex.of(records);
        List<Found> references = references(records);
        assertThat(references).isNotEmpty();

        for (Found found : references) {
            String text = found.reference();
            Resolution resolution = index.resolve(found.from(), text);
            if (text.contains("?")) {
                assertThat(resolution).isEqualTo(new Resolution.Unresolved(text));
            } else if (text.startsWith("#")) {
                assertThat(resolution).isInstanceOfSatisfying(Resolution.Contained.class,
                        c -> assertThat(c.resource().id()).isEqualTo(text.substring(1)));
            } else if (text.startsWith("urn:")) {
                assertThat(resolution).as(text).isInstanceOfSatisfying(Resolution.InVault.class,
                        v -> assertThat(v.record().resource().fullUrl()).isEqualTo(text));
            } else {
                assertThat(resolution).as(text).isInstanceOfSatisfying(Resolution.InVault.class, v -> assertThat(text)
                        .contains(v.record().resource().resourceType() + "/" + v.record().resource().id()));
            }
        }
    }

    @Test
    void synthea330ConditionalReferencesStayUnresolvedAsWritten() throws Exception {
        List<StoredRecord> records = SharedTestData.stored(SharedTestData.fhirFile("synthea-3.3.0", "Lorenzo669_"));
        RecordIndex index = RecordIndex.of(records);
        List<Found> conditional = references(records).stream()
                .filter(f -> f.reference().startsWith("Practitioner?") || f.reference().startsWith("Organization?")
                        || f.reference().startsWith("Location?"))
                .toList();
        assertThat(conditional).hasSizeGreaterThan(100);
        for (Found found : conditional) {
            assertThat(index.resolve(found.from(), found.reference()))
                    .isEqualTo(new Resolution.Unresolved(found.reference()));
        }
    }

    @Test
    void pdexTypeIdReferencesResolve() throws Exception {
        List<StoredRecord> records = SharedTestData.stored(SharedTestData.fhirFile("uscore", "pdex_bundle_patient_999"));
        RecordIndex index = RecordIndex.of(records);
        List<Found> relative = references(records).stream().filter(f -> f.reference().matches("[A-Z][A-Za-z]+/[^/]+")).toList();
        assertThat(relative).hasSizeGreaterThan(30);
        for (Found found : relative) {
            Resolution resolution = index.resolve(found.from(), found.reference());
            assertThat(resolution).isInstanceOfSatisfying(Resolution.InVault.class, v -> assertThat(
                    v.record().resource().resourceType() + "/" + v.record().resource().id()).isEqualTo(found.reference()));
        }
        assertThat(index.resolve(null, "Patient/999")).isInstanceOf(Resolution.InVault.class);
    }

    @Test
    void syntheaUrnUuidReferencesResolveToTheEntryWithThatFullUrl() throws Exception {
        List<StoredRecord> records = SharedTestData.stored(SharedTestData.fhirFile("synthea-r4", "Vito_Feeney_"));
        RecordIndex index = RecordIndex.of(records);
        List<Found> urns = references(records).stream().filter(f -> f.reference().startsWith("urn:uuid:")).toList();
        assertThat(urns).hasSizeGreaterThan(3000);
        for (Found found : urns) {
            assertThat(index.resolve(found.from(), found.reference())).isInstanceOfSatisfying(Resolution.InVault.class,
                    v -> assertThat(v.record().resource().fullUrl()).isEqualTo(found.reference()));
        }
    }

    @Test
    void containedReferencesLeadIntoTheReferringRecord() {
        StoredRecord request = record("{\"resourceType\":\"MedicationRequest\",\"id\":\"rx1\",\"contained\":["
                + "{\"resourceType\":\"Medication\",\"id\":\"med1\",\"code\":{\"text\":\"Amoxicillin 500 mg capsule\"}}],"
                + "\"status\":\"active\",\"intent\":\"order\",\"medicationReference\":{\"reference\":\"#med1\"},"
                + "\"subject\":{\"reference\":\"Patient/p1\"},\"authoredOn\":\"2024-03-02\"}", null, "clinic.json");
        RecordIndex index = RecordIndex.of(List.of(request));

        assertThat(index.resolve(request, "#med1")).isInstanceOfSatisfying(Resolution.Contained.class, c -> {
            assertThat(c.container()).isSameAs(request);
            assertThat(c.resource().resourceType()).isEqualTo("Medication");
            assertThat(c.resource().json()).contains("Amoxicillin");
        });
        assertThat(index.resolve(request, "#nope")).isEqualTo(new Resolution.Unresolved("#nope"));
        assertThat(index.resolve(request, "#")).isEqualTo(new Resolution.InVault(request));
        assertThat(index.resolve(request, "Patient/p1")).isEqualTo(new Resolution.Unresolved("Patient/p1"));
        assertThat(TextRenderer.english().render(RecordSummary.of(request, index).title()))
                .isEqualTo("Amoxicillin 500 mg capsule");
    }

    @Test
    void absoluteUrlsResolveWithOrWithoutHistory() {
        StoredRecord patient = record("{\"resourceType\":\"Patient\",\"id\":\"7\"}", "https://ehr.example/fhir/Patient/7", "a");
        RecordIndex index = RecordIndex.of(List.of(patient));
        assertThat(index.resolve(null, "https://ehr.example/fhir/Patient/7")).isEqualTo(new Resolution.InVault(patient));
        assertThat(index.resolve(null, "https://ehr.example/fhir/Patient/7/_history/3")).isEqualTo(new Resolution.InVault(patient));
        assertThat(index.resolve(null, "Patient/7/_history/3")).isEqualTo(new Resolution.InVault(patient));
        assertThat(index.resolve(null, "https://ehr.example/fhir/Patient?identifier=x|1"))
                .isEqualTo(new Resolution.Unresolved("https://ehr.example/fhir/Patient?identifier=x|1"));
        assertThat(index.resolve(null, "Patient/8")).isEqualTo(new Resolution.Unresolved("Patient/8"));
        assertThat(index.resolve(null, "  ")).isEqualTo(new Resolution.Unresolved("  "));
        assertThat(index.resolve(null, "urn:oid:1.2.3")).isEqualTo(new Resolution.Unresolved("urn:oid:1.2.3"));
    }

    @Test
    void whenTwoSourcesShareAnIdTheReferrersOwnServerOrSourceWins() {
        StoredRecord fromA = record("{\"resourceType\":\"Patient\",\"id\":\"1\",\"gender\":\"female\"}",
                "https://a.example/fhir/Patient/1", "hospital-a.json");
        StoredRecord fromB = record("{\"resourceType\":\"Patient\",\"id\":\"1\",\"gender\":\"male\"}",
                "https://b.example/fhir/Patient/1", "clinic-b.json");
        StoredRecord observationB = record("{\"resourceType\":\"Observation\",\"id\":\"9\"}",
                "https://b.example/fhir/Observation/9", "clinic-b.json");
        StoredRecord bareB = record("{\"resourceType\":\"Observation\",\"id\":\"10\"}", null, "clinic-b.json");
        RecordIndex index = RecordIndex.of(List.of(fromA, fromB, observationB, bareB));

        assertThat(index.resolve(observationB, "Patient/1")).isEqualTo(new Resolution.InVault(fromB));
        assertThat(index.resolve(bareB, "Patient/1")).isEqualTo(new Resolution.InVault(fromB));
        assertThat(index.resolve(null, "Patient/1")).isEqualTo(new Resolution.InVault(fromA));
    }

    @Test
    void aRecordThatIsNotJsonDoesNotBreakTheIndexOrTheDisplay() {
        StoredRecord odd = new StoredRecord(UUID.randomUUID(), 1, new FhirResource("Observation", "x", null, "not json"),
                List.of());
        RecordIndex index = RecordIndex.of(List.of(odd));
        assertThat(index.categoryOf(odd)).isEqualTo(Category.OTHER);
        assertThat(TextRenderer.english().render(RecordSummary.of(odd, index).title())).isEqualTo("Observation");
        assertThat(RecordDetail.of(odd, index).rows()).isNotEmpty();
    }

    @Test
    void looksUpByRowIdTypeAndCategory() throws Exception {
        Path file = SharedTestData.fhirFile("synthea-r4", "Jorge_Brekke_");
        List<StoredRecord> records = SharedTestData.stored(file);
        RecordIndex index = RecordIndex.of(records);
        JsonNode bundle = RealExportsTestTrees.tree(java.nio.file.Files.readString(file));
        int vitals = 0;
        int labs = 0;
        int otherObservations = 0;
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (resource.path("resourceType").asText().equals("Observation")) {
                String category = resource.path("category").path(0).path("coding").path(0).path("code").asText();
                if (category.equals("vital-signs")) {
                    vitals++;
                } else if (category.equals("laboratory")) {
                    labs++;
                } else {
                    otherObservations++;
                }
            }
        }
        Map<String, Integer> byType = RealExportsTest.countByType(records.stream().map(StoredRecord::resource).toList());

        assertThat(index.size()).isEqualTo(records.size());
        assertThat(index.byId(records.get(5).id())).contains(records.get(5));
        assertThat(index.byId(UUID.randomUUID())).isEmpty();
        StoredRecord patient = index.byType("Patient").get(0);
        assertThat(index.find("Patient", patient.resource().id())).contains(patient);
        assertThat(index.byCategory(Category.ALLERGIES)).hasSize(byType.get("AllergyIntolerance"));
        assertThat(index.byCategory(Category.IMMUNIZATIONS)).hasSize(byType.get("Immunization"));
        assertThat(index.byCategory(Category.CONDITIONS)).hasSize(byType.get("Condition"));
        assertThat(index.byCategory(Category.MEDICATIONS)).hasSize(byType.get("MedicationRequest"));
        assertThat(index.byCategory(Category.ENCOUNTERS)).hasSize(byType.get("Encounter"));
        assertThat(index.byCategory(Category.PROCEDURES)).hasSize(byType.get("Procedure") + byType.get("ImagingStudy"));
        assertThat(index.byCategory(Category.VITAL_SIGNS)).hasSize(vitals);
        assertThat(index.byCategory(Category.LAB_RESULTS)).hasSize(labs + byType.get("DiagnosticReport"));
        assertThat(index.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(records.size());
        assertThat(index.counts().get(Category.OTHER)).isEqualTo(otherObservations + byType.get("Patient")
                + byType.get("Organization") + byType.get("Practitioner") + byType.get("Claim")
                + byType.get("ExplanationOfBenefit") + byType.get("CarePlan"));
    }
}
