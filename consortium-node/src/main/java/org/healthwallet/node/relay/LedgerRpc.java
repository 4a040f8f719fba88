package org.healthwallet.node.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.ledger.cometbft.json.RpcReply;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;

/**
 * The relay's side of a node's CometBFT JSON-RPC: state queries (with proofs), broadcasting its
 * own transactions, finding a committed one, the latest height. Nothing read here is trusted by
 * itself: {@link VerifiedState} checks proofs against light-client-verified headers. A node that
 * does not answer, or answers with something that is not CometBFT's, is a {@link LedgerUnavailableException}.
 */
final class LedgerRpc {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** CheckTx's verdict on one broadcast transaction. */
    record CheckResult(long code, String log, Digest hash) {
        boolean ok() {
            return code == 0;
        }
    }

    /** A transaction found in a block, with its execution result code. */
    record Included(long height, long code, String log) {
    }

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    LedgerRpc(URI rpc, HttpClient http, Duration timeout) {
        Objects.requireNonNull(rpc, "rpc");
        this.base = URI.create(rpc.toString().endsWith("/") ? rpc.toString() : rpc + "/");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    static LedgerRpc create(URI rpc, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).followRedirects(HttpClient.Redirect.NEVER).build();
        return new LedgerRpc(rpc, client, timeout);
    }

    URI url() {
        return base;
    }

