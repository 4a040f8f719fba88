package org.healthwallet.ledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Third-party test data under ../shared/testdata, found from the project root surefire passes. */
public final class SharedTestData {
    private SharedTestData() {
    }

    public static Path path(String relative) {
        Path root = Path.of(System.getProperty("healthwallet.root", ".."));
        Path p = root.resolve("../shared/testdata").resolve(relative).normalize();
        if (!Files.exists(p)) {
            throw new IllegalStateException("shared test data missing: " + p);
        }
        return p;
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
