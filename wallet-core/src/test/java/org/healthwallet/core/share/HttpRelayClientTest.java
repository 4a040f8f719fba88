package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.healthwallet.core.crypto.IdentityKey;
import org.healthwallet.ledger.relay.RelayRequestSignature;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpRelayClientTest {
    private final SecureRandom random = new SecureRandom();
    private final IdentityKey key = new IdentityKey(seed());
    private final PatientSigner signer = new PatientSigner() {
        @Override public byte[] publicKey() { return key.publicKey(); }
        @Override public byte[] sign(byte[] message) { return key.sign(message); }
    };
    private LoopbackServer server;
    private HttpRelayClient client;

    private static byte[] seed() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        return seed;
    }

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        client = HttpRelayClient.of(server.url("/relay"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SignedRelayRequest create() {
        return SignedRelayRequest.create("{\"v\":1}".getBytes(StandardCharsets.UTF_8), signer, Instant.now(), random);
    }

    @Test
    void aCreateCarriesTheSignatureInHeadersAndReadsTheAnswer() throws Exception {
        String relayKey = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        server.on("/relay/shares", req -> LoopbackServer.Reply.json(201, "{\"id\":\"abc_123\",\"manifestUrl\":\"https://relay.example.org/shl/"
                + "I91rhba3VsuGXGchcnr6VHlQFKxfE28kuZ0ssbEuxno\",\"expiresAt\":1767225600,\"relayKey\":\"" + relayKey + "\"}"));
        SignedRelayRequest request = create();

        CreatedShare created = client.create(request);

        assertThat(created.id()).isEqualTo("abc_123");
        assertThat(created.manifestUrl()).hasHost("relay.example.org");
        assertThat(created.expiresAt()).isEqualTo(Instant.ofEpochSecond(1767225600));
        LoopbackServer.Seen seen = server.seen().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/relay/shares");
        assertThat(seen.header("Content-Type")).isEqualTo("application/json");
        assertThat(seen.text()).isEqualTo("{\"v\":1}");
        byte[] message = RelayRequestSignature.message(Action.CREATE, "-", Long.parseLong(seen.header("HW-Time")),
                seen.header("HW-Nonce"), seen.body());
        assertThat(IdentityKey.verify(Base64.getUrlDecoder().decode(seen.header("HW-Key")), message,
                Base64.getUrlDecoder().decode(seen.header("HW-Signature")))).isTrue();
    }

    @Test
    void aRevokeIsADeleteAndAnUnknownShareIsAlreadyGone() throws Exception {
        server.on("/relay/shares/known", req -> LoopbackServer.Reply.status(204))
              .on("/relay/shares/unknown", req -> LoopbackServer.Reply.json(404, "{\"error\":\"no such share\"}"));
        client.revoke(SignedRelayRequest.revoke("known", signer, Instant.now(), random));
        client.revoke(SignedRelayRequest.revoke("unknown", signer, Instant.now(), random));
        assertThat(server.seen()).extracting(LoopbackServer.Seen::method).containsExactly("DELETE", "DELETE");
        assertThat(server.seen().get(0).header("HW-Signature")).isNotBlank();
    }

    @Test
    void anUpdateIsASignedPutAndARefusalSaysWhy() throws Exception {
        server.on("/relay/shares/long_term", req -> LoopbackServer.Reply.status(204))
              .on("/relay/shares/fixed", req -> LoopbackServer.Reply.json(409,
                      "{\"error\":\"This share is not long-term (flag L), so its files stay as shared; make a new share instead.\"}"))
              .on("/relay/shares/gone", req -> LoopbackServer.Reply.json(404, "{\"error\":\"not active\"}"));
        byte[] body = "{\"v\":1,\"files\":[]}".getBytes(StandardCharsets.UTF_8);

        client.update(SignedRelayRequest.update("long_term", body, signer, Instant.now(), random));

        LoopbackServer.Seen seen = server.seen().get(0);
        assertThat(seen.method()).isEqualTo("PUT");
        assertThat(seen.path()).isEqualTo("/relay/shares/long_term");
        assertThat(seen.body()).isEqualTo(body);
        byte[] message = RelayRequestSignature.message(Action.UPDATE, "long_term", Long.parseLong(seen.header("HW-Time")),
                seen.header("HW-Nonce"), seen.body());
        assertThat(new String(message, StandardCharsets.UTF_8)).contains("\nupdate-share\nlong_term\n");
        assertThat(IdentityKey.verify(Base64.getUrlDecoder().decode(seen.header("HW-Key")), message,
                Base64.getUrlDecoder().decode(seen.header("HW-Signature")))).isTrue();
        assertThatThrownBy(() -> client.update(SignedRelayRequest.update("fixed", body, signer, Instant.now(), random)))
                .isInstanceOf(RelayException.class).hasMessageContaining("not long-term (flag L)")
                .hasMessageEndingWith("Nothing was changed.");
        assertThatThrownBy(() -> client.update(SignedRelayRequest.update("gone", body, signer, Instant.now(), random)))
                .isInstanceOf(RelayException.class).hasMessageContaining("no longer holds this share");
        assertThatThrownBy(() -> client.update(SignedRelayRequest.revoke("long_term", signer, Instant.now(), random)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusalsAreSaidInThePatientsWords() {
        assertRefusal(LoopbackServer.Reply.json(401, "{\"error\":\"signature does not verify\"}"), 401,
                "The relay did not accept this wallet's signature, so it would not create the share. (signature does not verify) Nothing was changed.");
        assertRefusal(LoopbackServer.Reply.json(409, "{}"), 409, "refused it as a repeat");
        assertRefusal(LoopbackServer.Reply.json(413, "{}"), 413, "larger than the relay accepts");
        assertRefusal(new LoopbackServer.Reply(429, Map.of("Retry-After", "10"), new byte[0]), 429,
                "The relay is busy; try again in 10 seconds. Nothing was changed.");
        assertRefusal(LoopbackServer.Reply.json(503, "{}"), 503, "cannot reach the ledger");
        assertRefusal(LoopbackServer.Reply.json(500, "{\"error\":\"disk\\nfull\"}"), 500, "(HTTP 500): disk full.");
        assertRefusal(LoopbackServer.Reply.json(201, "{\"id\":\"x\"}"), 0, "was not understood");
        assertRefusal(LoopbackServer.Reply.json(201, "{\"id\":\"x\",\"manifestUrl\":\"http://evil.example.org/m\",\"expiresAt\":5,"
                + "\"relayKey\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]) + "\"}"), 0, "was not understood");
    }

    private void assertRefusal(LoopbackServer.Reply reply, int status, String message) {
        server.on("/relay/shares", req -> reply);
        assertThatThrownBy(() -> client.create(create())).isInstanceOfSatisfying(RelayException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void aRelayThatIsNotThereOrNotSafeIsAClearError() throws Exception {
        URI closed;
        try (LoopbackServer gone = new LoopbackServer()) {
            closed = gone.url("/");
        }
        HttpRelayClient nowhere = new HttpRelayClient(closed, java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(5),
                java.time.Clock.systemUTC());
        assertThatThrownBy(() -> nowhere.create(create())).isInstanceOf(RelayException.class)
                .hasMessageContaining("cannot be reached").hasMessageContaining("nothing was changed");
        assertThatThrownBy(() -> HttpRelayClient.of(URI.create("http://relay.example.org/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http://");
    }
}
