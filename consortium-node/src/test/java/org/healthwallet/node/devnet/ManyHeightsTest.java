package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.HttpProvider;
import org.healthwallet.ledger.client.LightClient;
import org.healthwallet.ledger.client.SyncResult;
import org.healthwallet.ledger.client.TrustedStore;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 heights for the light client: produced in a burst, their times stay behind the wall
 * clock (so the newest passes the default clock-drift check), and the wallet's LightClient syncs
 * them over HTTP from a primary with a witness. Kept apart because it takes seconds.
 */
class ManyHeightsTest {
    @TempDir
    Path dir;

    @Test
    void tenThousandHeightsVerifyAndTheLightClientSyncsThem() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer primary = RpcServer.start(net.node(0), RpcServerOptions.loopback(0));
             RpcServer witness = RpcServer.start(net.node(1), RpcServerOptions.loopback(0))) {
            long start = System.nanoTime();
            net.produceBlocks(9_999);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("ManyHeightsTest: produced 9,999 blocks of 4 validators in " + millis + " ms");
            assertThat(net.height()).isEqualTo(10_000);

            HttpRpc client = new HttpRpc(primary.url());
            Instant now = Instant.now();
            LightBlock first = client.lightBlock(1);
            LightBlock last = client.lightBlock(10_000);
            assertThat(last.time()).isBefore(now.plus(Options.DEFAULT.maxClockDrift()));
            assertThat(Verifier.verifyNonAdjacent(first, last, Options.DEFAULT, now)).isEqualTo(Verdict.SUCCESS);
            assertThat(Verifier.verifyBackwards(client.lightBlock(9_999).header(), last.header())).isEqualTo(Verdict.SUCCESS);

            Checkpoint checkpoint = new Checkpoint(net.chainId(), 1, first.hash());
            try (TrustedStore store = TrustedStore.open(dir.resolve("wallet.db"))) {
                LightClient light = new LightClient(checkpoint, HttpProvider.create(primary.url()),
                        List.of(HttpProvider.create(witness.url())), store);
                SyncResult result = light.syncToLatest();
                assertThat(result).as(result.describe()).isInstanceOf(SyncResult.Synced.class);
                assertThat(((SyncResult.Synced) result).block().height()).isEqualTo(10_000);
            }
        }
    }

    @Test
    void theLightClientCatchesAMisbehavingPrimaryThroughAnHonestWitness() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer primary = RpcServer.start(net.node(0), RpcServerOptions.loopback(0));
             RpcServer witness = RpcServer.start(net.node(1), RpcServerOptions.loopback(0))) {
            net.produceBlocks(30);
            net.node(0).misbehave(Misbehaviour.allValidators(20));
            LightBlock first = new HttpRpc(witness.url()).lightBlock(1);
            try (TrustedStore store = TrustedStore.open(dir.resolve("wallet.db"))) {
                LightClient light = new LightClient(new Checkpoint(net.chainId(), 1, first.hash()),
                        HttpProvider.create(primary.url()), List.of(HttpProvider.create(witness.url())), store);
                SyncResult result = light.syncToLatest();
                assertThat(result).as(result.describe()).isInstanceOf(SyncResult.Divergence.class);
                assertThat(store.latest().orElseThrow().height()).isLessThan(20);
            }
        }
    }
}
