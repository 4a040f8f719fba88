package org.healthwallet.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.cometbft.json.BlockResult;
import org.healthwallet.ledger.cometbft.json.CometJsonWriter;
import org.healthwallet.ledger.cometbft.json.CommitResult;
import org.healthwallet.ledger.cometbft.json.RfcTime;
import org.healthwallet.ledger.cometbft.json.StatusResult;
import org.healthwallet.ledger.cometbft.json.ValidatorsResult;

/**
 * The subset of CometBFT v0.38's RPC methods that clients use, answered from a {@link CometNode}
 * with CometBFT's parameter names, defaults, limits and error texts.
 */
public final class CometRpcMethods {
    /** CometBFT's defaults for /validators paging. */
    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 100;
    /** CometBFT's mempool max_tx_bytes. */
    static final int MAX_TX_BYTES = 1024 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A method: its parameter names (for positional params) and what it does. */
    record Method(List<String> params, Handler handler) {
    }

    interface Handler {
        JsonNode call(RpcParams params) throws RpcException;
    }

    private final CometNode node;
    private final String listenAddress;
    private final Duration commitTimeout;
    private final Map<String, Method> methods = new LinkedHashMap<>();

    /**
     * @param listenAddress where this server listens, e.g. {@code tcp://127.0.0.1:26657} (for /status)
     * @param commitTimeout how long /broadcast_tx_commit waits for the block (CometBFT: 10 s)
     */
    public CometRpcMethods(CometNode node, String listenAddress, Duration commitTimeout) {
        this.node = node;
        this.listenAddress = listenAddress;
        this.commitTimeout = commitTimeout;
        methods.put("health", new Method(List.of(), p -> NODES.objectNode()));
        methods.put("status", new Method(List.of(), p -> status()));
        methods.put("genesis", new Method(List.of(), p -> NODES.objectNode().set("genesis", node.genesis())));
        methods.put("abci_info", new Method(List.of(), p -> abciInfo()));
        methods.put("abci_query", new Method(List.of("path", "data", "height", "prove"), this::abciQuery));
        methods.put("block", new Method(List.of("height"), this::block));
        methods.put("block_results", new Method(List.of("height"), this::blockResults));
        methods.put("commit", new Method(List.of("height"), this::commit));
        methods.put("validators", new Method(List.of("height", "page", "per_page"), this::validators));
        methods.put("broadcast_tx_sync", new Method(List.of("tx"), p -> broadcastSync(p)));
        methods.put("broadcast_tx_async", new Method(List.of("tx"), p -> broadcastSync(p)));
        methods.put("broadcast_tx_commit", new Method(List.of("tx"), this::broadcastCommit));
        methods.put("tx", new Method(List.of("hash", "prove"), this::tx));
    }

    public List<String> names() {
        return List.copyOf(methods.keySet());
    }

