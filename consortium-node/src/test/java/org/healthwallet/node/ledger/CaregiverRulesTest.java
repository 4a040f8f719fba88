package org.healthwallet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.ledger.tx.HandOver;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.node.TestSeal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's caregiver rules (wallet-core/docs/caregivers.md, "Ledger rules"). */
class CaregiverRulesTest {
    private static final int ADULT = DelegationScope.SHARE | DelegationScope.REVOKE | DelegationScope.RECORDS;
    private static final long DAY = 86_400;

    @TempDir
    Path dir;
    TestChain chain;
    SigningKey dependent;

    @BeforeEach
    void start() {
        chain = new TestChain(dir);
        dependent = TestChain.key("elderly parent");
    }

    @AfterEach
    void stop() {
        chain.close();
    }

    private TxOutcome delegate(int scope, long endsAt) {
        return chain.run(chain.sign(dependent, new DelegationGranted(dependent.publicKey(), chain.caregiver.publicKey(),
                new DelegationScope(scope), endsAt)));
    }

    private TxOutcome refused(SigningKey signer, org.healthwallet.ledger.tx.Payload payload) {
        TxOutcome outcome = chain.run(chain.sign(signer, payload));
        if (!outcome.ok()) chain.unspend(signer);
        return outcome;
    }

    private Digest caregiverShare(String name) {
        Digest share = Digest.sha256(name.getBytes());
        assertThat(chain.run(chain.sign(chain.caregiver, new GrantIssued(share, dependent.publicKey(), Digest.ZERO,
                chain.unixTime() + 60 * DAY, chain.relay.publicKey(), TestSeal.sealTo(dependent.publicKey())))).ok()).isTrue();
        return share;
    }

    private TxOutcome access(Digest share, String recipient) {
        TxOutcome outcome = chain.run(chain.sign(chain.relay, TestSeal.access(TestChain.CHAIN_ID, chain.relay.publicKey(),
                dependent.publicKey(), share, recipient, chain.unixTime())));
        if (!outcome.ok()) chain.unspend(chain.relay);
        return outcome;
    }

    @Test
    void aHandOverByAReadOnlyCaregiverIsRefusedAndNothingChanges() {
        assertThat(delegate(ADULT, chain.unixTime() + 30 * DAY).ok()).isTrue();
        SigningKey takeover = TestChain.key("caregiver's own new key");
        TxOutcome outcome = refused(chain.caregiver,
                HandOver.accepted(TestChain.CHAIN_ID, dependent.publicKey(), chain.caregiver.publicKey(), takeover));

        assertThat(outcome.code()).isEqualTo(TxCode.UNAUTHORIZED);
        assertThat(outcome.log()).contains("does not allow the caregiver to take over the dependent's identity");
        LedgerView view = chain.ledger.committedView();
        assertThat(view.handOver(dependent.publicKey())).isEmpty();
        assertThat(view.delegation(dependent.publicKey(), chain.caregiver.publicKey()).orElseThrow().ended())
                .isEqualTo(DelegationRecord.Ending.NONE);
    }

    @Test
    void theDependentItselfHandsOverUnderAnyActiveDelegation() {
        assertThat(delegate(ADULT, chain.unixTime() + 30 * DAY).ok()).isTrue();
        SigningKey fresh = TestChain.key("dependent's new device");
        TxOutcome outcome = chain.run(chain.sign(dependent,
                HandOver.accepted(TestChain.CHAIN_ID, dependent.publicKey(), chain.caregiver.publicKey(), fresh)));
        assertThat(outcome.code()).as(outcome.log()).isEqualTo(TxCode.OK);
        assertThat(chain.ledger.committedView().handOver(dependent.publicKey()).orElseThrow().successor())
                .isEqualTo(fresh.publicKey());
    }

