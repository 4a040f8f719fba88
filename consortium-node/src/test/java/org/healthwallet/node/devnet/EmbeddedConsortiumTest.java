package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the app and `healthwallet node devnet` start: endpoints on loopback and a consortium file a wallet can use. */
class EmbeddedConsortiumTest {
    @TempDir
    Path dir;

    @Test
    void startsEndpointsAndWritesAConsortiumFileWhoseCheckpointVerifies() throws Exception {
        EmbeddedConsortiumOptions options = new EmbeddedConsortiumOptions(dir, 4, 0, 3, Duration.ofMillis(200));
        ConsortiumConfig first;
        try (EmbeddedConsortium consortium = EmbeddedConsortium.start(options)) {
            first = consortium.config();
            assertThat(ConsortiumConfig.read(dir.resolve(EmbeddedConsortium.CONFIG_FILE))).isEqualTo(first);
            assertThat(first.chainId()).isEqualTo(consortium.network().chainId());
            assertThat(first.witnesses()).hasSize(2);
            assertThat(new HashSet<>(consortium.rpcUrls())).hasSize(3);
            assertThat(first.relay()).isEmpty();

            // Every endpoint serves the checkpoint block, and it is signed by more than 2/3.
            long height = first.checkpoint().height();
            for (URI url : consortium.rpcUrls()) {
                HttpRpc client = new HttpRpc(url);
                LightBlock block = client.lightBlock(height);
                assertThat(block.hash()).isEqualTo(first.checkpoint().headerHash());
                assertThat(Verifier.verifyCommitted(block)).isEqualTo(Verdict.SUCCESS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (consortium.network().height() <= height && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(consortium.network().height()).as("empty blocks keep coming").isGreaterThan(height);

            ConsortiumConfig withRelay = consortium.setRelay(URI.create("http://127.0.0.1:8443"));
            assertThat(ConsortiumConfig.read(consortium.configFile()).relay()).contains(URI.create("http://127.0.0.1:8443"));
            assertThat(withRelay.checkpoint()).isEqualTo(first.checkpoint());
        }
        try (EmbeddedConsortium again = EmbeddedConsortium.start(options)) {
            assertThat(again.config().chainId()).isEqualTo(first.chainId());
            assertThat(again.config().checkpoint().height()).isGreaterThan(first.checkpoint().height());
        }
    }

    @Test
    void devnetCommandRunsInTheForegroundUntilStopped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DevnetCommand command = new DevnetCommand(new DevnetCommandOptions(0, dir, 4),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(command::run);
        Path file = dir.resolve(EmbeddedConsortium.CONFIG_FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString(StandardCharsets.UTF_8).contains("Press Ctrl-C") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("4 validators, a block needs 3 signatures").contains("primary RPC:")
                .contains("witness RPC:").contains(file.toAbsolutePath().toString());
        ConsortiumConfig config = ConsortiumConfig.read(file);
        assertThat(new HttpRpc(config.primary()).get("/health").status()).isEqualTo(200);
        command.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        DevnetCommand wrong = new DevnetCommand(new DevnetCommandOptions(0, dir, 15),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(wrong.run()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("The dev network could not start: ")
                .contains("has 4 validators, not 15");
        assertThat(List.of(Files.readAllLines(file).get(0))).containsExactly("{");
    }
}
