package org.healthwallet.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.SigningKey;
import org.junit.jupiter.api.Test;

/** The worked example of docs/state.md: a four-entry state, its root, and two proofs. */
class StateDocExamplesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static Ed25519PublicKey key(int fill) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) fill);
        return SigningKey.fromSeed(seed).publicKey();
    }

    static final Ed25519PublicKey PATIENT = key(1);
    static final Ed25519PublicKey RELAY = key(2);
    static final Digest SHARE = new Digest(filled(0x11));

    private static byte[] filled(int b) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) b);
        return out;
    }

    static Map<StateKey, byte[]> exampleState() {
        Map<StateKey, byte[]> state = new LinkedHashMap<>();
        state.put(StateKey.nonce(PATIENT), new SignerNonce(1).encode());
        state.put(StateKey.grant(SHARE), new GrantRecord(SHARE, PATIENT, Digest.ZERO, 1_767_225_600L, RELAY, PATIENT, 5,
                1_767_139_200L).encode());
        AccessEntry entry = new AccessEntry(0, SHARE, RELAY, "Dr. Ana Souza", List.of(), 1_767_139_260L, 6, Digest.ZERO);
        state.put(StateKey.accessLogEntry(PATIENT, 0), entry.encode());
        state.put(StateKey.accessLogHead(PATIENT), AccessLogHead.EMPTY.append(entry).encode());
        return state;
    }

    static SparseMerkleTree tree(Map<StateKey, byte[]> state) {
        Map<Digest, Digest> leaves = new HashMap<>();
        state.forEach((k, v) -> leaves.put(k.path(), new Digest(TreeHash.valueHash(v))));
        return SparseMerkleTree.of(leaves);
    }

    @Test
    void theDocsShowWhatTheCodeComputes() throws IOException, DecodeException {
        String doc = Files.readString(Path.of("docs/state.md"), StandardCharsets.UTF_8).replaceAll("\\s+", "");
        Map<StateKey, byte[]> state = exampleState();
        SparseMerkleTree tree = tree(state);
        for (Map.Entry<StateKey, byte[]> e : state.entrySet()) {
            assertThat(doc).contains(e.getKey().hex()).contains(e.getKey().path().hex()).contains(HEX.formatHex(e.getValue()));
        }
        assertThat(doc).contains(tree.root().hex());
        StateKey head = StateKey.accessLogHead(PATIENT);
        StateKey revocation = StateKey.revocation(SHARE);
        assertThat(doc).contains(HEX.formatHex(tree.prove(head.path()).encode()));
        assertThat(doc).contains(HEX.formatHex(tree.prove(revocation.path()).encode()));
        // And the documented proofs verify.
        assertThat(StateProof.decode(tree.prove(head.path()).encode())
                .verify(tree.root().bytes(), head, Optional.of(state.get(head))).isValid()).isTrue();
        assertThat(StateProof.decode(tree.prove(revocation.path()).encode())
                .verify(tree.root().bytes(), revocation, Optional.empty()).isValid()).isTrue();
    }
}
