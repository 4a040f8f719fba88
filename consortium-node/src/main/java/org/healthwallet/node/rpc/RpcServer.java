package org.healthwallet.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.CometJsonWriter;
import org.healthwallet.ledger.cometbft.json.ParseException;

/**
 * CometBFT's JSON-RPC over HTTP for one {@link CometNode}: JSON-RPC 2.0 POSTed to {@code /}
 * (single or batch), and the URI form {@code GET /block?height=5}. As in CometBFT, a POSTed call
 * that fails is answered with HTTP 200 and an error object, a URI call that fails with HTTP 500,
 * a notification (no id) is not answered, and a batch whose answers come to one gets that lone
 * object, not an array of one. Request bodies are limited; the server binds
 * loopback only unless its options allow otherwise.
 */
public final class RpcServer implements AutoCloseable {
    /** More calls than this in one batch are refused (CometBFT's default is 10; clients batch up to 20). */
    static final int MAX_BATCH = 100;
    private static final System.Logger LOG = System.getLogger(RpcServer.class.getName());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CometRpcMethods methods;
    private final RpcServerOptions options;
    private final URI url;

    private RpcServer(HttpServer server, ExecutorService executor, CometNode node, RpcServerOptions options) {
        this.server = server;
        this.executor = executor;
        this.options = options;
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        String authority = host.contains(":") ? "[" + host + "]:" + bound.getPort() : host + ":" + bound.getPort();
        this.url = URI.create("http://" + authority);
        this.methods = new CometRpcMethods(node, "tcp://" + authority, options.commitTimeout());
    }

