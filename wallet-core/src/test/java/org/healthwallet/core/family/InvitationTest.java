package org.healthwallet.core.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DelegationScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caregiver codes and invitations between two real vaults: only the addressee opens one, and damage is named. */
class InvitationTest {
    static final KdfParams CHEAP = new KdfParams(64, 1, 1);

    @TempDir
    Path dir;

    @Test
    void anInvitationSealedToACaregiversCodeOpensOnlyInThatCaregiversWallet() throws Exception {
        try (Vault dad = Vault.create(dir.resolve("dad.hwvault"), "p".toCharArray(), CHEAP, "Dad").vault();
             Vault maria = Vault.create(dir.resolve("maria.hwvault"), "p".toCharArray(), CHEAP, "Maria").vault();
             Vault stranger = Vault.create(dir.resolve("s.hwvault"), "p".toCharArray(), CHEAP, "S").vault()) {
            CaregiverCode code = CaregiverCode.parse(CaregiverCode.of(maria).text());
            assertThat(code).isEqualTo(CaregiverCode.of(maria));
            Ed25519PublicKey dadKey = new Ed25519PublicKey(dad.identityPublicKey());
            Invitation sent = new Invitation(dadKey, "Dad", new DelegationScope(DelegationScope.RECORDS | DelegationScope.SHARE),
                    Instant.parse("2027-06-30T00:00:00Z"), "hw-devnet", Optional.empty());
            String text = sent.sealTo(code);
            assertThat(text).startsWith(Invitation.PREFIX).doesNotContain("Dad");

            try (SealKey mariasKey = SealKey.of(maria::sign)) {
                Invitation opened = Invitation.open(text, new Ed25519PublicKey(maria.identityPublicKey()), mariasKey);
                assertThat(opened).isEqualTo(sent);
            }
            try (SealKey strangersKey = SealKey.of(stranger::sign)) {
                Ed25519PublicKey strangerKey = new Ed25519PublicKey(stranger.identityPublicKey());
                assertThatThrownBy(() -> Invitation.open(text, strangerKey, strangersKey))
                        .isInstanceOf(FamilyException.class).hasMessageContaining("made for another caregiver");
            }
            // One character changed in the sealed part: refused, nothing opened.
            int at = text.length() - 10;
            String damaged = text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1);
            try (SealKey mariasKey = SealKey.of(maria::sign)) {
                assertThatThrownBy(() -> Invitation.open(damaged, new Ed25519PublicKey(maria.identityPublicKey()), mariasKey))
                        .isInstanceOf(FamilyException.class).hasMessageContaining("does not open");
            }
        }
    }

    @Test
    void theSealKeyIsTheSameEveryTimeForOneIdentity() throws Exception {
        try (Vault one = Vault.create(dir.resolve("one.hwvault"), "p".toCharArray(), CHEAP, "").vault();
             SealKey a = SealKey.of(one::sign); SealKey b = SealKey.of(one::sign)) {
            assertThat(a.publicKey()).isEqualTo(b.publicKey()).hasSize(32);
        }
    }

    @Test
    void aMistypedOrForeignCodeIsNamed() throws Exception {
        try (Vault maria = Vault.create(dir.resolve("maria.hwvault"), "p".toCharArray(), CHEAP, "Maria").vault()) {
            String text = CaregiverCode.of(maria).text();
            int at = CaregiverCode.PREFIX.length() + 20;
            String typo = text.substring(0, at) + (text.charAt(at) == 'x' ? 'y' : 'x') + text.substring(at + 1);
            assertThatThrownBy(() -> CaregiverCode.parse(typo)).hasMessageContaining("typo");
            assertThatThrownBy(() -> CaregiverCode.parse(text.substring(0, text.length() - 5))).hasMessageContaining("incomplete");
            assertThatThrownBy(() -> CaregiverCode.parse("shlink:/abc")).hasMessageContaining("not a HealthWallet caregiver code");
        }
    }
}
