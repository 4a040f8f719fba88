package org.healthwallet.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.healthwallet.ledger.state.StateKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CometRpc against a real HTTP server on loopback. */
class CometRpcTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private URI serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            handler.handle(exchange);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private static CometRpc rpc(URI uri) {
        return new CometRpc(uri, CometRpc.client(), Duration.ofSeconds(30), 3, Duration.ofMillis(10));
    }

    /** A node that streams without end: reading stops one byte past the limit, not after buffering it all. */
    @Test
    void anEndlessAnswerIsCutWhileItStreams() throws Exception {
        AtomicLong written = new AtomicLong();
        URI uri = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                out.write('{');
                while (written.get() < 1L << 32) { // 4 GiB: far past anything this side may hold
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException closedByTheClient) {
                // the client stopped reading
            }
        });
        assertThatThrownBy(() -> rpc(uri).status()).isInstanceOf(ProviderException.class)
                .hasMessageContaining("sent an answer larger than")
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.BAD_RESPONSE));
        Thread.sleep(200);
        assertThat(written.get()).as("bytes the node got to send before the client hung up").isLessThan(64L << 20);
    }

    @Test
    void aBatchOfOneAnsweredWithTheLoneAnswerIsRead() throws Exception {
        URI uri = serve(exchange -> answer(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"response\":{\"code\":0,"
                + "\"log\":\"absent\",\"info\":\"\",\"index\":\"0\",\"key\":\"AwA=\",\"value\":null,\"proofOps\":null,"
                + "\"height\":\"7\",\"codespace\":\"\"}}}"));
        assertThat(rpc(uri).abciQuery(List.of(StateKey.operators()), false)).singleElement()
                .satisfies(a -> assertThat(a.height()).isEqualTo(7));
    }

    @Test
    void aQueryIsAskedAgainWhileTheNodeIsBusyButABroadcastIsSentOnce() throws Exception {
        URI uri = serve(exchange -> answer(exchange, 503, "busy"));
        assertThatThrownBy(() -> rpc(uri).abciQuery(List.of(StateKey.operators()), true))
                .isInstanceOf(ProviderException.class).hasMessageContaining("answered HTTP 503");
        assertThat(requests.get()).isEqualTo(3);
        requests.set(0);
        assertThatThrownBy(() -> rpc(uri).broadcastSync(List.of(new byte[] {1})))
                .isInstanceOf(ProviderException.class).hasMessageContaining("answered HTTP 503");
        assertThat(requests.get()).as("a broadcast is not repeated").isEqualTo(1);
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        URI uri = serve(exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/");
            answer(exchange, 302, "");
        });
        assertThatThrownBy(() -> rpc(uri).status()).isInstanceOf(ProviderException.class);
        assertThat(requests.get()).isEqualTo(1);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
