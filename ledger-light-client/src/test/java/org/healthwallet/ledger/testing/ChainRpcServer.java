package org.healthwallet.ledger.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.json.CometJsonWriter;
import org.healthwallet.ledger.cometbft.json.CommitResult;
import org.healthwallet.ledger.cometbft.json.ValidatorsResult;

/**
 * The /commit and /validators part of CometBFT's JSON-RPC over a generated chain, on loopback, with
 * knobs for misbehaviour: failing with 503 a number of times, answering late, answering garbage.
 */
public final class ChainRpcServer implements AutoCloseable {
    private final GeneratedChain chain;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failuresLeft;
    private volatile long delayMillis;
    private volatile String garbage;

    public ChainRpcServer(GeneratedChain chain) throws IOException {
        this.chain = chain;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public int requests() {
        return requests.get();
    }

    public void failNext(int times) {
        failuresLeft = times;
    }

    public void delay(long millis) {
        delayMillis = millis;
    }

    public void answerGarbage(String body) {
        garbage = body;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                send(ex, 503, "busy");
                return;
            }
            if (garbage != null) {
                send(ex, 200, garbage);
                return;
            }
            Map<String, String> q = query(ex.getRequestURI());
            String path = ex.getRequestURI().getPath();
            long height = q.containsKey("height") ? Long.parseLong(q.get("height")) : chain.latestHeight();
            if (height > chain.latestHeight()) {
                send(ex, 500, CometJsonWriter.toJson(CometJsonWriter.rpcError(null, -32603, "Internal error",
                        "height " + height + " must be less than or equal to the current blockchain height "
                                + chain.latestHeight())));
                return;
            }
            if (path.equals("/commit")) {
                LightBlock b = chain.lightBlock(height);
                send(ex, 200, CometJsonWriter.toJson(CometJsonWriter.rpcResult(null,
                        CometJsonWriter.commitResult(new CommitResult(b.signedHeader(), true)))));
            } else if (path.equals("/validators")) {
                List<Validator> all = chain.validators(height).validators();
                int page = Integer.parseInt(q.getOrDefault("page", "1"));
                int perPage = Integer.parseInt(q.getOrDefault("per_page", "30"));
                int from = Math.min((page - 1) * perPage, all.size());
                List<Validator> slice = all.subList(from, Math.min(from + perPage, all.size()));
                send(ex, 200, CometJsonWriter.toJson(CometJsonWriter.rpcResult(null, CometJsonWriter.validatorsResult(
                        new ValidatorsResult(height, slice, slice.size(), all.size())))));
            } else {
                send(ex, 404, "not found");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (e.g. after its timeout)
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
