package org.healthwallet.ledger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.JsonLimits;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.ledger.cometbft.json.RpcReply;
import org.healthwallet.ledger.cometbft.json.StatusResult;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;

/**
 * A CometBFT node's JSON-RPC, spoken in one place for the light client, the wallet and the relay:
 * HTTP/1.1, a timeout per request, no redirects, every body read through a bounded stream (reading
 * stops past {@link JsonLimits#maxDocumentBytes()}; nothing unbounded is buffered first), bounded
 * retries with backoff for calls that may be repeated (queries, never a broadcast), and JSON-RPC
 * batches (CometBFT answers a batch of one with the lone answer, not an array of one:
 * rpc/jsonrpc/server/http_server.go, v0.38). Nothing read here is trusted by itself; {@link
 * ProvenState} and the light client verify. Errors are {@link ProviderException}s naming the node.
 */
public final class CometRpc {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** CheckTx's verdict on one broadcast transaction ({@code broadcast_tx_sync}); "already in the mempool" is code 0. */
    public record CheckTx(long code, String log, Digest hash) {
        public boolean ok() {
            return code == 0;
        }
    }

    /** A transaction's block and execution result; height 0 when CheckTx refused it ({@code code} is then CheckTx's). */
    public record Included(long height, long code, String log, long checkCode, String checkLog) {
        public boolean committed() {
            return checkCode == 0 && code == 0 && height > 0;
        }
    }

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final long maxBody;

    /**
     * @param timeout  per request (a {@code broadcast_tx_commit} waits for a block: CometBFT's 10 s and more)
     * @param attempts tries of a repeatable call when the node is unavailable (at least 1)
     * @param backoff  pause before the second try, doubled for each further one
     */
    public CometRpc(URI rpc, HttpClient http, Duration timeout, int attempts, Duration backoff) {
        Objects.requireNonNull(rpc, "rpc");
        this.base = rpc.getPath().endsWith("/") ? rpc : URI.create(rpc + "/");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
        this.attempts = attempts;
        this.maxBody = JsonLimits.DEFAULT.maxDocumentBytes();
    }

    /** HTTP/1.1, 5 s to connect, no redirects, {@code timeout} per request, 3 tries 250 ms apart and more. */
    public static CometRpc create(URI rpc, Duration timeout) {
        return new CometRpc(rpc, client(), timeout, 3, Duration.ofMillis(250));
    }

    /** The HTTP client every CometRpc made by {@link #create} uses: HTTP/1.1, 5 s to connect, no redirects. */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The node's address, to name it in messages. */
    public URI url() {
        return base;
    }

    // ---- the methods ------------------------------------------------------------------------

    /** {@code /status}: where the node says it is (not verified). */
    public StatusResult status() throws ProviderException {
        byte[] body = get("status", Map.of());
        try {
            return CometJsonParser.status(body);
        } catch (ParseException e) {
            throw bad("/status", e);
        }
    }

    /** {@code abci_query} path {@code /store} of each key, in one batch, in the keys' order. */
    public List<AbciQueryResult> abciQuery(List<StateKey> keys, boolean prove) throws ProviderException {
        List<ObjectNode> params = new ArrayList<>(keys.size());
        for (StateKey key : keys) {
            params.add(JSON.createObjectNode().put("path", "/store").put("data", key.hex()).put("prove", prove));
        }
        List<RpcReply> replies = batch("abci_query", params, true);
        List<AbciQueryResult> out = new ArrayList<>(replies.size());
        for (RpcReply reply : replies) {
            try {
                out.add(CometJsonParser.abciQuery(result(reply, "abci_query")));
            } catch (ParseException e) {
                throw bad("abci_query", e);
            }
        }
        return out;
    }

