package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The third-party vectors under ../shared/testdata/fhir (read in place, never copied). */
final class ShareTestData {
    private ShareTestData() {}

    static Path fhir(String relative) {
        Path file = Path.of(System.getProperty("healthwallet.root", ".."))
                .resolve("../shared/testdata/fhir").resolve(relative).toAbsolutePath().normalize();
        assertThat(file).as("shared test data " + relative).exists();
        return file;
    }

    static String text(String relative) {
        try {
            return Files.readString(fhir(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(fhir(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The specification's example link (a viewer URL around shlink:/…). */
    static String exampleLink() {
        return text("shl/IPS_IG-bundle-01-shl.txt");
    }

    static String exampleJwe() {
        return text("shl/IPS_IG-bundle-01-enc.txt");
    }

    static byte[] exampleBundle() {
        return bytes("ips/IPS_IG-bundle-01.json");
    }
}
