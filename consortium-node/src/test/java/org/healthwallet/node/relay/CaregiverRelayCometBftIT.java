package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.relay.RelayRequestSignature;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.Payload;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.node.TestSeal;
import org.healthwallet.node.abci.CometBftTestnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay on four real CometBFT v0.38 validators: a caregiver's share is served while the
 * adult's delegation stands, and refused with the caregiver sentence once the adult revokes it. The
 * relay reads grant and delegation with proofs against headers its light client verified.
 */
class CaregiverRelayCometBftIT {
    private static final String MEDICATIONS = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"medications\"}";

    private final SigningKey adult = key("it-relay-elderly-parent");
    private final SigningKey caregiver = key("it-relay-adult-child");
    private final List<SigningKey> operators = List.of(key("it-relay-op-1"), key("it-relay-op-2"), key("it-relay-op-3"));
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<SigningKey, Long> nonces = new HashMap<>();

    @TempDir
    Path dir;

    private static SigningKey key(String name) {
        return SigningKey.fromSeed(Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), 32));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aCaregiversShareIsServedUntilTheAdultRevokesTheDelegation() throws Exception {
        try (CometBftTestnet testnet = CometBftTestnet.start(Path.of("target", "cometbft-care-relay-it"), 4,
                operators.stream().map(SigningKey::publicKey).toList())) {
            String chain = testnet.chainId();
            ConsortiumConfig config = new ConsortiumConfig(testnet.checkpoint(2), testnet.rpcAddress(0),
                    List.of(testnet.rpcAddress(1)), Optional.empty());
            try (RelayServer relay = RelayServer.start(RelayOptions.loopback(dir.resolve("relay"), 0), config)) {
                RelayRegistration.admitWithOperatorKeys(relay, chain, operators);
                long now = Instant.now().getEpochSecond();
                assertThat(submit(testnet, chain, adult, new DelegationGranted(adult.publicKey(), caregiver.publicKey(),
                        new DelegationScope(DelegationScope.SHARE | DelegationScope.RECORDS), now + 30 * 86_400))).isZero();

                byte[] shareKey = TestJwe.key(random);
                List<String> jwes = List.of(TestJwe.encrypt(shareKey, MEDICATIONS, random));
                byte[] body = RelayTestNetwork.body(jwes, now + 3600, "", null).getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> created = send(signed(URI.create(relay.url() + "/shares"), "POST", Action.CREATE, "-",
                        body, caregiver));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                JsonNode share = RelayTestNetwork.JSON.readTree(created.body());
                String id = share.path("id").asText();
                URI manifest = URI.create(share.path("manifestUrl").asText());
                assertThat(submit(testnet, chain, caregiver, new GrantIssued(RelayTestNetwork.grantId(id), adult.publicKey(),
                        RelayTestNetwork.scope(jwes), now + 3600, relay.relayKey(), TestSeal.sealTo(adult.publicKey())))).as("the caregiver's grant").isZero();

                HttpResponse<String> opened = manifest(manifest, "Pharmacist Ines");
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
                assertThat(TestJwe.decrypt(shareKey, RelayTestNetwork.JSON.readTree(opened.body()).path("files").get(0)
                        .path("embedded").asText())).isEqualTo(MEDICATIONS);

                assertThat(submit(testnet, chain, adult, new DelegationRevoked(adult.publicKey(), caregiver.publicKey())))
                        .isZero();
                HttpResponse<String> refused = manifest(manifest, "Pharmacist Ines");
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
                assertThat(RelayTestNetwork.JSON.readTree(refused.body()).path("error").asText())
                        .isEqualTo(GrantCheck.CAREGIVER_MAY_NOT_SHARE);
            }
        }
    }

    private HttpResponse<String> manifest(URI url, String recipient) throws Exception {
        String body = RelayTestNetwork.JSON.createObjectNode().put("recipient", recipient).toString();
        return send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder signed(URI url, String method, Action action, String shareId, byte[] body, SigningKey key) {
        long time = Instant.now().getEpochSecond();
        String nonce = RelayRequestSignature.newNonce(random);
        byte[] signature = key.sign(RelayRequestSignature.message(action, shareId, time, nonce, body));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        new RelayRequestSignature(key.publicKey(), time, nonce, signature).headers().forEach(request::header);
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Through CometBFT's {@code broadcast_tx_commit} at node 2; the CheckTx or execution code (0 when committed). */
    private long submit(CometBftTestnet testnet, String chain, SigningKey signer, Payload payload) throws Exception {
        long nonce = nonces.merge(signer, 1L, Long::sum);
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"broadcast_tx_commit\",\"params\":{\"tx\":\""
                + Base64.getEncoder().encodeToString(Transaction.sign(chain, signer, nonce, payload).encode()) + "\"}}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(testnet.rpcAddress(2)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call)));
        JsonNode result = RelayTestNetwork.JSON.readTree(r.body()).path("result");
        long check = result.path("check_tx").path("code").asLong();
        return check != 0 ? check : result.path("tx_result").path("code").asLong();
    }
}