    /** Runs CheckTx for each transaction, in this order, in one batch ({@code broadcast_tx_sync}); sent once. */
    public List<CheckTx> broadcastSync(List<byte[]> txs) throws ProviderException {
        List<ObjectNode> params = new ArrayList<>(txs.size());
        for (byte[] tx : txs) {
            params.add(JSON.createObjectNode().put("tx", Base64.getEncoder().encodeToString(tx)));
        }
        List<RpcReply> replies = batch("broadcast_tx_sync", params, false);
        List<CheckTx> out = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            Digest hash = Digest.sha256(txs.get(i));
            if (replies.get(i) instanceof RpcReply.Error error && alreadyInMempool(error)) {
                // The same bytes wait in the mempool: CheckTx passed before.
                out.add(new CheckTx(0, "already in the mempool", hash));
                continue;
            }
            JsonNode r = result(replies.get(i), "broadcast_tx_sync");
            out.add(new CheckTx(r.path("code").asLong(-1), r.path("log").asText(""), hash));
        }
        return out;
    }

    /** Submits one transaction and waits for its block ({@code broadcast_tx_commit}); sent once. */
    public Included broadcastCommit(byte[] tx) throws ProviderException {
        ObjectNode params = JSON.createObjectNode().put("tx", Base64.getEncoder().encodeToString(tx));
        JsonNode r = result(batch("broadcast_tx_commit", List.of(params), false).get(0), "broadcast_tx_commit");
        JsonNode check = r.path("check_tx");
        if (!check.isObject() || !r.has("height")) {
            throw new ProviderException(ProviderException.Kind.BAD_RESPONSE, base
                    + " answered broadcast_tx_commit without a CheckTx result");
        }
        JsonNode exec = r.path("tx_result");
        long checkCode = check.path("code").asLong(-1);
        return new Included(checkCode == 0 ? r.path("height").asLong(0) : 0,
                checkCode == 0 ? exec.path("code").asLong(-1) : checkCode,
                checkCode == 0 ? exec.path("log").asText("") : check.path("log").asText(""),
                checkCode, check.path("log").asText(""));
    }

    /** {@code /tx}: the transaction's block and result, or empty while it is in no block. */
    public Optional<Included> tx(Digest hash) throws ProviderException {
        byte[] body;
        try {
            body = get("tx", Map.of("hash", "0x" + hash.hex()));
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.NOT_FOUND || e.getMessage().contains("not found")) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode r;
        try {
            r = CometJsonParser.tree(body).path("result");
        } catch (ParseException e) {
            throw bad("/tx", e);
        }
        return Optional.of(new Included(r.path("height").asLong(0), r.path("tx_result").path("code").asLong(0),
                r.path("tx_result").path("log").asText(""), 0, ""));
    }

    /** A URI-style call ({@code GET /method?query}), repeated while the node is unavailable; the whole body, not an error. */
    public byte[] get(String method, Map<String, String> query) throws ProviderException {
        String q = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(method + (q.isEmpty() ? "" : "?" + q)))
                .timeout(timeout).GET().header("Accept", "application/json").build();
        byte[] body = send(request, attempts);
        RpcReply reply;
        try {
            reply = CometJsonParser.reply(body);
        } catch (ParseException e) {
            throw bad("/" + method, e);
        }
        if (reply instanceof RpcReply.Error error) {
            throw refused(error);
        }
        return body;
    }

    // ---- JSON-RPC over HTTP -----------------------------------------------------------------

    /** One call per params, in one batch; the replies in request order. */
    private List<RpcReply> batch(String method, List<ObjectNode> params, boolean repeatable) throws ProviderException {
        ArrayNode calls = JSON.createArrayNode();
        for (int i = 0; i < params.size(); i++) {
            ObjectNode call = JSON.createObjectNode();
            call.put("jsonrpc", "2.0");
            call.put("id", i);
            call.put("method", method);
            call.set("params", params.get(i));
            calls.add(call);
        }
        byte[] request;
        try {
            request = JSON.writeValueAsBytes(calls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        byte[] body = send(HttpRequest.newBuilder(base).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), repeatable ? attempts : 1);
        JsonNode tree;
        try {
            tree = CometJsonParser.tree(body);
        } catch (ParseException e) {
            throw new ProviderException(ProviderException.Kind.BAD_RESPONSE, base + " answered " + method
                    + " with something that is not JSON: " + e.getMessage(), e);
        }
        if (params.size() == 1 && tree.isObject()) {
            tree = JSON.createArrayNode().add(tree);
        }
        if (!tree.isArray() || tree.size() != params.size()) {
            throw new ProviderException(ProviderException.Kind.BAD_RESPONSE, base + " answered a batch of " + params.size()
                    + " " + method + " calls with " + (tree.isArray() ? tree.size() + " answers" : "something else"));
        }
        RpcReply[] ordered = new RpcReply[params.size()];
        for (JsonNode answer : tree) {
            int id = answer.path("id").asInt(-1);
            if (id < 0 || id >= ordered.length || ordered[id] != null) {
                throw new ProviderException(ProviderException.Kind.BAD_RESPONSE, base + " answered a batch with an unknown id");
            }
            try {
                ordered[id] = CometJsonParser.reply(JSON.writeValueAsBytes(answer));
            } catch (ParseException | JsonProcessingException e) {
                throw new ProviderException(ProviderException.Kind.BAD_RESPONSE, base + " answered " + method
                        + " with something that is not a JSON-RPC answer: " + e.getMessage(), e);
            }
        }
        return List.of(ordered);
    }

    private JsonNode result(RpcReply reply, String method) throws ProviderException {
        if (reply instanceof RpcReply.Error error) {
            ProviderException refused = refused(error);
            throw new ProviderException(refused.kind(), base + " refused " + method + ": " + error.describe());
        }
        return ((RpcReply.Result) reply).result();
    }

    private static boolean alreadyInMempool(RpcReply.Error error) {
        return (error.data() + " " + error.message()).contains("already exists in cache");
    }

    private ProviderException refused(RpcReply.Error error) {
        String text = error.describe();
        // CometBFT v0.38 (as the dev network): "height 9 must be less than or equal to the current
        // blockchain height 5", "height 1 is not available, lowest height is 3", "could not find
        // validator set for height #2"; Tendermint wrote the last one with a capital C.
        String words = text.toLowerCase(Locale.ROOT);
        ProviderException.Kind kind = words.contains("must be less than or equal to the current blockchain height")
                ? ProviderException.Kind.HEIGHT_TOO_HIGH
                : words.contains("is not available") || words.contains("could not find") || words.contains("not found")
                ? ProviderException.Kind.NOT_FOUND
                : ProviderException.Kind.BAD_RESPONSE;
        return new ProviderException(kind, base + " reported: " + text);
    }

    private ProviderException bad(String what, ParseException e) {
        return new ProviderException(ProviderException.Kind.BAD_RESPONSE, base + " answered " + what
                + " with something that is not a CometBFT answer: " + e.getMessage(), e);
    }

    /** Sends, trying again while the node is unavailable (only {@code tries} times), and reads the body bounded. */
    private byte[] send(HttpRequest request, int tries) throws ProviderException {
        ProviderException last = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            try {
                if (attempt > 1) {
                    Thread.sleep(backoff.multipliedBy(1L << Math.min(attempt - 2, 10)).toMillis());
                }
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                byte[] body = readBounded(response.body());
                int status = response.statusCode();
                if (status >= 500 && !looksLikeRpc(body) || status == 429 || status == 404 && body.length == 0) {
                    last = new ProviderException(ProviderException.Kind.UNAVAILABLE, base + " answered HTTP " + status);
                    continue;
                }
                return body;
            } catch (IOException e) {
                last = new ProviderException(ProviderException.Kind.UNAVAILABLE,
                        base + (e instanceof java.net.http.HttpTimeoutException ? " did not answer in time (" : " cannot be reached (")
                                + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderException.Kind.UNAVAILABLE, base + " was not waited for: the request was cancelled", e);
            }
        }
        throw last;
    }

    private static boolean looksLikeRpc(byte[] body) {
        return body.length > 0 && (body[0] == '{' || body[0] == '[');
    }

    /** Reads at most the limit and one byte more: a node cannot make this side hold more than that. */
    private byte[] readBounded(InputStream in) throws IOException, ProviderException {
        try (InputStream body = in) {
            byte[] bytes = body.readNBytes((int) maxBody + 1);
            if (bytes.length > maxBody) {
                throw new ProviderException(ProviderException.Kind.BAD_RESPONSE,
                        base + " sent an answer larger than " + maxBody + " bytes");
            }
            return bytes;
        }
    }
}
