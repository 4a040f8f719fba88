package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.Provenance;
import org.healthwallet.core.records.Skipped;
import org.healthwallet.core.records.StoredRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultImportTest {
    @TempDir Path dir;
    private final char[] passphrase = "plum orchard lantern 42".toCharArray();
    private Path file;

    @BeforeEach
    void createWallet() throws Exception {
        file = dir.resolve("me.hwvault");
        Vault.create(file, passphrase, CHEAP_KDF).vault().close();
    }

    @Test
    void importStoresEveryResourceWithProvenanceAndReportsCountsAndSkips() throws Exception {
        Skipped skip = new Skipped("clinic.json", "entry 7", "Observation", "effectiveDateTime \"2019-13-45\" is not a date");
        ParsedSource source = GeneratedRecords.withSkips(GeneratedRecords.source("clinic.json", "a", 30), skip);

        try (Vault vault = Vault.unlock(file, passphrase)) {
            ImportReport report = vault.importRecords(List.of(source), ImportProgress.NONE);

            assertThat(report.added()).isEqualTo(30);
            assertThat(report.merged()).isZero();
            assertThat(report.importedByType()).isEqualTo(Map.of("Patient", 1, "Observation", 29));
            assertThat(report.skipped()).containsExactly(skip);
            assertThat(vault.records()).hasSize(30).allSatisfy(r -> {
                assertThat(r.version()).isEqualTo(1);
                assertThat(r.provenance()).singleElement().satisfies(p -> {
                    assertThat(p.source()).isEqualTo("clinic.json");
                    assertThat(p.contentHash()).isEqualTo(r.resource().contentHash());
                });
            });
            assertThat(vault.records()).extracting(StoredRecord::resource).containsExactlyElementsOf(source.resources());
            assertThat(vault.records()).extracting(StoredRecord::id).doesNotHaveDuplicates();
        }
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.records()).extracting(StoredRecord::resource).containsExactlyElementsOf(source.resources());
        }
    }

    @Test
    void theSameRecordFromTwoSourcesIsMergedKeepingBothProvenances() throws Exception {
        ParsedSource clinic = GeneratedRecords.source("clinic.json", "a", 10);
        // The hospital's export repeats five of the clinic's records and adds five of its own.
        List<FhirResource> hospitalResources = new java.util.ArrayList<>(clinic.resources().subList(0, 5));
        hospitalResources.addAll(GeneratedRecords.source("x", "b", 5).resources());
        ParsedSource hospital = new ParsedSource("hospital.ndjson", hospitalResources, List.of());

        try (Vault vault = Vault.unlock(file, passphrase)) {
            vault.importRecords(List.of(clinic), ImportProgress.NONE);
            ImportReport second = vault.importRecords(List.of(hospital), ImportProgress.NONE);

            assertThat(second.added()).isEqualTo(5);
            assertThat(second.merged()).isEqualTo(5);
            assertThat(second.importedByType()).isEqualTo(Map.of("Patient", 2, "Observation", 8));
            assertThat(vault.records()).hasSize(15);
        }
        try (Vault vault = Vault.unlock(file, passphrase)) {
            Map<String, StoredRecord> byJson = vault.records().stream()
                    .collect(Collectors.toMap(r -> r.resource().json(), Function.identity()));
            StoredRecord shared = byJson.get(clinic.resources().get(0).json());
            assertThat(shared.version()).isEqualTo(2);
            assertThat(shared.provenance()).extracting(Provenance::source).containsExactly("clinic.json", "hospital.ndjson");
            assertThat(shared.provenance().get(1).importedAt()).isAfterOrEqualTo(shared.provenance().get(0).importedAt());
            StoredRecord onlyClinic = byJson.get(clinic.resources().get(9).json());
            assertThat(onlyClinic.version()).isEqualTo(1);
            assertThat(onlyClinic.provenance()).extracting(Provenance::source).containsExactly("clinic.json");
        }
    }

    @Test
    void duplicatesWithinOneImportAreMergedAndTheVersionBumpsOnce() throws Exception {
        ParsedSource a = GeneratedRecords.source("a.json", "a", 4);
        ParsedSource b = new ParsedSource("b.json", a.resources(), List.of());
        ParsedSource c = new ParsedSource("c.json", a.resources(), List.of());

        try (Vault vault = Vault.unlock(file, passphrase)) {
            ImportReport first = vault.importRecords(List.of(a, b), ImportProgress.NONE);
            assertThat(first.added()).isEqualTo(4);
            assertThat(first.merged()).isEqualTo(4);
            assertThat(first.importedByType()).isEqualTo(Map.of("Patient", 2, "Observation", 6));
            assertThat(vault.records()).hasSize(4).allSatisfy(r -> {
                assertThat(r.version()).isEqualTo(1);
                assertThat(r.provenance()).extracting(Provenance::source).containsExactly("a.json", "b.json");
            });

            vault.importRecords(List.of(c, c), ImportProgress.NONE);
            assertThat(vault.records()).hasSize(4).allSatisfy(r -> {
                assertThat(r.version()).isEqualTo(2);
                assertThat(r.provenance()).extracting(Provenance::source).containsExactly("a.json", "b.json", "c.json");
            });
        }
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.records()).allSatisfy(r -> assertThat(r.version()).isEqualTo(2));
        }
    }

    @Test
    void cancellingMidImportRollsBackAndChangesNothing() throws Exception {
        try (Vault vault = Vault.unlock(file, passphrase)) {
            vault.importRecords(List.of(GeneratedRecords.source("first.json", "a", 10)), ImportProgress.NONE);
        }
        byte[] before = Files.readAllBytes(file);
        List<StoredRecord> recordsBefore;
        RecordingProgress progress = new RecordingProgress(u -> u.phase().equals("importing") && u.done() == 700);
        List<ParsedSource> sources = List.of(GeneratedRecords.source("big.json", "b", 1000),
                new ParsedSource("repeat.json", GeneratedRecords.source("x", "a", 10).resources(), List.of()));

        try (Vault vault = Vault.unlock(file, passphrase)) {
            recordsBefore = vault.records();
            assertThatThrownBy(() -> vault.importRecords(sources, progress))
                    .isInstanceOf(ImportCancelledException.class)
                    .hasMessage("Import cancelled; nothing was changed.");
            assertThat(vault.records()).isEqualTo(recordsBefore);
            assertThat(progress.updates).noneMatch(u -> u.phase().equals("importing") && u.done() > 700);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.records()).isEqualTo(recordsBefore);
        }
    }

    @Test
    void cancellingWhileSavingAlsoRollsBack() throws Exception {
        RecordingProgress progress = new RecordingProgress(u -> u.phase().equals("saving") && u.done() == 300);
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThatThrownBy(() -> vault.importRecords(List.of(GeneratedRecords.source("big.json", "b", 800)), progress))
                    .isInstanceOf(ImportCancelledException.class);
            assertThat(vault.records()).isEmpty();
            // The wallet is still usable after a cancelled import.
            vault.importRecords(List.of(GeneratedRecords.source("small.json", "c", 3)), ImportProgress.NONE);
        }
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.records()).hasSize(3);
        }
    }

    @Test
    void progressCountsEntriesThenRows() throws Exception {
        RecordingProgress progress = new RecordingProgress();
        try (Vault vault = Vault.unlock(file, passphrase)) {
            vault.importRecords(List.of(GeneratedRecords.source("a.json", "a", 50), GeneratedRecords.source("b.json", "b", 50)), progress);
        }
        assertThat(progress.last("importing")).isEqualTo(new long[] {100, 100});
        assertThat(progress.last("saving")).isEqualTo(new long[] {100, 100});
        assertThat(progress.updates.get(0)).isEqualTo(new RecordingProgress.Update("importing", 0, 100));
    }
}
