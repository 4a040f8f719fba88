package org.healthwallet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.healthwallet.app.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} of another person's file into a wallet that already holds a Patient: refused with
 * exit code 3 and nothing stored, until {@code --same-person} says otherwise. Real vaults in temp
 * folders, the shared Synthea patients (which must be there).
 */
class ImportAnotherPersonCliTest {
    private static final String PASS = "Tulip-Orbit-42!";

    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>(Map.of(
            "HEALTHWALLET_KDF_MEMORY_KIB", "256", "HEALTHWALLET_KDF_ITERATIONS", "1",
            "HEALTHWALLET_PASSPHRASE", PASS));

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--wallet", temp.resolve("wallet").toString()));
        all.addAll(List.of(args));
        int code = new Cli(env, null, new PrintWriter(out), new PrintWriter(err),
                config -> { throw new AssertionError("the app must not open"); })
                .execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path synthea(String prefix) throws IOException {
        Path dir = TestFiles.sharedTestdata().resolve("fhir/synthea-r4");
        assertThat(dir).as("the shared test data ../shared/testdata beside the checkout").isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + "* in " + dir));
        }
    }

    private int total() {
        Run count = run("records", "count");
        assertThat(count.code()).as(count.err()).isZero();
        Matcher m = Pattern.compile("(?m)^total\\s+(\\d+)$").matcher(count.out());
        assertThat(m.find()).as(count.out()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void anotherPersonsFileIsRefusedAndNothingChangesUntilSamePerson() throws Exception {
        Path jorge = synthea("Jorge_Brekke_");
        Path luigi = synthea("Luigi_Wiegand_");
        assertThat(run("init").code()).isZero();
        assertThat(run("import", jorge.toString()).code()).isZero();
        assertThat(total()).isEqualTo(315);
        byte[] before = Files.readAllBytes(temp.resolve("wallet").resolve(vaultFileName()));

        Run refused = run("import", luigi.toString());
        assertThat(refused.code()).isEqualTo(Cli.EXIT_NEEDS_DECISION).isEqualTo(3);
        assertThat(refused.out()).isEmpty();
        List<String> lines = refused.err().lines().filter(l -> !l.startsWith("Reading")).toList();
        assertThat(lines).containsExactly(
                "This file is for Luigi Wiegand, born 2020-10-20, not for Jorge Brekke, born 2012-11-11. Nothing was imported.",
                "To keep it as a dependent's records: healthwallet dependent add-child --name NAME --born YYYY-MM-DD,"
                        + " then healthwallet --profile NAME import " + luigi,
                "If it is the same person: healthwallet import --same-person " + luigi);
        assertThat(total()).as("nothing imported").isEqualTo(315);
        assertThat(Files.readAllBytes(temp.resolve("wallet").resolve(vaultFileName())))
                .as("the wallet file is byte for byte as before").isEqualTo(before);

        // The same person's file again is no question: it merges.
        Run again = run("import", jorge.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("Imported 315 entries: 0 new records, 315 already in the wallet (merged).");

        Run confirmed = run("import", "--same-person", luigi.toString());
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        Matcher added = Pattern.compile("^Imported 61 entries: (\\d+) new records").matcher(confirmed.out());
        assertThat(added.find()).as(confirmed.out()).isTrue();
        assertThat(total()).isEqualTo(315 + Integer.parseInt(added.group(1))).isGreaterThan(315);
    }

    @Test
    void aFirstImportAndAFileWithoutAPatientAreNotAsked() throws Exception {
        assertThat(run("init").code()).isZero();
        Run first = run("import", synthea("Luigi_Wiegand_").toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path labs = temp.resolve("labs.json");
        Files.writeString(labs, "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\","
                + "\"code\":{\"text\":\"Hemoglobin\"},\"valueQuantity\":{\"value\":13.5,\"unit\":\"g/dL\"}}");
        Run noPatient = run("import", labs.toString());
        assertThat(noPatient.code()).as(noPatient.err()).isZero();
        assertThat(noPatient.out()).startsWith("Imported 1 entries: 1 new records");
    }

    /** The owner's vault file ({@code <id>.hwvault} in the data folder). */
    private String vaultFileName() throws IOException {
        Path dir = temp.resolve("wallet");
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> vaults = files.filter(p -> p.getFileName().toString().endsWith(".hwvault")).toList();
            assertThat(vaults).as("vault files in %s", dir).hasSize(1);
            return dir.relativize(vaults.get(0)).toString();
        }
    }
}
