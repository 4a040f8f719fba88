package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.HttpProvider;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.relay.RelayRequestSignature;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.healthwallet.ledger.relay.ShareScope;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.ledger.tx.Payload;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.healthwallet.node.TestSeal;
import org.healthwallet.node.devnet.DevNetwork;
import org.healthwallet.node.devnet.DevNetworkOptions;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;

/**
 * A real dev network (4 validators, blocks every 100 ms and as soon as transactions wait) with three
 * RPC endpoints on loopback, a relay registered on it, and what a wallet and a doctor's viewer do
 * over HTTP: signed creates and revokes, grants on the ledger, manifest requests, proofs.
 */
final class RelayTestNetwork implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final SigningKey PATIENT = SigningKey.fromSeed(filled(0x01));
    static final SigningKey OTHER_PATIENT = SigningKey.fromSeed(filled(0x07));

    final Path dir;
    final DevNetwork net;
    final List<RpcServer> rpcs = new ArrayList<>();
    final ConsortiumConfig config;
    final MutableClock clock = new MutableClock();
    final SecureRandom random = new SecureRandom();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<SigningKey, Long> nonces = new HashMap<>();
    private RelayTuning tuning;
    RelayServer relay;

    record Response(int status, byte[] body, HttpResponse<byte[]> raw) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }
    }

    /** A share as the relay answered its creation, with what the wallet keeps. */
    record Share(String id, URI manifestUrl, long expiresAt, List<String> jwes, byte[] key) {
    }

    private RelayTestNetwork(Path dir, RelayTuning tuning) throws Exception {
        RelayServer.preferNoDelay();
        this.dir = dir;
        this.tuning = tuning;
        this.net = DevNetwork.open(DevNetworkOptions.defaults(dir.resolve("net")).withValidators(4)
                .withEmptyBlockInterval(Duration.ofMillis(100)));
        for (int i = 0; i < 3; i++) {
            rpcs.add(RpcServer.start(net.node(i), RpcServerOptions.loopback(0)));
        }
        LightBlock newest = net.lightBlock(net.height()).orElseThrow();
        this.config = new ConsortiumConfig(new Checkpoint(net.chainId(), newest.height(), newest.hash()), rpcs.get(0).url(),
                List.of(rpcs.get(1).url(), rpcs.get(2).url()), Optional.empty());
        startRelay();
        RelayRegistration.admitWithOperatorKeys(relay, net.chainId(), net.operatorKeys());
    }

    static RelayTestNetwork start(Path dir, RelayTuning tuning) throws Exception {
        return new RelayTestNetwork(dir, tuning);
    }

    /** Cheap passcode hashing is not allowed, so tests pay the real PBKDF2 cost; other limits are the defaults. */
    static RelayTuning testTuning() {
        return RelayTuning.DEFAULT.withRateLimit(50, 50).withPasscodeAttempts(3);
    }

    Path relayDir() {
        return dir.resolve("relay");
    }

    void startRelay() {
        int port = relay == null ? 0 : relay.port();
        relay = RelayServer.start(RelayOptions.loopback(relayDir(), port).withTuning(tuning), config, random, clock);
    }

    void restartRelay() {
        relay.close();
        startRelay();
    }

    /** Stops the primary's RPC endpoint: the relay can no longer read or write the ledger. */
    void stopPrimary() {
        rpcs.get(0).close();
    }

    /** Starts the primary's RPC endpoint again on its old port. */
    void restartPrimary() throws Exception {
        int port = rpcs.get(0).port();
        rpcs.set(0, RpcServer.start(net.node(0), RpcServerOptions.loopback(port)));
    }

    // ---- the wallet ------------------------------------------------------------------------

    List<String> jwes(byte[] key, String... plaintexts) {
        List<String> out = new ArrayList<>();
        for (String p : plaintexts) {
            out.add(TestJwe.encrypt(key, p, random));
        }
        return out;
    }

    static String body(List<String> jwes, long expiresAt, String flags, String passcode) {
        ObjectNode body = JSON.createObjectNode();
        body.put("v", 1);
        var files = body.putArray("files");
        jwes.forEach(j -> files.addObject().put("contentType", "application/fhir+json").put("jwe", j));
        body.put("expiresAt", expiresAt);
        body.put("flags", flags);
        if (passcode != null) {
            body.put("passcode", passcode);
        }
        return body.toString();
    }

    /** Uploads a share signed by {@code patient} and issues its grant on the ledger. */
    Share share(SigningKey patient, long lifetimeSeconds, String flags, String passcode, String... plaintexts) throws Exception {
        Share share = upload(patient, lifetimeSeconds, flags, passcode, plaintexts);
        // A long-term (flag L) share's grant commits to its id; any other to its files.
        Digest scope = flags.contains("L") ? ShareScope.longTerm(share.id()) : scope(share.jwes());
        assertThat(submit(patient, new GrantIssued(grantId(share.id()), patient.publicKey(), scope, share.expiresAt(),
                relay.relayKey(), TestSeal.sealTo(patient.publicKey())))).as("grant committed").isZero();
        return share;
    }

    Share upload(SigningKey patient, long lifetimeSeconds, String flags, String passcode, String... plaintexts) throws Exception {
        byte[] key = TestJwe.key(random);
        List<String> jwes = jwes(key, plaintexts);
        long expiresAt = clock.instant().getEpochSecond() + lifetimeSeconds;
        Response r = signed("POST", relay.url() + "/shares", Action.CREATE, "-",
                body(jwes, expiresAt, flags, passcode).getBytes(StandardCharsets.UTF_8), patient, clock.instant());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode json = r.json();
        assertThat(Base64.getUrlDecoder().decode(json.path("relayKey").asText())).isEqualTo(relay.relayKey().bytes());
        return new Share(json.path("id").asText(), URI.create(json.path("manifestUrl").asText()),
                json.path("expiresAt").asLong(), jwes, key);
    }

    static Digest scope(List<String> jwes) {
        byte[][] parts = new byte[jwes.size() + 1][];
        parts[0] = "HealthWallet share scope v1".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < jwes.size(); i++) {
            parts[i + 1] = Digest.sha256(jwes.get(i).getBytes(StandardCharsets.US_ASCII)).bytes();
        }
        return Digest.sha256(parts);
    }

    static Digest grantId(String shareId) {
        return Digest.sha256(shareId.getBytes(StandardCharsets.UTF_8));
    }

    /** Issues the grant; returns the execution code (0 when committed). */
    long grant(SigningKey patient, Share share, long expiresAt) throws Exception {
        return submit(patient, new GrantIssued(grantId(share.id()), patient.publicKey(), scope(share.jwes()), expiresAt,
                relay.relayKey(), TestSeal.sealTo(patient.publicKey())));
    }

    long revokeGrant(SigningKey patient, Share share) throws Exception {
        return submit(patient, new GrantRevoked(grantId(share.id())));
    }

    /** Submits a signed transaction with the signer's next nonce; returns the execution code (0 when committed). */
    long submit(SigningKey signer, Payload payload) throws Exception {
        long nonce = nonces.merge(signer, 1L, Long::sum);
        Transaction tx = Transaction.sign(net.chainId(), signer, nonce, payload);
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"broadcast_tx_commit\",\"params\":{\"tx\":\""
                + Base64.getEncoder().encodeToString(tx.encode()) + "\"}}";
        Response r = send(HttpRequest.newBuilder(rpcs.get(1).url()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call)));
        JsonNode result = r.json().path("result");
        long check = result.path("check_tx").path("code").asLong();
        return check != 0 ? check : result.path("tx_result").path("code").asLong();
    }

    Response revoke(SigningKey patient, Share share) throws Exception {
        return signed("DELETE", relay.url() + "/shares/" + share.id(), Action.REVOKE, share.id(), new byte[0],
                patient, clock.instant());
    }

    /** A request signed as docs/relay-api.md says. */
    Response signed(String method, String url, Action action, String shareId, byte[] body, SigningKey key, Instant at)
            throws Exception {
        return signedWith(method, url, action, shareId, body, key, at.getEpochSecond(), RelayRequestSignature.newNonce(random));
    }

    Response signedWith(String method, String url, Action action, String shareId, byte[] body, SigningKey key, long time,
                        String nonce) throws Exception {
        byte[] signature = key.sign(RelayRequestSignature.message(action, shareId, time, nonce, body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        new RelayRequestSignature(key.publicKey(), time, nonce, signature).headers().forEach(request::header);
        return send(request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    // ---- the doctor ------------------------------------------------------------------------

    Response manifest(URI url, String recipient, String passcode, Integer embeddedLengthMax) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("recipient", recipient);
        if (passcode != null) {
            body.put("passcode", passcode);
        }
        if (embeddedLengthMax != null) {
            body.put("embeddedLengthMax", embeddedLengthMax);
        }
        return post(url, body.toString());
    }

    Response post(URI url, String body) throws Exception {
        return send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(URI url) throws Exception {
        return send(HttpRequest.newBuilder(url).GET());
    }

    Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.body(), r);
    }

    // ---- the ledger, read with proofs ------------------------------------------------------

    /**
     * A state value read from a witness's RPC with {@code prove=true}, its proof checked against the
     * app hash of header H+1, whose commit is verified (more than 2/3 of the validators signed it).
     */
    /** An entry's sealed details opened with the patient's test seal key, as the patient's wallet would. */
    org.healthwallet.ledger.access.AccessDetails details(org.healthwallet.ledger.cometbft.Ed25519PublicKey patient,
                                                        org.healthwallet.ledger.state.AccessEntry entry) {
        return TestSeal.open(net.chainId(), patient, entry);
    }

    Optional<byte[]> provenValue(StateKey key) throws Exception {
        URI witness = rpcs.get(2).url();
        Response r = get(URI.create(witness + "/abci_query?path=%22/store%22&data=0x" + key.hex() + "&prove=true"));
        AbciQueryResult q = CometJsonParser.abciQuery(r.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (net.height() < q.height() + 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        LightBlock next = HttpProvider.create(witness).lightBlock(q.height() + 1);
        assertThat(Verifier.verifyCommitted(next)).isEqualTo(Verdict.SUCCESS);
        assertThat(next.hash()).isEqualTo(net.lightBlock(q.height() + 1).orElseThrow().hash());
        Optional<byte[]> value = q.value().isEmpty() ? Optional.empty() : Optional.of(q.value().toArray());
        StateProof proof = StateProof.decode(q.proofOps().get(0).data().toArray());
        assertThat(proof.verify(next.header().appHash().toArray(), key, value).isValid()).as("proof verifies").isTrue();
        return value;
    }

    /** A state value as a witness answers it, without a proof (checked by other means, e.g. a proven hash chain). */
    Optional<byte[]> value(StateKey key) throws Exception {
        Response r = get(URI.create(rpcs.get(2).url() + "/abci_query?path=%22/store%22&data=0x" + key.hex()));
        AbciQueryResult q = CometJsonParser.abciQuery(r.body());
        return q.value().isEmpty() ? Optional.empty() : Optional.of(q.value().toArray());
    }

    static byte[] filled(int b) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        }
        for (RpcServer rpc : rpcs) {
            try {
                rpc.close();
            } catch (IllegalStateException e) {
                // Already stopped by the test.
            }
        }
        net.close();
    }
}
