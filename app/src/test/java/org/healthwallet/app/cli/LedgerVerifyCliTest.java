package org.healthwallet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.healthwallet.app.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code healthwallet ledger verify} on light block files built from tendermint-rs' model-based
 * cases: the initial trusted block from {@code initial}, each step's {@code block} as the untrusted
 * file, verified at the step's {@code now}; a SUCCESS makes the step's block the trusted one.
 */
class LedgerVerifyCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--wallet", temp.resolve("wallet").toString()));
        all.addAll(List.of(args));
        int code = new Cli(Map.of(), null, new PrintWriter(out), new PrintWriter(err),
                config -> { throw new AssertionError("the app must not open"); }).execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** A light block file: only the light block's own fields, as a person would save them. */
    private Path lightBlockFile(JsonNode block, String name) throws Exception {
        ObjectNode file = JSON.createObjectNode();
        for (String field : List.of("signed_header", "validator_set", "next_validator_set")) {
            if (block.has(field)) {
                file.set(field, block.get(field));
            }
        }
        Path path = temp.resolve(name);
        Files.writeString(path, JSON.writeValueAsString(file));
        return path;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "MC4_4_faulty_TestSuccess",                 // NOT_ENOUGH_TRUST, SUCCESS, SUCCESS
        "MC4_4_faulty_TestFailure",                 // NOT_ENOUGH_TRUST, SUCCESS, INVALID
        "MC4_4_faulty_TestLessThanTwoThirdsSign",   // NOT_ENOUGH_TRUST, SUCCESS, INVALID
        "MC4_4_faulty_Test2NotEnoughTrustSuccess",  // two NOT_ENOUGH_TRUST before SUCCESS
        "MC4_4_faulty_TestHeaderFromFuture",        // INVALID
        "MC10_3_faulty_TestHeaderNotWithinTrustingPeriod",
        "MC4_4_faulty_TestNonMonotonicHeight",
        "MC100_2_faulty_TestSuccess"})
    void everyStepGivesItsExpectedVerdictAndExitCode(String name) throws Exception {
        JsonNode root = JSON.readTree(TestFiles.sharedTestdata().resolve("cometbft/model-based/" + name + ".json").toFile());
        JsonNode initial = root.get("initial");
        String period = initial.get("trusting_period").asText() + "ns";
        Path trusted = lightBlockFile(initial, "initial.json");
        int step = 0;
        for (JsonNode input : root.get("input")) {
            Path untrusted = lightBlockFile(input.get("block"), "step-" + step + ".json");
            Run r = run("ledger", "verify", "--trusted", trusted.toString(), "--untrusted", untrusted.toString(),
                    "--now", input.get("now").asText(), "--trusting-period", period, "--max-clock-drift", "0s");
            String expected = input.get("verdict").asText();
            String said = r.out().strip();
            assertThat(said).as("%s step %d: %s %s", name, step, r.out(), r.err()).startsWith(expected);
            assertThat(r.out().lines().count()).isEqualTo(1);
            assertThat(r.err()).isEmpty();
            switch (expected) {
                case "SUCCESS" -> {
                    assertThat(said).isEqualTo("SUCCESS");
                    assertThat(r.code()).isZero();
                    trusted = untrusted;
                }
                case "NOT_ENOUGH_TRUST" -> {
                    assertThat(said).contains("of the trusted power signed");
                    assertThat(r.code()).isEqualTo(LedgerCommand.EXIT_NOT_ENOUGH_TRUST);
                }
                default -> {
                    assertThat(said).matches("INVALID: [A-Z_]+: .+");
                    assertThat(r.code()).isEqualTo(LedgerCommand.EXIT_INVALID);
                }
            }
            step++;
        }
        assertThat(step).isPositive();
    }

    @Test
    void theReasonOfAnInvalidHeaderIsNamed() throws Exception {
        JsonNode root = JSON.readTree(TestFiles.sharedTestdata()
                .resolve("cometbft/model-based/MC4_4_faulty_TestHeaderFromFuture.json").toFile());
        JsonNode step = root.get("input").get(0);
        Run r = run("ledger", "verify", "--trusted", lightBlockFile(root.get("initial"), "t.json").toString(),
                "--untrusted", lightBlockFile(step.get("block"), "u.json").toString(), "--now", step.get("now").asText(),
                "--trusting-period", root.get("initial").get("trusting_period").asText() + "ns", "--max-clock-drift", "0s");
        assertThat(r.out()).startsWith("INVALID: HEADER_FROM_FUTURE: ");
    }

    @Test
    void malformedJsonIsOneLineNamingTheFile() throws Exception {
        JsonNode root = JSON.readTree(TestFiles.sharedTestdata()
                .resolve("cometbft/model-based/MC4_4_faulty_TestSuccess.json").toFile());
        Path trusted = lightBlockFile(root.get("initial"), "trusted.json");
        Path broken = temp.resolve("broken.json");
        Files.writeString(broken, "{\"signed_header\": {\"header\": [1, 2");
        Run r = run("ledger", "verify", "--trusted", trusted.toString(), "--untrusted", broken.toString(),
                "--now", "2020-11-18T12:36:18Z");
        assertThat(r.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("broken.json").contains("is not a light block").doesNotContain("Exception");

        Path wrongType = temp.resolve("wrong-type.json");
        Files.writeString(wrongType, "{\"signed_header\": {\"header\": {\"height\": true}}}");
        Run typed = run("ledger", "verify", "--trusted", trusted.toString(), "--untrusted", wrongType.toString(),
                "--now", "2020-11-18T12:36:18Z");
        assertThat(typed.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(typed.err().lines().toList()).hasSize(1);
        assertThat(typed.err()).contains("wrong-type.json").contains("$.");
    }

    @Test
    void aMissingFileIsOneLine() {
        Run r = run("ledger", "verify", "--trusted", temp.resolve("nowhere.json").toString(),
                "--untrusted", temp.resolve("also-nowhere.json").toString(), "--now", "2020-11-18T12:36:18Z");
        assertThat(r.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(r.err().strip()).isEqualTo("There is no file " + temp.resolve("nowhere.json") + ".");
    }

    @Test
    void optionsThatCannotBeAreUsageErrors() {
        Run level = run("ledger", "verify", "--trusted", "a", "--untrusted", "b", "--now", "2020-11-18T12:36:18Z",
                "--trust-level", "1/4");
        assertThat(level.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(level.err()).contains("from 1/3 to 1");
        Run time = run("ledger", "verify", "--trusted", "a", "--untrusted", "b", "--now", "yesterday");
        assertThat(time.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(time.err()).contains("'yesterday' is not a time");
        Run period = run("ledger", "verify", "--trusted", "a", "--untrusted", "b", "--now", "2020-11-18T12:36:18Z",
                "--trusting-period", "a week");
        assertThat(period.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(period.err()).contains("168h");
        Run missing = run("ledger", "verify", "--trusted", "a");
        assertThat(missing.code()).isEqualTo(Cli.EXIT_USAGE);
    }
}
