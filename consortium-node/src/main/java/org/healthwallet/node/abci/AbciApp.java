package org.healthwallet.node.abci;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Timestamp;

import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.node.abci.proto.Abci;
import org.healthwallet.node.abci.proto.Abci.Request;
import org.healthwallet.node.abci.proto.Abci.Response;
import org.healthwallet.node.ledger.BlockResult;
import org.healthwallet.node.ledger.Ledger;
import org.healthwallet.node.ledger.LedgerInfo;
import org.healthwallet.node.ledger.StateQuery;
import org.healthwallet.node.ledger.TxCode;
import org.healthwallet.node.ledger.TxOutcome;

/**
 * Answers ABCI 2.0 (CometBFT v0.38) requests with the {@link Ledger}. Each request gets exactly one
 * response of the matching type; vote extensions and state sync are answered so CometBFT goes on
 * (an UNKNOWN status would make it panic).
 */
public final class AbciApp {
    /** Query path for state reads: {@code data} is a {@link StateKey}'s bytes. */
    public static final String STORE_PATH = "/store";
    public static final String APP_NAME = "healthwallet";
    public static final String APP_VERSION_TEXT = "0.1.0";
    /** ABCI app version (protocol version of the state machine); goes into block headers. */
    public static final long APP_VERSION = 1;

    /** Query result codes (codespace {@value TxCode#CODESPACE}). */
    public static final int QUERY_OK = 0;
    public static final int QUERY_UNKNOWN_PATH = 1;
    public static final int QUERY_BAD_KEY = 2;
    public static final int QUERY_HEIGHT_UNAVAILABLE = 3;

    private final Ledger ledger;

    public AbciApp(Ledger ledger) {
        this.ledger = ledger;
    }

    public Response handle(Request request) {
        return switch (request.getValueCase()) {
            case ECHO -> Response.newBuilder().setEcho(Abci.ResponseEcho.newBuilder().setMessage(request.getEcho().getMessage())).build();
            case FLUSH -> Response.newBuilder().setFlush(Abci.ResponseFlush.getDefaultInstance()).build();
            case INFO -> Response.newBuilder().setInfo(info()).build();
            case INIT_CHAIN -> Response.newBuilder().setInitChain(initChain(request.getInitChain())).build();
            case QUERY -> Response.newBuilder().setQuery(query(request.getQuery())).build();
            case CHECK_TX -> Response.newBuilder().setCheckTx(checkTx(request.getCheckTx())).build();
            case COMMIT -> {
                ledger.commit();
                yield Response.newBuilder().setCommit(Abci.ResponseCommit.newBuilder().setRetainHeight(0)).build();
            }
            case LIST_SNAPSHOTS -> Response.newBuilder().setListSnapshots(Abci.ResponseListSnapshots.getDefaultInstance()).build();
            case OFFER_SNAPSHOT -> Response.newBuilder().setOfferSnapshot(Abci.ResponseOfferSnapshot.newBuilder()
                    .setResult(Abci.ResponseOfferSnapshot.Result.REJECT)).build();
            case LOAD_SNAPSHOT_CHUNK -> Response.newBuilder().setLoadSnapshotChunk(Abci.ResponseLoadSnapshotChunk.getDefaultInstance()).build();
            case APPLY_SNAPSHOT_CHUNK -> Response.newBuilder().setApplySnapshotChunk(Abci.ResponseApplySnapshotChunk.newBuilder()
                    .setResult(Abci.ResponseApplySnapshotChunk.Result.ABORT)).build();
            case PREPARE_PROPOSAL -> Response.newBuilder().setPrepareProposal(prepareProposal(request.getPrepareProposal())).build();
            case PROCESS_PROPOSAL -> Response.newBuilder().setProcessProposal(Abci.ResponseProcessProposal.newBuilder()
                    .setStatus(Abci.ResponseProcessProposal.ProposalStatus.ACCEPT)).build();
            case EXTEND_VOTE -> Response.newBuilder().setExtendVote(Abci.ResponseExtendVote.getDefaultInstance()).build();
            case VERIFY_VOTE_EXTENSION -> Response.newBuilder().setVerifyVoteExtension(Abci.ResponseVerifyVoteExtension.newBuilder()
                    .setStatus(Abci.ResponseVerifyVoteExtension.VerifyStatus.ACCEPT)).build();
            case FINALIZE_BLOCK -> Response.newBuilder().setFinalizeBlock(finalizeBlock(request.getFinalizeBlock())).build();
            case VALUE_NOT_SET -> exception("The request names no method.");
        };
    }

    /** The response CometBFT gets when the application cannot answer at all. */
    public static Response exception(String error) {
        return Response.newBuilder().setException(Abci.ResponseException.newBuilder().setError(error)).build();
    }

