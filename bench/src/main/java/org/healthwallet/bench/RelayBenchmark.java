package org.healthwallet.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.hpke.HPKE;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.relay.RelayRequestSignature;
import org.healthwallet.ledger.relay.ShareScope;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.ledger.tx.X25519PublicKey;
import org.healthwallet.node.devnet.DevBlock;
import org.healthwallet.node.devnet.DevNetwork;
import org.healthwallet.node.devnet.DevNetworkOptions;
import org.healthwallet.node.relay.RelayOptions;
import org.healthwallet.node.relay.RelayRegistration;
import org.healthwallet.node.relay.RelayServer;
import org.healthwallet.node.relay.RelayTuning;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Manifest requests per second that the share relay sustains on loopback with log-before-serve:
 * every request's access record is committed on a 4-validator dev network (blocks as soon as
 * transactions wait, else every 50 ms) before the manifest is answered. 64 doctors' viewers ask at
 * once over 16 shares; their records share blocks. Any answer other than 200 fails the run.
 * Target: at least 500 requests per second with no errors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true"})
@Threads(64)
public class RelayBenchmark {
    /** The patient's seal key the grants name: the relay seals every access's details to it (one X25519 per 1000). */
    static final X25519PublicKey SEAL_TO = sealKey();

    private static X25519PublicKey sealKey() {
        HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
        return new X25519PublicKey(hpke.serializePublicKey(hpke.deriveKeyPair(new byte[32]).getPublic()));
    }
    static final int SHARES = 16;
    private static final SigningKey PATIENT = SigningKey.fromSeed(filled(0x01));

    private Path dir;
    private DevNetwork net;
    private final List<RpcServer> rpcs = new ArrayList<>();
    private RelayServer relay;
    private HttpClient http;
    private final List<URI> manifests = new ArrayList<>();
    private final AtomicInteger nextThread = new AtomicInteger();
    private final AtomicLong errors = new AtomicLong();
    private long firstHeight;

    @State(Scope.Thread)
    public static class Viewer {
        URI manifest;
        String body;

        @Setup(Level.Trial)
        public void pick(RelayBenchmark bench) {
            int i = bench.nextThread.getAndIncrement();
            manifest = bench.manifests.get(i % SHARES);
            body = "{\"recipient\":\"Dr. Bench " + i + "\",\"embeddedLengthMax\":100000}";
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        RelayServer.preferNoDelay();
        dir = Files.createTempDirectory("relay-bench");
        net = DevNetwork.open(DevNetworkOptions.defaults(dir.resolve("net")).withValidators(4)
                .withEmptyBlockInterval(Duration.ofMillis(50)));
        for (int i = 0; i < 3; i++) {
            rpcs.add(RpcServer.start(net.node(i), RpcServerOptions.loopback(0)));
        }
        LightBlock newest = net.lightBlock(net.height()).orElseThrow();
        ConsortiumConfig config = new ConsortiumConfig(new Checkpoint(net.chainId(), newest.height(), newest.hash()),
                rpcs.get(0).url(), List.of(rpcs.get(1).url(), rpcs.get(2).url()), Optional.empty());
        RelayTuning tuning = RelayTuning.DEFAULT.withRateLimit(100_000, 100_000).withHttpThreads(128)
                .withLedger(100, Duration.ofMillis(5), Duration.ofSeconds(10));
        relay = RelayServer.start(RelayOptions.loopback(dir.resolve("relay"), 0).withTuning(tuning), config);
        RelayRegistration.admitWithOperatorKeys(relay, net.chainId(), net.operatorKeys());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        SecureRandom random = new SecureRandom();
        for (int s = 0; s < SHARES; s++) {
            manifests.add(share(config, random, s + 1));
        }
        firstHeight = net.height();
    }

    /** Uploads a share (an encrypted summary of about 3 KB) as the wallet does, and issues its grant. */
    private URI share(ConsortiumConfig config, SecureRandom random, long nonce) throws Exception {
        byte[] key = new byte[32];
        random.nextBytes(key);
        String jwe = jwe(key, "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + "{\"x\":1},".repeat(300)
                + "{}]}", random);
        long expiresAt = Instant.now().getEpochSecond() + 3600;
        byte[] body = ("{\"v\":1,\"files\":[{\"contentType\":\"application/fhir+json\",\"jwe\":\"" + jwe + "\"}],\"expiresAt\":"
                + expiresAt + ",\"flags\":\"L\"}").getBytes(StandardCharsets.UTF_8);
        String requestNonce = RelayRequestSignature.newNonce(random);
        long time = Instant.now().getEpochSecond();
        byte[] message = RelayRequestSignature.message(RelayRequestSignature.Action.CREATE, "-", time, requestNonce, body);
        RelayRequestSignature signature = new RelayRequestSignature(PATIENT.publicKey(), time, requestNonce, PATIENT.sign(message));
        HttpRequest.Builder upload = HttpRequest.newBuilder(URI.create(relay.url() + "/shares"));
        signature.headers().forEach(upload::header);
        HttpResponse<String> created = http.send(upload
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("the relay refused the share: " + created.body());
        }
        String id = field(created.body(), "id");
        // A long-term (flag L) share's grant commits to the relay's share id, not to its files (ShareScope).
        Digest scope = ShareScope.longTerm(id);
        Transaction grant = Transaction.sign(net.chainId(), PATIENT, nonce, new GrantIssued(
                Digest.sha256(id.getBytes(StandardCharsets.UTF_8)), PATIENT.publicKey(), scope, expiresAt, relay.relayKey(), SEAL_TO));
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"broadcast_tx_commit\",\"params\":{\"tx\":\""
                + Base64.getEncoder().encodeToString(grant.encode()) + "\"}}";
        HttpResponse<String> committed = http.send(HttpRequest.newBuilder(config.primary())
                .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
        if (!committed.body().contains("\"tx_result\":{\"code\":0")) {
            throw new IllegalStateException("the grant was not committed: " + committed.body());
        }
        return URI.create(field(created.body(), "manifestUrl"));
    }

    @Benchmark
    public int manifest(Viewer viewer) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(viewer.manifest).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(viewer.body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            errors.incrementAndGet();
            throw new IllegalStateException("the relay answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body().length;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        long last = net.height();
        long records = 0;
        long blocksWithRecords = 0;
        for (long h = firstHeight + 1; h <= last; h++) {
            DevBlock block = net.block(h).orElseThrow();
            if (!block.txs().isEmpty()) {
                blocksWithRecords++;
                records += block.txs().size();
            }
        }
        System.out.printf("%nrelay: %d access records committed in %d blocks (%.1f per block), %d errors%n", records,
                blocksWithRecords, blocksWithRecords == 0 ? 0.0 : (double) records / blocksWithRecords, errors.get());
        relay.close();
        rpcs.forEach(RpcServer::close);
        net.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int at = json.indexOf(marker) + marker.length();
        return json.substring(at, json.indexOf('"', at));
    }

    private static String jwe(byte[] key, String plaintext, SecureRandom random) throws GeneralSecurityException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.US_ASCII));
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        return header + ".." + b64.encodeToString(iv) + "." + b64.encodeToString(Arrays.copyOf(sealed, sealed.length - 16))
                + "." + b64.encodeToString(Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length));
    }

    private static byte[] filled(int b) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }
}
