package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.crash.ChildProcess;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.share.RelayDeletion;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.Shares;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's crash safety for revoking: {@code kill -9} of a process that makes and revokes shares
 * against the embedded dev network ({@link ShareRevokeChild}), at random moments, mostly while a
 * revocation is between the ledger and the relay. After each kill: the wallet opens and passes
 * SQLite's integrity check; every share the child reported revoked is revoked in the vault; no
 * share is revoked on the ledger (read with a proof) without the wallet knowing it or having the
 * revocation written down to finish; and the next wallet command ({@code share list}) leaves no
 * deletion pending and the relay without the files of any revoked share. {@code -Dcrash.kills=N}
 * (default 15) and {@code -Dcrash.seed=N} as the other kill loops.
 */
class ShareRevocationKilledTest {
    @TempDir
    Path dir;

    @Test
    void killsBetweenTheLedgerAndTheRelayLeaveAPendingDeletionTheNextCommandFinishes() throws Exception {
        long seed = ChildProcess.seed("ShareRevocationKilledTest");
        int kills = Integer.getInteger("crash.kills", 15);
        Random random = new Random(seed);
        TestWallet wallet = TestWallet.withJorge(dir.resolve("wallet"));
        Profiles profiles = new Profiles(wallet.dir());
        Path vaultFile = profiles.vaultFile(profiles.owner().orElseThrow());
        Set<UUID> settled = new HashSet<>();
        int pendingFound = 0;
        int revokedFound = 0;
        long started = System.nanoTime();

        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()))) {
            Path relayDb = wallet.devnetDir().resolve(EmbeddedConsortium.RELAY_DIR).resolve("relay.db");
            for (int kill = 1; kill <= kills; kill++) {
                List<String> lines;
                String moment;
                try (ChildProcess child = ChildProcess.start(ShareRevokeChild.class, dir,
                        Map.of("HEALTHWALLET_PASSPHRASE", TestWallet.PASSPHRASE),
                        wallet.dir().toString(), vaultFile.toString(), net.configFile().toString(), "k" + kill)) {
                    child.awaitLine(l -> l.equals("ready"), Duration.ofSeconds(90));
                    child.awaitLine(l -> l.startsWith("created "), Duration.ofSeconds(60));
                    // A revocation takes a block for the commit and one for the proof: about two seconds.
                    int pause = random.nextInt(3000);
                    Thread.sleep(pause);
                    moment = pause + " ms after a share was made";
                    lines = child.kill();
                }
                String context = "seed " + seed + ", kill " + kill + " " + moment;
                Set<UUID> reportedRevoked = new HashSet<>();
                lines.stream().filter(l -> l.startsWith("revoked ")).forEach(l -> reportedRevoked.add(UUID.fromString(l.substring(8))));

                assertThat(ChildProcess.integrityCheck(vaultFile)).as(context).isEqualTo("ok");
                List<Share> open;
                List<RelayDeletion> pending;
                try (Vault vault = Vault.unlock(vaultFile, TestWallet.PASSPHRASE.toCharArray())) {
                    Shares shares = new Shares(vault);
                    for (UUID id : reportedRevoked) {
                        assertThat(shares.find(id).orElseThrow().revokedAt()).as("reported revoked; " + context).isPresent();
                    }
                    open = shares.list().stream().filter(s -> !settled.contains(s.id())).toList();
                    pending = shares.relayDeletions();
                }
                pendingFound += pending.size();
                try (ConsortiumSource source = ConsortiumSource.file(net.configFile());
                     ProfileLedger ledger = ProfileLedger.open(wallet.dir(), source, TestWallet.ledgerSeal(wallet.dir(), TestWallet.PASSPHRASE))) {
                    LedgerState state = new LedgerState(NodeRpc.of(net.config().primary()), ledger.connection(),
                            Duration.ofSeconds(30));
                    for (Share s : open) {
                        boolean onLedger = state.read(StateKey.revocation(s.grantId())).value().isPresent();
                        boolean written = RelayDeletion.forShare(pending, s).isPresent();
                        if (s.revokedAt().isPresent()) {
                            assertThat(onLedger).as("revoked in the wallet is revoked on the ledger; " + context).isTrue();
                            assertThat(written || filesOnRelay(relayDb, s.relayId()) == 0)
                                    .as("the relay's files are deleted or their deletion is pending; " + context).isTrue();
                        } else if (onLedger) {
                            assertThat(pending).as("revoked on the ledger, not yet in the wallet: written down to finish; "
                                    + context).anySatisfy(d -> {
                                        assertThat(d.relayId()).isEqualTo(s.relayId());
                                        assertThat(d.stage()).isEqualTo(RelayDeletion.Stage.LEDGER);
                                    });
                        }
                    }
                }

                // The next command that talks to the relay finishes whatever was cut off.
                Run list = wallet.cli("share", "list");
                assertThat(list.code()).as(context + "; " + list.err()).isZero();
                assertThat(list.out()).as(context).doesNotContain("relay deletion pending");
                try (Vault vault = Vault.unlock(vaultFile, TestWallet.PASSPHRASE.toCharArray())) {
                    Shares shares = new Shares(vault);
                    assertThat(shares.relayDeletions()).as(context).isEmpty();
                    for (Share s : shares.list()) {
                        if (s.revokedAt().isPresent()) {
                            assertThat(filesOnRelay(relayDb, s.relayId())).as("files of a revoked share; " + context).isZero();
                            if (settled.add(s.id())) {
                                revokedFound++;
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("ShareRevocationKilledTest: %d kills in %d s; %d shares revoked; %d revocations found pending"
                + " and finished%n", kills, (System.nanoTime() - started) / 1_000_000_000, revokedFound, pendingFound);
        assertThat(pendingFound).as("some kills cut a revocation off between the ledger and the relay (seed %d)", seed)
                .isPositive();
    }

    private static int filesOnRelay(Path relayDb, String relayId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + relayDb.toAbsolutePath());
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM files WHERE share_id = ?")) {
            s.setString(1, relayId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