    private Abci.ResponseInfo info() {
        LedgerInfo info = ledger.info();
        return Abci.ResponseInfo.newBuilder()
                .setData(APP_NAME)
                .setVersion(APP_VERSION_TEXT)
                .setAppVersion(APP_VERSION)
                .setLastBlockHeight(info.lastHeight())
                .setLastBlockAppHash(ByteString.copyFrom(info.lastAppHash()))
                .build();
    }

    private Abci.ResponseInitChain initChain(Abci.RequestInitChain request) {
        byte[] appHash = ledger.initChain(request.getChainId(), instant(request.getTime()),
                request.getAppStateBytes().toByteArray(), request.getInitialHeight());
        return Abci.ResponseInitChain.newBuilder().setAppHash(ByteString.copyFrom(appHash)).build();
    }

    private Abci.ResponseQuery query(Abci.RequestQuery request) {
        Abci.ResponseQuery.Builder response = Abci.ResponseQuery.newBuilder().setCodespace(TxCode.CODESPACE);
        if (!STORE_PATH.equals(request.getPath())) {
            return response.setCode(QUERY_UNKNOWN_PATH)
                    .setLog("Unknown query path '" + request.getPath() + "'; use " + STORE_PATH + " with a state key.").build();
        }
        int length = request.getData().size();
        if (length == 0 || length > StateKey.MAX_LENGTH) {
            return response.setCode(QUERY_BAD_KEY).setLog("A state key is 1 to " + StateKey.MAX_LENGTH + " bytes; got " + length + ".").build();
        }
        StateKey key = new StateKey(request.getData().toByteArray());
        StateQuery result;
        try {
            result = ledger.query(key, request.getHeight());
        } catch (IllegalArgumentException e) {
            return response.setCode(QUERY_HEIGHT_UNAVAILABLE).setLog(e.getMessage()).build();
        }
        response.setCode(QUERY_OK)
                .setKey(request.getData())
                .setHeight(result.height())
                .setLog(result.value().isPresent() ? "exists" : "absent");
        result.value().ifPresent(v -> response.setValue(ByteString.copyFrom(v)));
        if (request.getProve()) {
            response.setProofOps(Abci.ProofOps.newBuilder().addOps(Abci.ProofOp.newBuilder()
                    .setType(StateProof.PROOF_OP_TYPE)
                    .setKey(request.getData())
                    .setData(ByteString.copyFrom(result.proof().encode()))));
        }
        return response.build();
    }

    private Abci.ResponseCheckTx checkTx(Abci.RequestCheckTx request) {
        TxOutcome outcome = ledger.checkTx(request.getTx().toByteArray());
        Abci.ResponseCheckTx.Builder response = Abci.ResponseCheckTx.newBuilder()
                .setCode(outcome.code().code())
                .setLog(outcome.log())
                .setData(ByteString.copyFrom(outcome.data()));
        if (!outcome.ok()) response.setCodespace(TxCode.CODESPACE);
        return response.build();
    }

    private Abci.ResponsePrepareProposal prepareProposal(Abci.RequestPrepareProposal request) {
        // Keep CometBFT's order and stay within max_tx_bytes as CometBFT measures it (protobuf size).
        Abci.ResponsePrepareProposal.Builder response = Abci.ResponsePrepareProposal.newBuilder();
        long budget = request.getMaxTxBytes();
        long used = 0;
        for (ByteString tx : request.getTxsList()) {
            long size = 1 + CodedOutputStream.computeUInt32SizeNoTag(tx.size()) + tx.size();
            if (used + size > budget) break;
            used += size;
            response.addTxs(tx);
        }
        return response.build();
    }

    private Abci.ResponseFinalizeBlock finalizeBlock(Abci.RequestFinalizeBlock request) {
        List<byte[]> txs = new ArrayList<>(request.getTxsCount());
        for (ByteString tx : request.getTxsList()) txs.add(tx.toByteArray());
        BlockResult result = ledger.finalizeBlock(request.getHeight(), instant(request.getTime()), txs);
        Abci.ResponseFinalizeBlock.Builder response = Abci.ResponseFinalizeBlock.newBuilder()
                .setAppHash(ByteString.copyFrom(result.appHash()));
        for (TxOutcome outcome : result.outcomes()) {
            Abci.ExecTxResult.Builder tx = Abci.ExecTxResult.newBuilder()
                    .setCode(outcome.code().code())
                    .setLog(outcome.log())
                    .setData(ByteString.copyFrom(outcome.data()));
            if (!outcome.ok()) tx.setCodespace(TxCode.CODESPACE);
            if (!outcome.attributes().isEmpty()) {
                Abci.Event.Builder event = Abci.Event.newBuilder().setType(TxOutcome.EVENT_TYPE);
                for (TxOutcome.Attribute a : outcome.attributes()) {
                    event.addAttributes(Abci.EventAttribute.newBuilder().setKey(a.key()).setValue(a.value()).setIndex(true));
                }
                tx.addEvents(event);
            }
            response.addTxResults(tx);
        }
        return response.build();
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
