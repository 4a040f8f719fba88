package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.ledger.SyncOutcome;
import org.healthwallet.core.ledger.SyncProgress;
import org.healthwallet.core.ledger.SyncRequest;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.ParsedSource;
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
 * app and command line take: the ledger store in the profile's wallet file (wallet-core), the
 * consortium file the dev network writes, skipping verification through {@code HttpProvider},
 * witnesses cross-checking; and the wallet file afterwards, as the patient's vault.
 */
class LedgerSyncEndToEndTest {
    @TempDir
    Path dir;

    private static final String PASSPHRASE = "Tulip-Orbit-42!";

    private Path walletDir;
    private Path vaultFile;

    /** A patient's wallet, whose file keeps the ledger's verified headers; locked again. */
    @BeforeEach
    void wallet() throws Exception {
        walletDir = dir.resolve("wallet");
        Profiles profiles = new Profiles(walletDir);
        vaultFile = profiles.vaultFile(profiles.create(""));
        try (Vault vault = Vault.create(vaultFile, PASSPHRASE.toCharArray(), new KdfParams(256, 1, 1)).vault()) {
            assertThat(vault.isLocked()).isFalse();
        }
    }

    /** One value read from the wallet file with a plain JDBC connection of the test's own. */
    private static String sql(Path file, String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
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
            try (ProfileLedger ledger = ProfileLedger.open(walletDir, source, TestWallet.ledgerSeal(walletDir, PASSPHRASE))) {
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
            try (ProfileLedger ledger = ProfileLedger.open(walletDir, source, TestWallet.ledgerSeal(walletDir, PASSPHRASE))) {
                LedgerStatus status = ledger.connection().status();
                assertThat(status.latest()).isEqualTo(synced.latest());
                assertThat(status.lastSuccess()).isEqualTo(synced.lastSuccess());
                assertThat(status.trustExpiresAt()).isPresent();
            }
        }
        // The verified headers are rows of the wallet file (made while it was locked), which still
        // unlocks and passes SQLite's integrity check; no other file was made for them.
        assertThat(sql(vaultFile, "SELECT count(*) FROM ledger_light_blocks")).isEqualTo("2");
        assertThat(sql(vaultFile, "SELECT max(height) FROM ledger_light_blocks")).isEqualTo("10000");
        assertThat(sql(vaultFile, "PRAGMA integrity_check")).isEqualTo("ok");
        try (Vault vault = Vault.unlock(vaultFile, PASSPHRASE.toCharArray())) {
            assertThat(vault.records()).isEmpty();
        }
        try (Stream<Path> files = Files.list(walletDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".hwledger"));
        }
    }

    @Test
    void aSyncOverHttpWhileThePatientImportsIntoTheSameFileKeepsBoth() throws Exception {
        Path bundle;
        try (Stream<Path> files = Files.list(SharedTestData.fhir("synthea-r4"))) {
            bundle = files.filter(p -> p.getFileName().toString().startsWith("Jorge_Brekke_")).findFirst().orElseThrow();
        }
        List<ParsedSource> jorge = new FhirReader().read(bundle, ImportProgress.NONE);
        ExecutorService syncing = Executors.newSingleThreadExecutor();
        try (EmbeddedConsortium net = devnet(dir.resolve("net"));
             ConsortiumSource source = ConsortiumSource.file(net.configFile());
             Vault vault = Vault.unlock(vaultFile, PASSPHRASE.toCharArray());
             ProfileLedger ledger = ProfileLedger.open(walletDir, source, vault.ledgerSeal())) {
            net.network().produceBlocks(29);
            // Sequential (every height fetched and verified, about a second for ten) so it outlasts the import.
            Future<LedgerStatus> sync = syncing.submit(() -> ledger.connection().sync(SyncRequest.LATEST.sequential(),
                    SyncProgress.NONE));
            ImportReport first = vault.importRecords(jorge, ImportProgress.NONE);
            assertThat(first.added()).isEqualTo(315);
            LedgerStatus synced = sync.get(120, TimeUnit.SECONDS);
            assertThat(synced.lastOutcome()).as(synced.lastMessage()).isEqualTo(SyncOutcome.SYNCED);
            assertThat(synced.latest().orElseThrow().height()).isEqualTo(30);

            // Again, skipping to the newest while the same records are merged (every row rewritten).
            net.network().produceBlocks(100);
            sync = syncing.submit(() -> ledger.connection().sync());
            ImportReport again = vault.importRecords(jorge, ImportProgress.NONE);
            assertThat(again.merged()).as("the same records merge").isEqualTo(315);
            assertThat(sync.get(120, TimeUnit.SECONDS).latest().orElseThrow().height()).isEqualTo(130);
        } finally {
            syncing.shutdownNow();
        }
        assertThat(sql(vaultFile, "SELECT max(height) FROM ledger_light_blocks")).isEqualTo("130");
        assertThat(sql(vaultFile, "PRAGMA integrity_check")).isEqualTo("ok");
        try (Vault vault = Vault.unlock(vaultFile, PASSPHRASE.toCharArray())) {
            assertThat(vault.records()).hasSize(315);
        }
    }

    @Test
    void validatorsOfflineWithMoreThanTwoThirdsSigningPassAndBelowFailsWithTheReason() throws Exception {
        try (EmbeddedConsortium net = devnet(dir.resolve("net"));
             ConsortiumSource source = ConsortiumSource.file(net.configFile());
             ProfileLedger ledger = ProfileLedger.open(walletDir, source, TestWallet.ledgerSeal(walletDir, PASSPHRASE))) {
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
