package org.healthwallet.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.BlockResult;
import org.healthwallet.ledger.cometbft.json.CommitResult;
import org.healthwallet.ledger.cometbft.json.ProofOp;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.node.abci.AbciApp;
import org.healthwallet.node.ledger.StateQuery;
import org.healthwallet.node.ledger.TxCode;
import org.healthwallet.node.rpc.CometNode;
import org.healthwallet.node.rpc.ExecResult;
import org.healthwallet.node.rpc.IndexedTx;
import org.healthwallet.node.rpc.NodeInfo;
import org.healthwallet.node.rpc.RpcException;

/**
 * One validator's node of the dev network, as its RPC endpoint shows it. Honest by default; after
 * {@link #misbehave(Misbehaviour)} it serves a conflicting chain from the given height to whoever
 * asks it (for a light client's witness cross-check to catch), while the network itself goes on.
 */
public final class DevNode implements CometNode {
    /** Reported in /status; clients pick their CometBFT 0.38 dialect from the "0.38." prefix. */
    public static final String VERSION = "0.38.25+healthwallet-devnet";

    private final DevNetwork network;
    private final int index;
    private volatile ForkedChain fork;

    DevNode(DevNetwork network, int index) {
        this.network = network;
        this.index = index;
    }

    /** This node's validator index (validator-set order). */
    public int index() {
        return index;
    }

    /** From {@code m.fromHeight()} on, serve a conflicting chain signed by {@code m.colluders()}. */
    public void misbehave(Misbehaviour m) {
        fork = new ForkedChain(network, m);
    }

    /** Serve the honest chain again. */
    public void behave() {
        fork = null;
    }

    public boolean misbehaving() {
        return fork != null;
    }

    @Override
    public NodeInfo nodeInfo() {
        Validator v = network.validatorSet().get(index);
        return new NodeInfo(v.address().hex().toLowerCase(java.util.Locale.ROOT), "healthwallet-devnet-" + index,
                network.chainId(), v, VERSION, AbciApp.APP_VERSION, AbciApp.APP_NAME, AbciApp.APP_VERSION_TEXT);
    }

    @Override
    public long latestHeight() {
        return network.height();
    }

    @Override
    public long earliestHeight() {
        return 1;
    }

    private Optional<DevBlock> shown(long height) {
        ForkedChain f = fork;
        return f == null ? network.block(height) : f.block(height);
    }

    @Override
    public Optional<BlockResult> block(long height) {
        Optional<DevBlock> block = shown(height);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        DevBlock b = block.get();
        org.healthwallet.ledger.cometbft.Commit last = height == 1 ? BlockMaker.NO_COMMIT
                : shown(height - 1).orElseThrow().commit();
        return Optional.of(new BlockResult(b.blockId(), b.header(), b.txs(), last));
    }

    @Override
    public Optional<CommitResult> commit(long height) {
        return shown(height).map(b -> new CommitResult(new SignedHeader(b.header(), b.commit()), true));
    }

    @Override
    public Optional<ValidatorSet> validators(long height) {
        // The set never changes; it is known up to the next, not yet committed, height.
        return height >= 1 && height <= network.height() + 1 ? Optional.of(network.validatorSet()) : Optional.empty();
    }

    @Override
    public Optional<List<ExecResult>> blockResults(long height) {
        return network.block(height).map(DevBlock::results);
    }

    @Override
    public Optional<Bytes> appHashAfter(long height) {
        return network.block(height).map(DevBlock::appHashAfter);
    }

    /** Answers as the ledger's ABCI server does ({@link AbciApp}): path /store, data a state key. */
    @Override
    public AbciQueryResult abciQuery(String path, Bytes data, long height, boolean prove) {
        if (!AbciApp.STORE_PATH.equals(path)) {
            return failed(AbciApp.QUERY_UNKNOWN_PATH, "Unknown query path '" + path + "'; use " + AbciApp.STORE_PATH
                    + " with a state key.");
        }
        if (data.isEmpty() || data.length() > StateKey.MAX_LENGTH) {
            return failed(AbciApp.QUERY_BAD_KEY, "A state key is 1 to " + StateKey.MAX_LENGTH + " bytes; got "
                    + data.length() + ".");
        }
        StateQuery result;
        try {
            result = network.ledger().query(new StateKey(data.toArray()), height);
        } catch (IllegalArgumentException e) {
            return failed(AbciApp.QUERY_HEIGHT_UNAVAILABLE, e.getMessage());
        }
        List<ProofOp> proof = prove
                ? List.of(new ProofOp(StateProof.PROOF_OP_TYPE, data, Bytes.of(result.proof().encode())))
                : List.of();
        return new AbciQueryResult(AbciApp.QUERY_OK, result.value().isPresent() ? "exists" : "absent", "", 0, data,
                result.value().map(Bytes::of).orElse(Bytes.EMPTY), proof, result.height(), TxCode.CODESPACE);
    }

    private static AbciQueryResult failed(int code, String log) {
        return new AbciQueryResult(code, log, "", 0, Bytes.EMPTY, Bytes.EMPTY, List.of(), 0, TxCode.CODESPACE);
    }

    @Override
    public Broadcast broadcast(Bytes tx, boolean watch) throws RpcException {
        return network.broadcast(tx, watch);
    }

    @Override
    public Optional<IndexedTx> tx(Bytes hash) {
        return network.tx(hash);
    }

    @Override
    public JsonNode genesis() {
        return network.genesis().document.deepCopy();
    }
}
