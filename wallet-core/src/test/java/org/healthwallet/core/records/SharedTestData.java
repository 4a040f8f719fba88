package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Finds the third-party FHIR files under ../shared/testdata (never copied into the repo). */
final class SharedTestData {
    private SharedTestData() {}

    static Path fhirRoot() {
        Path root = Path.of(System.getProperty("healthwallet.root", ".."))
                .resolve("../shared/testdata/fhir").toAbsolutePath().normalize();
        assertThat(root).as("shared FHIR test data (../shared/testdata/fhir beside the repository)").isDirectory();
        return root;
    }

    /** One file by folder and name prefix, e.g. ("synthea-r4", "Jorge_Brekke_"). */
    static Path fhirFile(String folder, String namePrefix) {
        try (Stream<Path> files = Files.list(fhirRoot().resolve(folder))) {
            return files.filter(f -> f.getFileName().toString().startsWith(namePrefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + namePrefix + "* in " + folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .json bundle under the FHIR test data except the SMART Health Link/Card vectors. */
    static List<Path> allBundles() {
        Path root = fhirRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !root.relativize(f).startsWith("shl") && !root.relativize(f).startsWith("shc"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file as the vault would store it: one row per resource with a provenance entry. */
    static List<StoredRecord> stored(Path file) throws FhirReadException {
        List<StoredRecord> records = new ArrayList<>();
        for (ParsedSource source : new FhirReader().read(file, ImportProgress.NONE)) {
            records.addAll(stored(source));
        }
        return records;
    }

    static List<StoredRecord> stored(ParsedSource source) {
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        List<StoredRecord> records = new ArrayList<>();
        for (FhirResource resource : source.resources()) {
            records.add(new StoredRecord(UUID.randomUUID(), 1, resource,
                    List.of(new Provenance(source.sourceLabel(), now, resource.contentHash()))));
        }
        return records;
    }
}
