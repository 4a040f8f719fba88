package org.healthwallet.core.vault;

import java.nio.file.Files;
import java.nio.file.Path;

/** Third-party test data under ../shared/testdata, found from the project root surefire passes in. */
final class TestData {
    private TestData() {}

    static Path fhir(String relative) {
        Path root = Path.of(System.getProperty("healthwallet.root", ".."));
        Path file = root.resolve("../shared/testdata/fhir").resolve(relative).normalize();
        // A missing file fails the test: a skip would let a checkout without ../shared pass green
        // while the leak and display checks never ran.
        if (!Files.exists(file)) {
            throw new AssertionError("the shared test data " + file + " is missing: these tests read the third-party"
                    + " files in ../shared/testdata beside the checkout");
        }
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
