package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code healthwallet node devnet} as a person runs it: a separate process in the foreground that
 * writes a consortium file, answers CometBFT's RPC on loopback, and stops cleanly when asked.
 */
class NodeCommandsTest {

    @Test
    void devnetRunsInTheForegroundAndWritesAConsortiumFile(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("devnet");
        Process node = launcher(dir, "node", "devnet", "--rpc-port", "0", "--data", data.toString(), "--validators", "4");
        try {
            Path file = data.resolve("consortium.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.exists(file) && node.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(file).as("consortium file; process output: " + output(dir)).exists();
            ConsortiumConfig config = ConsortiumConfig.read(file);
            assertThat(config.witnesses()).isNotEmpty();
            assertThat(config.relay()).as("the dev network's share relay").isPresent();

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(config.primary().resolve("/status"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"network\":\"" + config.chainId() + "\"");
        } finally {
            node.destroy(); // SIGTERM, as Ctrl-C: the network closes its stores
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(output(dir)).doesNotContain("Exception");
    }

    @Test
    void aBadOptionGetsOneLineAndAnExitCode(@TempDir Path dir) throws Exception {
        Process node = launcher(dir, "node", "devnet", "--rpc-port", "70000", "--data", dir.resolve("d").toString());
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isNotZero();
        String said = output(dir);
        assertThat(said).contains("--rpc-port").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aRelayWithoutItsConsortiumFileSaysSo(@TempDir Path dir) throws Exception {
        Process relay = launcher(dir, "node", "relay", "--consortium", dir.resolve("missing.json").toString(),
                "--data", dir.resolve("relay").toString(), "--port", "0");
        assertThat(relay.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(relay.exitValue()).isNotZero();
        assertThat(output(dir)).contains("missing.json").doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** The launcher's main class in a JVM of its own, with this test's classpath. */
    private static Process launcher(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.healthwallet.app.Main",
                "--wallet", dir.resolve("wallet").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
    }

    private static String output(Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }
}
