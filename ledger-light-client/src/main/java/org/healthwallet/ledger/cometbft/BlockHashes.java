package org.healthwallet.ledger.cometbft;

import java.util.ArrayList;
import java.util.List;

/** The other hashes a header carries, computed as CometBFT computes them (for the dev network). */
public final class BlockHashes {
    private BlockHashes() {
    }

    /** A transaction's hash (its id in /tx): SHA-256 of its bytes. */
    public static Bytes txHash(byte[] tx) {
        return Merkle.sha256(tx);
    }

    /** data_hash: the Merkle root of the transactions' hashes. */
    public static Bytes dataHash(List<byte[]> txs) {
        List<byte[]> leaves = new ArrayList<>(txs.size());
        for (byte[] tx : txs) {
            leaves.add(Merkle.sha256(tx).raw());
        }
        return Merkle.root(leaves);
    }

    /** evidence_hash of a block without evidence. */
    public static Bytes emptyEvidenceHash() {
        return Merkle.root(List.of());
    }

    /** consensus_hash: SHA-256 of HashedParams (block max bytes, block max gas). */
    public static Bytes consensusHash(long blockMaxBytes, long blockMaxGas) {
        return Merkle.sha256(new ProtoWriter(24)
                .varintField(1, blockMaxBytes)
                .varintField(2, blockMaxGas)
                .toByteArray());
    }

    /** last_results_hash: the Merkle root of the deterministic ExecTxResult encodings. */
    public static Bytes lastResultsHash(List<TxResult> results) {
        List<byte[]> leaves = new ArrayList<>(results.size());
        for (TxResult r : results) {
            leaves.add(new ProtoWriter(32 + r.data().length())
                    .varintField(1, r.code())
                    .bytesField(2, r.data())
                    .varintField(5, r.gasWanted())
                    .varintField(6, r.gasUsed())
                    .toByteArray());
        }
        return Merkle.root(leaves);
    }
}
