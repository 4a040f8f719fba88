package org.healthwallet.core.ledger;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.healthwallet.ledger.client.CometRpc;
import org.healthwallet.ledger.client.ProviderException;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;

/**
 * The CometBFT JSON-RPC calls the wallet makes besides the light client's, on {@link CometRpc}
 * (where each method is spoken): {@code abci_query} and {@code broadcast_tx_commit}. Nothing read
 * here is trusted by itself: {@link LedgerState} checks proofs and freshness. A node that cannot
 * be reached or answers with something that is not CometBFT's is a {@link LedgerException}.
 */
public final class NodeRpc {
    /** What {@code broadcast_tx_commit} reported: CheckTx, then (when admitted) the block's execution result. */
    public record Broadcast(long checkCode, String checkLog, long txCode, String txLog, long height, String hash) {
        public boolean committed() {
            return checkCode == 0 && txCode == 0 && height > 0;
        }
    }

    private final CometRpc rpc;

    public NodeRpc(CometRpc rpc) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
    }

    /** HTTP/1.1, no redirects, 15 s per request (a commit waits for a block), queries tried up to 3 times. */
    public static NodeRpc of(URI rpc) {
        return new NodeRpc(CometRpc.create(rpc, Duration.ofSeconds(15)));
    }

    public URI url() {
        return rpc.url();
    }

    /** The JSON-RPC client beneath, for a {@link LedgerState} over the same node. */
    public CometRpc comet() {
        return rpc;
    }

    /** {@code abci_query} path {@code /store} for {@code key} at the latest height, with a proof (not checked here). */
    public AbciQueryResult query(StateKey key) throws LedgerException {
        try {
            return rpc.abciQuery(List.of(key), true).get(0);
        } catch (ProviderException e) {
            throw failed(e);
        }
    }

    /** The node's newest block height ({@code status}); unverified, only to know when to ask the light client. */
    public long latestHeight() throws LedgerException {
        try {
            return rpc.status().latestBlockHeight();
        } catch (ProviderException e) {
            throw failed(e);
        }
    }

    /** Submits a transaction and waits until it is in a block (or CheckTx refused it). */
    public Broadcast broadcastCommit(byte[] tx) throws LedgerException {
        try {
            CometRpc.Included i = rpc.broadcastCommit(tx);
            return new Broadcast(i.checkCode(), i.checkLog(), i.checkCode() == 0 ? i.code() : -1,
                    i.checkCode() == 0 ? i.log() : "", i.height(), Digest.sha256(tx).hex().toUpperCase(java.util.Locale.ROOT));
        } catch (ProviderException e) {
            throw failed(e);
        }
    }

    /** "The ledger node http://…/ cannot be reached (ConnectException)." and the like: CometRpc's words name the node. */
    private static LedgerException failed(ProviderException e) {
        return new LedgerException("The ledger node " + e.getMessage() + ".", e);
    }
}
