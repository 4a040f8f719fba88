package org.healthwallet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.ledger.tx.HandOver;
import org.healthwallet.ledger.tx.Payload;
import org.healthwallet.ledger.tx.RecordAnchored;
import org.healthwallet.ledger.tx.RelayApproval;
import org.healthwallet.ledger.tx.RelayRegistered;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.node.TestSeal;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transaction kind with a bad signature, a wrong signer, malformed bytes, an unknown version
 * and a replayed nonce: each is refused by CheckTx and by FinalizeBlock with a code and a reason,
 * and the app hash (so the whole state) is unchanged.
 */
class BadInputTest {
    private static final Digest SHARE = Digest.sha256("bad-input-share".getBytes());
    private static final SigningKey CHILD = TestChain.key("child");
    private static final SigningKey CHILD_NEW = TestChain.key("child-new");
    private static final SigningKey NEW_RELAY = TestChain.key("relay-new");
    private static final String NEW_RELAY_URL = "https://relay-new.test.example";

    /** One kind: what must exist first, who may sign, what they sign, who may not and how that is refused. */
    record KindCase(String kind, Consumer<TestChain> setup, Function<TestChain, SigningKey> signer,
                    Function<TestChain, Payload> payload, Function<TestChain, SigningKey> wrongSigner, TxCode wrongSignerCode) {
        @Override
        public String toString() {
            return kind;
        }
    }

    private static GrantIssued grant(TestChain c) {
        return new GrantIssued(SHARE, c.patient.publicKey(), Digest.ZERO, c.unixTime() + 3600, c.relay.publicKey(), TestSeal.sealTo(c.patient.publicKey()));
    }

    private static void issueGrant(TestChain c) {
        assertThat(c.run(c.sign(c.patient, grant(c))).ok()).isTrue();
    }

    private static void delegateChild(TestChain c) {
        assertThat(c.run(c.sign(CHILD, new DelegationGranted(CHILD.publicKey(), c.caregiver.publicKey(),
                DelegationScope.ALL, c.unixTime() + 86_400))).ok()).isTrue();
    }