    /** The state values of {@code keys} with proofs, asked in one JSON-RPC batch. */
    List<AbciQueryResult> query(List<StateKey> keys, boolean prove) throws LedgerUnavailableException {
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < keys.size(); i++) {
            ObjectNode params = JSON.createObjectNode();
            params.put("path", "/store");
            params.put("data", keys.get(i).hex());
            params.put("prove", prove);
            batch.add(call(i, "abci_query", params));
        }
        List<JsonNode> results = results(post(batch), keys.size(), "abci_query");
        List<AbciQueryResult> out = new ArrayList<>(results.size());
        for (JsonNode r : results) {
            try {
                AbciQueryResult q = CometJsonParser.abciQuery(r);
                out.add(q);
            } catch (ParseException e) {
                throw new LedgerUnavailableException("The ledger node " + base + " answered a state query with something"
                        + " that is not a CometBFT answer: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Runs CheckTx for each transaction, in this order, in one JSON-RPC batch (broadcast_tx_sync). */
    List<CheckResult> broadcast(List<byte[]> txs) throws LedgerUnavailableException {
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < txs.size(); i++) {
            batch.add(call(i, "broadcast_tx_sync", JSON.createObjectNode().put("tx", Base64.getEncoder().encodeToString(txs.get(i)))));
        }
        List<JsonNode> results = results(post(batch), txs.size(), "broadcast_tx_sync");
        List<CheckResult> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            if (r == null) {
                // "tx already exists in cache": the same bytes wait in the mempool; CheckTx passed before.
                out.add(new CheckResult(0, "already in the mempool", Digest.sha256(txs.get(i))));
                continue;
            }
            out.add(new CheckResult(r.path("code").asLong(-1), r.path("log").asText(""), Digest.sha256(txs.get(i))));
        }
        return out;
    }

    /**
     * Broadcasts one transaction and waits for its block ({@code broadcast_tx_commit}); for rare
     * transactions such as the relay's registration. Returns CheckTx's refusal or the execution result.
     */
    Included broadcastAndWait(byte[] tx) throws LedgerUnavailableException {
        JsonNode result = single(post(call(1, "broadcast_tx_commit",
                JSON.createObjectNode().put("tx", Base64.getEncoder().encodeToString(tx)))), "broadcast_tx_commit");
        JsonNode check = result.path("check_tx");
        if (check.path("code").asLong(0) != 0) {
            return new Included(0, check.path("code").asLong(), check.path("log").asText(""));
        }
        JsonNode exec = result.path("tx_result");
        return new Included(result.path("height").asLong(0), exec.path("code").asLong(0), exec.path("log").asText(""));
    }

    /** The transaction's block and result, or empty while it is not in a block. */
    Optional<Included> tx(Digest hash) throws LedgerUnavailableException {
        byte[] body = get("tx?hash=0x" + hash.hex());
        RpcReply reply = reply(body, "tx");
        if (reply instanceof RpcReply.Error error) {
            if (error.describe().contains("not found")) {
                return Optional.empty();
            }
            throw new LedgerUnavailableException("The ledger node " + base + " could not look up a transaction: " + error.describe());
        }
        JsonNode r = ((RpcReply.Result) reply).result();
        return Optional.of(new Included(r.path("height").asLong(0), r.path("tx_result").path("code").asLong(0),
                r.path("tx_result").path("log").asText("")));
    }

    long latestHeight() throws LedgerUnavailableException {
        byte[] body = get("status");
        try {
            return CometJsonParser.status(body).latestBlockHeight();
        } catch (ParseException e) {
            throw new LedgerUnavailableException("The ledger node " + base + " answered /status with something that is"
                    + " not a CometBFT answer: " + e.getMessage(), e);
        }
    }

    private static ObjectNode call(int id, String method, JsonNode params) {
        ObjectNode call = JSON.createObjectNode();
        call.put("jsonrpc", "2.0");
        call.put("id", id);
        call.put("method", method);
        call.set("params", params);
        return call;
    }

    /** The results of a batch in request order; null where the node reported "already in cache". */
    private List<JsonNode> results(byte[] body, int expected, String method) throws LedgerUnavailableException {
        JsonNode tree;
        try {
            tree = CometJsonParser.tree(body);
        } catch (ParseException e) {
            throw new LedgerUnavailableException("The ledger node " + base + " answered " + method + " with something"
                    + " that is not JSON: " + e.getMessage(), e);
        }
        if (expected == 1 && tree.isObject()) {
            // CometBFT answers a batch of one with the lone answer, not an array of one
            // (rpc/jsonrpc/server/http_server.go, writeRPCResponseHTTP, v0.38).
            tree = JSON.createArrayNode().add(tree);
        }
        if (!tree.isArray() || tree.size() != expected) {
            throw new LedgerUnavailableException("The ledger node " + base + " answered a batch of " + expected + " "
                    + method + " calls with " + (tree.isArray() ? tree.size() + " answers" : "something else") + ".");
        }
        JsonNode[] ordered = new JsonNode[expected];
        for (JsonNode answer : tree) {
            int id = answer.path("id").asInt(-1);
            if (id < 0 || id >= expected || ordered[id] != null) {
                throw new LedgerUnavailableException("The ledger node " + base + " answered a batch with an unknown id.");
            }
            ordered[id] = answer;
        }
        List<JsonNode> out = new ArrayList<>(expected);
        for (JsonNode answer : ordered) {
            JsonNode error = answer.get("error");
            if (error != null) {
                String text = error.path("data").asText("") + " " + error.path("message").asText("");
                if (text.contains("already exists in cache")) {
                    out.add(null);
                    continue;
                }
                throw new LedgerUnavailableException("The ledger node " + base + " refused " + method + ": " + text.strip());
            }
            out.add(answer.path("result"));
        }
        return out;
    }

    private JsonNode single(byte[] body, String method) throws LedgerUnavailableException {
        RpcReply reply = reply(body, method);
        if (reply instanceof RpcReply.Error error) {
            throw new LedgerUnavailableException("The ledger node " + base + " refused " + method + ": " + error.describe());
        }
        return ((RpcReply.Result) reply).result();
    }

    private RpcReply reply(byte[] body, String method) throws LedgerUnavailableException {
        try {
            return CometJsonParser.reply(body);
        } catch (ParseException e) {
            throw new LedgerUnavailableException("The ledger node " + base + " answered " + method + " with something"
                    + " that is not a JSON-RPC answer: " + e.getMessage(), e);
        }
    }

    private byte[] post(JsonNode body) throws LedgerUnavailableException {
        try {
            return send(HttpRequest.newBuilder(base).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private byte[] get(String pathAndQuery) throws LedgerUnavailableException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout).GET().build());
    }

    private byte[] send(HttpRequest request) throws LedgerUnavailableException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 500 && (response.body().length == 0 || response.body()[0] != '{')
                    || response.statusCode() == 429 || response.statusCode() == 404 && response.body().length == 0) {
                throw new LedgerUnavailableException("The ledger node " + base + " answered HTTP " + response.statusCode() + ".");
            }
            return response.body();
        } catch (IOException e) {
            throw new LedgerUnavailableException("The ledger node " + base + " cannot be reached ("
                    + e.getClass().getSimpleName() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("Stopped while waiting for the ledger node " + base + ".", e);
        }
    }
}