    Optional<Method> method(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    // ---- info --------------------------------------------------------------------------

    private JsonNode status() {
        NodeInfo info = node.nodeInfo();
        long latest = node.latestHeight();
        long earliest = node.earliestHeight();
        Optional<CommitResult> top = latest > 0 ? node.commit(latest) : Optional.empty();
        Optional<CommitResult> bottom = latest > 0 ? node.commit(earliest) : Optional.empty();
        StatusResult status = new StatusResult(info.nodeId(), info.chainId(), info.moniker(), info.version(), latest,
                top.map(c -> c.signedHeader().header().hash()).orElse(Bytes.EMPTY),
                top.map(c -> c.signedHeader().header().appHash()).orElse(Bytes.EMPTY),
                top.map(c -> c.signedHeader().header().time()).orElse(java.time.Instant.EPOCH),
                earliest, false, Optional.of(info.validator()));
        ObjectNode o = CometJsonWriter.status(status);
        ObjectNode nodeInfo = (ObjectNode) o.get("node_info");
        ((ObjectNode) nodeInfo.get("protocol_version")).put("app", Long.toString(info.appVersion()));
        nodeInfo.put("listen_addr", listenAddress);
        ((ObjectNode) nodeInfo.get("other")).put("rpc_address", listenAddress);
        ObjectNode sync = (ObjectNode) o.get("sync_info");
        if (bottom.isPresent()) {
            sync.put("earliest_block_hash", bottom.get().signedHeader().header().hash().hex());
            sync.put("earliest_app_hash", bottom.get().signedHeader().header().appHash().hex());
            sync.put("earliest_block_time", RfcTime.format(bottom.get().signedHeader().header().time()));
        }
        return o;
    }

    private JsonNode abciInfo() {
        NodeInfo info = node.nodeInfo();
        long latest = node.latestHeight();
        ObjectNode r = NODES.objectNode();
        ObjectNode response = r.putObject("response");
        response.put("data", info.appName());
        response.put("version", info.appVersionText());
        response.put("app_version", Long.toString(info.appVersion()));
        response.put("last_block_height", Long.toString(latest));
        response.put("last_block_app_hash", node.appHashAfter(latest).orElse(Bytes.EMPTY).base64());
        return r;
    }

    private JsonNode abciQuery(RpcParams p) throws RpcException {
        String path = p.string("path").orElse("");
        Bytes data = p.hexBytes("data").orElse(Bytes.EMPTY);
        long height = p.int64("height").orElse(0);
        if (height < 0) {
            throw RpcException.internal("height cannot be negative");
        }
        boolean prove = p.bool("prove").orElse(false);
        return CometJsonWriter.abciQueryResult(node.abciQuery(path, data, height, prove));
    }

    // ---- blocks ------------------------------------------------------------------------

    private JsonNode block(RpcParams p) throws RpcException {
        long height = height(p.int64("height"), node.latestHeight());
        BlockResult block = node.block(height).orElseThrow(() -> missing(height));
        return CometJsonWriter.blockResult(block);
    }

    private JsonNode blockResults(RpcParams p) throws RpcException {
        long height = height(p.int64("height"), node.latestHeight());
        List<ExecResult> results = node.blockResults(height).orElseThrow(() -> missing(height));
        ObjectNode o = NODES.objectNode();
        o.put("height", Long.toString(height));
        if (results.isEmpty()) {
            o.putNull("txs_results");
        } else {
            ArrayNode list = o.putArray("txs_results");
            results.forEach(r -> list.add(RpcJson.execResult(r)));
        }
        o.putArray("finalize_block_events");
        o.putNull("validator_updates");
        o.putNull("consensus_param_updates");
        o.put("app_hash", node.appHashAfter(height).orElse(Bytes.EMPTY).base64());
        return o;
    }

    private JsonNode commit(RpcParams p) throws RpcException {
        long latest = node.latestHeight();
        long height = height(p.int64("height"), latest);
        CommitResult commit = node.commit(height).orElseThrow(() -> missing(height));
        // Canonical once block height+1 carries this commit; before that it is this node's seen commit.
        return CometJsonWriter.commitResult(new CommitResult(commit.signedHeader(), height < latest));
    }

    private JsonNode validators(RpcParams p) throws RpcException {
        // CometBFT knows the validators of the next, not yet committed, height too.
        long height = height(p.int64("height"), node.latestHeight() + 1);
        ValidatorSet set = node.validators(height).orElseThrow(() -> missing(height));
        OptionalLong perPageParam = p.int64("per_page");
        long perPage = perPageParam.isEmpty() || perPageParam.getAsLong() < 1 ? DEFAULT_PER_PAGE
                : Math.min(perPageParam.getAsLong(), MAX_PER_PAGE);
        int total = set.size();
        long pages = Math.max(1, (total - 1) / perPage + 1);
        long page = p.int64("page").orElse(1);
        if (page < 1 || page > pages) {
            throw RpcException.internal("page should be within [1, " + pages + "] range, given " + page);
        }
        int from = (int) ((page - 1) * perPage);
        int to = (int) Math.min(total, from + perPage);
        List<org.healthwallet.ledger.cometbft.Validator> slice = set.validators().subList(from, to);
        return CometJsonWriter.validatorsResult(new ValidatorsResult(height, slice, slice.size(), total));
    }

    /** CometBFT's getHeight: absent means {@code latest}; otherwise 1..latest, with its messages. */
    private long height(OptionalLong requested, long latest) throws RpcException {
        if (requested.isEmpty()) {
            if (latest < node.earliestHeight()) {
                throw RpcException.internal("the chain has no blocks yet");
            }
            return latest;
        }
        long height = requested.getAsLong();
        if (height <= 0) {
            throw RpcException.internal("height must be greater than 0, but got " + height);
        }
        if (height > latest) {
            throw RpcException.internal("height " + height + " must be less than or equal to the current blockchain height "
                    + latest);
        }
        long base = node.earliestHeight();
        if (height < base) {
            throw RpcException.internal("height " + height + " is not available, lowest height is " + base);
        }
        return height;
    }

    private static RpcException missing(long height) {
        return RpcException.internal("block at height " + height + " not found");
    }

    // ---- transactions ------------------------------------------------------------------

    private Bytes txParam(RpcParams p) throws RpcException {
        Bytes tx = p.bytes("tx").orElseThrow(() -> RpcException.invalidParams("the parameter tx is required"));
        if (tx.length() > MAX_TX_BYTES) {
            throw RpcException.internal("tx too large. Max size is " + MAX_TX_BYTES + ", but got " + tx.length());
        }
        return tx;
    }

    private JsonNode broadcastSync(RpcParams p) throws RpcException {
        CometNode.Broadcast b = node.broadcast(txParam(p), false);
        ObjectNode o = NODES.objectNode();
        o.put("code", b.checkTx().code());
        o.put("data", b.checkTx().data().base64());
        o.put("log", b.checkTx().log());
        o.put("codespace", b.checkTx().codespace());
        o.put("hash", b.hash().hex());
        return o;
    }

    private JsonNode broadcastCommit(RpcParams p) throws RpcException {
        CometNode.Broadcast b = node.broadcast(txParam(p), true);
        ObjectNode o = NODES.objectNode();
        o.set("check_tx", RpcJson.execResult(b.checkTx()));
        if (b.committed().isEmpty()) {
            o.set("tx_result", RpcJson.execResult(new ExecResult(0, Bytes.EMPTY, "", "", List.of())));
            o.put("hash", b.hash().hex());
            o.put("height", "0");
            return o;
        }
        CompletableFuture<IndexedTx> future = b.committed().get();
        IndexedTx included;
        try {
            included = future.get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | CancellationException e) {
            future.cancel(false);
            throw RpcException.internal("timed out waiting for tx to be included in a block");
        } catch (ExecutionException e) {
            throw RpcException.internal(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw RpcException.internal("the server stopped while waiting for the block");
        }
        o.set("tx_result", RpcJson.execResult(included.result()));
        o.put("hash", b.hash().hex());
        o.put("height", Long.toString(included.height()));
        return o;
    }

    private JsonNode tx(RpcParams p) throws RpcException {
        Bytes hash = p.bytes("hash").orElseThrow(() -> RpcException.invalidParams("the parameter hash is required"));
        boolean prove = p.bool("prove").orElse(false);
        IndexedTx tx = node.tx(hash).orElseThrow(() -> RpcException.internal("tx (" + hash.hex() + ") not found"));
        ObjectNode o = NODES.objectNode();
        o.put("hash", tx.hash().hex());
        o.put("height", Long.toString(tx.height()));
        o.put("index", tx.index());
        o.set("tx_result", RpcJson.execResult(tx.result()));
        o.put("tx", tx.tx().base64());
        if (prove) {
            BlockResult block = node.block(tx.height()).orElseThrow(() -> missing(tx.height()));
            List<byte[]> all = new ArrayList<>(block.txs().size());
            block.txs().forEach(t -> all.add(t.toArray()));
            o.set("proof", RpcJson.txProof(all, tx.index()));
        }
        return o;
    }
}
