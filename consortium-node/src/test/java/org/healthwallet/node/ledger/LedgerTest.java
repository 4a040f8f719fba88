package org.healthwallet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.ledger.tx.HandOver;
import org.healthwallet.ledger.tx.RecordAnchored;
import org.healthwallet.ledger.tx.RelayApproval;
import org.healthwallet.ledger.tx.RelayRegistered;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.X25519PublicKey;
import org.healthwallet.node.TestSeal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path dir;
    TestChain chain;

    @BeforeEach
    void start() {
        chain = new TestChain(dir);
    }

    @AfterEach
    void stop() {
        chain.close();
    }

    private GrantIssued grant(Digest shareId) {
        return new GrantIssued(shareId, chain.patient.publicKey(), Digest.sha256("labs".getBytes()),
                chain.unixTime() + 3600, chain.relay.publicKey(), TestSeal.sealTo(chain.patient.publicKey()));
    }

    private AccessRecorded access(Digest shareId, String recipient) {
        return TestSeal.access(TestChain.CHAIN_ID, chain.relay.publicKey(), chain.patient.publicKey(), shareId, recipient,
                chain.unixTime());
    }

    @Test
    void aGrantWhoseSealKeyIsAllZerosIsRefusedAndTheLogKeepsOnlyTheSealedBox() {
        Digest refused = Digest.sha256("zero-seal".getBytes());
        TxOutcome zero = chain.run(chain.sign(chain.patient, new GrantIssued(refused, chain.patient.publicKey(), Digest.ZERO,
                chain.unixTime() + 3600, chain.relay.publicKey(), new X25519PublicKey(new byte[32]))));
        assertThat(zero.code()).isEqualTo(TxCode.INVALID);
        assertThat(zero.log()).contains("seal key is all zeros");
        chain.unspend(chain.patient);
        assertThat(chain.ledger.committedView().grant(refused)).as("nothing stored").isEmpty();

        Digest share = Digest.sha256("sealed".getBytes());
        assertThat(chain.run(chain.sign(chain.patient, grant(share))).code()).isEqualTo(TxCode.OK);
        assertThat(chain.ledger.committedView().grant(share).orElseThrow().sealTo())
                .isEqualTo(TestSeal.sealTo(chain.patient.publicKey()));
        assertThat(chain.run(chain.sign(chain.relay, access(share, "Dr. Ana Souza, oncology"))).code()).isEqualTo(TxCode.OK);
        AccessEntry entry = chain.ledger.committedView().accessLogEntry(chain.patient.publicKey(), 0).orElseThrow();
        assertThat(new String(entry.encode(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Souza").doesNotContain("oncology");
        assertThat(TestSeal.recipient(TestChain.CHAIN_ID, chain.patient.publicKey(), entry)).isEqualTo("Dr. Ana Souza, oncology");
    }

    @Test
    void aShareIsGrantedAccessedAndRevokedAndTheLogProvesComplete() {
        Digest share = Digest.sha256("share-1".getBytes());
        assertThat(chain.run(chain.sign(chain.patient, grant(share))).code()).isEqualTo(TxCode.OK);
        TxOutcome first = chain.run(chain.sign(chain.relay, access(share, "Dr. Ana Souza")));
        TxOutcome second = chain.run(chain.sign(chain.relay, access(share, "Dr. Bo Lee")));
        assertThat(first.code()).isEqualTo(TxCode.OK);
        assertThat(first.data()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(second.data()).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);

        LedgerView view = chain.ledger.committedView();
        AccessLogHead head = view.accessLogHead(chain.patient.publicKey());
        assertThat(head.length()).isEqualTo(2);
        // A wallet's check: replaying the entries gives the head held by the ledger.
        AccessLogHead replay = AccessLogHead.EMPTY;
        List<String> recipients = new ArrayList<>();
        for (long i = 0; i < head.length(); i++) {
            AccessEntry entry = view.accessLogEntry(chain.patient.publicKey(), i).orElseThrow();
            recipients.add(TestSeal.recipient(TestChain.CHAIN_ID, chain.patient.publicKey(), entry));
            replay = replay.append(entry);
        }
        assertThat(replay).isEqualTo(head);
        assertThat(recipients).containsExactly("Dr. Ana Souza", "Dr. Bo Lee");

        // Proofs: the head exists, and the grant is not revoked (absence) — both against the app hash.
        byte[] appHash = chain.ledger.info().lastAppHash();
        StateQuery headQuery = chain.ledger.query(StateKey.accessLogHead(chain.patient.publicKey()), 0);
        assertThat(headQuery.proof().verify(appHash, headQuery.key(), headQuery.value()).isValid()).isTrue();
        StateQuery notRevoked = chain.ledger.query(StateKey.revocation(share), 0);
        assertThat(notRevoked.value()).isEmpty();
        assertThat(notRevoked.proof().verify(appHash, notRevoked.key(), Optional.empty()).isValid()).isTrue();

        assertThat(chain.run(chain.sign(chain.patient, new GrantRevoked(share))).code()).isEqualTo(TxCode.OK);
        TxOutcome afterRevoke = chain.run(chain.sign(chain.relay, access(share, "Dr. Late")));
        assertThat(afterRevoke.code()).isEqualTo(TxCode.REVOKED);
        assertThat(afterRevoke.log()).contains("revoked at height");
    }

    @Test
    void anExpiredGrantServesNothing() {
        Digest share = Digest.sha256("short".getBytes());
        GrantIssued shortLived = new GrantIssued(share, chain.patient.publicKey(), Digest.ZERO, chain.unixTime() + 6,
                chain.relay.publicKey(), TestSeal.sealTo(chain.patient.publicKey()));
        assertThat(chain.run(chain.sign(chain.patient, shortLived)).ok()).isTrue();
        chain.block();
        TxOutcome late = chain.run(chain.sign(chain.relay, access(share, "Dr. Late")));
        assertThat(late.code()).isEqualTo(TxCode.EXPIRED);
    }

    @Test
    void aCaregiverActsWithinScopeUntilHandOverThenTheOldKeyIsRetired() {
        SigningKey child = TestChain.key("child");
        SigningKey childNewKey = TestChain.key("child-grown-up");
        assertThat(chain.run(chain.sign(child, new DelegationGranted(child.publicKey(), chain.caregiver.publicKey(),
                new DelegationScope(DelegationScope.SHARE | DelegationScope.HAND_OVER), chain.unixTime() + 86_400))).ok()).isTrue();

        Digest share = Digest.sha256("child-share".getBytes());
        GrantIssued forChild = new GrantIssued(share, child.publicKey(), Digest.ZERO, chain.unixTime() + 3600, chain.relay.publicKey(), TestSeal.sealTo(child.publicKey()));
        assertThat(chain.run(chain.sign(chain.caregiver, forChild)).ok()).isTrue();
        // Sharing is in scope, revoking is not: the caregiver cannot revoke the child's own grant.
        Digest childsOwn = Digest.sha256("child-own-share".getBytes());
        assertThat(chain.run(chain.sign(child, new GrantIssued(childsOwn, child.publicKey(), Digest.ZERO, chain.unixTime() + 3600,
                chain.relay.publicKey(), TestSeal.sealTo(child.publicKey())))).ok()).isTrue();
        TxOutcome revoke = chain.run(chain.sign(chain.caregiver, new GrantRevoked(childsOwn)));
        assertThat(revoke.code()).isEqualTo(TxCode.UNAUTHORIZED);
        chain.unspend(chain.caregiver);

        HandOver handOver = HandOver.accepted(TestChain.CHAIN_ID, child.publicKey(), chain.caregiver.publicKey(), childNewKey);
        assertThat(chain.run(chain.sign(chain.caregiver, handOver)).ok()).isTrue();
        DelegationRecord ended = chain.ledger.committedView().delegation(child.publicKey(), chain.caregiver.publicKey()).orElseThrow();
        assertThat(ended.ended()).isEqualTo(DelegationRecord.Ending.HANDED_OVER);

        // The caregiver can no longer share for the child, the old key is retired, the new key revokes.
        Digest another = Digest.sha256("another".getBytes());
        assertThat(chain.run(chain.sign(chain.caregiver, new GrantIssued(another, child.publicKey(), Digest.ZERO,
                chain.unixTime() + 3600, chain.relay.publicKey(), TestSeal.sealTo(child.publicKey())))).code()).isEqualTo(TxCode.KEY_RETIRED);
        assertThat(chain.run(chain.sign(child, new GrantRevoked(share))).code()).isEqualTo(TxCode.KEY_RETIRED);
        assertThat(chain.run(chain.sign(childNewKey, new GrantRevoked(share))).code()).isEqualTo(TxCode.OK);
    }

    @Test
    void aDelegationCanBeRevokedByTheCaregiverAndThenGivesNoPower() {
        SigningKey parent = TestChain.key("parent");
        assertThat(chain.run(chain.sign(parent, new DelegationGranted(parent.publicKey(), chain.caregiver.publicKey(),
                DelegationScope.ALL, chain.unixTime() + 86_400))).ok()).isTrue();
        assertThat(chain.run(chain.sign(chain.caregiver, new DelegationRevoked(parent.publicKey(), chain.caregiver.publicKey()))).ok()).isTrue();
        TxOutcome again = chain.run(chain.sign(parent, new DelegationRevoked(parent.publicKey(), chain.caregiver.publicKey())));
        assertThat(again.code()).isEqualTo(TxCode.CONFLICT);
        chain.unspend(parent);
        GrantIssued forParent = new GrantIssued(Digest.sha256("p".getBytes()), parent.publicKey(), Digest.ZERO,
                chain.unixTime() + 3600, chain.relay.publicKey(), TestSeal.sealTo(parent.publicKey()));
        assertThat(chain.run(chain.sign(chain.caregiver, forParent)).code()).isEqualTo(TxCode.UNAUTHORIZED);
    }

    @Test
    void aRelayIsAdmittedByMoreThanTwoThirdsOfOperatorsOnly() {
        SigningKey newRelay = TestChain.key("relay-2");
        String url = "https://relay-2.test.example";
        List<RelayApproval> two = List.of(
                RelayApproval.sign(TestChain.CHAIN_ID, chain.operators.get(0), newRelay.publicKey(), url),
                RelayApproval.sign(TestChain.CHAIN_ID, chain.operators.get(1), newRelay.publicKey(), url));
        TxOutcome tooFew = chain.run(chain.sign(newRelay, new RelayRegistered(newRelay.publicKey(), url, two)));
        assertThat(tooFew.code()).isEqualTo(TxCode.UNAUTHORIZED);
        assertThat(tooFew.log()).isEqualTo("2 of 3 operators approved; more than two thirds (3) are needed.");
        chain.unspend(newRelay);

        List<RelayApproval> three = new ArrayList<>(two);
        three.add(RelayApproval.sign(TestChain.CHAIN_ID, chain.operators.get(2), newRelay.publicKey(), url));
        assertThat(chain.run(chain.sign(newRelay, new RelayRegistered(newRelay.publicKey(), url, three))).ok()).isTrue();
        assertThat(chain.ledger.committedView().relay(newRelay.publicKey()).orElseThrow().url()).isEqualTo(url);

        // An approval for another URL does not carry over.
        List<RelayApproval> wrongUrl = List.of(
                RelayApproval.sign(TestChain.CHAIN_ID, chain.operators.get(0), newRelay.publicKey(), "https://evil.example"),
                three.get(1), three.get(2));
        TxOutcome moved = chain.run(chain.sign(newRelay, new RelayRegistered(newRelay.publicKey(), url, wrongUrl)));
        assertThat(moved.code()).isEqualTo(TxCode.BAD_SIGNATURE);
    }

    @Test
    void aRecordIsAnchoredOnce() {
        Digest record = Digest.sha256("{\"resourceType\":\"Observation\"}".getBytes());
        assertThat(chain.run(chain.sign(chain.provider, new RecordAnchored(record))).ok()).isTrue();
        assertThat(chain.ledger.committedView().anchor(chain.provider.publicKey(), record)).isPresent();
        assertThat(chain.run(chain.sign(chain.provider, new RecordAnchored(record))).code()).isEqualTo(TxCode.CONFLICT);
    }

    @Test
    void theMempoolAcceptsConsecutiveNoncesBeforeCommitAndResetsAfter() {
        Digest share = Digest.sha256("m".getBytes());
        byte[] issue = chain.sign(chain.patient, grant(share));
        byte[] revoke = chain.sign(chain.patient, new GrantRevoked(share));
        assertThat(chain.ledger.checkTx(issue).ok()).isTrue();
        assertThat(chain.ledger.checkTx(revoke).ok()).isTrue(); // sees the pending grant and nonce 1
        assertThat(chain.ledger.checkTx(issue).code()).isEqualTo(TxCode.BAD_NONCE);
        BlockResult block = chain.block(issue, revoke);
        assertThat(block.outcomes()).extracting(TxOutcome::code).containsExactly(TxCode.OK, TxCode.OK);
        assertThat(chain.ledger.checkTx(revoke).code()).isEqualTo(TxCode.BAD_NONCE);
    }

    @Test
    void stateSurvivesARestartAndIsCheckedAgainstTheAppHash() {
        Digest share = Digest.sha256("persist".getBytes());
        chain.run(chain.sign(chain.patient, grant(share)));
        chain.run(chain.sign(chain.relay, access(share, "Dr. Ana Souza")));
        LedgerInfo before = chain.ledger.info();
        chain.reopen();
        LedgerInfo after = chain.ledger.info();
        assertThat(after.lastHeight()).isEqualTo(2);
        assertThat(after.lastAppHash()).isEqualTo(before.lastAppHash());
        assertThat(after.chainId()).contains(TestChain.CHAIN_ID);
        // And the chain continues from there with the same rules (nonce 3 comes after 1 and 2).
        assertThat(chain.run(chain.sign(chain.patient, new GrantRevoked(share))).ok()).isTrue();
    }

    @Test
    void aDatabaseChangedBehindTheLedgersBackIsRefusedWithAClearMessage() throws Exception {
        Digest share = Digest.sha256("tamper".getBytes());
        chain.run(chain.sign(chain.patient, grant(share)));
        chain.ledger.close();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             java.sql.PreparedStatement ps = db.prepareStatement("UPDATE state SET value = ? WHERE key = ?")) {
            ps.setBytes(1, new org.healthwallet.ledger.state.SignerNonce(99).encode());
            ps.setBytes(2, StateKey.nonce(chain.patient.publicKey()).bytes());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThatThrownBy(() -> Ledger.open(dir)).isInstanceOf(LedgerStorageException.class)
                .hasMessage("The ledger database is damaged: its state does not match the app hash stored for height 1.");
        chain.ledger = Ledger.open(dir.resolve("fresh")); // so the fixture can close something
    }

    @Test
    void finalizeAgainForTheSameHeightStartsOverFromTheCommittedState() {
        byte[] tx = chain.sign(chain.provider, new RecordAnchored(Digest.sha256("x".getBytes())));
        BlockResult first = chain.ledger.finalizeBlock(1, chain.time.plusSeconds(1), List.of(tx));
        BlockResult again = chain.ledger.finalizeBlock(1, chain.time.plusSeconds(1), List.of(tx));
        assertThat(again.outcomes().get(0).ok()).isTrue();
        assertThat(again.appHash()).isEqualTo(first.appHash());
        chain.ledger.commit();
        assertThat(chain.ledger.info().lastAppHash()).isEqualTo(first.appHash());
        assertThatThrownBy(() -> chain.ledger.finalizeBlock(5, chain.time, List.of()))
                .hasMessageContaining("next height is 2");
    }

    @Test
    void twoLedgersFedTheSameBlocksAgreeOnEveryAppHash(@TempDir Path other) {
        try (TestChain twin = new TestChain(other)) {
            Digest share = Digest.sha256("twin".getBytes());
            List<byte[]> txs = List.of(chain.sign(chain.patient, grant(share)), chain.sign(chain.relay, access(share, "Dr. X")),
                    new byte[] {1, 2, 3}, chain.sign(chain.stranger, new GrantRevoked(share)));
            BlockResult a = chain.block(txs.toArray(byte[][]::new));
            BlockResult b = twin.block(txs.toArray(byte[][]::new));
            assertThat(a.appHash()).isEqualTo(b.appHash());
            assertThat(a.outcomes()).extracting(TxOutcome::code)
                    .containsExactly(TxCode.OK, TxCode.OK, TxCode.MALFORMED, TxCode.UNAUTHORIZED);
            assertThat(b.outcomes()).isEqualTo(a.outcomes());
        }
    }
}
