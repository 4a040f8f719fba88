package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Third-party data under ../shared/testdata, found from the project root that surefire passes in. */
final class SharedTestData {
    private SharedTestData() {}

    static Path root() {
        Path dir = Path.of(System.getProperty("healthwallet.root", "..")).resolve("../shared/testdata").normalize();
        assertThat(dir).as("the shared test data beside the project").isDirectory();
        return dir;
    }

    static Path fhir(String relative) {
        Path file = root().resolve("fhir").resolve(relative);
        assertThat(Files.exists(file)).as(file.toString()).isTrue();
        return file;
    }
}
