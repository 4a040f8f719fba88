package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real export under ../shared/testdata/fhir reads, entry for entry. */
class RealExportsTest {
    /** An independent reading of the files: plain Jackson, nothing of the reader's. */
    private static final ObjectMapper PLAIN = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    static Stream<Path> bundles() {
        return SharedTestData.allBundles().stream();
    }

    @Test
    void findsEveryBundleOfTheTestData() {
        // The shared data grows (Synthea 3.3 arrived later): every bundle known here must be found, and
        // nothing the walk finds may be a vector of another kind.
        assertThat(SharedTestData.allBundles()).extracting(p -> p.getFileName().toString()).contains(
                "bfd_v2_eobByPatientIdPaged.json", "inferno_carin_bundle_patient_888.json", "IPS_IG-bundle-01.json",
                "hl7-fhir-ips_bundle-minimal.json", "npm_hl7.fhir.uv.ips-2.0.0_Bundle-bundle-ips-all-sections.json",
                "Curtis94_Willms744_b55ff899-865d-d2f9-8e4d-15ed4f19e404.json",
                "Lorenzo669_Barela183_b0db19cc-466a-711f-3020-830bfebb2ae4.json",
                "Rubin812_Conroy74_88e56a5c-afaa-f488-f338-1e57d8aa279b.json",
                "Jorge_Brekke_ac7921e0-c949-4b42-97f2-fad5d171cd01.json", "Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json",
                "Vito_Feeney_63dd4423-56ec-4f40-9dd6-82bc133aaddc.json", "pdex_bundle_patient_999.json",
                "uscore_bundle_patient_355.json", "uscore_bundle_patient_907.json")
                .allSatisfy(name -> assertThat(name).endsWith(".json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void countsPerTypeAreTheFilesCountsMinusWhatWasSkipped(Path file) throws Exception {
        JsonNode bundle = PLAIN.readTree(file.toFile());
        Map<String, Integer> inFile = new TreeMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            inFile.merge(entry.path("resource").path("resourceType").asText(), 1, Integer::sum);
        }

        ParsedSource source = single(new FhirReader().read(file, ImportProgress.NONE));

        Map<String, Integer> expected = new TreeMap<>(inFile);
        for (Skipped skipped : source.skipped()) {
            assertThat(skipped.reason()).as("reason of %s", skipped).isNotBlank();
            assertThat(skipped.position()).as("position of %s", skipped).matches("entry \\d+");
            assertThat(skipped.source()).isEqualTo(file.getFileName().toString());
            expected.merge(skipped.resourceType(), -1, Integer::sum);
        }
        expected.values().removeIf(n -> n == 0);
        assertThat(countByType(source.resources())).isEqualTo(expected);
        assertThat(source.resources().size() + source.skipped().size()).isEqualTo(bundle.path("entry").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void keepsEachResourceAsReceivedInTheFilesFieldOrder(Path file) throws Exception {
        JsonNode bundle = PLAIN.readTree(file.toFile());
        ParsedSource source = single(new FhirReader().read(file, ImportProgress.NONE));
        Map<String, JsonNode> originals = new TreeMap<>();
        int position = 0;
        for (JsonNode entry : bundle.path("entry")) {
            originals.put("entry " + ++position, entry.path("resource"));
        }
        List<String> skippedPositions = source.skipped().stream().map(Skipped::position).toList();
        List<JsonNode> kept = new ArrayList<>();
        for (int i = 1; i <= position; i++) {
            if (!skippedPositions.contains("entry " + i)) {
                kept.add(originals.get("entry " + i));
            }
        }
        assertThat(source.resources()).hasSameSizeAs(kept);
        for (int i = 0; i < kept.size(); i++) {
            FhirResource resource = source.resources().get(i);
            JsonNode reread = PLAIN.readTree(resource.json());
            assertThat(reread).isEqualTo(kept.get(i));
            assertThat(fieldNames(reread)).isEqualTo(fieldNames(kept.get(i)));
            assertThat(resource.json()).doesNotContain("\n").doesNotContain("\": ");
        }
    }

    @Test
    void onlyTheBlueButtonFileHasEntriesThatCannotBeRead() throws Exception {
        for (Path file : SharedTestData.allBundles()) {
            ParsedSource source = single(new FhirReader().read(file, ImportProgress.NONE));
            if (!file.getFileName().toString().startsWith("bfd_")) {
                assertThat(source.skipped()).as(file.toString()).isEmpty();
            }
        }
    }

    @Test
    void blueButtonIgnoredFieldInstantsAreSkippedNamingTheField() throws Exception {
        Path file = SharedTestData.fhirFile("bluebutton", "bfd_v2_eobByPatientIdPaged");
        ParsedSource source = single(new FhirReader().read(file, ImportProgress.NONE));

        assertThat(source.resources()).isEmpty();
        assertThat(source.skipped()).hasSize(8).allSatisfy(skipped -> {
            assertThat(skipped.resourceType()).isEqualTo("ExplanationOfBenefit");
            assertThat(skipped.reason()).contains("meta.lastUpdated").contains("IGNORED_FIELD")
                    .contains("not a valid instant");
        });
        assertThat(source.skipped()).extracting(Skipped::position)
                .containsExactly("entry 1", "entry 2", "entry 3", "entry 4", "entry 5", "entry 6", "entry 7", "entry 8");
    }

    @Test
    void aWholeFolderOfExportsReadsAsOneSourcePerFile() throws Exception {
        Path folder = SharedTestData.fhirRoot().resolve("synthea-r4");
        List<ParsedSource> sources = new FhirReader().read(folder, ImportProgress.NONE);
        assertThat(sources).extracting(ParsedSource::sourceLabel).allMatch(label -> label.startsWith("synthea-r4/"))
                .hasSize(3);
        int entries = 0;
        for (ParsedSource source : sources) {
            Path file = folder.resolve(source.sourceLabel().substring("synthea-r4/".length()));
            entries += PLAIN.readTree(file.toFile()).path("entry").size();
        }
        assertThat(sources.stream().mapToInt(s -> s.resources().size()).sum()).isEqualTo(entries);
    }

    private static ParsedSource single(List<ParsedSource> sources) {
        assertThat(sources).hasSize(1);
        return sources.get(0);
    }

    static Map<String, Integer> countByType(List<FhirResource> resources) {
        Map<String, Integer> counts = new TreeMap<>();
        for (FhirResource resource : resources) {
            counts.merge(resource.resourceType(), 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode tree(String json) throws IOException {
        return PLAIN.readTree(json);
    }
}
