package org.healthwallet.core.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.healthwallet.core.share.CreatedShare;
import org.healthwallet.core.share.GrantLedger;
import org.healthwallet.core.share.RelayClient;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.share.SignedRelayRequest;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patient's side of caregiving, without records scope so no relay is involved (the copy link is
 * tested end to end): what an invitation may ask, renewal by the patient, revocation recorded.
 */
class CaregiversTest {
    private static final KdfParams CHEAP = new KdfParams(64, 1, 1);
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final DelegationScope REVOKE_ONLY = new DelegationScope(DelegationScope.REVOKE);

    @TempDir
    Path dir;

    private static final RelayClient NO_RELAY = new RelayClient() {
        @Override
        public CreatedShare create(SignedRelayRequest request) {
            throw new AssertionError("no relay in this test");
        }

        @Override
        public void revoke(SignedRelayRequest request) {
            throw new AssertionError("no relay in this test");
        }

        @Override
        public void update(SignedRelayRequest request) {
            throw new AssertionError("no relay in this test");
        }
    };

    private static final GrantLedger NO_GRANTS = new GrantLedger() {
        @Override
        public void issue(GrantIssued grant) {
            throw new AssertionError("no grants in this test");
        }

        @Override
        public void revoke(GrantRevoked revocation) {
            throw new AssertionError("no grants in this test");
        }

        @Override
        public void withdraw(GrantRevoked revocation) {
            throw new AssertionError("no grants in this test");
        }
    };

    @Test
    void anInvitationAsksOnlyWhatAnAdultsCaregiverMayHave() throws Exception {
        InMemoryFamilyLedger ledger = new InMemoryFamilyLedger(NOW);
        try (Vault dad = Vault.create(dir.resolve("dad.hwvault"), "p".toCharArray(), CHEAP, "Dad").vault();
             Vault maria = Vault.create(dir.resolve("maria.hwvault"), "p".toCharArray(), CHEAP, "Maria").vault()) {
            Caregivers caregivers = new Caregivers(dad, new Sharing(dad, NO_RELAY, NO_GRANTS, NOW, new SecureRandom()), ledger, NOW);
            CaregiverCode code = CaregiverCode.of(maria);
            Instant inAYear = NOW.instant().plus(Duration.ofDays(365));

            assertThatThrownBy(() -> caregivers.invite(code, "Maria", "Dad",
                    new DelegationScope(DelegationScope.RECORDS | DelegationScope.HAND_OVER), inAYear))
                    .hasMessageContaining("never take over");
            assertThatThrownBy(() -> caregivers.invite(code, "Maria", "Dad", new DelegationScope(DelegationScope.SHARE), inAYear))
                    .hasMessageContaining("must also be allowed to read");
            assertThatThrownBy(() -> caregivers.invite(code, "Maria", "Dad", REVOKE_ONLY, NOW.instant().plus(Duration.ofDays(600))))
                    .hasMessageContaining("at most 18 months");
            assertThatThrownBy(() -> caregivers.invite(CaregiverCode.of(dad), "Me", "Dad", REVOKE_ONLY, inAYear))
                    .hasMessageContaining("own caregiver code");
            assertThat(ledger.submitted).as("nothing reached the ledger").isEmpty();
            assertThat(caregivers.list()).isEmpty();

            Caregivers.Invited invited = caregivers.invite(code, "Maria", "Dad", REVOKE_ONLY, inAYear);
            assertThat(ledger.submitted).singleElement().isInstanceOf(DelegationGranted.class);
            Caregiver renewed = caregivers.renew(invited.caregiver().id(), NOW.instant().plus(Duration.ofDays(500)));
            assertThat(renewed.endsAt()).isEqualTo(NOW.instant().plus(Duration.ofDays(500)));
            assertThat(((DelegationGranted) ledger.submitted.get(1)).endsAt()).isEqualTo(renewed.endsAt().getEpochSecond());
            Caregiver revoked = caregivers.revoke(invited.caregiver().id());
            assertThat(revoked.state(NOW.instant())).isEqualTo(Caregiver.State.REVOKED);
            assertThat(ledger.submitted.get(2)).isInstanceOf(DelegationRevoked.class);
            assertThatThrownBy(() -> caregivers.renew(invited.caregiver().id(), inAYear)).hasMessageContaining("invite them again");
        }
    }

    @Test
    void aRevokeCutOffAfterTheLedgerEndedTheDelegationFinishesWhenTriedAgain() throws Exception {
        InMemoryFamilyLedger ledger = new InMemoryFamilyLedger(NOW);
        try (Vault dad = Vault.create(dir.resolve("dad.hwvault"), "p".toCharArray(), CHEAP, "Dad").vault();
             Vault maria = Vault.create(dir.resolve("maria.hwvault"), "p".toCharArray(), CHEAP, "Maria").vault()) {
            Caregivers caregivers = new Caregivers(dad, new Sharing(dad, NO_RELAY, NO_GRANTS, NOW, new SecureRandom()), ledger, NOW);
            Caregivers.Invited invited = caregivers.invite(CaregiverCode.of(maria), "Maria", "Dad", REVOKE_ONLY,
                    NOW.instant().plus(Duration.ofDays(365)));
            // The wallet stopped after the ledger ended the delegation, before it noted so: the ledger now
            // refuses a second DelegationRevoked as "already ended".
            org.healthwallet.ledger.cometbft.Ed25519PublicKey me = new org.healthwallet.ledger.cometbft.Ed25519PublicKey(dad.identityPublicKey());
            ledger.submit(me, dad::sign, new DelegationRevoked(me, CaregiverCode.of(maria).identity()), "ending");
            ledger.refuseWith = "the ledger already has this (already recorded or already revoked).";

            Caregiver revoked = caregivers.revoke(invited.caregiver().id());

            assertThat(revoked.state(NOW.instant())).isEqualTo(Caregiver.State.REVOKED);
            assertThat(caregivers.list()).singleElement().satisfies(c -> assertThat(c.revokedAt()).isPresent());

            // A refusal while the ledger does not show the delegation ended is reported, and nothing is noted.
            ledger.refuseWith = null;
            Caregivers.Invited again = caregivers.invite(CaregiverCode.of(maria), "Maria again", "Dad", REVOKE_ONLY,
                    NOW.instant().plus(Duration.ofDays(300)));
            ledger.refuseWith = "the ledger cannot be reached";
            assertThatThrownBy(() -> caregivers.revoke(again.caregiver().id())).isInstanceOf(FamilyException.class)
                    .hasMessageContaining("the ledger cannot be reached");
            assertThat(caregivers.list()).filteredOn(c -> c.id().equals(again.caregiver().id()))
                    .singleElement().satisfies(c -> assertThat(c.revokedAt()).isEmpty());
        }
    }
}
