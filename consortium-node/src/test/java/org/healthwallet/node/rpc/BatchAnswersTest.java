package org.healthwallet.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.node.devnet.DevNetwork;
import org.healthwallet.node.devnet.DevNetworkOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSTed bodies answered in the shapes CometBFT v0.38 gives them (rpc/jsonrpc/server: the JSON
 * handler, writeRPCResponseHTTP, the batch-size check): what is left after notifications are skipped
 * is written as nothing, the lone object, or an array; a body with an element it cannot read as a
 * request is one parse error. A dev network that answered a batch of one with an array of one hid a
 * relay bug that only showed against real CometBFT.
 */
class BatchAnswersTest {
    private static final String STATUS = "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"status\"}";

    @TempDir
    Path dir;

    private DevNetwork net;
    private RpcServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String contentType, String body) {
        JsonNode json() throws Exception {
            return CometJsonParser.tree(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void start() throws Exception {
        net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
        net.produceBlocks(2);
        server = RpcServer.start(net.node(0), RpcServerOptions.loopback(0));
    }

    @AfterEach
    void stop() {
        server.close();
        net.close();
    }

    private Answer post(String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.url().resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /** A real CometBFT v0.38 answer to one POSTed call (../shared/testdata, never copied into the repo). */
    private static JsonNode captured(String name) throws Exception {
        Path file = Path.of(System.getProperty("healthwallet.root", "..")).resolve("../shared/testdata/cometbft/rpc-v0.38")
                .resolve(name).normalize();
        assertThat(file).as("CometBFT v0.38 RPC captures beside the repository").isRegularFile();
        return CometJsonParser.tree(Files.readAllBytes(file));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aBatchOfOneIsAnsweredWithTheLoneObjectAsCometBftDoes() throws Exception {
        Answer batch = post("[" + STATUS + "]");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.contentType()).isEqualTo("application/json");
        JsonNode lone = batch.json();
        assertThat(lone.isObject()).as("a batch of one is answered with an object, not an array: %s", batch.body()).isTrue();
        assertThat(lone.path("id").asText()).isEqualTo("s");

        // The same object a real node writes for one call: the captured status answer's members.
        JsonNode real = captured("status.json");
        assertThat(names(lone)).containsExactlyInAnyOrderElementsOf(names(real));
        assertThat(names(lone.path("result"))).containsExactlyInAnyOrderElementsOf(names(real.path("result")));
        assertThat(lone.path("result").path("node_info").path("network").asText()).isEqualTo(net.chainId());
    }

    @Test
    void notificationsAreSkippedAndWhatIsLeftDecidesTheShape() throws Exception {
        String noId = "{\"jsonrpc\":\"2.0\",\"method\":\"status\"}";
        String nullId = "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"status\"}";

        JsonNode oneLeft = post("[" + noId + "," + STATUS + "," + nullId + ",null]").json();
        assertThat(oneLeft.isObject()).isTrue();
        assertThat(oneLeft.path("id").asText()).isEqualTo("s");

        JsonNode twoLeft = post("[" + STATUS + "," + noId + ",{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}]").json();
        assertThat(twoLeft.isArray()).isTrue();
        assertThat(twoLeft).extracting(a -> a.path("id").asText()).containsExactly("s", "2");
        assertThat(twoLeft.get(1).path("error").path("code").asInt()).isEqualTo(RpcException.METHOD_NOT_FOUND);

        for (String nothingLeft : List.of("[" + noId + "," + nullId + "]", nullId, "[]", "null")) {
            Answer answer = post(nothingLeft);
            assertThat(answer.status()).as(nothingLeft).isEqualTo(200);
            assertThat(answer.body()).as(nothingLeft).isEmpty();
        }
    }

    @Test
    void aBatchWithAnElementThatIsNoRequestIsOneParseErrorAndNothingOfItIsAnswered() throws Exception {
        for (String bad : List.of("5", "\"status\"", "{\"id\":true,\"method\":\"status\"}", "{\"id\":1,\"method\":5}",
                "{\"jsonrpc\":2,\"id\":1,\"method\":\"status\"}", "{\"method\":[]}")) {
            for (String body : List.of("[" + STATUS + "," + bad + "]", bad)) {
                Answer answer = post(body);
                assertThat(answer.status()).as(body).isEqualTo(500);
                JsonNode error = answer.json();
                assertThat(error.isObject()).as(body).isTrue();
                assertThat(error.has("id")).as("a whole-body error has no id: %s", answer.body()).isFalse();
                assertThat(error.path("error").path("code").asInt()).as(body).isEqualTo(RpcException.PARSE_ERROR);
                assertThat(error.has("result")).isFalse();
            }
        }
    }

    @Test
    void aBatchLargerThanTheLimitIsOneInvalidRequest() throws Exception {
        String calls = String.join(",", Collections.nCopies(RpcServer.MAX_BATCH + 1, STATUS));
        Answer answer = post("[" + calls + "]");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode error = answer.json();
        assertThat(error.isObject()).isTrue();
        assertThat(error.has("id")).isFalse();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(RpcException.INVALID_REQUEST);
        assertThat(error.path("error").path("data").asText()).contains(String.valueOf(RpcServer.MAX_BATCH));

        assertThat(post("[" + String.join(",", Collections.nCopies(RpcServer.MAX_BATCH, STATUS)) + "]").json())
                .hasSize(RpcServer.MAX_BATCH);
    }

    @Test
    void aFractionalIdIsTruncatedAndAMissingMethodIsNotFound() throws Exception {
        JsonNode truncated = post("[{\"jsonrpc\":\"2.0\",\"id\":7.9,\"method\":\"status\"}]").json();
        assertThat(truncated.path("id").isIntegralNumber()).isTrue();
        assertThat(truncated.path("id").asLong()).isEqualTo(7);

        JsonNode noMethod = post("{\"jsonrpc\":\"2.0\",\"id\":3}").json();
        assertThat(noMethod.path("id").asInt()).isEqualTo(3);
        assertThat(noMethod.path("error").path("code").asInt()).isEqualTo(RpcException.METHOD_NOT_FOUND);
    }

    @Test
    void anEmptyBodyListsTheEndpoints() throws Exception {
        Answer answer = post("");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("/status").contains("/broadcast_tx_sync");
    }
}
