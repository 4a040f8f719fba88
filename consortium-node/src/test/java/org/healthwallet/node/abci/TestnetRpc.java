package org.healthwallet.node.abci;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The few CometBFT JSON-RPC calls the integration test makes, over plain HTTP on loopback. */
final class TestnetRpc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;

    TestnetRpc(HttpClient http, int port) {
        this.http = http;
        this.base = "http://127.0.0.1:" + port;
    }

    /** The raw response body of {@code GET /path?query}. */
    byte[] getRaw(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return response.body();
    }

    /** The {@code result} object; fails with the node's error message if it answered one. */
    JsonNode result(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        JsonNode root = JSON.readTree(getRaw(pathAndQuery, timeout));
        if (root.has("error")) throw new IOException(pathAndQuery + " -> " + root.get("error"));
        return root.get("result");
    }

    long latestHeight() throws IOException, InterruptedException {
        return result("/status", Duration.ofSeconds(3)).path("sync_info").path("latest_block_height").asLong();
    }

    /** Latest height, or -1 when the node does not answer (stopped, starting). */
    long latestHeightOrMinusOne() {
        try {
            return latestHeight();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    JsonNode broadcastTxCommit(byte[] tx) throws IOException, InterruptedException {
        return result("/broadcast_tx_commit?tx=0x" + HexFormat.of().formatHex(tx), Duration.ofSeconds(30));
    }

    JsonNode broadcastTxSync(byte[] tx) throws IOException, InterruptedException {
        return result("/broadcast_tx_sync?tx=0x" + HexFormat.of().formatHex(tx), Duration.ofSeconds(10));
    }

    byte[] abciQuery(byte[] key) throws IOException, InterruptedException {
        return getRaw("/abci_query?path=%22/store%22&data=0x" + HexFormat.of().formatHex(key) + "&prove=true", Duration.ofSeconds(10));
    }

    byte[] commit(long height) throws IOException, InterruptedException {
        return getRaw("/commit?height=" + height, Duration.ofSeconds(10));
    }

    byte[] validators(long height) throws IOException, InterruptedException {
        return getRaw("/validators?height=" + height + "&per_page=100", Duration.ofSeconds(10));
    }
}
