package org.healthwallet.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.ledger.cometbft.json.RpcReply;
import org.healthwallet.ledger.state.StateKey;

/**
 * The two CometBFT JSON-RPC calls the wallet makes besides the light client's: {@code abci_query}
 * (a state value with its proof) and {@code broadcast_tx_commit}. Nothing read here is trusted by
 * itself: {@link VerifiedState} checks the proof against a light-client-verified header. A node that
 * cannot be reached or answers with something that is not CometBFT's is a {@link LedgerException}.
 */
public final class NodeRpc {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Answers are small (a value and a proof, or a transaction's result); anything larger is not CometBFT's. */
    private static final int MAX_ANSWER = 4 * 1024 * 1024;

    /** What {@code broadcast_tx_commit} reported: CheckTx, then (when admitted) the block's execution result. */
    public record Broadcast(long checkCode, String checkLog, long txCode, String txLog, long height, String hash) {
        public boolean committed() {
            return checkCode == 0 && txCode == 0 && height > 0;
        }
    }

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    /** @param timeout per request; {@code broadcast_tx_commit} waits for a block, so allow CometBFT's 10 s and more */
    public NodeRpc(URI rpc, HttpClient http, Duration timeout) {
        Objects.requireNonNull(rpc, "rpc");
        this.base = URI.create(rpc.toString().endsWith("/") ? rpc.toString() : rpc + "/");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** HTTP/1.1, 3 s to connect, no redirects, 15 s per request. */
    public static NodeRpc of(URI rpc) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).followRedirects(HttpClient.Redirect.NEVER).build();
        return new NodeRpc(rpc, client, Duration.ofSeconds(15));
    }

    public URI url() {
        return base;
    }

    /** {@code abci_query} path {@code /store} for {@code key} at the latest height, with a proof. */
    public AbciQueryResult query(StateKey key) throws LedgerException {
        ObjectNode params = JSON.createObjectNode();
        params.put("path", "/store");
        params.put("data", key.hex());
        params.put("prove", true);
        JsonNode result = call("abci_query", params);
        try {
            return CometJsonParser.abciQuery(result);
        } catch (ParseException e) {
            throw new LedgerException("The ledger node " + base + " gave an answer HealthWallet cannot read ("
                    + e.getMessage() + ").", e);
        }
    }

    /** The node's newest block height ({@code status}); unverified, only to know when to ask the light client. */
    public long latestHeight() throws LedgerException {
        JsonNode result = call("status", JSON.createObjectNode());
        try {
            return CometJsonParser.status(result).latestBlockHeight();
        } catch (ParseException e) {
            throw new LedgerException("The ledger node " + base + " gave an answer HealthWallet cannot read ("
                    + e.getMessage() + ").", e);
        }
    }

    /** Submits a transaction and waits until it is in a block (or CheckTx refused it). */
    public Broadcast broadcastCommit(byte[] tx) throws LedgerException {
        ObjectNode params = JSON.createObjectNode();
        params.put("tx", Base64.getEncoder().encodeToString(tx));
        JsonNode r = call("broadcast_tx_commit", params);
        JsonNode check = r.path("check_tx");
        JsonNode exec = r.path("tx_result");
        if (!check.isObject() || !r.has("height")) {
            throw new LedgerException("The ledger node " + base + " gave an answer HealthWallet cannot read (no check_tx).");
        }
        return new Broadcast(check.path("code").asLong(-1), check.path("log").asText(""),
                exec.path("code").asLong(-1), exec.path("log").asText(""), r.path("height").asLong(0), r.path("hash").asText(""));
    }

    private JsonNode call(String method, ObjectNode params) throws LedgerException {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", 1);
        request.put("method", method);
        request.set("params", params);
        byte[] body;
        try {
            HttpRequest http = HttpRequest.newBuilder(base).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request))).build();
            HttpResponse<byte[]> answer = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
            body = answer.body();
            if (body.length > MAX_ANSWER) {
                throw new LedgerException("The ledger node " + base + " sent an answer too large to be CometBFT's.");
            }
        } catch (IOException e) {
            throw new LedgerException("The ledger node " + base + " could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("Waiting for the ledger node " + base + " was interrupted.", e);
        }
        RpcReply reply;
        try {
            reply = CometJsonParser.reply(body);
        } catch (ParseException e) {
            throw new LedgerException("The ledger node " + base + " gave an answer HealthWallet cannot read ("
                    + e.getMessage() + ").", e);
        }
        if (reply instanceof RpcReply.Error error) {
            throw new LedgerException("The ledger node " + base + " refused " + method + ": " + error.describe());
        }
        return ((RpcReply.Result) reply).result();
    }
}
