package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As CometBFT does, a running dev network follows a block that changed the state promptly with the
 * block whose header carries the new app hash, so the new state can be proven without waiting for
 * the empty-block interval; and it makes only that one block, since an empty block changes nothing.
 */
class ProofBlockTest {
    @TempDir
    Path dir;

    @Test
    void aBlockThatChangedTheStateIsFollowedPromptlyByOneBlockCommittingToIt() throws Exception {
        // No empty blocks at all: any block after the transaction's is the proof block.
        DevNetworkOptions options = DevNetworkOptions.defaults(dir).withValidators(4).withEmptyBlockInterval(Duration.ZERO);
        try (DevNetwork net = DevNetwork.open(options);
             RpcServer rpc = RpcServer.start(net.node(0), RpcServerOptions.loopback(0))) {
            HttpRpc client = new HttpRpc(rpc.url());
            long before = net.height();
            Thread.sleep(200);
            assertThat(net.height()).as("no transaction, no interval: no block").isEqualTo(before);

            byte[] tx = TransactionFlowTest.anchor(net.chainId(), 1, 0x31).encode();
            JsonNode committed = client.call("broadcast_tx_commit", "{\"tx\":\"" + Base64.getEncoder().encodeToString(tx) + "\"}")
                    .path("result");
            assertThat(committed.path("tx_result").path("code").asInt()).isZero();
            long height = Long.parseLong(committed.path("height").asText());
            DevBlock changed = net.block(height).orElseThrow();
            assertThat(changed.appHashAfter()).isNotEqualTo(changed.header().appHash());

            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (net.height() < height + 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            DevBlock proof = net.block(height + 1).orElseThrow(() -> new AssertionError("no block followed the change"));
            assertThat(proof.txs()).isEmpty();
            assertThat(proof.header().appHash()).isEqualTo(changed.appHashAfter());
            assertThat(client.lightBlock(height + 1).header().appHash()).isEqualTo(changed.appHashAfter());

            Thread.sleep(300);
            assertThat(net.height()).as("the empty proof block changed nothing, so no further block").isEqualTo(height + 1);
        }
    }
}
