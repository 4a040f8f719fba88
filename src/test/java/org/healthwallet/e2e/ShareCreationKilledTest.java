package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.crash.ChildProcess;
import org.healthwallet.core.share.HttpRelayClient;
import org.healthwallet.core.share.InterruptedShare;
import org.healthwallet.core.share.PatientSigner;
import org.healthwallet.core.share.RpcGrantLedger;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.Shares;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's crash safety for sharing: {@code kill -9} of a process making shares against the
 * embedded dev network's relay and ledger ({@link ShareCreateChild}), fifty times at random moments.
 * After each kill the wallet opens, passes SQLite's integrity check, holds every share the process
 * returned, and knows every share the relay holds for it: as a finished share, or as one started but
 * not finished, which {@code share list} shows with a note and {@code share revoke ID} withdraws from
 * the relay and the ledger; every ten kills all are withdrawn and the relay then holds exactly the
 * wallet's shares. A JVM start and up to two shares per kill: one to three minutes, by the load.
 */
class ShareCreationKilledTest {
    private static final int KILLS = 50;

    @TempDir
    Path dir;

    @Test
    void fiftyKillsDuringShareCreationLeaveNoShareOnTheRelayTheWalletDoesNotKnow() throws Exception {
        long seed = ChildProcess.seed("ShareCreationKilledTest");
        Random random = new Random(seed);
        TestWallet wallet = TestWallet.withJorge(dir.resolve("wallet"));
        Profiles profiles = new Profiles(wallet.dir());
        Path vaultFile = profiles.vaultFile(profiles.owner().orElseThrow());
        Map<UUID, String> returned = new HashMap<>();
        Set<UUID> unfinishedSeen = new HashSet<>();
        int viaCommandLine = 0;
        long started = System.nanoTime();

        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()))) {
            Path relayDb = wallet.devnetDir().resolve(EmbeddedConsortium.RELAY_DIR).resolve("relay.db");
            for (int kill = 1; kill <= KILLS; kill++) {
                String moment;
                List<String> lines;
                try (ChildProcess child = ChildProcess.start(ShareCreateChild.class, dir,
                        Map.of("HEALTHWALLET_PASSPHRASE", TestWallet.PASSPHRASE),
                        wallet.dir().toString(), vaultFile.toString(), net.configFile().toString(), "k" + kill)) {
                    if (random.nextInt(10) == 0) {
                        int pause = random.nextInt(1500);
                        Thread.sleep(pause);
                        moment = pause + " ms after it started";
                    } else {
                        child.awaitLine(l -> l.equals("ready"), Duration.ofSeconds(90));
                        int shares = random.nextInt(3);
                        for (int i = 0; i < shares; i++) {
                            child.awaitLine(l -> l.startsWith("committed "), Duration.ofSeconds(60));
                        }
                        int pause = random.nextInt(400);
                        Thread.sleep(pause);
                        moment = pause + " ms after " + shares + " shares";
                    }
                    lines = child.kill();
                }
                for (String line : lines) {
                    if (line.startsWith("committed ")) {
                        String[] parts = line.split(" ");
                        returned.put(UUID.fromString(parts[1]), parts[2]);
                    }
                }
                String context = "seed " + seed + ", kill " + kill + " " + moment;

                List<InterruptedShare> unfinished;
                Set<String> known = new HashSet<>();
                try (Vault vault = Vault.unlock(vaultFile, TestWallet.PASSPHRASE.toCharArray())) {
                    Shares shares = new Shares(vault);
                    Map<UUID, String> kept = new HashMap<>();
                    for (Share s : shares.list()) {
                        kept.put(s.id(), s.relayId());
                    }
                    assertThat(kept).as("every share returned to the patient is kept; " + context).containsAllEntriesOf(returned);
                    // Besides those, at most the one being made: kept just before the kill, never returned.
                    Set<UUID> unreturned = new HashSet<>(kept.keySet());
                    unreturned.removeAll(returned.keySet());
                    assertThat(unreturned).as("finished but not returned; " + context).hasSizeLessThanOrEqualTo(1);
                    unreturned.forEach(id -> returned.put(id, kept.get(id)));
                    unfinished = shares.interrupted();
                    known.addAll(kept.values());
                    unfinished.forEach(u -> known.add(u.relayId()));
                }
                assertThat(ChildProcess.integrityCheck(vaultFile)).as(context).isEqualTo("ok");
                assertThat(activeOnRelay(relayDb)).as("no share on the relay the wallet does not know; " + context)
                        .isSubsetOf(known);

                // As the patient would, the first few times: the list shows it, and revoking withdraws it.
                // Later ones are withdrawn in batches, in this process (the same Sharing.withdraw).
                for (InterruptedShare u : unfinished) {
                    unfinishedSeen.add(u.id());
                    if (viaCommandLine < 3) {
                        viaCommandLine++;
                        Run list = wallet.succeeds("share", "list");
                        assertThat(list.out()).as(context).contains(u.id() + "  unfinished").contains(InterruptedShare.NOTE)
                                .contains("share revoke " + u.id());
                        assertThat(wallet.succeeds("share", "revoke", u.id().toString()).out()).as(context)
                                .contains("Unfinished share " + u.id() + " withdrawn");
                        known.remove(u.relayId());
                    }
                }
                if (kill % 10 == 0) {
                    withdrawAll(vaultFile, wallet.dir(), net.configFile());
                    assertThat(activeOnRelay(relayDb)).as("after withdrawing every unfinished share; " + context)
                            .containsExactlyInAnyOrderElementsOf(activeReturned(vaultFile));
                } else {
                    assertThat(activeOnRelay(relayDb)).as(context).isSubsetOf(known);
                }
            }
        }
        System.out.printf("ShareCreationKilledTest: %d kills in %d s; %d shares returned; %d unfinished found and withdrawn%n",
                KILLS, (System.nanoTime() - started) / 1_000_000_000, returned.size(), unfinishedSeen.size());
        assertThat(returned.size()).as("the children got shares made (seed %d)", seed).isGreaterThan(KILLS / 3);
        assertThat(unfinishedSeen).as("some kills cut a share off (seed %d)", seed).isNotEmpty();
    }

    /** Withdraws every unfinished share, as {@code share revoke} does, in this process. */
    private static void withdrawAll(Path vaultFile, Path walletDir, Path consortiumFile) throws Exception {
        try (Vault vault = Vault.unlock(vaultFile, TestWallet.PASSPHRASE.toCharArray());
             ConsortiumSource source = ConsortiumSource.file(consortiumFile);
             ProfileLedger ledger = ProfileLedger.open(walletDir, source, vault.ledgerSeal())) {
            Sharing sharing = new Sharing(vault, HttpRelayClient.of(source.config().relay().orElseThrow()),
                    RpcGrantLedger.of(ledger.connection(), PatientSigner.of(vault)), Clock.systemUTC(), new SecureRandom());
            for (InterruptedShare u : sharing.shares().interrupted()) {
                sharing.withdraw(u.id());
            }
            assertThat(sharing.shares().interrupted()).isEmpty();
        }
    }

    /** The relay ids of the wallet's finished shares (none is revoked in this test). */
    private static List<String> activeReturned(Path vaultFile) throws Exception {
        try (Vault vault = Vault.unlock(vaultFile, TestWallet.PASSPHRASE.toCharArray())) {
            return new Shares(vault).list().stream().map(Share::relayId).toList();
        }
    }

    /** The relay ids of the shares the relay would serve, read from its own database. */
    private static Set<String> activeOnRelay(Path relayDb) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + relayDb.toAbsolutePath());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM shares WHERE status = 'ACTIVE'")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
