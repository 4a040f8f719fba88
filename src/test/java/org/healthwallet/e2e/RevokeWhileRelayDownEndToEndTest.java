package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.healthwallet.app.cli.Cli;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.Shares;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.healthwallet.node.relay.RelayOptions;
import org.healthwallet.node.relay.RelayServer;
import org.healthwallet.node.relay.RelayTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: revoking goes to the ledger first. On the embedded dev network, with its real relay
 * stopped (nothing listens at its address): {@code share revoke} exits 0, says the link is revoked on
 * the ledger and that the relay's deletion waits; the ledger shows the revocation (read with a proof);
 * {@code share list} shows the pending deletion. With the relay started again on its old address and
 * its files still there, the doctor's {@code open-link} is refused with the plain message (the relay,
 * finding the grant revoked on the ledger, ends that share itself), and the next wallet command has
 * the relay delete what is left (it no longer holds the files).
 */
class RevokeWhileRelayDownEndToEndTest {
    private static final String DOCTOR = "Dr. Ng, City Clinic";
    private static final String NOT_REACHABLE = "was not reachable; its copy of the encrypted files will be deleted when it"
            + " is back (the link already cannot be opened).";

    @TempDir
    Path dir;

    @Test
    void revokeWhileTheRelayIsDownIsOnTheLedgerAndTheLinkIsRefusedOnceTheRelayIsBack() throws Exception {
        TestWallet wallet = TestWallet.withJorge(dir.resolve("wallet"));
        Path relayDir = wallet.devnetDir().resolve(EmbeddedConsortium.RELAY_DIR);
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()))) {
            TestWallet.CreatedShare opened = wallet.shareCreate("--categories", "allergies", "--expires", "1h");
            TestWallet.CreatedShare unopened = wallet.shareCreate("--categories", "immunizations", "--expires", "1h");
            wallet.openLink(opened.link(), DOCTOR);   // it works before the revocation
            String openedRelayId = relayId(wallet, opened.id());
            String unopenedRelayId = relayId(wallet, unopened.id());

            RelayServer relay = net.relay().orElseThrow();
            int port = relay.port();
            relay.close();   // the relay is down: nothing listens at the address the consortium names

            for (TestWallet.CreatedShare share : new TestWallet.CreatedShare[] {opened, unopened}) {
                Run revoked = wallet.cli("share", "revoke", share.id());
                assertThat(revoked.code()).as(revoked.err()).isZero();
                assertThat(revoked.out()).contains("Revoked on the ledger: the link no longer opens (share " + share.id())
                        .contains("The relay at 127.0.0.1:" + port + " " + NOT_REACHABLE);
                assertThat(revoked.err()).doesNotContain("Exception").doesNotContain("\tat ");
            }

            // The ledger says revoked, proven against a header the light client verified.
            try (Vault vault = wallet.unlock();
                 ConsortiumSource source = ConsortiumSource.file(net.configFile());
                 ProfileLedger ledger = ProfileLedger.open(wallet.dir(), source, vault.ledgerSeal())) {
                LedgerState state = new LedgerState(NodeRpc.of(net.config().primary()), ledger.connection(),
                        Duration.ofSeconds(30));
                Shares shares = new Shares(vault);
                for (TestWallet.CreatedShare share : new TestWallet.CreatedShare[] {opened, unopened}) {
                    Share kept = shares.find(UUID.fromString(share.id())).orElseThrow();
                    assertThat(state.read(StateKey.revocation(kept.grantId())).value()).as("revocation of " + share.id())
                            .isPresent();
                }
            }

            Run listed = wallet.cli("share", "list");
            assertThat(listed.code()).as(listed.err()).isZero();
            assertThat(listed.out()).containsPattern(opened.id() + "\\s+revoked").containsPattern(unopened.id() + "\\s+revoked")
                    .contains("relay deletion pending: the relay at 127.0.0.1:" + port + " " + NOT_REACHABLE);
            assertThat(listed.err()).contains("2 revoked shares still to be deleted on the relay");

            // The relay is back on its address, with the files it held: the ledger still stops the link.
            try (RelayServer back = RelayServer.start(RelayOptions.loopback(relayDir, port)
                    .withTuning(RelayTuning.DEFAULT.withLedger(100, RelayTuning.DEFAULT.ledgerPoll(),
                            RelayTuning.DEFAULT.commitTimeout())), net.config())) {
                assertThat(back.url()).isEqualTo(net.config().relay().orElseThrow());
                assertThat(filesOnRelay(relayDir, openedRelayId)).as("the relay still holds the files").isPositive();
                assertThat(filesOnRelay(relayDir, unopenedRelayId)).isPositive();

                Run doctor = wallet.cli("open-link", opened.link(), "--recipient", DOCTOR);
                assertThat(doctor.code()).isEqualTo(Cli.EXIT_FAILED);
                assertThat(doctor.err()).contains("This link no longer works").doesNotContain("Exception");
                assertThat(doctor.out()).isEmpty();
                // Finding the grant revoked on the ledger, the relay ended that share and dropped its files itself;
                // the share nobody asked for is still there, waiting for the wallet.
                assertThat(filesOnRelay(relayDir, openedRelayId)).isZero();
                assertThat(filesOnRelay(relayDir, unopenedRelayId)).isPositive();

                // The next wallet command asks the relay to delete what is left, and nothing stays pending.
                Run next = wallet.cli("share", "list");
                assertThat(next.code()).as(next.err()).isZero();
                assertThat(next.out()).doesNotContain("relay deletion pending");
                assertThat(filesOnRelay(relayDir, openedRelayId)).isZero();
                assertThat(filesOnRelay(relayDir, unopenedRelayId)).as("deleted at the wallet's request").isZero();
                assertThat(next.err()).contains("The relay deleted its copy of the encrypted files of a revoked share");
                try (Vault vault = wallet.unlock()) {
                    assertThat(new Shares(vault).relayDeletions()).isEmpty();
                }
                Run again = wallet.cli("open-link", unopened.link(), "--recipient", DOCTOR);
                assertThat(again.code()).isEqualTo(Cli.EXIT_FAILED);
                assertThat(again.err()).contains("This link no longer works");
            }
        }
    }

    private static String relayId(TestWallet wallet, String shareId) throws Exception {
        try (Vault vault = wallet.unlock()) {
            return new Shares(vault).find(UUID.fromString(shareId)).orElseThrow().relayId();
        }
    }

    /** How many encrypted files the relay's own database holds for a share. */
    private static int filesOnRelay(Path relayDir, String relayId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + relayDir.resolve("relay.db").toAbsolutePath());
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM files WHERE share_id = ?")) {
            s.setString(1, relayId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
