package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.ledger.SyncOutcome;
import org.healthwallet.core.ledger.SyncProgress;
import org.healthwallet.core.ledger.SyncRequest;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.client.HttpProvider;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.healthwallet.node.devnet.Misbehaviour;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet's light client against the dev network over real HTTP on loopback, the path a user's
 * app and command line take: the profile's ledger file (wallet-core), the consortium file the dev
 * network writes, skipping verification through {@code HttpProvider}, witnesses cross-checking.
 */
class LedgerSyncEndToEndTest {
    @TempDir
    Path dir;

    private Path walletDir;

    /** A patient's wallet, so the profile the ledger file belongs to exists. */
    @BeforeEach
    void wallet() throws Exception {
        walletDir = dir.resolve("wallet");
        Profiles profiles = new Profiles(walletDir);
        try (Vault vault = Vault.create(profiles.vaultFile(profiles.create("")), "Tulip-Orbit-42!".toCharArray(),
                new KdfParams(256, 1, 1)).vault()) {
            assertThat(vault.isLocked()).isFalse();
        }
    }

    private static EmbeddedConsortium devnet(Path dir) {
        return EmbeddedConsortium.start(new EmbeddedConsortiumOptions(dir, 4, 0, 3, Duration.ZERO));
    }

    @Test
    void tenThousandHeightsBySkippingVerificationOverHttp() throws Exception {
        try (EmbeddedConsortium net = devnet(dir.resolve("net"));
             ConsortiumSource source = ConsortiumSource.file(net.configFile())) {
            long produce = System.nanoTime();
            net.network().produceBlocks(9_999);
            long producedMillis = (System.nanoTime() - produce) / 1_000_000;
            assertThat(net.network().height()).isEqualTo(10_000);

            AtomicInteger fetched = new AtomicInteger();
            SyncProgress counting = new SyncProgress() {
                @Override public void fetched(String source, long height) {
                    fetched.incrementAndGet();
                }

                @Override public boolean isCancelled() {
                    return false;
                }
            };
            LedgerStatus synced;
            long sync = System.nanoTime();
            try (ProfileLedger ledger = ProfileLedger.open(walletDir, source)) {
                synced = ledger.connection().sync(SyncRequest.LATEST, counting);
            }
            long syncMillis = (System.nanoTime() - sync) / 1_000_000;
            System.out.printf("LedgerSyncEndToEndTest: 9,999 blocks produced in %d ms; skipping sync of 10,000 heights over "
                    + "HTTP in %d ms with %d light blocks fetched%n", producedMillis, syncMillis, fetched.get());

            assertThat(synced.lastOutcome()).as(synced.lastMessage()).isEqualTo(SyncOutcome.SYNCED);
            assertThat(synced.latest().orElseThrow().height()).isEqualTo(10_000);
            assertThat(synced.latest().orElseThrow().headerHash())
                    .isEqualTo(net.network().lightBlock(10_000).orElseThrow().hash());
            assertThat(synced.validators()).hasSize(4);
            assertThat(synced.totalVotingPower()).isEqualTo(net.network().validatorSet().totalVotingPower());
            assertThat(synced.witnesses()).hasSize(2);
            assertThat(synced.warnings()).isEmpty();
            assertThat(fetched.get()).as("skipping, not 10,000 sequential fetches").isLessThan(20);

            // Another session reads the same status from the profile's file, asking no node.
            try (ProfileLedger ledger = ProfileLedger.open(walletDir, source)) {
                LedgerStatus status = ledger.connection().status();
                assertThat(status.latest()).isEqualTo(synced.latest());
                assertThat(status.lastSuccess()).isEqualTo(synced.lastSuccess());
                assertThat(status.trustExpiresAt()).isPresent();
            }
        }
    }

    @Test
    void validatorsOfflineWithMoreThanTwoThirdsSigningPassAndBelowFailsWithTheReason() throws Exception {
        try (EmbeddedConsortium net = devnet(dir.resolve("net"));
             ConsortiumSource source = ConsortiumSource.file(net.configFile());
             ProfileLedger ledger = ProfileLedger.open(walletDir, source)) {
            net.network().produceBlocks(50);
            assertThat(ledger.connection().sync().lastOutcome()).isEqualTo(SyncOutcome.SYNCED);

            // One of four offline: three sign each block, more than 2/3 of the power.
            net.network().setOffline(Set.of(2));
            net.network().produceBlocks(200);
            LightBlock newest = HttpProvider.create(net.rpcUrls().get(0)).latest();
            assertThat(newest.commit().signatures().stream().filter(CommitSig::isAbsent).count()).isEqualTo(1);
            LedgerStatus threeOfFour = ledger.connection().sync();
            assertThat(threeOfFour.lastOutcome()).as(threeOfFour.lastMessage()).isEqualTo(SyncOutcome.SYNCED);
            assertThat(threeOfFour.latest().orElseThrow().height()).isEqualTo(net.network().height());
            long verified = net.network().height();

            // The primary now serves blocks signed by two of four (the others absent): half the power, not more than 2/3.
            net.network().setOffline(Set.of());
            net.network().node(0).misbehave(new Misbehaviour(verified + 1, Set.of(0, 1)));
            net.network().produceBlocks(100);
            LedgerStatus twoOfFour = ledger.connection().sync();
            assertThat(twoOfFour.lastOutcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(twoOfFour.lastMessage()).contains("INSUFFICIENT_POWER").contains("not more than 2/3")
                    .contains("Nothing new was trusted");
            assertThat(twoOfFour.latest().orElseThrow().height()).as("nothing of it was kept").isEqualTo(verified);
            assertThat(twoOfFour.lastSuccess()).isEqualTo(threeOfFour.lastSuccess());
        }
    }
}