    @Test
    void aYoungAdultTakesOverWithTheirOwnKeyAfterTheGuardiansDelegationEnded() {
        assertThat(delegate(DelegationScope.ALL.bits(), chain.unixTime() + 6).ok()).isTrue();
        chain.block();
        chain.block();
        assertThat(chain.ledger.committedView().delegation(dependent.publicKey(), chain.caregiver.publicKey()).orElseThrow()
                .activeAt(chain.unixTime())).as("the 18th birthday has passed").isFalse();
        SigningKey parentsDevice = TestChain.key("the parent's choice");
        TxOutcome byParent = refused(chain.caregiver,
                HandOver.accepted(TestChain.CHAIN_ID, dependent.publicKey(), chain.caregiver.publicKey(), parentsDevice));
        assertThat(byParent.code()).as("the parent cannot act after the end date").isEqualTo(TxCode.EXPIRED);
        SigningKey fresh = TestChain.key("the young adult's own device");
        TxOutcome bySelf = chain.run(chain.sign(dependent,
                HandOver.accepted(TestChain.CHAIN_ID, dependent.publicKey(), chain.caregiver.publicKey(), fresh)));
        assertThat(bySelf.code()).as(bySelf.log()).isEqualTo(TxCode.OK);
        assertThat(chain.ledger.committedView().handOver(dependent.publicKey()).orElseThrow().successor())
                .isEqualTo(fresh.publicKey());
        TxOutcome oldKey = refused(dependent, new DelegationGranted(dependent.publicKey(), chain.caregiver.publicKey(),
                DelegationScope.ALL, chain.unixTime() + 30 * DAY));
        assertThat(oldKey.code()).as("the ledger refuses the old key").isEqualTo(TxCode.KEY_RETIRED);
    }

    @Test
    void anAdultsDelegationLastsAtMost548Days() {
        TxOutcome tooLong = delegate(ADULT, chain.unixTime() + 5 + 549 * DAY);
        assertThat(tooLong.code()).isEqualTo(TxCode.INVALID);
        assertThat(tooLong.log()).contains("at most 548 days (18 months)");
        chain.unspend(dependent);
        assertThat(chain.ledger.committedView().delegation(dependent.publicKey(), chain.caregiver.publicKey())).isEmpty();
        // The next block is 5 s later: an end date exactly 548 days after it is allowed.
        assertThat(delegate(ADULT, chain.unixTime() + 5 + 548 * DAY).code()).isEqualTo(TxCode.OK);
    }

    @Test
    void aGuardiansDelegationWithHandOverMayLastUntilThe18thBirthdayButNoLonger() {
        int guardian = DelegationScope.ALL.bits();
        long limit = DelegationGranted.MAX_GUARDIAN_LIFETIME.toSeconds();
        assertThat(DelegationGranted.MAX_GUARDIAN_LIFETIME).isEqualTo(Duration.ofDays(18 * 365 + 5 + 5));
        TxOutcome tooLong = delegate(guardian, chain.unixTime() + 5 + limit + 1);
        assertThat(tooLong.code()).isEqualTo(TxCode.INVALID);
        assertThat(tooLong.log()).contains("at most 6580 days (18 years and 5 days)");
        chain.unspend(dependent);
        // A child born today: the 18th birthday is at most 18 × 365 + 5 days away.
        assertThat(delegate(guardian, chain.unixTime() + 5 + (18 * 365 + 5) * DAY).code()).isEqualTo(TxCode.OK);
    }

    @Test
    void aRenewalSignedByTheCaregiverIsRefused() {
        assertThat(delegate(ADULT, chain.unixTime() + 30 * DAY).ok()).isTrue();
        TxOutcome renewal = refused(chain.caregiver, new DelegationGranted(dependent.publicKey(), chain.caregiver.publicKey(),
                new DelegationScope(ADULT), chain.unixTime() + 500 * DAY));
        assertThat(renewal.code()).isEqualTo(TxCode.UNAUTHORIZED);
        assertThat(renewal.log()).contains("Only the dependent's own key");
        assertThat(chain.ledger.committedView().delegation(dependent.publicKey(), chain.caregiver.publicKey()).orElseThrow()
                .endsAt()).isEqualTo(TestChain.GENESIS.getEpochSecond() + 30 * DAY);
        // The dependent renews.
        assertThat(delegate(ADULT, chain.unixTime() + 500 * DAY).ok()).isTrue();
    }

