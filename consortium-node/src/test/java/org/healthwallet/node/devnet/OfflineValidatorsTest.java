package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validators going offline: with more than 2/3 online blocks go on and verify; with less the network halts and says so. */
class OfflineValidatorsTest {
    @TempDir
    Path dir;

    @Test
    void oneOfFourOfflineStillMakesBlocksThatVerify() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer rpc = RpcServer.start(net.node(0), RpcServerOptions.loopback(0))) {
            HttpRpc client = new HttpRpc(rpc.url());
            net.produceBlock();
            net.setOffline(Set.of(2));
            net.produceBlocks(3);
            assertThat(net.haltReason()).isEmpty();

            LightBlock trusted = client.lightBlock(2);
            LightBlock next = client.lightBlock(3);
            assertThat(next.commit().signatures().get(2).isAbsent()).isTrue();
            assertThat(next.commit().signatures().stream().filter(CommitSig::isForBlock).count()).isEqualTo(3);
            assertThat(next.header().proposerAddress()).isNotEqualTo(net.validatorSet().get(2).address());
            Instant now = Instant.now();
            assertThat(Verifier.verifyAdjacent(trusted, next, Options.DEFAULT, now)).isEqualTo(Verdict.SUCCESS);
            assertThat(Verifier.verifyNonAdjacent(client.lightBlock(1), client.lightBlock(5), Options.DEFAULT, now))
                    .isEqualTo(Verdict.SUCCESS);
            assertThat(net.offline()).containsExactly(2);
        }
    }

    @Test
    void twoOfFourOfflineHaltsUntilOneComesBack() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer rpc = RpcServer.start(net.node(0), RpcServerOptions.loopback(0))) {
            HttpRpc client = new HttpRpc(rpc.url());
            net.produceBlock();
            net.setOffline(Set.of(0, 3));
            assertThat(net.haltReason()).hasValueSatisfying(r -> assertThat(r)
                    .contains("Only 2 of 4 validators are online").contains("halted at height 2"));
            assertThatThrownBy(net::produceBlock).isInstanceOf(NetworkHaltedException.class)
                    .hasMessageContaining("more than 2/3 of the voting power");
            assertThat(net.height()).isEqualTo(2);
            assertThat(client.get("/status").json().path("result").path("sync_info").path("latest_block_height").asText())
                    .isEqualTo("2");

            net.setOffline(Set.of(3));
            assertThat(net.haltReason()).isEmpty();
            DevBlock resumed = net.produceBlock();
            assertThat(resumed.height()).isEqualTo(3);
            assertThat(Verifier.verifyAdjacent(client.lightBlock(2), client.lightBlock(3), Options.DEFAULT, Instant.now()))
                    .isEqualTo(Verdict.SUCCESS);
        }
    }

    @Test
    void automaticNetworkCommitsBroadcastsAndTimesOutWhileHalted() throws Exception {
        DevNetworkOptions options = DevNetworkOptions.defaults(dir).withValidators(4)
                .withEmptyBlockInterval(Duration.ofMillis(200));
        RpcServerOptions rpcOptions = new RpcServerOptions("127.0.0.1", 0, false, RpcServerOptions.DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(2));
        try (DevNetwork net = DevNetwork.open(options);
             RpcServer rpc = RpcServer.start(net.node(0), rpcOptions)) {
            HttpRpc client = new HttpRpc(rpc.url());
            long start = net.height();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (net.height() < start + 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(net.height()).as("empty blocks every 200 ms").isGreaterThanOrEqualTo(start + 2);

            byte[] tx = TransactionFlowTest.anchor(net.chainId(), 1, 0x21).encode();
            JsonNode committed = client.call("broadcast_tx_commit", "{\"tx\":\"" + Base64.getEncoder().encodeToString(tx) + "\"}")
                    .path("result");
            assertThat(committed.path("check_tx").path("code").asInt()).isZero();
            assertThat(committed.path("tx_result").path("code").asInt()).isZero();
            long height = Long.parseLong(committed.path("height").asText());
            assertThat(net.block(height).orElseThrow().txs()).hasSize(1);

            net.setOffline(Set.of(1, 2));
            long halted = net.height();
            byte[] second = TransactionFlowTest.anchor(net.chainId(), 2, 0x22).encode();
            JsonNode timedOut = client.call("broadcast_tx_commit",
                    "{\"tx\":\"" + Base64.getEncoder().encodeToString(second) + "\"}");
            assertThat(timedOut.path("error").path("data").asText()).isEqualTo("timed out waiting for tx to be included in a block");
            assertThat(net.height()).isEqualTo(halted);
            assertThat(net.pendingTransactions()).isEqualTo(1);

            net.setOffline(Set.of());
            deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (net.pendingTransactions() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(net.tx(org.healthwallet.ledger.cometbft.BlockHashes.txHash(second))).isPresent();
        }
    }
}
