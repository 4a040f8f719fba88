package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleBuilderTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir Path dir;

    @Test
    void aCategoryShareCarriesThoseRecordsThePatientAndWhoPrescribed() throws Exception {
        try (Vault vault = TestWallets.withFiles(dir, "Jorge", TestWallets.jorge())) {
            ShareContent content = ShareContent.build(vault.index(), new ShareSelection.Categories(Set.of(Category.MEDICATIONS)),
                    vault.label(), NOW, ZoneOffset.UTC);
            JsonNode bundle = ShareJson.read(content.bundle().json());

            assertThat(bundle.path("type").asText()).isEqualTo("collection");
            assertThat(bundle.path("timestamp").asText()).isEqualTo("2026-11-29T10:00:00Z");
            assertThat(types(bundle)).containsExactly("Patient", "MedicationRequest", "MedicationRequest", "MedicationRequest",
                    "MedicationRequest", "MedicationRequest", "MedicationRequest", "MedicationRequest", "Practitioner");
            assertThat(content.bundle().recordIds()).hasSize(9).doesNotHaveDuplicates();
            assertThat(content.contentType()).isEqualTo("application/fhir+json");
            Map<String, JsonNode> byUrl = byUrl(bundle);
            for (JsonNode entry : bundle.path("entry")) {
                JsonNode resource = entry.path("resource");
                if (resource.path("resourceType").asText().equals("MedicationRequest")) {
                    assertThat(byUrl.get(resource.path("subject").path("reference").asText()).path("resourceType").asText())
                            .isEqualTo("Patient");
                    assertThat(byUrl.get(resource.path("requester").path("reference").asText()).path("resourceType").asText())
                            .isEqualTo("Practitioner");
                    // The encounter was not chosen: its reference stays as written, unresolved here.
                    assertThat(byUrl).doesNotContainKey(resource.path("encounter").path("reference").asText());
                }
            }
        }
    }

    @Test
    void typeAndIdReferencesArePointedAtTheEntriesThatCarryThem() throws Exception {
        // The PDex export: fullUrls are urn:uuid but references are "Patient/999"; as written, no
        // viewer could resolve them inside a Bundle.
        try (Vault vault = TestWallets.withFiles(dir, "Pat", ShareTestData.fhir("uscore/pdex_bundle_patient_999.json"))) {
            JsonNode bundle = ShareJson.read(ShareContent.build(vault.index(),
                    new ShareSelection.Categories(Set.of(Category.CONDITIONS)), vault.label(), NOW, ZoneOffset.UTC).bundle().json());
            Map<String, JsonNode> byUrl = byUrl(bundle);
            List<JsonNode> conditions = bundle.findParents("resourceType").stream()
                    .filter(r -> r.path("resourceType").asText().equals("Condition")).toList();

            assertThat(conditions).hasSize(2).allSatisfy(condition -> {
                String subject = condition.path("subject").path("reference").asText();
                assertThat(subject).startsWith("urn:uuid:");
                assertThat(byUrl.get(subject).path("id").asText()).isEqualTo("999");
            });
        }
    }

    @Test
    void recordsPickedByHandComeInTheOrderPicked() throws Exception {
        try (Vault vault = TestWallets.withFiles(dir, "Jorge", TestWallets.jorge())) {
            List<StoredRecord> allergies = vault.index().byCategory(Category.ALLERGIES);
            Set<UUID> picked = new LinkedHashSet<>(List.of(allergies.get(3).id(), allergies.get(0).id()));

            ShareContent content = ShareContent.build(vault.index(), new ShareSelection.Records(picked), "", NOW, ZoneOffset.UTC);

            assertThat(content.bundle().recordIds()).containsExactly(vault.index().byType("Patient").get(0).id(),
                    allergies.get(3).id(), allergies.get(0).id());
            assertThat(content.selection().describe()).isEqualTo("2 records chosen by hand");
        }
    }

    @Test
    void aDateRangeTakesTheRecordsDatedInsideIt() throws Exception {
        try (Vault vault = TestWallets.withFiles(dir, "Jorge", TestWallets.jorge())) {
            ShareSelection.DateRange range = new ShareSelection.DateRange(LocalDate.of(2020, 7, 1), LocalDate.of(2020, 7, 31), Set.of());
            ShareContent content = ShareContent.build(vault.index(), range, "", NOW, ZoneOffset.UTC);

            List<UUID> expected = new ArrayList<>();
            for (RecordSummary summary : RecordSummary.all(vault.index())) {
                if (summary.date().isPresent() && summary.date().get().date().getMonthValue() == 7
                        && summary.date().get().date().getYear() == 2020 && !summary.record().resource().resourceType().equals("Patient")) {
                    expected.add(summary.record().id());
                }
            }
            assertThat(expected).isNotEmpty();
            assertThat(content.bundle().recordIds()).containsAll(expected);
            JsonNode bundle = ShareJson.read(content.bundle().json());
            assertThat(types(bundle)).contains("Condition", "Procedure", "Encounter").doesNotContain("Immunization");
            assertThat(range.describe()).isEqualTo("Records dated 2020-07-01 to 2020-07-31");
        }
    }

    @Test
    void aChoiceThatMatchesNothingOrARecordThatIsGoneIsAClearError() throws Exception {
        try (Vault vault = TestWallets.withFiles(dir, "Jorge", TestWallets.jorge())) {
            assertThatThrownBy(() -> ShareContent.build(vault.index(), new ShareSelection.Categories(Set.of(Category.DOCUMENTS)),
                    "", NOW, ZoneOffset.UTC)).isInstanceOf(ShareException.class).hasMessageContaining("Nothing to share")
                    .hasMessageContaining("Documents");
            assertThatThrownBy(() -> ShareContent.build(vault.index(), new ShareSelection.Records(Set.of(UUID.randomUUID())),
                    "", NOW, ZoneOffset.UTC)).isInstanceOf(ShareException.class).hasMessageContaining("no longer in the wallet");
        }
    }

    @Test
    void decimalsLeaveAsTheyWereWritten() throws Exception {
        String source = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:33333333-3333-4333-8333-333333333333","resource":{"resourceType":"Observation","id":"o1",
                   "status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                   "code":{"text":"Potassium"},"effectiveDateTime":"2024-01-02","valueQuantity":{"value":4.50,"unit":"mmol/L"}}}]}""";
        try (Vault vault = TestWallets.withBundle(dir, "", source)) {
            String json = ShareContent.build(vault.index(), new ShareSelection.Categories(Set.of(Category.LAB_RESULTS)), "", NOW,
                    ZoneOffset.UTC).bundle().json();
            assertThat(json).contains("\"value\":4.50,");
        }
    }

    private static List<String> types(JsonNode bundle) {
        List<String> types = new ArrayList<>();
        bundle.path("entry").forEach(e -> types.add(e.path("resource").path("resourceType").asText()));
        return types;
    }

    private static Map<String, JsonNode> byUrl(JsonNode bundle) {
        Map<String, JsonNode> byUrl = new HashMap<>();
        bundle.path("entry").forEach(e -> byUrl.put(e.path("fullUrl").asText(), e.path("resource")));
        return byUrl;
    }
}
