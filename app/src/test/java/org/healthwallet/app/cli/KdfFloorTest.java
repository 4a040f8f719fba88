package org.healthwallet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.healthwallet.app.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher in a JVM of its own, as a patient runs it: {@code HEALTHWALLET_KDF_*} cannot make a
 * wallet's key derivation trivial unless the JVM was started with the test runner's switch.
 */
class KdfFloorTest {
    @TempDir
    Path temp;

    @Test
    void aTrivialKeyDerivationFromTheEnvironmentIsRefusedAndNothingIsCreated() throws Exception {
        Run init = init(false);
        assertThat(init.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(init.output()).contains("is too cheap to protect a wallet: the least is 19456 KiB and 2 passes.")
                .doesNotContain("\tat ").doesNotContain("recovery phrase");
        assertThat(temp.resolve("wallet")).satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(),
                dir -> assertThat(dir).isEmptyDirectory());
    }

    @Test
    void theTestRunnersSwitchAllowsIt() throws Exception {
        Run init = init(true);
        assertThat(init.code()).as(init.output()).isZero();
        assertThat(init.output()).contains("Your recovery phrase");
    }

    record Run(int code, String output) {}

    private Run init(boolean testSwitch) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        if (testSwitch) {
            command.add("-D" + AppConfig.TEST_KDF_PROPERTY + "=true");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.healthwallet.app.Main",
                "--wallet", temp.resolve("wallet").toString(), "init"));
        Path out = temp.resolve("out-" + testSwitch + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put(AppConfig.KDF_MEMORY_ENV, "256");
        builder.environment().put(AppConfig.KDF_ITERATIONS_ENV, "1");
        builder.environment().put("HEALTHWALLET_PASSPHRASE", "Tulip-Orbit-42!");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("init did not finish in 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
