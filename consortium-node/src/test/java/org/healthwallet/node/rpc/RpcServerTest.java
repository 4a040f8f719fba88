package org.healthwallet.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.ledger.cometbft.json.RpcReply;
import org.healthwallet.node.devnet.DevNetwork;
import org.healthwallet.node.devnet.DevNetworkOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CometBFT's JSON-RPC conventions and errors, over real HTTP against a dev network node; bad requests change nothing. */
class RpcServerTest {
    @TempDir
    Path dir;

    private DevNetwork net;
    private RpcServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    record Reply(int status, String body) {
        JsonNode json() throws ParseException {
            return CometJsonParser.tree(body.getBytes(StandardCharsets.UTF_8));
        }

        RpcReply.Error error() throws ParseException {
            return (RpcReply.Error) CometJsonParser.reply(body.getBytes(StandardCharsets.UTF_8));
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

    private Reply get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.url().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    private Reply send(String method, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.url().resolve("/"))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    private Reply post(String body) throws IOException, InterruptedException {
        return send("POST", body);
    }

    @Test
    void getAndPostAnswerTheSame() throws Exception {
        Reply byGet = get("/block?height=2");
        Reply byPost = post("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"block\",\"params\":{\"height\":\"2\"}}");
        Reply positional = post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"block\",\"params\":[2]}");
        assertThat(byGet.status()).isEqualTo(200);
        assertThat(byGet.json().path("id").asInt()).isEqualTo(-1);
        assertThat(byPost.json().path("id").asText()).isEqualTo("abc");
        assertThat(byPost.json().path("result")).isEqualTo(byGet.json().path("result"));
        assertThat(positional.json().path("result")).isEqualTo(byGet.json().path("result"));
        assertThat(get("/health").json().path("result").isObject()).isTrue();
        assertThat(get("/genesis").json().path("result").path("genesis").path("chain_id").asText()).isEqualTo(net.chainId());
        assertThat(get("/abci_info").json().path("result").path("response").path("last_block_height").asText()).isEqualTo("3");
        assertThat(get("/block_results?height=2").json().path("result").path("height").asText()).isEqualTo("2");
        assertThat(get("/").body()).contains("/status").contains("/broadcast_tx_commit");
    }

    @Test
    void unknownHeightIsAnErrorAsInCometBft() throws Exception {
        Reply tooHigh = get("/commit?height=99");
        assertThat(tooHigh.status()).isEqualTo(500);
        assertThat(tooHigh.error().code()).isEqualTo(-32603);
        assertThat(tooHigh.error().data()).isEqualTo("height 99 must be less than or equal to the current blockchain height 3");
        Reply zero = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"block\",\"params\":{\"height\":\"0\"}}");
        assertThat(zero.status()).isEqualTo(200);
        assertThat(zero.error().data()).isEqualTo("height must be greater than 0, but got 0");
        // Validators are known one height ahead, for the light client's next validator set.
        assertThat(get("/validators?height=4").status()).isEqualTo(200);
        assertThat(get("/validators?height=5").error().data()).contains("current blockchain height 4");
    }

    @Test
    void validatorsArePaged() throws Exception {
        JsonNode page2 = get("/validators?page=2&per_page=3").json().path("result");
        assertThat(page2.path("count").asText()).isEqualTo("1");
        assertThat(page2.path("total").asText()).isEqualTo("4");
        assertThat(page2.path("validators").get(0).path("address").asText()).isEqualTo(net.validatorSet().get(3).address().hex());
        assertThat(get("/validators?page=3&per_page=3").error().data()).isEqualTo("page should be within [1, 2] range, given 3");
        assertThat(get("/validators").json().path("result").path("count").asText()).isEqualTo("4");
    }

    @Test
    void malformedRequestsGetJsonRpcErrorsAndChangeNothing() throws Exception {
        long height = net.height();
        Reply notJson = post("{\"jsonrpc\":\"2.0\",");
        assertThat(notJson.status()).isEqualTo(500);
        assertThat(notJson.error().code()).isEqualTo(-32700);

        Reply unknown = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"dump_consensus_state\"}");
        assertThat(unknown.error().code()).isEqualTo(-32601);
        assertThat(get("/dump_consensus_state").status()).isEqualTo(404);

        Reply badHeight = get("/block?height=abc");
        assertThat(badHeight.error().code()).isEqualTo(-32602);
        assertThat(badHeight.error().data()).contains("height must be a decimal integer");
        assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"block\",\"params\":{\"height\":{}}}").error().code())
                .isEqualTo(-32602);
        assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"broadcast_tx_sync\",\"params\":{\"tx\":\"%%%\"}}").error().data())
                .contains("tx must be base64");
        assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"broadcast_tx_sync\",\"params\":{}}").error().data())
                .isEqualTo("the parameter tx is required");
        assertThat(post("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"status\"}").error().code()).isEqualTo(-32600);
        assertThat(post("{\"id\":1,\"method\":\"abci_query\",\"params\":{\"data\":\"zz\"}}").error().data())
                .contains("data must be hex digits");
        assertThat(send("PUT", "{}").status()).isEqualTo(405);

        // A notification (no id) is not executed and not answered.
        Reply notification = post("{\"jsonrpc\":\"2.0\",\"method\":\"broadcast_tx_sync\",\"params\":{\"tx\":\"AQID\"}}");
        assertThat(notification.status()).isEqualTo(200);
        assertThat(notification.body()).isEmpty();

        assertThat(net.height()).isEqualTo(height);
        assertThat(net.pendingTransactions()).isZero();
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"broadcast_tx_sync\",\"params\":{\"tx\":\""
                + "A".repeat(RpcServerOptions.DEFAULT_MAX_BODY_BYTES) + "\"}}";
        Reply reply = post(huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.error().data()).contains("larger than the 1000000 bytes accepted");
        assertThat(net.pendingTransactions()).isZero();
    }

    @Test
    void batchesAreAnsweredInOrder() throws Exception {
        JsonNode replies = post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"commit\",\"params\":{\"height\":\"1\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope\"}]").json();
        assertThat(replies.size()).isEqualTo(3);
        assertThat(replies.get(0).path("result").path("node_info").path("network").asText()).isEqualTo(net.chainId());
        assertThat(replies.get(1).path("result").path("signed_header").path("header").path("height").asText()).isEqualTo("1");
        assertThat(replies.get(2).path("error").path("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void bindsLoopbackOnlyUnlessAskedAndFreesItsPortOnClose() throws Exception {
        RpcServerOptions everywhere = new RpcServerOptions("0.0.0.0", 0, false, RpcServerOptions.DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(1));
        assertThatThrownBy(() -> RpcServer.start(net.node(1), everywhere)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback only");
        URI url = server.url();
        server.close();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(url.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }
}
