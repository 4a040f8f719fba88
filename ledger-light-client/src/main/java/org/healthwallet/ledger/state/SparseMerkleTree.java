package org.healthwallet.ledger.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.healthwallet.ledger.tx.Digest;

/**
 * An immutable sparse Merkle tree over 256-bit paths, the ledger's state commitment. A subtree
 * holding a single leaf is represented by that leaf (so depth grows with log2 of the size, not 256),
 * an empty subtree hashes to zero, and a branch is {@link TreeHash#branch}. Updates copy only the
 * paths they touch, so a new tree shares all other nodes with the old one and both stay readable
 * (the committed tree answers queries while the next block is being executed).
 */
public final class SparseMerkleTree {
    private static final SparseMerkleTree EMPTY = new SparseMerkleTree(null, 0);

    private final Node root;
    private final int size;

    private SparseMerkleTree(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    public static SparseMerkleTree empty() {
        return EMPTY;
    }

    /** Builds a tree from (path, value hash) pairs in one pass. */
    public static SparseMerkleTree of(Map<Digest, Digest> valueHashes) {
        Entry[] entries = valueHashes.entrySet().stream()
                .map(e -> new Entry(e.getKey().bytes(), e.getValue().bytes()))
                .sorted((a, b) -> Arrays.compareUnsigned(a.path, b.path))
                .toArray(Entry[]::new);
        return new SparseMerkleTree(build(entries, 0, entries.length, 0), entries.length);
    }

    /** The root hash: the ledger's app hash. All zeros for the empty tree. */
    public Digest root() {
        return root == null ? Digest.ZERO : new Digest(root.hash);
    }

    public int size() {
        return size;
    }

    /**
     * A new tree with the changes applied: a present value hash inserts or replaces the leaf at that
     * path, an empty one removes it. This tree is unchanged.
     */
    public SparseMerkleTree with(Map<Digest, Optional<Digest>> changes) {
        if (changes.isEmpty()) return this;
        Entry[] sorted = changes.entrySet().stream()
                .map(e -> new Entry(e.getKey().bytes(), e.getValue().map(Digest::bytes).orElse(null)))
                .sorted((a, b) -> Arrays.compareUnsigned(a.path, b.path))
                .toArray(Entry[]::new);
        int[] sizeDelta = {0};
        Node newRoot = update(root, 0, sorted, 0, sorted.length, sizeDelta);
        return new SparseMerkleTree(newRoot, size + sizeDelta[0]);
    }

    public Optional<Digest> valueHash(Digest path) {
        byte[] p = path.bytes();
        Node node = root;
        int depth = 0;
        while (node instanceof Branch branch) {
            node = bit(p, depth++) == 0 ? branch.left : branch.right;
        }
        if (node instanceof Leaf leaf && Arrays.equals(leaf.path, p)) return Optional.of(new Digest(leaf.valueHash));
        return Optional.empty();
    }

    /** A proof that {@code path} holds its value, or holds nothing, in this tree. */
    public StateProof prove(Digest path) {
        byte[] p = path.bytes();
        List<Digest> siblings = new ArrayList<>();
        Node node = root;
        int depth = 0;
        while (node instanceof Branch branch) {
            boolean right = bit(p, depth++) == 1;
            siblings.add(hashOf(right ? branch.left : branch.right));
            node = right ? branch.right : branch.left;
        }
        if (node == null) return StateProof.absentEmpty(siblings);
        Leaf leaf = (Leaf) node;
        if (Arrays.equals(leaf.path, p)) return StateProof.present(siblings);
        return StateProof.absentOtherLeaf(siblings, new Digest(leaf.path), new Digest(leaf.valueHash));
    }

    private static Digest hashOf(Node node) {
        return node == null ? Digest.ZERO : new Digest(node.hash);
    }

    static int bit(byte[] path, int index) {
        return (path[index >>> 3] >>> (7 - (index & 7))) & 1;
    }

    private static Node update(Node node, int depth, Entry[] changes, int lo, int hi, int[] sizeDelta) {
        if (lo == hi) return node;
        if (node == null) {
            Entry[] inserts = Arrays.stream(changes, lo, hi).filter(e -> e.valueHash != null).toArray(Entry[]::new);
            sizeDelta[0] += inserts.length;
            return build(inserts, 0, inserts.length, depth);
        }
        if (node instanceof Leaf leaf) {
            // The subtree holds one leaf: merge it with the changes and rebuild this small subtree.
            List<Entry> merged = new ArrayList<>(hi - lo + 1);
            boolean leafTouched = false;
            for (int i = lo; i < hi; i++) {
                Entry change = changes[i];
                boolean same = Arrays.equals(change.path, leaf.path);
                leafTouched |= same;
                if (change.valueHash != null) {
                    merged.add(change);
                    if (!same) sizeDelta[0]++;
                } else if (same) {
                    sizeDelta[0]--;
                }
            }
            if (!leafTouched) merged.add(new Entry(leaf.path, leaf.valueHash));
            Entry[] entries = merged.toArray(Entry[]::new);
            Arrays.sort(entries, (a, b) -> Arrays.compareUnsigned(a.path, b.path));
            return build(entries, 0, entries.length, depth);
        }
        Branch branch = (Branch) node;
        int mid = split(changes, lo, hi, depth);
        Node left = update(branch.left, depth + 1, changes, lo, mid, sizeDelta);
        Node right = update(branch.right, depth + 1, changes, mid, hi, sizeDelta);
        if (left == branch.left && right == branch.right) return branch;
        return combine(left, right);
    }

    private static Node build(Entry[] entries, int lo, int hi, int depth) {
        if (lo == hi) return null;
        if (hi - lo == 1) return new Leaf(entries[lo].path, entries[lo].valueHash);
        int mid = split(entries, lo, hi, depth);
        return combine(build(entries, lo, mid, depth + 1), build(entries, mid, hi, depth + 1));
    }

    /** First index in [lo, hi) whose path has bit {@code depth} set (entries are sorted). */
    private static int split(Entry[] entries, int lo, int hi, int depth) {
        int mid = lo;
        while (mid < hi && bit(entries[mid].path, depth) == 0) mid++;
        return mid;
    }

    /** A branch, except that a lone leaf moves up to where its subtree has no other leaf. */
    private static Node combine(Node left, Node right) {
        if (left == null && (right == null || right instanceof Leaf)) return right;
        if (right == null && left instanceof Leaf) return left;
        return new Branch(left, right);
    }

    private record Entry(byte[] path, byte[] valueHash) {
    }

    private abstract static sealed class Node permits Leaf, Branch {
        final byte[] hash;

        Node(byte[] hash) {
            this.hash = hash;
        }
    }

    private static final class Leaf extends Node {
        final byte[] path;
        final byte[] valueHash;

        Leaf(byte[] path, byte[] valueHash) {
            super(TreeHash.leaf(path, valueHash));
            this.path = path;
            this.valueHash = valueHash;
        }
    }

    private static final class Branch extends Node {
        final Node left;
        final Node right;

        Branch(Node left, Node right) {
            super(TreeHash.branch(left == null ? ZERO : left.hash, right == null ? ZERO : right.hash));
            this.left = left;
            this.right = right;
        }
    }

    private static final byte[] ZERO = new byte[32];
}
