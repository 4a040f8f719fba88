package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the wallet reads from ledger state (a signer's nonce before it signs, the access log) is
 * believed only with a proof to a light-client-verified header: an honest node's answer is used, a
 * node that changes a value or hides one is caught. The lying node is a {@link LyingNode} in front of
 * the dev network's primary that rewrites {@code abci_query} answers.
 */
class LedgerStateEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void anHonestAnswerIsUsedAndAnAlteredOrHiddenValueIsCaught() throws Exception {
        Path walletDir = dir.resolve("wallet");
        Profiles profiles = new Profiles(walletDir);
        try (Vault vault = Vault.create(profiles.vaultFile(profiles.create("")), "Tulip-Orbit-42!".toCharArray(),
                new KdfParams(256, 1, 1)).vault()) {
            assertThat(vault.isLocked()).isFalse();
        }
        try (EmbeddedConsortium net = EmbeddedConsortium.start(
                new EmbeddedConsortiumOptions(dir.resolve("net"), 4, 0, 3, Duration.ofMillis(200)));
             ConsortiumSource source = ConsortiumSource.file(net.configFile());
             ProfileLedger ledger = ProfileLedger.open(walletDir, source, TestWallet.ledgerSeal(walletDir, "Tulip-Orbit-42!"))) {
            URI primary = net.config().primary();
            StateKey operators = StateKey.operators();

            LedgerState honest = new LedgerState(NodeRpc.of(primary), ledger.connection(), Duration.ofSeconds(10));
            LedgerState.Read read = honest.read(operators);
            assertThat(read.value()).isPresent();
            assertThat(OperatorSet.decode(read.value().get()).operators()).hasSize(4);
            assertThat(read.provenAgainst().height()).isEqualTo(read.stateHeight() + 1);
            // Proven absence: a signer that never signed has no nonce.
            assertThat(honest.read(StateKey.nonce(new org.healthwallet.ledger.cometbft.Ed25519PublicKey(new byte[32]))).value())
                    .isEmpty();

            try (LyingNode altering = LyingNode.inFrontOf(primary, LyingNode.Rewrite.abciQuery(
                         (call, answer) -> LyingNode.withValue(answer, value -> {
                             byte[] bytes = Base64.getDecoder().decode(value);
                             bytes[bytes.length - 1] ^= 1;
                             return Base64.getEncoder().encodeToString(bytes);
                         })));
                 LyingNode hiding = LyingNode.inFrontOf(primary, LyingNode.Rewrite.abciQuery(
                         (call, answer) -> LyingNode.withValue(answer, value -> "")))) {
                LedgerState altered = new LedgerState(NodeRpc.of(altering.url()), ledger.connection(), Duration.ofSeconds(10));
                assertThatThrownBy(() -> altered.read(operators)).isInstanceOf(LedgerException.class)
                        .hasMessageContaining("does not show").hasMessageContaining("HealthWallet did not use it");
                LedgerState hidden = new LedgerState(NodeRpc.of(hiding.url()), ledger.connection(), Duration.ofSeconds(10));
                assertThatThrownBy(() -> hidden.read(operators)).isInstanceOf(LedgerException.class)
                        .hasMessageContaining("does not show");
            }
        }
    }
}
