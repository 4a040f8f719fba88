package org.healthwallet.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;
import org.junit.jupiter.api.Test;

class SparseMerkleTreeTest {

    private static StateKey key(int i) {
        return new StateKey(("key-" + i).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(int i, int version) {
        return ("value-" + i + "-v" + version).getBytes(StandardCharsets.UTF_8);
    }

    private static Digest valueHash(byte[] value) {
        return new Digest(TreeHash.valueHash(value));
    }

    @Test
    void emptyTreeHasZeroRootAndProvesAbsence() {
        SparseMerkleTree tree = SparseMerkleTree.empty();
        assertThat(tree.root()).isEqualTo(Digest.ZERO);
        StateProof proof = tree.prove(key(1).path());
        assertThat(proof.verify(Digest.ZERO.bytes(), key(1), Optional.empty()).isValid()).isTrue();
        assertThat(proof.verify(Digest.ZERO.bytes(), key(1), Optional.of(value(1, 0))).isValid()).isFalse();
    }

    @Test
    void singleLeafRootIsTheLeafHash() {
        byte[] v = value(1, 0);
        SparseMerkleTree tree = SparseMerkleTree.empty().with(Map.of(key(1).path(), Optional.of(valueHash(v))));
        assertThat(tree.root().bytes()).isEqualTo(TreeHash.leaf(key(1).path().bytes(), TreeHash.valueHash(v)));
        assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    void incrementalUpdatesMatchAFreshBuildWhateverTheOrder() {
        Random random = new Random(7);
        Map<Digest, Digest> truth = new HashMap<>();
        Map<Digest, byte[]> values = new HashMap<>();
        SparseMerkleTree tree = SparseMerkleTree.empty();
        for (int block = 0; block < 60; block++) {
            Map<Digest, Optional<Digest>> changes = new LinkedHashMap<>();
            int n = 1 + random.nextInt(40);
            for (int j = 0; j < n; j++) {
                int i = random.nextInt(300);
                Digest path = key(i).path();
                if (random.nextInt(4) == 0) {
                    changes.put(path, Optional.empty());
                    truth.remove(path);
                    values.remove(path);
                } else {
                    byte[] v = value(i, block);
                    changes.put(path, Optional.of(valueHash(v)));
                    truth.put(path, valueHash(v));
                    values.put(path, v);
                }
            }
            tree = tree.with(changes);
            assertThat(tree.size()).isEqualTo(truth.size());
            assertThat(tree.root()).isEqualTo(SparseMerkleTree.of(truth).root());
        }
        // Every key proves what it holds, before and after a round trip through the encoding.
        for (int i = 0; i < 300; i++) {
            StateKey k = key(i);
            Optional<byte[]> v = Optional.ofNullable(values.get(k.path()));
            StateProof proof = tree.prove(k.path());
            assertThat(proof.verify(tree.root().bytes(), k, v).isValid()).as("key %d", i).isTrue();
            assertThat(decode(proof.encode()).verify(tree.root().bytes(), k, v).isValid()).isTrue();
        }
    }

    @Test
    void removingAllLeavesGivesTheEmptyRoot() {
        Map<Digest, Optional<Digest>> add = new HashMap<>();
        Map<Digest, Optional<Digest>> remove = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            add.put(key(i).path(), Optional.of(valueHash(value(i, 0))));
            remove.put(key(i).path(), Optional.empty());
        }
        SparseMerkleTree tree = SparseMerkleTree.empty().with(add);
        assertThat(tree.with(remove).root()).isEqualTo(Digest.ZERO);
        assertThat(tree.with(remove).size()).isZero();
    }

    @Test
    void proofsRefuseWrongValuesWrongKeysAndWrongRoots() {
        SparseMerkleTree tree = treeOf(100);
        byte[] root = tree.root().bytes();
        StateProof present = tree.prove(key(5).path());
        assertThat(present.kind()).isEqualTo(StateProof.Kind.PRESENT);
        assertThat(present.verify(root, key(5), Optional.of(value(5, 0))).isValid()).isTrue();
        assertThat(present.verify(root, key(5), Optional.of(value(5, 1))))
                .isEqualTo(new ProofVerdict.Invalid("the proof does not lead to the app hash"));
        assertThat(present.verify(root, key(6), Optional.of(value(5, 0))).isValid()).isFalse();
        assertThat(present.verify(root, key(5), Optional.empty()).isValid()).isFalse();
        byte[] otherRoot = treeOf(101).root().bytes();
        assertThat(present.verify(otherRoot, key(5), Optional.of(value(5, 0))).isValid()).isFalse();

        StateProof absent = tree.prove(key(1000).path());
        assertThat(absent.kind()).isNotEqualTo(StateProof.Kind.PRESENT);
        assertThat(absent.verify(root, key(1000), Optional.empty()).isValid()).isTrue();
        // An absence proof for one key does not prove another key absent (nor a present one).
        assertThat(absent.verify(root, key(5), Optional.empty()).isValid()).isFalse();
    }

    @Test
    void bothKindsOfAbsenceOccurAndVerify() {
        SparseMerkleTree tree = treeOf(64);
        List<StateProof.Kind> kinds = new ArrayList<>();
        for (int i = 1000; i < 1200; i++) {
            StateProof proof = tree.prove(key(i).path());
            kinds.add(proof.kind());
            assertThat(proof.verify(tree.root().bytes(), key(i), Optional.empty()).isValid()).isTrue();
        }
        assertThat(kinds).contains(StateProof.Kind.ABSENT_EMPTY, StateProof.Kind.ABSENT_OTHER_LEAF);
    }

    @Test
    void aFlippedBitInAnEncodedProofIsCaught() {
        SparseMerkleTree tree = treeOf(200);
        StateProof proof = tree.prove(key(9).path());
        byte[] encoded = proof.encode();
        for (int i = 0; i < encoded.length * 8; i += 7) {
            byte[] bad = encoded.clone();
            bad[i / 8] ^= (byte) (1 << (i % 8));
            try {
                StateProof decoded = StateProof.decode(bad);
                assertThat(decoded.verify(tree.root().bytes(), key(9), Optional.of(value(9, 0))).isValid())
                        .as("bit %d", i).isFalse();
            } catch (DecodeException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void malformedProofBytesAreRefusedWithAReason() {
        assertThatThrownBy(() -> StateProof.decode(new byte[0])).isInstanceOf(DecodeException.class)
                .hasMessageContaining("proof format");
        assertThatThrownBy(() -> StateProof.decode(new byte[] {2, 0, 0, 0})).isInstanceOf(DecodeException.class)
                .hasMessageContaining("Proof format 2");
        assertThatThrownBy(() -> StateProof.decode(new byte[] {1, 9, 0, 0})).isInstanceOf(DecodeException.class)
                .hasMessageContaining("Proof kind 9");
        assertThatThrownBy(() -> StateProof.decode(new byte[] {1, 0, 0x01, 0x01})).isInstanceOf(DecodeException.class)
                .hasMessageContaining("exceeds 256");
        byte[] good = treeOf(10).prove(key(1).path()).encode();
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> StateProof.decode(trailing)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("unexpected bytes");
    }

    private static SparseMerkleTree treeOf(int n) {
        Map<Digest, Digest> leaves = new HashMap<>();
        for (int i = 0; i < n; i++) leaves.put(key(i).path(), valueHash(value(i, 0)));
        return SparseMerkleTree.of(leaves);
    }

    private static StateProof decode(byte[] bytes) {
        try {
            return StateProof.decode(bytes);
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }
}
