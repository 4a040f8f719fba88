package org.healthwallet.node.devnet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.healthwallet.ledger.cometbft.Bytes;

/**
 * Transactions that passed CheckTx and wait for a block, in arrival order, bounded in count and
 * bytes like CometBFT's mempool. Not thread-safe: the dev network's lock guards it.
 */
final class Mempool {
    /** CometBFT's defaults: 5000 transactions, 1 GB. */
    static final int MAX_TXS = 5000;
    static final long MAX_BYTES = 1L << 30;

    private final Map<Bytes, byte[]> txs = new LinkedHashMap<>();
    private long bytes;

    boolean contains(Bytes hash) {
        return txs.containsKey(hash);
    }

    boolean isEmpty() {
        return txs.isEmpty();
    }

    int size() {
        return txs.size();
    }

    /** Why a transaction of {@code length} bytes cannot be added now, or null if it can. */
    String refusal(int length) {
        if (txs.size() >= MAX_TXS || bytes + length > MAX_BYTES) {
            return "mempool is full: number of txs " + txs.size() + " (max: " + MAX_TXS + "), total txs bytes " + bytes
                    + " (max: " + MAX_BYTES + ")";
        }
        return null;
    }

    void add(Bytes hash, byte[] tx) {
        txs.put(hash, tx);
        bytes += tx.length;
    }

    /** Removes and returns the oldest transactions that fit in {@code maxBytes}. */
    List<byte[]> take(long maxBytes) {
        List<byte[]> out = new ArrayList<>();
        long used = 0;
        Iterator<byte[]> it = txs.values().iterator();
        while (it.hasNext()) {
            byte[] tx = it.next();
            if (used + tx.length > maxBytes && !out.isEmpty()) {
                break;
            }
            out.add(tx);
            used += tx.length;
            bytes -= tx.length;
            it.remove();
        }
        return out;
    }

    /** After a block: keeps only what still passes CheckTx against the new state (CometBFT's recheck). */
    void recheck(Predicate<byte[]> stillValid) {
        Iterator<byte[]> it = txs.values().iterator();
        while (it.hasNext()) {
            byte[] tx = it.next();
            if (!stillValid.test(tx)) {
                bytes -= tx.length;
                it.remove();
            }
        }
    }
}