    @Test
    void aCaregiversShareIsServedWhileTheDelegationStandsAndRefusedOnceItIsRevoked() {
        assertThat(delegate(ADULT, chain.unixTime() + 30 * DAY).ok()).isTrue();
        Digest share = caregiverShare("for the pharmacist");
        assertThat(access(share, "Pharmacist Ines").code()).isEqualTo(TxCode.OK);

        assertThat(chain.run(chain.sign(dependent, new DelegationRevoked(dependent.publicKey(), chain.caregiver.publicKey())))
                .ok()).isTrue();
        TxOutcome after = access(share, "Pharmacist Ines");
        assertThat(after.code()).isEqualTo(TxCode.UNAUTHORIZED);
        assertThat(after.log()).contains("The caregiver who issued this share no longer may share for this patient")
                .contains("revoked at height");
        assertThat(chain.ledger.committedView().accessLogHead(dependent.publicKey()).length()).isEqualTo(1);

        // The dependent grants again: the shares the caregiver issued stand again.
        assertThat(delegate(ADULT, chain.unixTime() + 30 * DAY).ok()).isTrue();
        assertThat(access(share, "Pharmacist Ines").code()).isEqualTo(TxCode.OK);
    }

    @Test
    void aCaregiversShareEndsWithTheDelegationsEndDateAndWithAScopeWithoutShare() {
        assertThat(delegate(ADULT, chain.unixTime() + 5 + 3600).ok()).isTrue();
        Digest share = caregiverShare("short-lived delegation");
        assertThat(access(share, "Dr. Early").code()).isEqualTo(TxCode.OK);
        chain.time = chain.time.plusSeconds(3600);
        TxOutcome ended = access(share, "Dr. Late");
        assertThat(ended.code()).isEqualTo(TxCode.UNAUTHORIZED);
        assertThat(ended.log()).contains("ended on its end date");

        // Renewed without share: the caregiver's share stays refused.
        assertThat(delegate(DelegationScope.RECORDS, chain.unixTime() + 30 * DAY).ok()).isTrue();
        TxOutcome readOnly = access(share, "Dr. Late");
        assertThat(readOnly.code()).isEqualTo(TxCode.UNAUTHORIZED);
        assertThat(readOnly.log()).contains("no longer allows sharing");
    }

    @Test
    void thePatientsOwnShareDoesNotDependOnAnyDelegation() {
        Digest share = Digest.sha256("own share".getBytes());
        assertThat(chain.run(chain.sign(dependent, new GrantIssued(share, dependent.publicKey(), Digest.ZERO,
                chain.unixTime() + 3600, chain.relay.publicKey(), TestSeal.sealTo(dependent.publicKey())))).ok()).isTrue();
        assertThat(access(share, "Dr. Own").code()).isEqualTo(TxCode.OK);
    }

    @Test
    void theCaregiverWhoIssuedAGrantMayRevokeIt() {
        assertThat(delegate(DelegationScope.SHARE, chain.unixTime() + 30 * DAY).ok()).isTrue();
        Digest share = caregiverShare("withdrawn by the caregiver");
        Digest patientsOwn = Digest.sha256("the patient's".getBytes());
        assertThat(chain.run(chain.sign(dependent, new GrantIssued(patientsOwn, dependent.publicKey(), Digest.ZERO,
                chain.unixTime() + 3600, chain.relay.publicKey(), TestSeal.sealTo(dependent.publicKey())))).ok()).isTrue();

        // Without revoke in scope, the caregiver may withdraw its own share but not the patient's.
        assertThat(chain.run(chain.sign(chain.caregiver, new GrantRevoked(share))).code()).isEqualTo(TxCode.OK);
        TxOutcome other = refused(chain.caregiver, new GrantRevoked(patientsOwn));
        assertThat(other.code()).isEqualTo(TxCode.UNAUTHORIZED);
        assertThat(chain.ledger.committedView().revocation(share)).isPresent();
        assertThat(chain.ledger.committedView().revocation(patientsOwn)).isEmpty();
    }
}
