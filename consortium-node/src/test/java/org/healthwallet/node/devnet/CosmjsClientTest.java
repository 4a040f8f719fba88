package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.node.npm.NpmProject;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-client check: {@code @cosmjs/tendermint-rpc} from npm (pinned in
 * src/test/js/package-lock.json, installed into target/cosmjs-check by {@link NpmProject} on
 * first run) connects to the dev network, reads status, a block, a commit and the validators,
 * and broadcasts a ledger transaction that the chain includes. Needs Node.js 20+ with npm, and
 * the npm registry (or npm's cache) on first run.
 */
class CosmjsClientTest {
    private static final Path SCRIPT_DIR = Path.of("src", "test", "js");
    private static final Path WORK_DIR = Path.of("target", "cosmjs-check");

    @TempDir
    Path dir;

    @Test
    void cosmjsReadsTheDevNetworkAndBroadcastsATransaction() throws Exception {
        NpmProject client = NpmProject.install(SCRIPT_DIR, WORK_DIR, "the real-client check", Map.of());
        DevNetworkOptions options = DevNetworkOptions.defaults(dir).withValidators(4).withEmptyBlockInterval(Duration.ofMillis(300));
        try (DevNetwork net = DevNetwork.open(options);
             RpcServer rpc = RpcServer.start(net.node(1), RpcServerOptions.loopback(0))) {
            byte[] tx = TransactionFlowTest.anchor(net.chainId(), 1, 0x61).encode();
            String output = client.run(Duration.ofSeconds(90), Map.of(), "node", "cosmjs-check.mjs", rpc.url().toString(),
                    Base64.getEncoder().encodeToString(tx)).succeeded();
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
}
