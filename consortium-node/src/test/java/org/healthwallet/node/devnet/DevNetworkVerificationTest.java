package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.json.BlockResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks made by the dev network, read over HTTP as a light client reads them, verify with the ledger-light-client Verifier. */
class DevNetworkVerificationTest {
    @TempDir
    Path dir;

    @Test
    void blocksServedOverHttpVerifyAdjacentAndSkipping() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer rpc = RpcServer.start(net.node(0), RpcServerOptions.loopback(0))) {
            net.produceBlocks(19);
            HttpRpc client = new HttpRpc(rpc.url());
            assertThat(net.height()).isEqualTo(20);

            List<LightBlock> blocks = new ArrayList<>();
            for (long h = 1; h <= 20; h++) {
                blocks.add(client.lightBlock(h));
            }
            Instant now = Instant.now();
            assertThat(Verifier.verifyCommitted(blocks.get(0))).isEqualTo(Verdict.SUCCESS);
            for (int i = 0; i + 1 < blocks.size(); i++) {
                assertThat(Verifier.verifyAdjacent(blocks.get(i), blocks.get(i + 1), Options.DEFAULT, now))
                        .as("adjacent %d -> %d", i + 1, i + 2).isEqualTo(Verdict.SUCCESS);
            }
            assertThat(Verifier.verifyNonAdjacent(blocks.get(0), blocks.get(19), Options.DEFAULT, now)).isEqualTo(Verdict.SUCCESS);
            assertThat(Verifier.verifyNonAdjacent(blocks.get(4), blocks.get(12), Options.DEFAULT, now)).isEqualTo(Verdict.SUCCESS);

            for (int i = 1; i < blocks.size(); i++) {
                LightBlock prev = blocks.get(i - 1);
                LightBlock b = blocks.get(i);
                // The hash chain a CometBFT header carries: previous block id, previous commit, BFT time.
                assertThat(b.header().lastBlockId()).isEqualTo(prev.commit().blockId());
                assertThat(b.header().lastCommitHash()).isEqualTo(prev.commit().hash());
                assertThat(b.time()).isAfter(prev.time());
                assertThat(b.time()).isEqualTo(prev.commit().signatures().get(0).timestamp());
                assertThat(b.header().appHash()).isEqualTo(net.block(prev.height()).orElseThrow().appHashAfter());
            }
        }
    }

    @Test
    void blockEndpointMatchesCommitAndCarriesThePreviousCommit() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer rpc = RpcServer.start(net.node(2), RpcServerOptions.loopback(0))) {
            net.produceBlocks(3);
            HttpRpc client = new HttpRpc(rpc.url());
            BlockResult first = CometJsonParser.block(client.get("/block?height=1").body());
            assertThat(first.header().lastBlockId().isZero()).isTrue();
            assertThat(first.lastCommit().signatures()).isEmpty();
            // CometBFT hashes block 1's empty last commit and empty txs as the empty Merkle tree.
            assertThat(first.header().lastCommitHash().hex()).isEqualTo("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
            assertThat(first.header().dataHash()).isEqualTo(BlockHashes.dataHash(List.of()));
            assertThat(first.header().consensusHash().hex())
                    .isEqualTo("048091BC7DDC283F77BFBF91D73C44DA58C3DF8A9CBC867405D8B7F3DAADA22F");

            BlockResult third = CometJsonParser.block(client.get("/block?height=3").body());
            assertThat(third.blockId()).isEqualTo(client.commit(3).signedHeader().commit().blockId());
            assertThat(third.blockId().hash()).isEqualTo(third.header().hash());
            assertThat(third.lastCommit()).isEqualTo(client.commit(2).signedHeader().commit());
            assertThat(third.header().version().app()).isEqualTo(1);

            BlockResult latest = CometJsonParser.block(client.get("/block").body());
            assertThat(latest.header().height()).isEqualTo(4);
            JsonNode status = client.get("/status").json().path("result");
            assertThat(status.path("sync_info").path("latest_block_height").asText()).isEqualTo("4");
            assertThat(status.path("sync_info").path("latest_block_hash").asText()).isEqualTo(latest.blockId().hash().hex());
            assertThat(status.path("validator_info").path("address").asText())
                    .isEqualTo(net.validatorSet().get(2).address().hex());
            assertThat(client.commit(4).canonical()).isFalse();
            assertThat(client.commit(3).canonical()).isTrue();
        }
    }

    @Test
    void fifteenValidatorsNeedElevenSignatures() throws Exception {
        DevNetworkOptions options = DevNetworkOptions.onDemand(dir, 15);
        try (DevNetwork net = DevNetwork.open(options);
             RpcServer rpc = RpcServer.start(net.node(0), RpcServerOptions.loopback(0))) {
            HttpRpc client = new HttpRpc(rpc.url());
            assertThat(client.validators(1).size()).isEqualTo(15);
            net.setOffline(Set.of(1, 3, 5, 7));
            net.produceBlock();
            LightBlock trusted = client.lightBlock(1);
            LightBlock withFourOffline = client.lightBlock(2);
            assertThat(withFourOffline.commit().signatures().stream().filter(CommitSig::isAbsent).count()).isEqualTo(4);
            assertThat(Verifier.verifyAdjacent(trusted, withFourOffline, Options.DEFAULT, Instant.now())).isEqualTo(Verdict.SUCCESS);

            net.setOffline(Set.of(1, 3, 5, 7, 9));
            assertThatThrownBy(net::produceBlock).isInstanceOf(NetworkHaltedException.class)
                    .hasMessageContaining("Only 10 of 15 validators are online")
                    .hasMessageContaining("more than 2/3");
            assertThat(net.height()).isEqualTo(2);
        }
    }

    @Test
    void validatorKeysComeFromTheStoredSeed() throws Exception {
        Bytes seed = Bytes.fromHex("00".repeat(31) + "2A");
        Bytes firstHash;
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir.resolve("a"), 4).withSeed(seed))) {
            firstHash = net.validatorSet().hash();
        }
        try (DevNetwork other = DevNetwork.open(DevNetworkOptions.onDemand(dir.resolve("b"), 4).withSeed(seed));
             DevNetwork random = DevNetwork.open(DevNetworkOptions.onDemand(dir.resolve("c"), 4))) {
            assertThat(other.validatorSet().hash()).isEqualTo(firstHash);
            assertThat(random.validatorSet().hash()).isNotEqualTo(firstHash);
        }
    }
}