    /**
     * Binds and starts serving {@code node}.
     *
     * @throws IllegalArgumentException if the host is not loopback and the options do not allow that
     * @throws IOException              if the address cannot be bound (the message names it)
     */
    public static RpcServer start(CometNode node, RpcServerOptions options) throws IOException {
        InetAddress address = InetAddress.getByName(options.host());
        if (!address.isLoopbackAddress() && !options.allowNonLoopback()) {
            throw new IllegalArgumentException("The RPC server listens on loopback only (127.0.0.1 or ::1); "
                    + options.host() + " would expose the node to the network. Allow it explicitly to do that.");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, options.port()), 64);
        } catch (IOException e) {
            throw new IOException("Cannot listen for RPC on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "rpc-" + options.port() + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RpcServer rpc = new RpcServer(server, executor, node, options);
        server.createContext("/", rpc::handle);
        server.setExecutor(executor);
        server.start();
        return rpc;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:26657}. */
    public URI url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            String verb = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (verb.equals("POST") && path.equals("/")) {
                jsonRpc(exchange);
            } else if (verb.equals("GET") || verb.equals("POST")) {
                uriCall(exchange, path);
            } else {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                send(exchange, 405, CometJsonWriter.rpcError(null, RpcException.INVALID_REQUEST, "Invalid Request",
                        "HTTP method " + verb + " is not supported; use GET or POST"));
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
            LOG.log(System.Logger.Level.DEBUG, "RPC exchange failed: " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void listEndpoints(HttpExchange exchange) throws IOException {
        StringBuilder list = new StringBuilder("Available endpoints:\n");
        methods.names().forEach(n -> list.append('/').append(n).append('\n'));
        byte[] body = list.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void uriCall(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/") || path.isEmpty()) {
            listEndpoints(exchange);
            return;
        }
        String name = path.substring(1);
        Optional<CometRpcMethods.Method> method = methods.method(name);
        if (method.isEmpty()) {
            send(exchange, 404, error(null, RpcException.methodNotFound(name)));
            return;
        }
        try {
            JsonNode result = method.get().handler().call(RpcParams.ofQuery(exchange.getRequestURI().getRawQuery()));
            send(exchange, 200, CometJsonWriter.rpcResult(null, result));
        } catch (RpcException e) {
            send(exchange, 500, error(null, e));
        } catch (RuntimeException e) {
            send(exchange, 500, error(null, unexpected(name, e)));
        }
    }

    /**
     * A POSTed body, answered as CometBFT v0.38 answers it (rpc/jsonrpc/server/http_json_handler.go
     * and writeRPCResponseHTTP): a body it cannot read as calls is a parse error (HTTP 500, no id),
     * notifications are skipped, and what is left is written as nothing at all (HTTP 200, empty),
     * the lone answer object, or an array of two or more answers. So a batch of one call is answered
     * with an object, not an array of one: clients must handle that against real nodes, and the dev
     * network must not hide it.
     */
    private void jsonRpc(HttpExchange exchange) throws IOException {
        byte[] body;
        try {
            body = readBody(exchange);
        } catch (RpcException e) {
            send(exchange, 413, error(null, e));
            return;
        }
        if (body.length == 0) {
            // What a browser POSTs; CometBFT lists its endpoints for it too.
            listEndpoints(exchange);
            return;
        }
        JsonNode request;
        try {
            request = CometJsonParser.tree(body);
        } catch (ParseException e) {
            send(exchange, 500, wholeBodyError(RpcException.parseError(e.getMessage())));
            return;
        }
        List<JsonNode> calls = new ArrayList<>();
        if (request.isArray()) {
            request.forEach(calls::add);
        } else if (!request.isNull()) {
            calls.add(request);
        }
        for (JsonNode single : calls) {
            Optional<String> unreadable = unreadable(single);
            if (unreadable.isPresent()) {
                // Go's decoder refuses the whole body when one element does not fit a request, so
                // nothing of a batch with a bad element is executed.
                send(exchange, 500, wholeBodyError(RpcException.parseError("error unmarshaling request: "
                        + unreadable.get())));
                return;
            }
        }
        if (calls.size() > MAX_BATCH) {
            send(exchange, 200, wholeBodyError(RpcException.invalidRequest(
                    "a batch holds at most " + MAX_BATCH + " calls")));
            return;
        }
        ArrayNode responses = NODES.arrayNode();
        for (JsonNode single : calls) {
            ObjectNode response = call(single);
            if (response != null) {
                responses.add(response);
            }
        }
        if (responses.isEmpty()) {
            exchange.sendResponseHeaders(200, -1);
        } else {
            send(exchange, 200, responses.size() == 1 ? responses.get(0) : responses);
        }
    }

    /**
     * Why CometBFT's decoder could not read {@code call} as a request, if it could not: it must be
     * an object (or null, read as a notification) whose jsonrpc and method are strings and whose id
     * is a string or a number when present.
     */
    private static Optional<String> unreadable(JsonNode call) {
        if (call.isNull()) {
            return Optional.empty();
        }
        if (!call.isObject()) {
            return Optional.of("a request must be a JSON object, not " + call.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        for (String field : List.of("jsonrpc", "method")) {
            JsonNode value = call.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return Optional.of(field + " must be a string");
            }
        }
        JsonNode id = call.get("id");
        if (id != null && !id.isNull() && !id.isTextual() && !id.isNumber()) {
            return Optional.of("the id must be a string or a number");
        }
        return Optional.empty();
    }

    /** One JSON-RPC call already found readable; null for a notification (no id, or a null id), which is not executed. */
    private ObjectNode call(JsonNode request) {
        JsonNode given = request.get("id");
        if (given == null || given.isNull()) {
            return null;
        }
        // CometBFT reads a numeric id as a float and truncates it to an integer.
        JsonNode id = given.isNumber() && !given.isIntegralNumber() ? NODES.numberNode(given.longValue()) : given;
        JsonNode version = request.get("jsonrpc");
        if (version != null && !version.isNull() && !version.textValue().equals("2.0")) {
            // Stricter than CometBFT, which ignores the version: a client sending another one is wrong.
            return error(id, RpcException.invalidRequest("jsonrpc must be \"2.0\""));
        }
        JsonNode name = request.get("method");
        String method = name == null || name.isNull() ? "" : name.textValue();
        try {
            CometRpcMethods.Method found = methods.method(method)
                    .orElseThrow(() -> RpcException.methodNotFound(method));
            JsonNode result = found.handler().call(RpcParams.ofJson(request.get("params"), found.params()));
            return CometJsonWriter.rpcResult(id, result);
        } catch (RpcException e) {
            return error(id, e);
        } catch (RuntimeException e) {
            return error(id, unexpected(method, e));
        }
    }

    private byte[] readBody(HttpExchange exchange) throws IOException, RpcException {
        int max = options.maxBodyBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        InputStream in = exchange.getRequestBody();
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw RpcException.invalidRequest("the Content-Length header is not a number");
            }
            if (length > max) {
                discard(in, DISCARD_LIMIT_BYTES);
                throw tooLarge(max);
            }
        }
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
            discard(in, DISCARD_LIMIT_BYTES);
            throw tooLarge(max);
        }
        return body;
    }

    /**
     * Reads and drops what is left of a refused body, up to a bound: closing a socket with unread
     * bytes makes TCP reset the connection, and the client would lose the 413 that explains why.
     */
    private static void discard(InputStream in, long limit) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long dropped = 0;
        int n;
        while (dropped < limit && (n = in.read(sink, 0, (int) Math.min(sink.length, limit - dropped))) > 0) {
            dropped += n;
        }
    }

    /** A refused body larger than this is not drained; the connection is simply closed. */
    private static final long DISCARD_LIMIT_BYTES = 16L * 1024 * 1024;

    private static RpcException tooLarge(int max) {
        return RpcException.invalidRequest("the request body is larger than the " + max + " bytes accepted");
    }

    private static RpcException unexpected(String method, RuntimeException e) {
        // The message may be an engineer's, not a user's; the log gets it, the client a plain sentence.
        LOG.log(System.Logger.Level.WARNING, "RPC method " + method + " failed: " + e);
        return RpcException.internal("the node could not answer " + method + ": " + e.getClass().getSimpleName());
    }

    /** An error about the whole body: CometBFT writes it with no id at all. */
    private static ObjectNode wholeBodyError(RpcException e) {
        ObjectNode response = error(null, e);
        response.remove("id");
        return response;
    }

    private static ObjectNode error(JsonNode id, RpcException e) {
        return CometJsonWriter.rpcError(id, e.code(), e.rpcMessage(), e.data());
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = CometJsonWriter.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
