package org.healthwallet.core.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Third-party test data under ../shared/testdata, found from the project root surefire passes in. */
final class TestData {
    private TestData() {}

    static Path fhir(String relative) {
        Path root = Path.of(System.getProperty("healthwallet.root", ".."));
        Path file = root.resolve("../shared/testdata/fhir").resolve(relative).normalize();
        Assumptions.assumeTrue(Files.exists(file), "test data " + file + " is not here");
        return file;
    }

    /** The first file in a test-data folder whose name starts with the prefix. */
    static Path fhirFile(String folder, String prefix) throws java.io.IOException {
        Path dir = fhir(folder);
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + "* in " + dir));
        }
    }
}
