package org.healthwallet.node.relay;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthwallet.ledger.client.LightClient;
import org.healthwallet.ledger.client.SyncResult;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.ProofOp;
import org.healthwallet.ledger.state.ProofVerdict;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.ledger.tx.DecodeException;

/**
 * Ledger state the relay can rely on: values (or their absence) read with {@code abci_query
 * prove=true}, all at one height H, each proof checked against the app hash in header H+1, which the
 * light client verified (signatures of more than 2/3 of the validators, cross-checked with the
 * witnesses). A node that lies about a grant is caught here, not believed.
 */
final class VerifiedState {
    /** Values read at one height; a key maps to empty when the proof shows it absent. */
    record Reading(long height, Map<StateKey, Optional<byte[]>> values) {
        Optional<byte[]> get(StateKey key) {
            Optional<byte[]> value = values.get(key);
            if (value == null) throw new IllegalArgumentException("this reading did not ask for " + key);
            return value;
        }
    }

    private static final int ATTEMPTS = 3;
    private static final long POLL_MILLIS = 15;

    private final LedgerRpc rpc;
    private final LightClient light;
    private final Duration headerWait;

    /**
     * @param headerWait how long to wait for header H+1 to be made (a block interval or two)
     */
    VerifiedState(LedgerRpc rpc, LightClient light, Duration headerWait) {
        this.rpc = rpc;
        this.light = light;
        this.headerWait = headerWait;
    }

    Reading read(List<StateKey> keys) throws LedgerUnavailableException {
        LedgerUnavailableException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<AbciQueryResult> answers = rpc.query(keys, true);
            long height = answers.get(0).height();
            if (answers.stream().anyMatch(a -> a.height() != height)) {
                // A block was committed between two answers of the batch; ask again.
                last = new LedgerUnavailableException("The ledger node kept answering from different heights.");
                continue;
            }
            byte[] appHash = verifiedAppHashAfter(height);
            Map<StateKey, Optional<byte[]>> values = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                values.put(keys.get(i), verify(keys.get(i), answers.get(i), appHash));
            }
            return new Reading(height, values);
        }
        throw last;
    }

    private Optional<byte[]> verify(StateKey key, AbciQueryResult answer, byte[] appHash) throws LedgerUnavailableException {
        if (answer.code() != 0) {
            throw new LedgerUnavailableException("The ledger node refused a state query (code " + answer.code() + "): " + answer.log());
        }
        List<ProofOp> ops = answer.proofOps();
        if (ops.size() != 1 || !ops.get(0).type().equals(StateProof.PROOF_OP_TYPE)
                || !java.util.Arrays.equals(ops.get(0).key().toArray(), key.bytes())) {
            throw new LedgerUnavailableException("The ledger node answered a state query without a proof for the key asked.");
        }
        StateProof proof;
        try {
            proof = StateProof.decode(ops.get(0).data().toArray());
        } catch (DecodeException e) {
            throw new LedgerUnavailableException("The ledger node's proof cannot be read: " + e.getMessage(), e);
        }
        Optional<byte[]> value = answer.value().isEmpty() ? Optional.empty() : Optional.of(answer.value().toArray());
        ProofVerdict verdict = proof.verify(appHash, key, value);
        if (verdict instanceof ProofVerdict.Invalid invalid) {
            throw new LedgerUnavailableException("The ledger node's answer does not match the verified ledger at height "
                    + answer.height() + ": " + invalid.reason() + ". It was not believed.");
        }
        return value;
    }

    /** The app hash of state H: header H+1's, once the light client has verified that header. */
    private byte[] verifiedAppHashAfter(long height) throws LedgerUnavailableException {
        long wanted = height + 1;
        long deadline = System.nanoTime() + headerWait.toNanos();
        while (rpc.latestHeight() < wanted) {
            if (System.nanoTime() > deadline) {
                throw new LedgerUnavailableException("The ledger made no block after height " + height + " within "
                        + headerWait.toMillis() + " ms, so the state could not be verified.");
            }
            pause();
        }
        SyncResult result = light.syncTo(wanted);
        if (result instanceof SyncResult.Synced synced) {
            return synced.block().header().appHash().toArray();
        }
        throw new LedgerUnavailableException("The ledger header at height " + wanted + " could not be verified: "
                + result.describe());
    }

    private static void pause() throws LedgerUnavailableException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("Stopped while waiting for the ledger.", e);
        }
    }
}
