package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ParsedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports a real patient's export and searches the raw bytes of the wallet file (and of its
 * journal, caught while the import's transaction is open) for what identifies her: name, codes,
 * dates, resource types, the source's file name. None may appear.
 */
class PlaintextLeakTest {
    @TempDir Path dir;

    @Test
    void nothingIdentifyingIsInClearInTheFileOrItsJournal() throws Exception {
        Path bundle = TestData.fhirFile("synthea-r4", "Jorge_Brekke_");
        List<ParsedSource> sources = new FhirReader().read(bundle, ImportProgress.NONE);
        Map<String, String> secrets = identifyingStrings(sources);
        String sourceText = Files.readString(bundle);
        assertThat(secrets).as("the probes come from the data itself")
                .allSatisfy((what, s) -> assertThat(what.equals("source label") ? bundle.getFileName().toString() : sourceText).contains(s));

        Path file = dir.resolve("me.hwvault");
        Path journal = dir.resolve("me.hwvault-journal");
        Path wal = dir.resolve("me.hwvault-wal");
        List<byte[]> duringImport = new ArrayList<>();
        String label = secrets.get("given name") + " " + secrets.get("family name");
        try (Vault vault = Vault.create(file, "plum orchard lantern 42".toCharArray(), CHEAP_KDF, label).vault()) {
            RecordingProgress progress = new RecordingProgress(u -> {
                if (u.phase().equals("saving") && u.done() == u.total() / 2) {
                    duringImport.add(readIfPresent(journal));
                    duringImport.add(readIfPresent(wal));
                    duringImport.add(readIfPresent(file));
                }
                return false;
            });
            var report = vault.importRecords(sources, progress);
            assertThat(report.added()).isGreaterThan(300);
        }
        assertThat(duringImport).as("files were caught mid-transaction").hasSize(3);
        assertThat(duringImport.get(0).length).as("the journal existed during the import").isPositive();

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("wallet file", Files.readAllBytes(file));
        files.put("journal during import", duringImport.get(0));
        files.put("wal during import", duringImport.get(1));
        files.put("wallet file during import", duringImport.get(2));
        try (var siblings = Files.list(dir)) {
            for (Path p : siblings.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String bytes = new String(f.getValue(), StandardCharsets.ISO_8859_1);
            for (Map.Entry<String, String> probe : secrets.entrySet()) {
                assertThat(bytes).as(f.getKey() + " must not contain the " + probe.getKey() + " \"" + probe.getValue() + "\"")
                        .doesNotContain(new String(probe.getValue().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** The patient's name, a SNOMED and a LOINC code, a date, resource types and the source label. */
    private static Map<String, String> identifyingStrings(List<ParsedSource> sources) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> found = new LinkedHashMap<>();
        for (ParsedSource source : sources) {
            found.put("source label", source.sourceLabel());
            for (FhirResource r : source.resources()) {
                JsonNode node = json.readTree(r.json());
                if (r.resourceType().equals("Patient")) {
                    found.putIfAbsent("family name", node.at("/name/0/family").asText());
                    found.putIfAbsent("given name", node.at("/name/0/given/0").asText());
                    found.putIfAbsent("birth date", node.at("/birthDate").asText());
                }
                if (r.resourceType().equals("Condition") && node.at("/code/coding/0/system").asText().contains("snomed")) {
                    found.putIfAbsent("SNOMED code", node.at("/code/coding/0/code").asText());
                }
                if (r.resourceType().equals("Observation") && node.at("/code/coding/0/system").asText().contains("loinc")) {
                    found.putIfAbsent("LOINC code", node.at("/code/coding/0/code").asText());
                    found.putIfAbsent("observation date", node.at("/effectiveDateTime").asText().substring(0, 10));
                }
            }
        }
        found.put("resource type", "Observation");
        found.put("another resource type", "Immunization");
        assertThat(found).containsKeys("family name", "given name", "SNOMED code", "LOINC code", "observation date");
        assertThat(found.values()).allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(4));
        return found;
    }

    private static byte[] readIfPresent(Path p) {
        try {
            return Files.exists(p) ? Files.readAllBytes(p) : new byte[0];
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
