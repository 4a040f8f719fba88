package org.healthwallet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A ledger node that lies: an HTTP server on loopback in front of an honest node's RPC that
 * forwards every call to it and passes each answer through a {@link Rewrite} before the wallet or
 * the relay gets it; an {@link Intercept} may answer a call itself without forwarding it (a
 * fabricated broadcast). JSON-RPC batches are taken apart: each call of a batch is intercepted and
 * rewritten on its own, with its own answer. A GET (CometBFT's URI calls, e.g. {@code /status},
 * {@code /commit?height=5}) is seen as the call {@code {"method": "status", "params": {"height":
 * "5"}, "get": true}}. The wallet or relay reaches it through a consortium file naming it as the primary.
 */
final class LyingNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the lying node sends instead of the honest {@code answer} to {@code call} (one JSON-RPC call, or a GET as above). */
    @FunctionalInterface
    interface Rewrite {
        byte[] answer(JsonNode call, byte[] answer) throws IOException;

        /** Passes every answer on as it is. */
        static Rewrite none() {
            return (call, answer) -> answer;
        }

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

    /** An answer the lying node makes up for {@code call} without asking the honest node; empty forwards it. */
    @FunctionalInterface
    interface Intercept {
        Optional<byte[]> answer(JsonNode call) throws IOException;

        static Intercept none() {
            return call -> Optional.empty();
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
        return inFrontOf(honest, Intercept.none(), rewrite);
    }

    /** As {@link #inFrontOf(URI, Rewrite)}, answering what {@code intercept} makes up without forwarding it. */
    static LyingNode inFrontOf(URI honest, Intercept intercept, Rewrite rewrite) throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = honest.toString().replaceAll("/$", "");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", (HttpExchange ex) -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                int status = 200;
                byte[] out;
                if (!"POST".equals(ex.getRequestMethod())) {
                    JsonNode call = getCall(ex.getRequestURI());
                    Optional<byte[]> made = intercept.answer(call);
                    if (made.isPresent()) {
                        out = made.get();
                    } else {
                        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(base + ex.getRequestURI()))
                                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                        status = answer.statusCode();
                        out = rewrite.answer(call, answer.body());
                    }
                } else {
                    out = post(http, base, JSON.readTree(body), intercept, rewrite);
                }
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(status, out.length);
                ex.getResponseBody().write(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return new LyingNode(honest, server);
    }

    /** A single call or a batch: the intercepted calls are answered here, the rest forwarded as one batch. */
    private static byte[] post(HttpClient http, String base, JsonNode request, Intercept intercept, Rewrite rewrite)
            throws IOException, InterruptedException {
        boolean batch = request.isArray();
        List<JsonNode> calls = new ArrayList<>();
        request.forEach(c -> calls.add(c));
        if (!batch) {
            calls.clear();
            calls.add(request);
        }
        Map<Integer, JsonNode> answers = new HashMap<>();
        ArrayNode forward = JSON.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            Optional<byte[]> made = intercept.answer(calls.get(i));
            if (made.isPresent()) {
                answers.put(i, JSON.readTree(made.get()));
            } else {
                forward.add(calls.get(i));
            }
        }
        if (!forward.isEmpty()) {
            byte[] sent = JSON.writeValueAsBytes(forward.size() == 1 && !batch ? forward.get(0) : forward);
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode got = JSON.readTree(answer.body());
            List<JsonNode> replies = new ArrayList<>();
            if (got.isArray()) {
                got.forEach(replies::add);
            } else {
                replies.add(got);
            }
            for (int i = 0; i < calls.size(); i++) {
                if (answers.containsKey(i)) {
                    continue;
                }
                JsonNode id = calls.get(i).path("id");
                JsonNode reply = replies.stream().filter(r -> r.path("id").equals(id)).findFirst()
                        .orElse(replies.size() == 1 ? replies.get(0) : null);
                if (reply != null) {
                    answers.put(i, JSON.readTree(rewrite.answer(calls.get(i), JSON.writeValueAsBytes(reply))));
                }
            }
        }
        if (!batch || calls.size() == 1) {
            // As CometBFT: a batch of one is answered with the lone answer.
            return JSON.writeValueAsBytes(answers.get(0));
        }
        ArrayNode all = JSON.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            if (answers.containsKey(i)) {
                all.add(answers.get(i));
            }
        }
        return JSON.writeValueAsBytes(all);
    }

    private static JsonNode getCall(URI uri) {
        ObjectNode call = JSON.createObjectNode();
        call.put("method", uri.getPath().replaceAll("^/+", ""));
        call.put("get", true);
        ObjectNode params = call.putObject("params");
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return call;
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

    /** {@code answer} (one JSON-RPC answer) with its id set to {@code call}'s, so a replayed answer fits a new call. */
    static byte[] withIdOf(JsonNode call, byte[] answer) throws IOException {
        ObjectNode reply = (ObjectNode) JSON.readTree(answer);
        reply.set("id", call.path("id"));
        return JSON.writeValueAsBytes(reply);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