    static Stream<KindCase> kinds() {
        return Stream.of(
                new KindCase("grant_issued", c -> { }, c -> c.patient, BadInputTest::grant,
                        c -> c.stranger, TxCode.UNAUTHORIZED),
                new KindCase("grant_revoked", BadInputTest::issueGrant, c -> c.patient, c -> new GrantRevoked(SHARE),
                        c -> c.stranger, TxCode.UNAUTHORIZED),
                new KindCase("access_recorded", BadInputTest::issueGrant, c -> c.relay,
                        c -> TestSeal.access(TestChain.CHAIN_ID, c.relay.publicKey(), c.patient.publicKey(), SHARE, "Dr. Ana Souza", c.unixTime()),
                        c -> c.stranger, TxCode.UNAUTHORIZED),
                new KindCase("delegation_granted", c -> { }, c -> CHILD,
                        c -> new DelegationGranted(CHILD.publicKey(), c.caregiver.publicKey(), DelegationScope.ALL, c.unixTime() + 86_400),
                        c -> c.caregiver, TxCode.UNAUTHORIZED),
                new KindCase("delegation_revoked", BadInputTest::delegateChild, c -> CHILD,
                        c -> new DelegationRevoked(CHILD.publicKey(), c.caregiver.publicKey()),
                        c -> c.stranger, TxCode.UNAUTHORIZED),
                new KindCase("hand_over", BadInputTest::delegateChild, c -> CHILD,
                        c -> HandOver.accepted(TestChain.CHAIN_ID, CHILD.publicKey(), c.caregiver.publicKey(), CHILD_NEW),
                        c -> c.stranger, TxCode.UNAUTHORIZED),
                // Anyone may anchor (the anchor is filed under the signer), so the wrong signer here
                // is a key signing an envelope that names the provider.
                new KindCase("record_anchored", c -> { }, c -> c.provider, c -> new RecordAnchored(SHARE),
                        null, TxCode.BAD_SIGNATURE),
                new KindCase("relay_registered", c -> { }, c -> NEW_RELAY,
                        c -> new RelayRegistered(NEW_RELAY.publicKey(), NEW_RELAY_URL, c.operators.stream()
                                .map(op -> RelayApproval.sign(TestChain.CHAIN_ID, op, NEW_RELAY.publicKey(), NEW_RELAY_URL)).toList()),
                        c -> c.stranger, TxCode.UNAUTHORIZED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void badInputIsRefusedWithACodeAndAReasonAndChangesNothing(KindCase kind, @TempDir Path dir) {
        try (TestChain c = new TestChain(dir)) {
            kind.setup().accept(c);
            SigningKey signer = kind.signer().apply(c);
            Payload payload = kind.payload().apply(c);
            long nonce = c.ledger.committedView().nonce(signer.publicKey()).next();
            byte[] valid = c.signWithNonce(signer, nonce, payload);

            List<byte[]> bad = new ArrayList<>();
            List<TxCode> expected = new ArrayList<>();
            // 1. bad signature: one bit of the signature flipped
            byte[] badSignature = valid.clone();
            badSignature[badSignature.length - 10] ^= 0x01;
            bad.add(badSignature);
            expected.add(TxCode.BAD_SIGNATURE);
            // 2. wrong signer
            bad.add(kind.wrongSigner() == null
                    ? impersonate(valid, c.stranger, nonce, payload)
                    : c.signWithNonce(kind.wrongSigner().apply(c), 1, payload));
            expected.add(kind.wrongSignerCode());
            // 3. malformed: cut short, one byte too many, a payload length that lies, garbage
            bad.add(Arrays.copyOf(valid, valid.length - 1));
            bad.add(Arrays.copyOf(valid, valid.length + 1));
            byte[] lyingLength = valid.clone();
            lyingLength[45]++;
            bad.add(lyingLength);
            bad.add(new byte[] {(byte) 0xFF, 0x00, 0x13});
            expected.addAll(List.of(TxCode.MALFORMED, TxCode.MALFORMED, TxCode.MALFORMED, TxCode.UNSUPPORTED_VERSION));
            // 4. unknown version
            byte[] version2 = valid.clone();
            version2[0] = 2;
            bad.add(version2);
            expected.add(TxCode.UNSUPPORTED_VERSION);

            byte[] before = c.ledger.info().lastAppHash();
            for (int i = 0; i < bad.size(); i++) {
                TxOutcome checked = c.ledger.checkTx(bad.get(i));
                assertThat(checked.code()).as("CheckTx of bad input %d", i).isEqualTo(expected.get(i));
                assertThat(checked.log()).as("reason for bad input %d", i).isNotBlank();
            }
            BlockResult block = c.block(bad.toArray(byte[][]::new));
            assertThat(block.outcomes()).extracting(TxOutcome::code).containsExactlyElementsOf(expected);
            assertThat(block.outcomes()).allSatisfy(o -> assertThat(o.log()).isNotBlank());
            assertThat(block.appHash()).as("app hash after only bad input").isEqualTo(before);
            assertThat(c.ledger.info().lastAppHash()).isEqualTo(before);

            // The genuine transaction still goes through (the refusals did not spend its nonce)...
            assertThat(c.ledger.checkTx(valid).code()).isEqualTo(TxCode.OK);
            assertThat(c.run(valid).code()).isEqualTo(TxCode.OK);
            // ...once: the same bytes again are a replay.
            byte[] after = c.ledger.info().lastAppHash();
            assertThat(after).isNotEqualTo(before);
            TxOutcome replayChecked = c.ledger.checkTx(valid);
            assertThat(replayChecked.code()).isEqualTo(TxCode.BAD_NONCE);
            assertThat(replayChecked.log()).contains("already used");
            TxOutcome replay = c.run(valid);
            assertThat(replay.code()).isEqualTo(TxCode.BAD_NONCE);
            assertThat(c.ledger.info().lastAppHash()).isEqualTo(after);
        }
    }

    /** An envelope naming the rightful signer but signed by {@code impostor}. */
    private static byte[] impersonate(byte[] valid, SigningKey impostor, long nonce, Payload payload) {
        byte[] forged = Transaction.sign(TestChain.CHAIN_ID, impostor, nonce, payload).encode();
        System.arraycopy(valid, 2, forged, 2, 32);
        return forged;
    }
}
