package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.ledger.VerifiedState;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the wallet reads from ledger state (a signer's nonce before it signs, the access log) is
 * believed only with a proof to a light-client-verified header: an honest node's answer is used, a
 * node that changes a value or hides one is caught. The lying node is a loopback proxy in front of
 * the dev network's primary that rewrites {@code abci_query} answers.
 */
class VerifiedStateEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Forwards JSON-RPC to {@code target}, rewriting each {@code abci_query} result's response. */
    private static HttpServer proxy(URI target, UnaryOperator<ObjectNode> rewrite) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] request = exchange.getRequestBody().readAllBytes();
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(target)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] body = answer.body();
                if (JSON.readTree(request).path("method").asText().equals("abci_query")) {
                    ObjectNode root = (ObjectNode) JSON.readTree(body);
                    rewrite.apply((ObjectNode) root.path("result").path("response"));
                    body = JSON.writeValueAsBytes(root);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void anHonestAnswerIsUsedAndAnAlteredOrHiddenValueIsCaught() throws Exception {
        Path walletDir = dir.resolve("wallet");
        Profiles profiles = new Profiles(walletDir);
        try (Vault vault = Vault.create(profiles.vaultFile(profiles.create("")), "Tulip-Orbit-42!".toCharArray(),
                new KdfParams(256, 1, 1)).vault()) {
            assertThat(vault.isLocked()).isFalse();
        }
        try (EmbeddedConsortium net = EmbeddedConsortium.start(
                new EmbeddedConsortiumOptions(dir.resolve("net"), 4, 0, 3, Duration.ofMillis(200)));
             ConsortiumSource source = ConsortiumSource.file(net.configFile());
             ProfileLedger ledger = ProfileLedger.open(walletDir, source)) {
            URI primary = net.config().primary();
            StateKey operators = StateKey.operators();

            VerifiedState honest = new VerifiedState(NodeRpc.of(primary), ledger.connection(), Duration.ofSeconds(10));
            VerifiedState.Read read = honest.read(operators);
            assertThat(read.value()).isPresent();
            assertThat(OperatorSet.decode(read.value().get()).operators()).hasSize(4);
            assertThat(read.provenAgainst().height()).isEqualTo(read.stateHeight() + 1);
            // Proven absence: a signer that never signed has no nonce.
            assertThat(honest.read(StateKey.nonce(new org.healthwallet.ledger.tx.Ed25519PublicKey(new byte[32]))).value())
                    .isEmpty();

            HttpServer altering = proxy(primary, response -> {
                byte[] value = Base64.getDecoder().decode(response.path("value").asText());
                value[value.length - 1] ^= 1;
                return response.put("value", Base64.getEncoder().encodeToString(value));
            });
            HttpServer hiding = proxy(primary, response -> response.put("value", ""));
            try {
                VerifiedState altered = new VerifiedState(NodeRpc.of(url(altering)), ledger.connection(), Duration.ofSeconds(10));
                assertThatThrownBy(() -> altered.read(operators)).isInstanceOf(LedgerException.class)
                        .hasMessageContaining("does not show").hasMessageContaining("HealthWallet did not use it");
                VerifiedState hidden = new VerifiedState(NodeRpc.of(url(hiding)), ledger.connection(), Duration.ofSeconds(10));
                assertThatThrownBy(() -> hidden.read(operators)).isInstanceOf(LedgerException.class)
                        .hasMessageContaining("does not show");
            } finally {
                altering.stop(0);
                hiding.stop(0);
            }
        }
    }
}
