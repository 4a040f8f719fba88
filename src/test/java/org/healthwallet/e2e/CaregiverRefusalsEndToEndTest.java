package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.family.RpcFamilyLedger;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.share.HttpRelayClient;
import org.healthwallet.core.share.PatientSigner;
import org.healthwallet.core.share.RpcGrantLedger;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareSelection;
import org.healthwallet.core.share.Shares;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.HandOver;
import org.healthwallet.ledger.tx.X25519PublicKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a caregiver may not do, each refused on the dev network with a sentence that says why and
 * nothing changed: a share for a patient with no delegation (the ledger answers UNAUTHORIZED), a
 * share after the delegation's end date, a hand-over under a read-only delegation, and a renewal
 * signed by the caregiver (on the ledger, and on the command line before it gets there).
 */
class CaregiverRefusalsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aCaregiverIsRefusedEverythingTheDelegationDoesNotAllow() throws Exception {
        TestWallet dad = TestWallet.withJorge(dir.resolve("dad"));
        TestWallet maria = TestWallet.withJorge(dir.resolve("maria"));
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(dad.devnetDir()));
             Vault dadVault = dad.unlock(); Vault mariaVault = maria.unlock();
             ConsortiumSource source = ConsortiumSource.file(net.configFile());
             ProfileLedger ledger = ProfileLedger.open(maria.dir(), source, mariaVault.ledgerSeal())) {
            Ed25519PublicKey dadKey = new Ed25519PublicKey(dadVault.identityPublicKey());
            Ed25519PublicKey mariaKey = new Ed25519PublicKey(mariaVault.identityPublicKey());
            RpcFamilyLedger family = new RpcFamilyLedger(ledger.connection());
            // Maria shares "Dad's" records (her own vault stands in for a copy) with her own key.
            X25519PublicKey dadsSealKey;
            try (SealKey seal = SealKey.of(dadVault::sign)) {
                dadsSealKey = new X25519PublicKey(seal.publicKey());
            }
            Sharing asCaregiver = new Sharing(mariaVault, PatientSigner.of(mariaVault), dadKey, mariaVault::index, dadsSealKey,
                    HttpRelayClient.of(net.config().relay().orElseThrow()),
                    RpcGrantLedger.of(ledger.connection(), PatientSigner.of(mariaVault)), Clock.systemDefaultZone(),
                    new SecureRandom());
            ShareDraft medications = ShareDraft.of(new ShareSelection.Categories(EnumSet.of(Category.MEDICATIONS)),
                    Instant.now(), Duration.ofHours(1));

            // 1. No delegation at all: the ledger refuses the grant, and no share is left anywhere.
            assertThatThrownBy(() -> asCaregiver.create(medications)).isInstanceOf(ShareException.class)
                    .hasMessageContaining("not allowed to do that");
            assertThat(new Shares(mariaVault).list()).isEmpty();
            assertThat(new Shares(mariaVault).interrupted()).isEmpty();

            // 2. A read-only delegation that ends in a few seconds (straight on the ledger, since the
            //    app asks for at least a minute).
            long endsAt = Instant.now().plusSeconds(6).getEpochSecond();
            family.submit(dadKey, dadVault::sign, new DelegationGranted(dadKey, mariaKey,
                    new DelegationScope(DelegationScope.RECORDS | DelegationScope.SHARE), endsAt), "The delegation");

            // 3. A hand-over by the caregiver under it: refused, Dad's key not retired.
            try (var fresh = Vault.create(dir.resolve("fresh.hwvault"), "p".toCharArray(), TestWallet.LOW_COST_KDF).vault()) {
                Ed25519PublicKey freshKey = new Ed25519PublicKey(fresh.identityPublicKey());
                byte[] acceptance = fresh.sign(HandOver.acceptanceHash(family.chainId(), dadKey, mariaKey, freshKey));
                assertThatThrownBy(() -> family.submit(mariaKey, mariaVault::sign,
                        new HandOver(dadKey, mariaKey, freshKey, acceptance), "The hand-over"))
                        .hasMessageContaining("does not allow the caregiver to take over the dependent's identity");
            }
            assertThat(family.handOver(dadKey)).isEmpty();

            // 4. A renewal signed by the caregiver: refused by the ledger, the end date as it was.
            assertThatThrownBy(() -> family.submit(mariaKey, mariaVault::sign, new DelegationGranted(dadKey, mariaKey,
                    DelegationScope.ALL, Instant.now().plus(Duration.ofDays(300)).getEpochSecond()), "The renewal"))
                    .hasMessageContaining("Only the dependent's own key");
            DelegationRecord standing = family.delegation(dadKey, mariaKey).orElseThrow();
            assertThat(standing.endsAt()).isEqualTo(endsAt);

            // 5. After the end date: the share is refused by the ledger, and nothing is left.
            Thread.sleep(Math.max(0, (endsAt + 3) * 1000 - System.currentTimeMillis()));
            assertThatThrownBy(() -> asCaregiver.create(medications)).isInstanceOf(ShareException.class)
                    .hasMessageContaining("not allowed to do that");
            assertThat(new Shares(mariaVault).list()).isEmpty();
            assertThat(new Shares(mariaVault).interrupted()).isEmpty();
        }

        // On the command line, a caregiver acting for someone cannot renew before it reaches the ledger.
        Run renew = maria.cli("--profile", "Dad", "caregiver", "renew", "Maria", "--ends", "2027-12-01");
        assertThat(renew.code()).isEqualTo(1);
        assertThat(renew.err()).contains("Only the person a delegation is for can renew it");
        assertThat(List.of(renew.err())).noneMatch(e -> e.contains("Exception"));
    }
}
