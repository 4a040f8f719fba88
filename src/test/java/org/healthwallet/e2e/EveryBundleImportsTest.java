package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.Skipped;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 2's acceptance: every bundle under shared/testdata/fhir (but the SHL and SHC vectors)
 * imports into a real vault; per resource type, what the vault holds equals the file's own count
 * minus the entries reported as skipped, and every skip says where and why.
 */
class EveryBundleImportsTest {
    private static final KdfParams CHEAP = new KdfParams(64, 1, 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> bundles() throws IOException {
        Path fhir = SharedTestData.root().resolve("fhir");
        try (Stream<Path> files = Files.walk(fhir)) {
            List<Path> found = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !fhir.relativize(p).startsWith("shl") && !fhir.relativize(p).startsWith("shc"))
                    .sorted().toList();
            assertThat(found).hasSizeGreaterThanOrEqualTo(12);
            return found.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void importsWithCountsThatAddUp(Path bundle, @TempDir Path dir) throws Exception {
        Map<String, Integer> inFile = countsInFile(bundle);
        List<ParsedSource> read = new FhirReader().read(bundle, ImportProgress.NONE);

        try (Vault vault = Vault.create(dir.resolve("wallet.db"), "a long test passphrase".toCharArray(), CHEAP).vault()) {
            ImportReport report = vault.importRecords(read, ImportProgress.NONE);

            Map<String, Integer> expected = new HashMap<>(inFile);
            for (Skipped skip : report.skipped()) {
                assertThat(skip.reason()).as("reason of " + skip).isNotBlank();
                assertThat(skip.position()).as("position of " + skip).isNotBlank();
                if (skip.resourceType() != null) {
                    expected.merge(skip.resourceType(), -1, Integer::sum);
                }
            }
            expected.values().removeIf(n -> n == 0);
            assertThat(report.importedByType()).isEqualTo(expected);

            // What the vault holds: one record per distinct resource (identical copies merge).
            Map<String, Integer> held = new HashMap<>();
            for (StoredRecord r : vault.records()) {
                held.merge(r.resource().resourceType(), 1, Integer::sum);
            }
            assertThat(report.added()).isEqualTo(vault.records().size());
            assertThat(report.added() + report.merged()).isEqualTo(expected.values().stream().mapToInt(i -> i).sum());
            held.forEach((type, n) -> assertThat(n).as(type).isLessThanOrEqualTo(expected.getOrDefault(type, 0)));
        }
    }

    /** Counts entries with a resource by resourceType, straight from the JSON. */
    private static Map<String, Integer> countsInFile(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        Map<String, Integer> counts = new HashMap<>();
        if ("Bundle".equals(root.path("resourceType").asText()) && root.has("entry")) {
            for (JsonNode entry : root.get("entry")) {
                JsonNode resource = entry.path("resource");
                if (resource.isObject()) {
                    counts.merge(resource.path("resourceType").asText(), 1, Integer::sum);
                }
            }
        } else {
            counts.merge(root.path("resourceType").asText(), 1, Integer::sum);
        }
        return counts;
    }
}
