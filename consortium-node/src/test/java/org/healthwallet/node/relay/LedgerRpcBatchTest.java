package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JSON-RPC batches as real CometBFT v0.38 answers them: an array for two or more calls, but the
 * lone answer object for a batch of one (the embedded dev network's RPC now does the same; see
 * BatchAnswersTest).
 */
class LedgerRpcBatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    /** A node whose reply to a batch is {@code reply(answers)}; each call is answered CheckTx code 0 with its index as log. */
    private LedgerRpc node(Function<ArrayNode, JsonNode> reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            JsonNode calls = JSON.readTree(exchange.getRequestBody());
            ArrayNode answers = JSON.createArrayNode();
            for (JsonNode call : calls) {
                answers.addObject().put("jsonrpc", "2.0").put("id", call.path("id").asInt())
                        .putObject("result").put("code", 0).put("log", "call " + call.path("id").asInt());
            }
            byte[] body = JSON.writeValueAsBytes(reply.apply(answers));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return LedgerRpc.create(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    /** CometBFT's writeRPCResponseHTTP: one answer is written alone, more as an array. */
    private static JsonNode asCometBft(ArrayNode answers) {
        return answers.size() == 1 ? answers.get(0) : answers;
    }

    @Test
    void aBatchOfOneAnsweredWithTheLoneAnswerIsRead() throws Exception {
        List<LedgerRpc.CheckResult> one = node(LedgerRpcBatchTest::asCometBft).broadcast(List.of("tx".getBytes(StandardCharsets.UTF_8)));
        assertThat(one).singleElement().satisfies(r -> assertThat(r.code()).isZero());
    }

    @Test
    void aLargerBatchIsStillReadInRequestOrder() throws Exception {
        List<LedgerRpc.CheckResult> two = node(LedgerRpcBatchTest::asCometBft).broadcast(List.of(new byte[] {1}, new byte[] {2}));
        assertThat(two).extracting(LedgerRpc.CheckResult::log).containsExactly("call 0", "call 1");
    }

    @Test
    void aLoneAnswerToABatchOfTwoIsRefused() throws Exception {
        LedgerRpc rpc = node(answers -> answers.get(0));
        assertThatThrownBy(() -> rpc.broadcast(List.of(new byte[] {1}, new byte[] {2})))
                .isInstanceOf(LedgerUnavailableException.class).hasMessageContaining("batch of 2");
    }
}
