package org.healthwallet.node.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.ledger.tx.VerifyingKey;

/**
 * Checks transaction signatures for one chain, remembering what it already did: signers' keys are
 * decoded once, and a transaction whose signature passed in CheckTx is not checked again when its
 * block is executed. Safe because a transaction hash covers every byte, signature included, and a
 * signature's validity depends only on those bytes and the chain id. Thread-safe: a block's
 * signatures are checked in parallel.
 */
final class SignatureCheck {
    private static final int MAX_KEYS = 20_000;
    private static final int MAX_PASSED = 200_000;

    private final String chainId;
    private final ConcurrentHashMap<Ed25519PublicKey, Optional<VerifyingKey>> keys = new ConcurrentHashMap<>();
    private final Map<Digest, Boolean> passed = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Digest, Boolean> eldest) {
            return size() > MAX_PASSED;
        }
    };

    SignatureCheck(String chainId) {
        this.chainId = chainId;
    }

    boolean valid(Transaction tx, Digest txHash) {
        synchronized (passed) {
            if (passed.containsKey(txHash)) return true;
        }
        if (keys.size() > MAX_KEYS) keys.clear();
        Optional<VerifyingKey> key = keys.computeIfAbsent(tx.signer(), VerifyingKey::of);
        boolean valid = key.isPresent() && tx.hasValidSignature(chainId, key.get());
        if (valid) {
            synchronized (passed) {
                passed.put(txHash, Boolean.TRUE);
            }
        }
        return valid;
    }
}
