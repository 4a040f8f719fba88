package org.healthwallet.ledger.cometbft;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The precommits that committed a block: one entry per validator, in validator set order. */
public record Commit(long height, int round, BlockId blockId, List<CommitSig> signatures) {
    public Commit {
        Objects.requireNonNull(blockId, "blockId");
        signatures = List.copyOf(signatures);
        if (round < 0) {
            throw new IllegalArgumentException("a commit round cannot be negative: " + round);
        }
    }

    /** The bytes validator {@code index} signed (its canonical precommit, length-prefixed). */
    public byte[] voteSignBytes(String chainId, int index) {
        CommitSig sig = signatures.get(index);
        BlockId voted = sig.flag() == BlockIdFlag.COMMIT ? blockId : BlockId.EMPTY;
        return CanonicalEncoding.voteSignBytes(chainId, height, round, voted, sig.timestamp());
    }

    /** CometBFT's commit hash (the next header's last_commit_hash). */
    public Bytes hash() {
        List<byte[]> leaves = new ArrayList<>(signatures.size());
        for (CommitSig sig : signatures) {
            leaves.add(CanonicalEncoding.commitSig(sig));
        }
        return Merkle.root(leaves);
    }
}
