package org.healthwallet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A ledger node that lies: an HTTP server on loopback in front of an honest node's RPC that
 * forwards every call to it and passes each answer through a {@link Rewrite} before the wallet
 * gets it. The wallet reaches it through a consortium file naming it as the primary.
 */
final class LyingNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the lying node sends instead of the honest {@code answer} to {@code call} (the JSON-RPC request; missing for a GET). */
    @FunctionalInterface
    interface Rewrite {
        byte[] answer(JsonNode call, byte[] answer) throws IOException;

        /** Rewrites every {@code abci_query} answer; passes the rest on. */
        static Rewrite abciQuery(Rewrite rewrite) {
            return abciQuery("", rewrite);
        }

        /** Rewrites the answers to {@code abci_query} calls for state keys starting with {@code keyPrefixHex}; passes the rest on. */
        static Rewrite abciQuery(String keyPrefixHex, Rewrite rewrite) {
            return (call, answer) -> "abci_query".equals(call.path("method").asText())
                    && call.path("params").path("data").asText().startsWith(keyPrefixHex) ? rewrite.answer(call, answer) : answer;
        }
    }

    private final URI honest;
    private final HttpServer server;

    private LyingNode(URI honest, HttpServer server) {
        this.honest = honest;
        this.server = server;
    }

    /** Starts a lying node in front of the node whose RPC is at {@code honest}. */
    static LyingNode inFrontOf(URI honest, Rewrite rewrite) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        String base = honest.toString().replaceAll("/$", "");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", (HttpExchange ex) -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + ex.getRequestURI()));
                request = "POST".equals(ex.getRequestMethod())
                        ? request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        : request.GET();
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                JsonNode call = body.length > 0 ? JSON.readTree(body) : MissingNode.getInstance();
                byte[] out = rewrite.answer(call, answer.body());
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(answer.statusCode(), out.length);
                ex.getResponseBody().write(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return new LyingNode(honest, server);
    }

    /** The lying node's RPC address, as the wallet names it in messages (no trailing slash). */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Writes to {@code copy} the consortium file {@code honestConsortium} with this node as primary instead of the honest one. */
    Path consortiumFile(Path honestConsortium, Path copy) throws IOException {
        return Files.writeString(copy, Files.readString(honestConsortium).replace(honest.toString(), url().toString()));
    }

    /** The {@code abci_query} answer with its response's value (base64) replaced by {@code value} applied to it. */
    static byte[] withValue(byte[] answer, UnaryOperator<String> value) throws IOException {
        ObjectNode reply = (ObjectNode) JSON.readTree(answer);
        ObjectNode response = (ObjectNode) reply.path("result").path("response");
        response.put("value", value.apply(response.path("value").asText()));
        return JSON.writeValueAsBytes(reply);
    }

    /** The base64 value of an {@code abci_query} answer's response. */
    static String valueOf(byte[] answer) throws IOException {
        return JSON.readTree(answer).path("result").path("response").path("value").asText();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
