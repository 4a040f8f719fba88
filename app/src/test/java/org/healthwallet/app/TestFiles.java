package org.healthwallet.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.healthwallet.core.vault.KdfParams;

/** Where tests find data: third-party data in ../shared/testdata (never copied), ours in assets/. */
public final class TestFiles {
    /** Argon2id this cheap makes a test's unlock take milliseconds; the app's default is ~0.5 s. */
    public static final KdfParams CHEAP_KDF = new KdfParams(256, 1, 1);

    private TestFiles() {}

    /** The repository root (surefire sets {@code healthwallet.root}; a run from app/ falls back to ".."). */
    public static Path root() {
        return Path.of(System.getProperty("healthwallet.root", "..")).toAbsolutePath().normalize();
    }

    public static Path sharedTestdata() {
        return root().resolve("../shared/testdata").normalize();
    }

    /** The Synthea R4 bundle of Jorge Brekke (315 resources: allergies, immunizations, labs). */
    public static Path jorgeBrekke() {
        Path dir = sharedTestdata().resolve("fhir/synthea-r4");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("Jorge_Brekke_")
                    && p.getFileName().toString().endsWith(".json")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Jorge_Brekke_*.json in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's own fictional sample patient. */
    public static Path samplePatient() {
        return root().resolve("assets/samples/sample-patient.json");
    }

    public static AppConfig cheapConfig(Path dataDir) {
        return new AppConfig(dataDir, CHEAP_KDF);
    }
}
