package org.healthwallet.node.relay;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.client.CometRpc;
import org.healthwallet.ledger.client.ProviderException;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;

/**
 * The relay's side of a node's CometBFT JSON-RPC ({@link CometRpc}, where each method is spoken):
 * state queries, broadcasting its own transactions, finding a committed one. Nothing read here is
 * trusted by itself: {@link org.healthwallet.ledger.client.ProvenState} checks proofs and
 * freshness. A node that does not answer, or answers with something that is not CometBFT's, is a
 * {@link LedgerUnavailableException}.
 */
final class LedgerRpc {
    /** CheckTx's verdict on one broadcast transaction. */
    record CheckResult(long code, String log, Digest hash) {
        boolean ok() {
            return code == 0;
        }
    }

    /** A transaction found in a block, with its execution result code. */
    record Included(long height, long code, String log) {
    }

    private final CometRpc rpc;

    LedgerRpc(CometRpc rpc) {
        this.rpc = rpc;
    }

    /** Queries are asked twice more while the node is unavailable; broadcasts once. */
    static LedgerRpc create(URI rpc, Duration timeout) {
        return new LedgerRpc(new CometRpc(rpc, CometRpc.client(), timeout, 3, Duration.ofMillis(100)));
    }

    URI url() {
        return rpc.url();
    }

    CometRpc comet() {
        return rpc;
    }

    /** The state values of {@code keys} (with proofs if asked), in one JSON-RPC batch; not verified. */
    List<AbciQueryResult> query(List<StateKey> keys, boolean prove) throws LedgerUnavailableException {
        try {
            return rpc.abciQuery(keys, prove);
        } catch (ProviderException e) {
            throw unavailable(e);
        }
    }

    /** Runs CheckTx for each transaction, in this order, in one JSON-RPC batch (broadcast_tx_sync). */
    List<CheckResult> broadcast(List<byte[]> txs) throws LedgerUnavailableException {
        try {
            return rpc.broadcastSync(txs).stream().map(c -> new CheckResult(c.code(), c.log(), c.hash())).toList();
        } catch (ProviderException e) {
            throw unavailable(e);
        }
    }

    /**
     * Broadcasts one transaction and waits for its block ({@code broadcast_tx_commit}); for rare
     * transactions such as the relay's registration. Returns CheckTx's refusal or the execution result.
     */
    Included broadcastAndWait(byte[] tx) throws LedgerUnavailableException {
        try {
            CometRpc.Included i = rpc.broadcastCommit(tx);
            return new Included(i.height(), i.code(), i.log());
        } catch (ProviderException e) {
            throw unavailable(e);
        }
    }

    /** The transaction's block and result, or empty while it is not in a block. */
    Optional<Included> tx(Digest hash) throws LedgerUnavailableException {
        try {
            return rpc.tx(hash).map(i -> new Included(i.height(), i.code(), i.log()));
        } catch (ProviderException e) {
            throw unavailable(e);
        }
    }

    long latestHeight() throws LedgerUnavailableException {
        try {
            return rpc.status().latestBlockHeight();
        } catch (ProviderException e) {
            throw unavailable(e);
        }
    }

    private static LedgerUnavailableException unavailable(ProviderException e) {
        return new LedgerUnavailableException("The ledger node " + e.getMessage(), e);
    }
}
