package org.healthwallet.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;

/**
 * Any bytes a node answers as a state value or a state proof: each decoder returns a value or
 * throws {@link DecodeException} with a message; a value re-encodes to bytes that decode to the
 * same encoding; and a decoded proof, checked against a real tree's root, gives a verdict (never
 * an exception). Seeds: real proofs of a small tree and one value of each kind (docs/fuzzing.md).
 */
class StateFuzzTest {
    /** Decodes a value and encodes it again. */
    private interface Reencode {
        byte[] apply(byte[] bytes) throws DecodeException;
    }

    private static final List<Reencode> VALUES = List.of(
            b -> GrantRecord.decode(b).encode(),
            b -> Revocation.decode(b).encode(),
            b -> SignerNonce.decode(b).encode(),
            b -> DelegationRecord.decode(b).encode(),
            b -> RelayRecord.decode(b).encode(),
            b -> AnchorRecord.decode(b).encode(),
            b -> AccessLogHead.decode(b).encode(),
            b -> AccessEntry.decode(b).encode(),
            b -> HandOverRecord.decode(b).encode(),
            b -> OperatorSet.decode(b).encode());

    /** A tree holding three keys; proofs are checked against its root for one of them and for one it lacks. */
    private static final List<StateKey> KEYS = List.of(StateKey.grant(digest(1)), StateKey.grant(digest(2)),
            StateKey.revocation(digest(1)));
    private static final byte[] VALUE = {1, 2, 3};
    private static final SparseMerkleTree TREE = SparseMerkleTree.of(Map.of(
            KEYS.get(0).path(), new Digest(TreeHash.valueHash(VALUE)),
            KEYS.get(1).path(), new Digest(TreeHash.valueHash(new byte[] {4})),
            KEYS.get(2).path(), new Digest(TreeHash.valueHash(new byte[] {5}))));
    private static final StateKey ABSENT = StateKey.grant(digest(9));

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] input) throws DecodeException {
        for (Reencode value : VALUES) {
            roundTrips(value, input);
        }
        StateProof proof;
        try {
            proof = StateProof.decode(input);
        } catch (DecodeException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(StateProof.decode(proof.encode())).isEqualTo(proof);
        byte[] root = TREE.root().bytes();
        assertThat(proof.verify(root, KEYS.get(0), Optional.of(VALUE))).isNotNull();
        assertThat(proof.verify(root, ABSENT, Optional.empty())).isNotNull();
        assertThat(proof.verify(input, KEYS.get(0), Optional.empty())).isNotNull();
    }

    private static void roundTrips(Reencode value, byte[] input) throws DecodeException {
        byte[] once;
        try {
            once = value.apply(input);
        } catch (DecodeException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(value.apply(once)).isEqualTo(once);
    }

    private static Digest digest(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return new Digest(bytes);
    }
}
