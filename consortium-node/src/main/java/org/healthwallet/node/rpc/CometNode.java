package org.healthwallet.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.BlockResult;
import org.healthwallet.ledger.cometbft.json.CommitResult;

/**
 * What a CometBFT node knows, as its RPC server needs it. {@link RpcServer} turns these into
 * CometBFT's JSON-RPC answers; the dev network implements it, one node per validator.
 * Heights passed in are between {@link #earliestHeight()} and {@link #latestHeight()}; the
 * server checks that first, with CometBFT's messages.
 */
public interface CometNode {
    NodeInfo nodeInfo();

    /** The newest committed height (0 before the first block). */
    long latestHeight();

    /** The oldest height still kept (1: the dev network prunes nothing). */
    long earliestHeight();

    /** Block {@code height} with its id and the commit of the block before it. */
    Optional<BlockResult> block(long height);

    /** The signed header of {@code height}; canonical once the next block carries the commit. */
    Optional<CommitResult> commit(long height);

    /** The validators of {@code height}, in CometBFT's order. */
    Optional<ValidatorSet> validators(long height);

    /** The results of the transactions of block {@code height}, in order. */
    Optional<List<ExecResult>> blockResults(long height);

    /** The application's state after block {@code height} (what header height+1 carries). */
    Optional<Bytes> appHashAfter(long height);

    /** An ABCI query, answered as CometBFT relays the application's answer. */
    AbciQueryResult abciQuery(String path, Bytes data, long height, boolean prove) throws RpcException;

    /**
     * CheckTx, and on success the mempool. With {@code watch}, the returned broadcast carries a
     * future that completes when a block includes the transaction (cancel it to stop watching).
     *
     * @throws RpcException when the transaction is already known or the mempool cannot take it
     */
    Broadcast broadcast(Bytes tx, boolean watch) throws RpcException;

    /** A committed transaction by its hash. */
    Optional<IndexedTx> tx(Bytes hash);

    /** The genesis document (result of /genesis). */
    JsonNode genesis();

    /** What CheckTx said; {@code committed} is present when asked for and the tx was admitted. */
    record Broadcast(Bytes hash, ExecResult checkTx, Optional<CompletableFuture<IndexedTx>> committed) {
    }
}
