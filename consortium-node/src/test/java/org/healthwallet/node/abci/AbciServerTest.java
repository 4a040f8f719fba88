package org.healthwallet.node.abci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.node.TestSeal;
import org.healthwallet.node.abci.proto.Abci;
import org.healthwallet.node.abci.proto.Abci.Request;
import org.healthwallet.node.abci.proto.Abci.Response;
import org.healthwallet.node.ledger.GenesisState;
import org.healthwallet.node.ledger.TxCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ABCI server over a real loopback socket, speaking CometBFT's framing, and its state after a restart. */
class AbciServerTest {
    private static final String CHAIN = "abci-test-chain";
    private static final Instant GENESIS = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path dir;

    /** A minimal ABCI client: what CometBFT's socket client does on one connection. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        Response call(Request request) throws IOException {
            AbciServer.writeFrame(out, request.toByteArray());
            AbciServer.writeFrame(out, Request.newBuilder().setFlush(Abci.RequestFlush.getDefaultInstance()).build().toByteArray());
            out.flush();
            Response response = Response.parseFrom(AbciServer.readFrame(in));
            Response flush = Response.parseFrom(AbciServer.readFrame(in));
            assertThat(flush.hasFlush()).isTrue();
            return response;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    @Test
    void cometbftsSequenceOfCallsWorksOverTheSocketAndStateSurvivesARestart() throws Exception {
        SigningKey patient = SigningKey.fromSeed(Arrays.copyOf("patient".getBytes(), 32));
        SigningKey relay = SigningKey.fromSeed(Arrays.copyOf("relay".getBytes(), 32));
        String appState = new GenesisState(new OperatorSet(List.of()),
                List.of(new RelayRecord(relay.publicKey(), "https://relay.example", 0))).toJson();
        Digest share = Digest.sha256("share".getBytes());
        byte[] tx = Transaction.sign(CHAIN, patient, 1, new GrantIssued(share, patient.publicKey(), Digest.ZERO,
                GENESIS.getEpochSecond() + 3600, relay.publicKey(), TestSeal.sealTo(patient.publicKey()))).encode();
        byte[] appHash;
        try (AbciNode node = AbciNode.start(new AbciNodeOptions(0, dir)); Client c = new Client(node.port())) {
            assertThat(c.call(Request.newBuilder().setEcho(Abci.RequestEcho.newBuilder().setMessage("hello")).build())
                    .getEcho().getMessage()).isEqualTo("hello");
            Abci.ResponseInfo info = c.call(Request.newBuilder().setInfo(Abci.RequestInfo.newBuilder().setVersion("0.38.25")).build()).getInfo();
            assertThat(info.getLastBlockHeight()).isZero();
            assertThat(info.getData()).isEqualTo("healthwallet");

            Abci.ResponseInitChain init = c.call(Request.newBuilder().setInitChain(Abci.RequestInitChain.newBuilder()
                    .setChainId(CHAIN).setTime(ts(GENESIS)).setInitialHeight(1)
                    .setAppStateBytes(ByteString.copyFromUtf8(appState))).build()).getInitChain();
            assertThat(init.getAppHash().size()).isEqualTo(32);

            Abci.ResponseCheckTx check = c.call(Request.newBuilder().setCheckTx(Abci.RequestCheckTx.newBuilder()
                    .setTx(ByteString.copyFrom(tx))).build()).getCheckTx();
            assertThat(check.getCode()).isZero();
            Abci.ResponseCheckTx garbage = c.call(Request.newBuilder().setCheckTx(Abci.RequestCheckTx.newBuilder()
                    .setTx(ByteString.copyFrom(new byte[] {1, 1, 1}))).build()).getCheckTx();
            assertThat(garbage.getCode()).isEqualTo(TxCode.MALFORMED.code());
            assertThat(garbage.getCodespace()).isEqualTo("healthwallet");
            assertThat(garbage.getLog()).contains("signer key");

            Abci.ResponsePrepareProposal prepared = c.call(Request.newBuilder().setPrepareProposal(Abci.RequestPrepareProposal
                    .newBuilder().setMaxTxBytes(1 << 20).addTxs(ByteString.copyFrom(tx)).setHeight(1)).build()).getPrepareProposal();
            assertThat(prepared.getTxsList()).containsExactly(ByteString.copyFrom(tx));
            assertThat(c.call(Request.newBuilder().setProcessProposal(Abci.RequestProcessProposal.newBuilder().setHeight(1)).build())
                    .getProcessProposal().getStatus()).isEqualTo(Abci.ResponseProcessProposal.ProposalStatus.ACCEPT);
            assertThat(c.call(Request.newBuilder().setVerifyVoteExtension(Abci.RequestVerifyVoteExtension.newBuilder()).build())
                    .getVerifyVoteExtension().getStatus()).isEqualTo(Abci.ResponseVerifyVoteExtension.VerifyStatus.ACCEPT);

            Abci.ResponseFinalizeBlock block = c.call(Request.newBuilder().setFinalizeBlock(Abci.RequestFinalizeBlock.newBuilder()
                    .setHeight(1).setTime(ts(GENESIS.plusSeconds(1))).addTxs(ByteString.copyFrom(tx))
                    .addTxs(ByteString.copyFrom(new byte[] {9}))).build()).getFinalizeBlock();
            assertThat(block.getTxResultsList()).extracting(Abci.ExecTxResult::getCode)
                    .containsExactly(TxCode.OK.code(), TxCode.UNSUPPORTED_VERSION.code());
            assertThat(block.getTxResults(0).getEvents(0).getAttributesList())
                    .anySatisfy(a -> assertThat(a.getValue()).isEqualTo(share.hex()));
            appHash = block.getAppHash().toByteArray();
            assertThat(c.call(Request.newBuilder().setCommit(Abci.RequestCommit.getDefaultInstance()).build()).hasCommit()).isTrue();

            StateKey key = StateKey.grant(share);
            Abci.ResponseQuery query = c.call(Request.newBuilder().setQuery(Abci.RequestQuery.newBuilder()
                    .setPath("/store").setData(ByteString.copyFrom(key.bytes())).setProve(true)).build()).getQuery();
            assertThat(query.getCode()).isZero();
            assertThat(query.getHeight()).isEqualTo(1);
            assertThat(query.getProofOps().getOps(0).getType()).isEqualTo(StateProof.PROOF_OP_TYPE);
            StateProof proof = StateProof.decode(query.getProofOps().getOps(0).getData().toByteArray());
            assertThat(proof.verify(appHash, key, Optional.of(query.getValue().toByteArray())).isValid()).isTrue();

            Abci.ResponseQuery unknown = c.call(Request.newBuilder().setQuery(Abci.RequestQuery.newBuilder()
                    .setPath("/nope").setData(ByteString.copyFrom(key.bytes()))).build()).getQuery();
            assertThat(unknown.getCode()).isEqualTo(AbciApp.QUERY_UNKNOWN_PATH);
            Abci.ResponseQuery old = c.call(Request.newBuilder().setQuery(Abci.RequestQuery.newBuilder()
                    .setPath("/store").setData(ByteString.copyFrom(key.bytes())).setHeight(7)).build()).getQuery();
            assertThat(old.getCode()).isEqualTo(AbciApp.QUERY_HEIGHT_UNAVAILABLE);
            assertThat(old.getLog()).contains("Only the latest state");
        }
        try (AbciNode node = AbciNode.start(new AbciNodeOptions(0, dir)); Client c = new Client(node.port())) {
            Abci.ResponseInfo info = c.call(Request.newBuilder().setInfo(Abci.RequestInfo.getDefaultInstance()).build()).getInfo();
            assertThat(info.getLastBlockHeight()).isEqualTo(1);
            assertThat(info.getLastBlockAppHash().toByteArray()).isEqualTo(appHash);
        }
    }

    @Test
    void aFrameThatIsNotARequestGetsAnExceptionAndTheServerKeepsServingOthers() throws Exception {
        try (AbciNode node = AbciNode.start(new AbciNodeOptions(0, dir))) {
            try (Client bad = new Client(node.port())) {
                AbciServer.writeFrame(bad.out, "not protobuf at all".getBytes(StandardCharsets.UTF_8));
                bad.out.flush();
                Response response = Response.parseFrom(AbciServer.readFrame(bad.in));
                assertThat(response.hasException()).isTrue();
                assertThat(response.getException().getError()).contains("not a valid ABCI message");
            }
            try (Client good = new Client(node.port())) {
                assertThat(good.call(Request.newBuilder().setInfo(Abci.RequestInfo.getDefaultInstance()).build()).hasInfo()).isTrue();
            }
        }
    }

    /** ABCI has no authentication; like the RPC server it binds beyond loopback only when told to. */
    @Test
    void anAddressBeyondLoopbackIsRefusedUnlessAllowedExplicitly() throws Exception {
        assertThatThrownBy(() -> AbciNode.start(new AbciNodeOptions("0.0.0.0", 0, dir, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The ABCI server listens on loopback only (127.0.0.1 or ::1), where CometBFT runs beside it; "
                        + "0.0.0.0 would let anyone on the network drive the ledger. Allow it explicitly to do that.");
        // The refusal left the ledger closed: it opens again, here on every interface because that is allowed.
        try (AbciNode node = AbciNode.start(new AbciNodeOptions("0.0.0.0", 0, dir, true)); Client c = new Client(node.port())) {
            assertThat(c.call(Request.newBuilder().setInfo(Abci.RequestInfo.getDefaultInstance()).build()).hasInfo()).isTrue();
        }
        try (AbciNode node = AbciNode.start(new AbciNodeOptions("localhost", 0, dir, false))) {
            assertThat(node.port()).isPositive();
        }
    }
}
