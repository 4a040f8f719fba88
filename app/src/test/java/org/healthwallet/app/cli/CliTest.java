package org.healthwallet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.healthwallet.app.TestFiles;
import org.healthwallet.core.vault.RecoveryPhrase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** The command line in-process, on real vaults in temp folders, with a cheap key derivation from the environment. */
class CliTest {
    private static final String PASS = "Tulip-Orbit-42!";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>(Map.of(
            "HEALTHWALLET_KDF_MEMORY_KIB", "256", "HEALTHWALLET_KDF_ITERATIONS", "1",
            "HEALTHWALLET_PASSPHRASE", PASS));

    record Run(int code, String out, String err) {
        List<String> errLines() { return err.lines().toList(); }
    }

    private Run run(String... args) {
        return run(Subcommands.all(), args);
    }

    private Run run(List<Class<?>> commands, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--wallet", temp.resolve("wallet").toString()));
        all.addAll(List.of(args));
        int code = new Cli(env, null, new PrintWriter(out), new PrintWriter(err),
                config -> { throw new AssertionError("the app must not open"); }, commands)
                .execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> words(String initOutput) {
        Matcher m = Pattern.compile("(\\d+)\\. ([a-z]+)").matcher(initOutput);
        TreeMap<Integer, String> byNumber = new TreeMap<>();
        while (m.find()) {
            byNumber.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return List.copyOf(byNumber.values());
    }

    @Test
    void initImportCountListShowExport() throws Exception {
        Run init = run("init");
        assertThat(init.code()).isZero();
        List<String> words = words(init.out());
        assertThat(words).hasSize(24);
        assertThat(RecoveryPhrase.parse(String.join(" ", words)).words()).isEqualTo(words);
        assertThat(init.out()).contains("WARNING").contains("will not show them again");

        Run imported = run("import", TestFiles.jorgeBrekke().toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("Imported 315 entries: 315 new records, 0 already in the wallet (merged).")
                .contains("AllergyIntolerance").contains("Nothing was skipped.");
        assertThat(imported.err()).contains("Reading").contains("Saving: 100%");

        Run count = run("records", "count");
        assertThat(count.code()).isZero();
        assertThat(count.out()).containsPattern("(?m)^allergies\\s+10$").containsPattern("(?m)^immunizations\\s+35$")
                .containsPattern("(?m)^total\\s+315$");

        Run list = run("records", "list", "--category", "allergies");
        assertThat(list.code()).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(10).allMatch(l -> l.contains(" allergies "));
        assertThat(list.out()).contains("Allergy to eggs");
        String id = lines.get(0).substring(0, 36);

        Run show = run("records", "show", id);
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("allergies · AllergyIntolerance").containsPattern("(?m)^  Source +Jorge_Brekke_")
                .contains(TestFiles.jorgeBrekke().getFileName().toString());
        Run raw = run("records", "show", "--json", id);
        assertThat(JSON.readTree(raw.out()).path("resourceType").asText()).isEqualTo("AllergyIntolerance");

        Path export = temp.resolve("out/export.json");
        Run exported = run("export", "--out", export.toString());
        assertThat(exported.code()).isZero();
        assertThat(exported.out()).startsWith("Exported 315 records to ");
        JsonNode bundle = JSON.readTree(export.toFile());
        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("type").asText()).isEqualTo("collection");
        assertThat(countByType(bundle)).isEqualTo(countByType(JSON.readTree(TestFiles.jorgeBrekke().toFile())));
        // The fullUrls the records arrived with are kept, so references inside the export still resolve.
        assertThat(bundle.path("entry").get(0).path("fullUrl").asText()).startsWith("urn:uuid:");
    }

    private static Map<String, Integer> countByType(JsonNode bundle) {
        Map<String, Integer> counts = new TreeMap<>();
        bundle.path("entry").forEach(e -> counts.merge(e.path("resource").path("resourceType").asText(), 1, Integer::sum));
        return counts;
    }

    @Test
    void changedPassphraseReplacesTheOldOne() throws Exception {
        assertThat(run("init").code()).isZero();
        Path newFile = temp.resolve("new-pass.txt");
        Files.writeString(newFile, "River-Lantern-88\n"); // a trailing line break is not part of it
        Run change = run("passphrase", "change", "--new-passphrase-file", newFile.toString());
        assertThat(change.code()).as(change.err()).isZero();

        Run old = run("records", "count");
        assertThat(old.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(old.errLines()).containsExactly("The passphrase does not open this wallet.");
        env.put("HEALTHWALLET_PASSPHRASE", "River-Lantern-88");
        assertThat(run("records", "count").code()).isZero();
        env.remove("HEALTHWALLET_PASSPHRASE");
        assertThat(run("records", "count", "--passphrase-file", newFile.toString()).code()).isZero();
    }

    @Test
    void backupAndRestoreOnAnotherComputer() throws Exception {
        List<String> words = words(run("init").out());
        assertThat(run("import", TestFiles.samplePatient().toString()).code()).isZero();
        Path backup = temp.resolve("wallet.backup");
        Run backedUp = run("backup", "--out", backup.toString());
        assertThat(backedUp.code()).isZero();
        assertThat(Files.size(backup)).isPositive();

        Path phraseFile = temp.resolve("words.txt");
        Files.writeString(phraseFile, String.join(" ", words) + "\n");
        env.put("HEALTHWALLET_NEW_PASSPHRASE", "New-Laptop-Orbit-7");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path elsewhere = temp.resolve("new-computer");
        int code = new Cli(env, null, new PrintWriter(out), new PrintWriter(err), c -> { })
                .execute("--wallet", elsewhere.toString(), "restore", "--backup", backup.toString(),
                        "--phrase-file", phraseFile.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Restored your wallet (77 records)");

        env.put("HEALTHWALLET_PASSPHRASE", "New-Laptop-Orbit-7");
        StringWriter counted = new StringWriter();
        assertThat(new Cli(env, null, new PrintWriter(counted), new PrintWriter(new StringWriter()), c -> { })
                .execute("--wallet", elsewhere.toString(), "records", "count")).isZero();
        assertThat(counted.toString()).containsPattern("(?m)^total\\s+77$").containsPattern("(?m)^allergies\\s+3$");
    }

    @Test
    void failuresAreOneLineWithANonZeroExit() throws Exception {
        Run none = run("records", "count");
        assertThat(none.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(none.errLines()).hasSize(1).allMatch(l -> l.startsWith("There is no wallet at "));

        assertThat(run("init").code()).isZero();
        Run again = run("init");
        assertThat(again.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(again.errLines()).hasSize(1).allMatch(l -> l.startsWith("A wallet already exists in "));

        env.put("HEALTHWALLET_PASSPHRASE", "wrong passphrase");
        Run wrong = run("records", "list");
        assertThat(wrong.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.errLines()).containsExactly("The passphrase does not open this wallet.");

        env.remove("HEALTHWALLET_PASSPHRASE");
        Run missing = run("records", "count");
        assertThat(missing.errLines()).containsExactly(
                "No passphrase given: set HEALTHWALLET_PASSPHRASE or use --passphrase-file FILE.");

        Run asArgument = run("records", "count", "--passphrase", PASS);
        assertThat(asArgument.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(asArgument.errLines()).containsExactly("Unknown option --passphrase; secrets are read from a file "
                + "or an environment variable, never from an argument (see 'healthwallet records count --help')");

        env.put("HEALTHWALLET_PASSPHRASE", PASS);
        Run badCategory = run("records", "list", "--category", "hobbies");
        assertThat(badCategory.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(badCategory.errLines()).hasSize(1).allMatch(l -> l.contains("'hobbies' is not a category"));

        Run noFile = run("import", temp.resolve("missing.json").toString());
        assertThat(noFile.errLines()).containsExactly("There is no file or folder " + temp.resolve("missing.json") + ".");

        Path notJson = temp.resolve("notes.json");
        Files.writeString(notJson, "these are not FHIR records");
        Run unreadable = run("import", notJson.toString());
        assertThat(unreadable.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(unreadable.errLines()).last().asString().contains("notes.json");
        assertThat(run("records", "count").out()).containsPattern("(?m)^total\\s+0$");

        env.put("HEALTHWALLET_KDF_ITERATIONS", "many");
        Run badEnv = run("records", "count");
        assertThat(badEnv.errLines()).containsExactly("HEALTHWALLET_KDF_ITERATIONS must be a positive whole number, not \"many\".");
    }

    /** Fails the way a bug does, with health data in the exception's message. */
    @Command(name = "boom")
    static final class Boom extends WalletCommand {
        @Override
        public Integer call() {
            throw new IllegalStateException("Jorge Brekke is allergic to peanuts");
        }
    }

    @Test
    void aBugExitsWith70AndLeavesItsTraceInTheLogNotOnScreen() throws Exception {
        List<Class<?>> commands = new ArrayList<>(Subcommands.all());
        commands.add(Boom.class);
        Run boom = run(commands, "boom");
        assertThat(boom.code()).isEqualTo(Cli.EXIT_UNEXPECTED);
        Path log = temp.resolve("wallet/logs/healthwallet.log");
        assertThat(boom.errLines()).containsExactly("Unexpected error: IllegalStateException: "
                + "Jorge Brekke is allergic to peanuts; details in " + log);
        assertThat(Files.readString(log)).contains("IllegalStateException", "CliTest$Boom.call")
                .doesNotContain("peanut", "Jorge");
    }

    @Test
    void helpListsEveryUseCase() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("init", "import", "records", "export", "passphrase", "backup", "restore",
                "HEALTHWALLET_PASSPHRASE");
        Run records = run("records");
        assertThat(records.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(records.err()).contains("list", "count", "show");
    }
}
