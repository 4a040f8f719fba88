package org.healthwallet.ledger.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.DecodeException.Reason;
import org.healthwallet.ledger.tx.Digest;

/**
 * A proof that a key holds a value, or holds nothing, in the state whose root is the app hash.
 * The siblings run from the root down to where the key's path ends: at its own leaf
 * ({@link Kind#PRESENT}), at an empty subtree ({@link Kind#ABSENT_EMPTY}) or at the one leaf of
 * another key that shares that prefix ({@link Kind#ABSENT_OTHER_LEAF}). Verification is pure:
 * the wallet calls {@link #verify} with an app hash from a header it verified.
 * <p>Encoding ({@link #encode}): {@code u8 format=1 | u8 kind | u16 depth | bitmap of ceil(depth/8)
 * bytes (bit i, most significant first, set when sibling i is not empty) | the non-empty siblings,
 * 32 bytes each, root first | for ABSENT_OTHER_LEAF: 32 other path | 32 other value hash}.
 */
public record StateProof(Kind kind, List<Digest> siblings, Optional<Digest> otherPath,
                         Optional<Digest> otherValueHash) {
    /** The {@code ProofOp.type} under which the ABCI server returns this proof. */
    public static final String PROOF_OP_TYPE = "healthwallet/smt/v1";
    public static final int FORMAT = 1;
    public static final int MAX_DEPTH = 256;

    public enum Kind {
        PRESENT(0), ABSENT_EMPTY(1), ABSENT_OTHER_LEAF(2);

        final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    public StateProof {
        Objects.requireNonNull(kind, "kind");
        siblings = List.copyOf(siblings);
        if (siblings.size() > MAX_DEPTH) throw new IllegalArgumentException("a proof is at most 256 siblings deep");
        if ((kind == Kind.ABSENT_OTHER_LEAF) != (otherPath.isPresent() && otherValueHash.isPresent())) {
            throw new IllegalArgumentException("the other leaf is given exactly for ABSENT_OTHER_LEAF");
        }
    }

    static StateProof present(List<Digest> siblings) {
        return new StateProof(Kind.PRESENT, siblings, Optional.empty(), Optional.empty());
    }

    static StateProof absentEmpty(List<Digest> siblings) {
        return new StateProof(Kind.ABSENT_EMPTY, siblings, Optional.empty(), Optional.empty());
    }

    static StateProof absentOtherLeaf(List<Digest> siblings, Digest path, Digest valueHash) {
        return new StateProof(Kind.ABSENT_OTHER_LEAF, siblings, Optional.of(path), Optional.of(valueHash));
    }

    /**
     * Checks that under {@code appHash} the key holds exactly {@code value} (present) or nothing
     * (empty). A proof of the wrong kind for the claim is invalid.
     */
    public ProofVerdict verify(byte[] appHash, StateKey key, Optional<byte[]> value) {
        if (appHash == null || appHash.length != Digest.LENGTH) {
            return new ProofVerdict.Invalid("the app hash is not 32 bytes");
        }
        byte[] path = key.path().bytes();
        byte[] node;
        switch (kind) {
            case PRESENT -> {
                if (value.isEmpty()) return new ProofVerdict.Invalid("the proof shows the key present, but it was claimed absent");
                node = TreeHash.leaf(path, TreeHash.valueHash(value.get()));
            }
            case ABSENT_EMPTY -> {
                if (value.isPresent()) return new ProofVerdict.Invalid("the proof shows the key absent, but a value was claimed");
                node = new byte[Digest.LENGTH];
            }
            case ABSENT_OTHER_LEAF -> {
                if (value.isPresent()) return new ProofVerdict.Invalid("the proof shows the key absent, but a value was claimed");
                byte[] other = otherPath.orElseThrow().bytes();
                if (Arrays.equals(other, path)) {
                    return new ProofVerdict.Invalid("the proof's other leaf is the key itself");
                }
                for (int i = 0; i < siblings.size(); i++) {
                    if (SparseMerkleTree.bit(other, i) != SparseMerkleTree.bit(path, i)) {
                        return new ProofVerdict.Invalid("the proof's other leaf is not on the key's path");
                    }
                }
                node = TreeHash.leaf(other, otherValueHash.orElseThrow().bytes());
            }
            default -> throw new IllegalStateException();
        }
        for (int depth = siblings.size() - 1; depth >= 0; depth--) {
            byte[] sibling = siblings.get(depth).bytes();
            node = SparseMerkleTree.bit(path, depth) == 0 ? TreeHash.branch(node, sibling) : TreeHash.branch(sibling, node);
        }
        if (!Arrays.equals(node, appHash)) {
            return new ProofVerdict.Invalid("the proof does not lead to the app hash");
        }
        return new ProofVerdict.Valid();
    }

    public byte[] encode() {
        int depth = siblings.size();
        byte[] bitmap = new byte[(depth + 7) / 8];
        List<Digest> nonEmpty = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            if (!siblings.get(i).equals(Digest.ZERO)) {
                bitmap[i >>> 3] |= (byte) (0x80 >>> (i & 7));
                nonEmpty.add(siblings.get(i));
            }
        }
        BinaryWriter out = new BinaryWriter(4 + bitmap.length + 32 * nonEmpty.size() + 64)
                .u8(FORMAT).u8(kind.code).u16(depth).raw(bitmap);
        nonEmpty.forEach(out::digest);
        if (kind == Kind.ABSENT_OTHER_LEAF) out.digest(otherPath.orElseThrow()).digest(otherValueHash.orElseThrow());
        return out.toByteArray();
    }

    public static StateProof decode(byte[] bytes) throws DecodeException {
        BinaryReader in = new BinaryReader(bytes);
        int format = in.u8("proof format");
        if (format != FORMAT) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "Proof format " + format + " is not supported (expected " + FORMAT + ").");
        }
        int kindCode = in.u8("proof kind");
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.code == kindCode).findFirst()
                .orElseThrow(() -> new DecodeException(Reason.UNKNOWN_KIND, "Proof kind " + kindCode + " is unknown."));
        int depth = in.u16("proof depth");
        if (depth > MAX_DEPTH) {
            throw new DecodeException(Reason.OUT_OF_RANGE, "Proof depth " + depth + " exceeds " + MAX_DEPTH + ".");
        }
        byte[] bitmap = in.raw((depth + 7) / 8, "proof bitmap");
        if (depth % 8 != 0 && (bitmap[bitmap.length - 1] & (0xFF >>> (depth % 8))) != 0) {
            throw new DecodeException(Reason.NOT_CANONICAL, "The proof bitmap has bits set past its depth.");
        }
        List<Digest> siblings = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            boolean present = (bitmap[i >>> 3] & (0x80 >>> (i & 7))) != 0;
            Digest sibling = present ? in.digest("sibling " + i) : Digest.ZERO;
            if (present && sibling.equals(Digest.ZERO)) {
                throw new DecodeException(Reason.NOT_CANONICAL, "Sibling " + i + " is zero but marked non-empty.");
            }
            siblings.add(sibling);
        }
        Optional<Digest> otherPath = Optional.empty();
        Optional<Digest> otherValueHash = Optional.empty();
        if (kind == Kind.ABSENT_OTHER_LEAF) {
            otherPath = Optional.of(in.digest("other leaf path"));
            otherValueHash = Optional.of(in.digest("other leaf value hash"));
        }
        in.finish("The proof");
        return new StateProof(kind, siblings, otherPath, otherValueHash);
    }
}
