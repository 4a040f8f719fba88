package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain lives in the data folder: a restart continues it, and a lost ledger is rebuilt from the stored blocks. */
class RestartTest {
    @TempDir
    Path dir;

    private static final StateKey ANCHORED = StateKey.anchor(TransactionFlowTest.PROVIDER.publicKey(),
            new Digest(TransactionFlowTest.filled(0x31)));

    private DevBlock chainWithOneTransaction() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4))) {
            byte[] tx = TransactionFlowTest.anchor(net.chainId(), 1, 0x31).encode();
            assertThat(net.node(0).broadcast(Bytes.of(tx), false).checkTx().ok()).isTrue();
            net.produceBlocks(5);
            return net.latestBlock();
        }
    }

    @Test
    void restartContinuesTheSameChainWithTheSameState() throws Exception {
        DevBlock before = chainWithOneTransaction();
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.defaults(dir).withProduction(BlockProduction.ON_DEMAND))) {
            assertThat(net.height()).isEqualTo(before.height());
            assertThat(net.latestBlock().blockId()).isEqualTo(before.blockId());
            assertThat(net.latestBlock().appHashAfter()).isEqualTo(before.appHashAfter());
            assertThat(net.validatorSet().size()).isEqualTo(4);
            AbciQueryResult q = net.node(0).abciQuery("/store", Bytes.of(ANCHORED.bytes()), 0, false);
            assertThat(q.value().isEmpty()).isFalse();

            DevBlock next = net.produceBlock();
            assertThat(next.header().lastBlockId()).isEqualTo(before.blockId());
            assertThat(next.header().appHash()).isEqualTo(before.appHashAfter());
            assertThat(Verifier.verifyAdjacent(net.lightBlock(before.height()).orElseThrow(),
                    net.lightBlock(next.height()).orElseThrow(), Options.DEFAULT, Instant.now())).isEqualTo(Verdict.SUCCESS);
        }
    }

    @Test
    void aLostLedgerIsRebuiltByReplayingTheStoredBlocks() throws Exception {
        DevBlock before = chainWithOneTransaction();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("ledger.db")).toList()) {
                Files.delete(f);
            }
        }
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4))) {
            assertThat(net.height()).isEqualTo(before.height());
            assertThat(net.node(0).abciQuery("/store", Bytes.of(ANCHORED.bytes()), 0, false).value().isEmpty()).isFalse();
            assertThat(net.node(0).abciQuery("/store", Bytes.of(ANCHORED.bytes()), 0, false).height()).isEqualTo(before.height());
            assertThat(net.produceBlock().header().appHash()).isEqualTo(before.appHashAfter());
        }
    }

    @Test
    void optionsThatContradictTheDataFolderAreRefusedWithoutChangingIt() throws Exception {
        DevBlock before = chainWithOneTransaction();
        assertThatThrownBy(() -> DevNetwork.open(DevNetworkOptions.onDemand(dir, 15)))
                .isInstanceOf(DevNetworkException.class)
                .hasMessageContaining("has 4 validators, not 15");
        assertThatThrownBy(() -> DevNetwork.open(DevNetworkOptions.onDemand(dir, 4).withChainId("another")))
                .isInstanceOf(DevNetworkException.class)
                .hasMessageContaining("is chain \"healthwallet-devnet\", not \"another\"");
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 0))) {
            assertThat(net.latestBlock().blockId()).isEqualTo(before.blockId());
        }
        Files.writeString(dir.resolve(DevGenesis.SEED_FILE), "00".repeat(32));
        assertThatThrownBy(() -> DevNetwork.open(DevNetworkOptions.onDemand(dir, 4)))
                .isInstanceOf(DevNetworkException.class)
                .hasMessageContaining("one of the two files was replaced");
    }
}
