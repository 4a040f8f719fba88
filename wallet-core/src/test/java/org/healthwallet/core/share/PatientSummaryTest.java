package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IPS document checked against the profile's rules that can be checked by structure. */
class PatientSummaryTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Map<String, Set<String>> SECTION_TYPES = Map.of(
            "11450-4", Set.of("Condition"), "48765-2", Set.of("AllergyIntolerance"),
            "10160-0", Set.of("MedicationStatement", "MedicationRequest"), "11369-6", Set.of("Immunization"),
            "30954-2", Set.of("Observation", "DiagnosticReport"), "8716-3", Set.of("Observation"),
            "47519-4", Set.of("Procedure"), "11348-0", Set.of("Condition"));

    @TempDir Path dir;

    @Test
    void jorgesSummaryHasTheThreeRequiredSectionsWithEntries() throws Exception {
        try (Vault vault = TestWallets.withFiles(dir, "Jorge", TestWallets.jorge())) {
            BuiltBundle built = PatientSummaryBuilder.build(vault.index(), vault.label(), NOW, ZoneOffset.UTC);
            JsonNode bundle = ShareJson.read(built.json());
            Map<String, JsonNode> byUrl = checkDocument(bundle);
            JsonNode composition = bundle.path("entry").path(0).path("resource");

            Map<String, JsonNode> sections = sectionsByCode(composition);
            assertThat(sections).containsKeys("11450-4", "48765-2", "10160-0", "11369-6", "30954-2", "8716-3", "47519-4", "11348-0");
            for (String required : List.of("11450-4", "48765-2", "10160-0")) {
                assertThat(sections.get(required).path("entry").size()).as(required).isPositive();
                assertThat(sections.get(required).has("emptyReason")).isFalse();
            }
            // Jorge's active conditions and active prescriptions, not the resolved or stopped ones.
            assertThat(titles(sections.get("11450-4"), byUrl)).containsExactlyInAnyOrder(
                    "Seasonal allergic rhinitis", "Chronic sinusitis (disorder)", "Child attention deficit disorder");
            assertThat(titles(sections.get("11348-0"), byUrl)).contains("Viral sinusitis (disorder)", "Fracture of forearm");
            assertThat(sections.get("48765-2").path("entry").size()).isEqualTo(10);
            assertThat(sections.get("10160-0").path("entry")).hasSize(3);
            assertThat(sections.get("10160-0").path("entry")).allSatisfy(ref ->
                    assertThat(byUrl.get(ref.path("reference").asText()).path("status").asText()).isEqualTo("active"));
            assertThat(sections.get("11369-6").path("entry").size()).isEqualTo(35);
            assertThat(sections.get("10160-0").path("text").path("div").asText()).contains("Methylphenidate Hydrochloride 20 MG Oral Tablet");

            // Latest of each code only: no two results in the section share a code.
            List<String> resultCodes = new ArrayList<>();
            for (JsonNode ref : sections.get("30954-2").path("entry")) {
                JsonNode coding = byUrl.get(ref.path("reference").asText()).path("code").path("coding").path(0);
                resultCodes.add(coding.path("system").asText() + "|" + coding.path("code").asText());
            }
            assertThat(resultCodes).doesNotHaveDuplicates().isNotEmpty();

            // The vault's Patient is the subject, and every record goes out as the vault holds it
            // (Synthea's urn:uuid references already resolve by fullUrl, so nothing is rewritten).
            JsonNode patient = byUrl.get(composition.path("subject").path("reference").asText());
            assertThat(patient.path("name").path(0).path("family").asText()).startsWith("Brekke");
            Map<String, String> stored = new HashMap<>();
            for (StoredRecord r : vault.records()) {
                stored.put(r.resource().fullUrl(), ShareJson.write(ShareJson.read(r.resource().json())));
            }
            for (JsonNode entry : bundle.path("entry")) {
                String url = entry.path("fullUrl").asText();
                if (stored.containsKey(url)) {
                    assertThat(ShareJson.write(entry.path("resource"))).as(url).isEqualTo(stored.get(url));
                }
            }
            assertThat(built.recordIds()).hasSize(built.entryCount() - 2);
        }
    }

    @Test
    void anEmptyWalletGivesTheRequiredSectionsWithEmptyReasonNotAsked() throws Exception {
        try (Vault vault = TestWallets.withFiles(dir, "Ana Example")) {
            JsonNode bundle = ShareJson.read(PatientSummaryBuilder.build(vault.index(), vault.label(), NOW, ZoneOffset.UTC).json());
            Map<String, JsonNode> byUrl = checkDocument(bundle);
            JsonNode composition = bundle.path("entry").path(0).path("resource");
            Map<String, JsonNode> sections = sectionsByCode(composition);

            assertThat(sections.keySet()).containsExactlyInAnyOrder("11450-4", "48765-2", "10160-0");
            assertThat(sections.values()).allSatisfy(section -> {
                assertThat(section.has("entry")).isFalse();
                assertThat(section.path("emptyReason").path("coding").path(0).path("system").asText())
                        .isEqualTo("http://terminology.hl7.org/CodeSystem/list-empty-reason");
                assertThat(section.path("emptyReason").path("coding").path(0).path("code").asText()).isEqualTo("notasked");
                assertThat(section.path("text").path("div").asText()).contains("No information about");
            });
            JsonNode patient = byUrl.get(composition.path("subject").path("reference").asText());
            assertThat(patient.path("name").path(0).path("text").asText()).isEqualTo("Ana Example");
            assertThat(patient.path("_birthDate").path("extension").path(0).path("valueCode").asText()).isEqualTo("unknown");
            assertThat(composition.path("title").asText()).isEqualTo("Patient Summary as of 29 November 2026");
        }
    }

    @Test
    void aWalletWithOnlyImmunizationsSaysNoProblemsAreKnown() throws Exception {
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:11111111-1111-4111-8111-111111111111","resource":{"resourceType":"Patient","id":"p1",
                   "name":[{"family":"Ng","given":["Mai"]}],"birthDate":"1990-02-03"}},
                 {"fullUrl":"urn:uuid:22222222-2222-4222-8222-222222222222","resource":{"resourceType":"Immunization","id":"i1",
                   "status":"completed","vaccineCode":{"text":"Tetanus"},"patient":{"reference":"Patient/p1"},
                   "occurrenceDateTime":"2024-05-06"}}]}""";
        try (Vault vault = TestWallets.withBundle(dir, "Mai", bundle)) {
            JsonNode ips = ShareJson.read(PatientSummaryBuilder.build(vault.index(), vault.label(), NOW, ZoneOffset.UTC).json());
            Map<String, JsonNode> byUrl = checkDocument(ips);
            Map<String, JsonNode> sections = sectionsByCode(ips.path("entry").path(0).path("resource"));

            assertThat(sections.keySet()).containsExactlyInAnyOrder("11450-4", "48765-2", "10160-0", "11369-6");
            assertThat(sections.get("11450-4").path("emptyReason").path("coding").path(0).path("code").asText()).isEqualTo("nilknown");
            assertThat(sections.get("11450-4").path("text").path("div").asText()).contains("No known problems");
            // "Patient/p1" in the Immunization now names the Patient entry by its fullUrl.
            JsonNode immunization = byUrl.get(sections.get("11369-6").path("entry").path(0).path("reference").asText());
            assertThat(immunization.path("patient").path("reference").asText()).isEqualTo("urn:uuid:11111111-1111-4111-8111-111111111111");
        }
    }

    /**
     * Bundle-uv-ips and Composition-uv-ips rules checked by structure; returns the resources by fullUrl.
     */
    static Map<String, JsonNode> checkDocument(JsonNode bundle) throws Exception {
        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("type").asText()).isEqualTo("document");
        assertThat(bundle.path("identifier").path("system").asText()).isNotEmpty();
        assertThat(bundle.path("identifier").path("value").asText()).isNotEmpty();
        assertThat(Instant.parse(bundle.path("timestamp").asText())).isNotNull();
        Map<String, JsonNode> byUrl = new HashMap<>();
        Map<String, Integer> types = new HashMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            String url = entry.path("fullUrl").asText();
            assertThat(url).isNotEmpty();
            assertThat(byUrl.put(url, entry.path("resource"))).as("fullUrl %s is unique", url).isNull();
            types.merge(entry.path("resource").path("resourceType").asText(), 1, Integer::sum);
        }
        assertThat(types.get("Composition")).isEqualTo(1);
        assertThat(types.get("Patient")).isEqualTo(1);
        JsonNode composition = bundle.path("entry").path(0).path("resource");
        assertThat(composition.path("resourceType").asText()).isEqualTo("Composition");
        assertThat(composition.path("status").asText()).isEqualTo("final");
        assertThat(composition.path("type").path("coding").path(0).path("system").asText()).isEqualTo("http://loinc.org");
        assertThat(composition.path("type").path("coding").path(0).path("code").asText()).isEqualTo("60591-5");
        JsonNode subject = byUrl.get(composition.path("subject").path("reference").asText());
        assertThat(subject).isNotNull();
        assertThat(subject.path("resourceType").asText()).isEqualTo("Patient");
        JsonNode name = subject.path("name").path(0);
        assertThat(name.has("text") || name.has("family") || name.has("given")).as("ips-pat-1").isTrue();
        assertThat(subject.has("birthDate") || subject.has("_birthDate")).isTrue();
        assertThat(composition.path("date").asText()).isNotEmpty();
        assertThat(composition.path("title").asText()).isNotEmpty();
        assertThat(composition.path("author").size()).isPositive();
        for (JsonNode author : composition.path("author")) {
            JsonNode who = byUrl.get(author.path("reference").asText());
            assertThat(who).isNotNull();
            assertThat(who.path("resourceType").asText()).isIn("Patient", "Device");
        }
        Set<String> codes = new HashSet<>();
        for (JsonNode section : composition.path("section")) {
            String code = section.path("code").path("coding").path(0).path("code").asText();
            assertThat(codes.add(code)).as("section %s appears once", code).isTrue();
            assertThat(section.path("code").path("coding").path(0).path("system").asText()).isEqualTo("http://loinc.org");
            assertThat(section.path("title").asText()).isNotEmpty();
            assertThat(section.path("text").path("status").asText()).isEqualTo("generated");
            String div = section.path("text").path("div").asText();
            assertThat(div).startsWith("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
            DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
            xml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            xml.newDocumentBuilder().parse(new ByteArrayInputStream(div.getBytes(StandardCharsets.UTF_8)));
            boolean hasEntries = section.path("entry").size() > 0;
            assertThat(hasEntries ^ section.has("emptyReason")).as("ips-comp-1 / cmp-2 for %s", code).isTrue();
            for (JsonNode ref : section.path("entry")) {
                JsonNode target = byUrl.get(ref.path("reference").asText());
                assertThat(target).as("section %s entry %s resolves", code, ref).isNotNull();
                assertThat(target.path("resourceType").asText()).isIn(SECTION_TYPES.get(code));
            }
        }
        assertThat(codes).contains("11450-4", "48765-2", "10160-0");
        // Every reference to a Patient in the document names the one Patient entry.
        for (JsonNode resource : byUrl.values()) {
            for (JsonNode ref : resource.findValues("reference")) {
                String text = ref.asText();
                JsonNode target = byUrl.get(text);
                if (target == null && (text.startsWith("Patient/") || text.contains("/Patient/"))) {
                    throw new AssertionError("unresolved Patient reference " + text);
                }
            }
        }
        return byUrl;
    }

    static Map<String, JsonNode> sectionsByCode(JsonNode composition) {
        Map<String, JsonNode> sections = new HashMap<>();
        composition.path("section").forEach(s -> sections.put(s.path("code").path("coding").path(0).path("code").asText(), s));
        return sections;
    }

    private static List<String> titles(JsonNode section, Map<String, JsonNode> byUrl) {
        List<String> titles = new ArrayList<>();
        for (JsonNode ref : section.path("entry")) {
            titles.add(byUrl.get(ref.path("reference").asText()).path("code").path("text").asText());
        }
        return titles;
    }
}
