package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerFile;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.share.PatientSigner;
import org.healthwallet.core.share.RpcGrantLedger;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.SignerNonce;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.X25519PublicKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortcuts that make a share quick keep the ledger's guarantees: a wallet remembers the nonce of
 * its own committed grant instead of reading it again, and when another holder of the same key (the
 * wallet open in the app while the command line shares too) used that nonce, the ledger refuses it
 * and the wallet reads the nonce, proven, and still records the grant. And the nonce, when the newest
 * block did not change the state, is proven against that block's header, without waiting for another.
 */
class GrantNonceEndToEndTest {
    @TempDir
    Path dir;

    private Vault vault() throws Exception {
        return Vault.create(dir.resolve("me.hwvault"), "Tulip-Orbit-42!".toCharArray(), new KdfParams(256, 1, 1)).vault();
    }

    private static GrantIssued grant(Vault vault, EmbeddedConsortium net, String id) {
        return new GrantIssued(Digest.sha256(id.getBytes(StandardCharsets.UTF_8)), new Ed25519PublicKey(vault.identityPublicKey()),
                Digest.sha256(("scope " + id).getBytes(StandardCharsets.UTF_8)), Instant.now().plusSeconds(3600).getEpochSecond(),
                net.relay().orElseThrow().relayKey(), sealTo(vault));
    }

    private static X25519PublicKey sealTo(Vault vault) {
        try (SealKey seal = SealKey.of(vault::sign)) {
            return new X25519PublicKey(seal.publicKey());
        }
    }

    @Test
    void aRememberedNonceThatAnotherHolderOfTheKeyUsedIsReadAgainAndTheGrantIsStillRecorded() throws Exception {
        try (Vault vault = vault();
             EmbeddedConsortium net = EmbeddedConsortium.start(
                     new EmbeddedConsortiumOptions(dir.resolve("net"), 4, 0, 3, Duration.ofMillis(200), true));
             LedgerFile file = LedgerFile.open(dir.resolve("me.hwvault"), vault.ledgerSeal())) {
            LedgerConnection ledger = LedgerConnection.overHttp(net.config(), file);
            RpcGrantLedger app = RpcGrantLedger.of(ledger, PatientSigner.of(vault));
            RpcGrantLedger commandLine = RpcGrantLedger.of(ledger, PatientSigner.of(vault));

            app.issue(grant(vault, net, "first"));              // nonce 1, remembered by the app
            commandLine.issue(grant(vault, net, "second"));     // reads 1 from the ledger, takes 2
            app.issue(grant(vault, net, "third"));              // tries 2 (used), reads 2, takes 3

            LedgerState state = new LedgerState(NodeRpc.of(net.config().primary()), ledger, Duration.ofSeconds(10));
            Ed25519PublicKey patient = new Ed25519PublicKey(vault.identityPublicKey());
            assertThat(SignerNonce.decode(state.read(StateKey.nonce(patient)).value().orElseThrow()).last()).isEqualTo(3);
            for (String id : new String[] {"first", "second", "third"}) {
                assertThat(state.read(StateKey.grant(Digest.sha256(id.getBytes(StandardCharsets.UTF_8)))).value())
                        .as("grant " + id + " on the ledger").isPresent();
            }
        }
    }

    @Test
    void stateTheNewestBlockDidNotChangeIsProvenAgainstItsHeaderWithoutWaitingForAnother() throws Exception {
        // No empty blocks: after the grant's block and the one that commits to it, no block comes.
        try (Vault vault = vault();
             EmbeddedConsortium net = EmbeddedConsortium.start(
                     new EmbeddedConsortiumOptions(dir.resolve("net"), 4, 0, 3, Duration.ZERO, true));
             LedgerFile file = LedgerFile.open(dir.resolve("me.hwvault"), vault.ledgerSeal())) {
            LedgerConnection ledger = LedgerConnection.overHttp(net.config(), file);
            RpcGrantLedger.of(ledger, PatientSigner.of(vault)).issue(grant(vault, net, "only"));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (net.network().pendingTransactions() > 0 || proofPending(net)) {
                assertThat(System.nanoTime()).as("the block committing to the grant").isLessThan(deadline);
                Thread.sleep(10);
            }
            long height = net.network().height();

            LedgerState state = new LedgerState(NodeRpc.of(net.config().primary()), ledger, Duration.ofSeconds(2));
            LedgerState.Read nonce = state.readWithoutWaiting(StateKey.nonce(new Ed25519PublicKey(vault.identityPublicKey())));
            assertThat(SignerNonce.decode(nonce.value().orElseThrow()).last()).isEqualTo(1);
            assertThat(nonce.provenAgainst().height()).isEqualTo(height);
            assertThat(nonce.provenAgainst().height()).isEqualTo(nonce.stateHeight() + 1);
            assertThat(net.network().height()).as("no block was made for the read").isEqualTo(height);
        }
    }

    /** Whether the newest block changed the state and the block committing to it is still to come. */
    private static boolean proofPending(EmbeddedConsortium net) {
        var newest = net.network().latestBlock();
        return !newest.header().appHash().equals(newest.appHashAfter());
    }
}
