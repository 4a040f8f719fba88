package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.json.BlockResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Reason;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misbehaving node serves a conflicting chain that verifies on its own; only a second, honest node shows the fork. */
class MisbehaviourTest {
    @TempDir
    Path dir;

    @Test
    void conflictingHeadersSignedByAllKeysVerifyButDifferFromTheHonestWitness() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer honest = RpcServer.start(net.node(0), RpcServerOptions.loopback(0));
             RpcServer liar = RpcServer.start(net.node(1), RpcServerOptions.loopback(0))) {
            net.produceBlocks(7);
            net.node(1).misbehave(Misbehaviour.allValidators(5));
            HttpRpc witness = new HttpRpc(honest.url());
            HttpRpc primary = new HttpRpc(liar.url());
            Instant now = Instant.now();

            assertThat(primary.lightBlock(4).hash()).isEqualTo(witness.lightBlock(4).hash());
            LightBlock trusted = witness.lightBlock(4);
            LightBlock forged5 = primary.lightBlock(5);
            LightBlock forged8 = primary.lightBlock(8);
            LightBlock honest5 = witness.lightBlock(5);
            assertThat(forged5.hash()).isNotEqualTo(honest5.hash());
            assertThat(forged5.header().appHash()).isNotEqualTo(honest5.header().appHash());
            assertThat(forged5.header().height()).isEqualTo(5);

            // Each chain verifies on its own: a light client without a witness would be fooled.
            assertThat(Verifier.verifyAdjacent(trusted, forged5, Options.DEFAULT, now)).isEqualTo(Verdict.SUCCESS);
            assertThat(Verifier.verifyNonAdjacent(trusted, forged8, Options.DEFAULT, now)).isEqualTo(Verdict.SUCCESS);
            assertThat(Verifier.verifyAdjacent(trusted, honest5, Options.DEFAULT, now)).isEqualTo(Verdict.SUCCESS);
            assertThat(Verifier.verifyBackwards(primary.lightBlock(7).header(), forged8.header())).isEqualTo(Verdict.SUCCESS);

            BlockResult forgedBlock6 = CometJsonParser.block(primary.get("/block?height=6").body());
            assertThat(forgedBlock6.header().lastBlockId().hash()).isEqualTo(forged5.hash());
            assertThat(forgedBlock6.lastCommit()).isEqualTo(forged5.commit());
            assertThat(primary.get("/status").json().path("result").path("sync_info").path("latest_block_hash").asText())
                    .isEqualTo(forged8.hash().hex()).isNotEqualTo(witness.lightBlock(8).hash().hex());

            // The network itself is not affected, and the node can be made honest again.
            assertThat(net.block(5).orElseThrow().blockId().hash()).isEqualTo(honest5.hash());
            net.node(1).behave();
            assertThat(primary.lightBlock(5).hash()).isEqualTo(honest5.hash());
        }
    }

    @Test
    void aMinorityCannotForgeAHeaderThatVerifies() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer liar = RpcServer.start(net.node(3), RpcServerOptions.loopback(0))) {
            net.produceBlocks(3);
            net.node(3).misbehave(new Misbehaviour(3, Set.of(2, 3)));
            HttpRpc primary = new HttpRpc(liar.url());
            LightBlock forged = primary.lightBlock(3);
            assertThat(forged.commit().signatures().get(0).isAbsent()).isTrue();
            Verdict verdict = Verifier.verifyAdjacent(primary.lightBlock(2), forged, Options.DEFAULT, Instant.now());
            assertThat(verdict).isInstanceOfSatisfying(Verdict.Invalid.class,
                    v -> assertThat(v.reason()).isEqualTo(Reason.INSUFFICIENT_POWER));
        }
    }
}
