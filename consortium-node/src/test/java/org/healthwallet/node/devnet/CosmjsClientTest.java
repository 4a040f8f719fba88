package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-client check: {@code @cosmjs/tendermint-rpc} from npm (pinned in
 * src/test/js/package-lock.json, installed into target/ on first run) connects to the dev
 * network, reads status, a block, a commit and the validators, and broadcasts a ledger
 * transaction that the chain includes. Needs Node.js 18+ with npm and access to the npm registry.
 */
class CosmjsClientTest {
    private static final Path SCRIPT_DIR = Path.of("src", "test", "js");
    private static final Path WORK_DIR = Path.of("target", "cosmjs-check");

    @TempDir
    Path dir;

    @Test
    void cosmjsReadsTheDevNetworkAndBroadcastsATransaction() throws Exception {
        Path work = installClient();
        DevNetworkOptions options = DevNetworkOptions.defaults(dir).withValidators(4).withEmptyBlockInterval(Duration.ofMillis(300));
        try (DevNetwork net = DevNetwork.open(options);
             RpcServer rpc = RpcServer.start(net.node(1), RpcServerOptions.loopback(0))) {
            byte[] tx = TransactionFlowTest.anchor(net.chainId(), 1, 0x61).encode();
            String output = run(work, List.of("node", "cosmjs-check.mjs", rpc.url().toString(),
                    Base64.getEncoder().encodeToString(tx)), Duration.ofSeconds(90));
            JsonNode result = new ObjectMapper().readTree(output);

            assertThat(result.path("client").asText()).as("cosmjs picks its CometBFT 0.38 client").isEqualTo("Comet38Client");
            assertThat(result.path("status").path("network").asText()).isEqualTo(net.chainId());
            assertThat(result.path("status").path("validator").asText()).isEqualTo(net.validatorSet().get(1).address().hex());
            long height = result.path("status").path("height").asLong();
            assertThat(height).isPositive();
            assertThat(result.path("block").path("height").asLong()).isEqualTo(height);
            assertThat(result.path("block").path("hash").asText())
                    .isEqualTo(net.block(height).orElseThrow().blockId().hash().hex());
            assertThat(result.path("commit").path("blockHash").asText()).isEqualTo(result.path("block").path("hash").asText());
            assertThat(result.path("commit").path("signatures").asInt()).isEqualTo(4);
            assertThat(result.path("validators").path("total").asInt()).isEqualTo(4);
            assertThat(result.path("broadcast").path("code").asInt()).isZero();
            assertThat(result.path("broadcast").path("hash").asText()).isEqualTo(BlockHashes.txHash(tx).hex());
            assertThat(result.path("tx").path("code").asInt()).isZero();
            assertThat(net.tx(BlockHashes.txHash(tx))).hasValueSatisfying(
                    t -> assertThat(t.height()).isEqualTo(result.path("tx").path("height").asLong()));
        }
    }

    /** Copies the pinned package into target/ and runs `npm ci` there unless it was already installed. */
    private static Path installClient() throws Exception {
        Files.createDirectories(WORK_DIR);
        for (String name : List.of("package.json", "package-lock.json", "cosmjs-check.mjs")) {
            Files.copy(SCRIPT_DIR.resolve(name), WORK_DIR.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK_DIR.resolve("node_modules/@cosmjs/tendermint-rpc"))) {
            try {
                run(WORK_DIR, List.of("npm", "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(5));
            } catch (AssertionError e) {
                fail("npm could not install @cosmjs/tendermint-rpc 0.39.0 from the npm registry; the real-client check "
                        + "needs it. " + e.getMessage());
            }
        }
        return WORK_DIR;
    }

    private static String run(Path workDir, List<String> command, Duration timeout) throws Exception {
        Path log = Files.createTempFile("cosmjs", ".err");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("`" + command.get(0) + "` is not installed; the real-client check needs Node.js 18+"
                    + " with npm (" + e.getMessage() + ")");
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("`" + String.join(" ", command) + "` did not finish within " + timeout.toSeconds() + " s");
        }
        String err = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (process.exitValue() != 0) {
            throw new AssertionError("`" + String.join(" ", command) + "` failed (exit " + process.exitValue() + "): "
                    + err.strip());
        }
        return new String(out, StandardCharsets.UTF_8).strip();
    }
}
