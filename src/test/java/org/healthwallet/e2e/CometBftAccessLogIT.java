package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.healthwallet.e2e.TestWallet.CreatedShare;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.node.abci.CometBftTestnet;
import org.healthwallet.node.relay.RelayCommand;
import org.healthwallet.node.relay.RelayCommandOptions;
import org.healthwallet.node.relay.RelayOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 6's acceptance against the real 4-validator CometBFT v0.38 network (our ABCI application
 * behind each validator): a relay run by {@code node relay}'s code with its own key, admitted on
 * the ledger by three of the four operators the way a real consortium admits one (first start
 * prints the admission hash, the operators sign it, second start with {@code --approvals}); a
 * consortium file naming node 0 as primary, nodes 1 to 3 as witnesses and that relay; then a real
 * wallet on the command line shares, a doctor opens the link, and {@code access-log} shows the
 * access verified, at a height whose block on the real chain holds the relay's access record.
 * The network and relay start once for the class. Logs: target/cometbft-it/run-…/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CometBftAccessLogIT {
    private static final long CHECKPOINT_HEIGHT = 2;

    private final List<SigningKey> operators = List.of(key("e2e-op-1"), key("e2e-op-2"), key("e2e-op-3"), key("e2e-op-4"));
    private final ExecutorService relayThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "node-relay"));

    private CometBftTestnet testnet;
    private Path consortiumFile;
    private RelayCommand relay;
    private Future<Integer> relayRun;
    private final ByteArrayOutputStream relayOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream relayErr = new ByteArrayOutputStream();
    private String relayKey;
    private URI relayUrl;

    private static SigningKey key(String name) {
        return SigningKey.fromSeed(Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), 32));
    }

    @BeforeAll
    void startNetworkAndRelay() throws Exception {
        testnet = CometBftTestnet.start(Path.of("target", "cometbft-it"), 4, operators.stream().map(SigningKey::publicKey).toList());
        Checkpoint checkpoint = testnet.checkpoint(CHECKPOINT_HEIGHT);
        ConsortiumConfig ledgerOnly = new ConsortiumConfig(checkpoint, testnet.rpcAddress(0),
                List.of(testnet.rpcAddress(1), testnet.rpcAddress(2), testnet.rpcAddress(3)), Optional.empty());
        consortiumFile = testnet.dir().resolve("consortium.json");
        ledgerOnly.write(consortiumFile);

        // The approvals name the relay's URL, so its port is chosen before it first starts.
        int port = freePort();
        Path relayData = testnet.dir().resolve("relay");
        ByteArrayOutputStream firstErr = new ByteArrayOutputStream();
        int first = new RelayCommand(relayOptions(relayData, port, Optional.empty()), print(new ByteArrayOutputStream()),
                print(firstErr)).run();
        String said = firstErr.toString(StandardCharsets.UTF_8);
        assertThat(first).as("a relay not yet on the ledger stops and says what to sign: %s", said).isEqualTo(2);
        assertThat(said).contains("not registered on the ledger");
        relayKey = field(said, "relay key:");
        relayUrl = URI.create(field(said, "relay URL:"));
        byte[] admissionHash = HexFormat.of().parseHex(field(said, "admission hash:"));

        // Three of the four operators (more than two thirds) sign the admission hash.
        ArrayNode approvals = new ObjectMapper().createArrayNode();
        for (SigningKey operator : operators.subList(0, 3)) {
            approvals.addObject().put("operator", operator.publicKey().hex())
                    .put("signature", HexFormat.of().formatHex(operator.sign(admissionHash)));
        }
        Path approvalsFile = testnet.dir().resolve("approvals.json");
        Files.writeString(approvalsFile, approvals.toString());

        relay = new RelayCommand(relayOptions(relayData, port, Optional.of(approvalsFile)), print(relayOut), print(relayErr));
        relayRun = relayThread.submit(relay::run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!relayOut.toString(StandardCharsets.UTF_8).contains("HealthWallet share relay at ")) {
            if (relayRun.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("the relay did not start: " + relayErr.toString(StandardCharsets.UTF_8)
                        + testnet.logTails(15));
            }
            Thread.sleep(100);
        }
        ledgerOnly.withRelay(relayUrl).write(consortiumFile);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (relay != null) {
                relay.stop();
                assertThat(relayRun.get(30, TimeUnit.SECONDS)).as("the relay's exit code").isZero();
            }
        } finally {
            relayThread.shutdownNow();
            if (testnet != null) testnet.close();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aShareOpenedThroughTheRelayAppearsInTheLogVerifiedAtAHeightOfTheRealChain() throws Exception {
        TestWallet wallet = TestWallet.withJorge(testnet.dir().resolve("wallet"));
        CreatedShare created = wallet.shareCreate("--consortium", consortiumFile.toString(), "--categories", "allergies",
                "--expires", "1h", "--label", "Allergies for Riverside");
        String shareId = created.id();
        assertThat(created.viewer()).as("the share is on our relay").startsWith(relayUrl.resolve("/view").toString());

        String doctor = "Dr. Amara Nwosu, Riverside Hospital";
        Path received = testnet.dir().resolve("received.json");
        Instant before = Instant.now();
        // The doctor runs the command line in a folder of their own, without the patient's passphrase.
        Run opened = WalletCli.run(testnet.dir().resolve("doctor"), Map.of(), "open-link", created.link(),
                "--recipient", doctor, "--out", received.toString());
        Instant after = Instant.now();
        assertThat(opened.code()).as(opened.err()).isZero();
        assertThat(Files.readString(received)).contains("AllergyIntolerance");

        Run log = wallet.succeeds("access-log", "--consortium", consortiumFile.toString(), "--format", "json");
        JsonNode json = new ObjectMapper().readTree(log.out());
        assertThat(json.path("status").asText()).isEqualTo("verified");
        assertThat(json.path("accesses")).hasSize(1);
        JsonNode access = json.path("accesses").get(0);
        assertThat(access.path("recipient").asText()).isEqualTo(doctor);
        assertThat(access.path("share").asText()).isEqualTo(shareId);
        assertThat(access.path("shareLabel").asText()).isEqualTo("Allergies for Riverside");
        assertThat(access.path("relay").asText()).as("served by our relay").isEqualTo(relayKey);
        assertThat(access.path("verified").asBoolean()).isTrue();
        assertThat(Instant.parse(access.path("time").asText())).isBetween(before.minusSeconds(1), after.plusSeconds(1));

        // The heights are the real chain's: past the checkpoint, proven at a height the validators reached,
        // and the block at the recorded height, as a validator the wallet never asked serves it,
        // holds the relay's signed access record, its details sealed: the doctor's name is not in the block.
        long recorded = access.path("recordedAtHeight").asLong();
        long proven = json.path("provenAtHeight").asLong();
        assertThat(recorded).isGreaterThan(CHECKPOINT_HEIGHT).isLessThan(proven);
        assertThat(proven).isLessThanOrEqualTo(testnet.latestHeight(3));
        List<Transaction> block = testnet.transactions(3, recorded).stream().map(CometBftAccessLogIT::decode).toList();
        assertThat(block).anySatisfy(tx -> {
            assertThat(tx.signer().hex()).isEqualTo(relayKey);
            assertThat(tx.payload()).isInstanceOf(AccessRecorded.class);
        });
        assertThat(testnet.transactions(3, recorded)).allSatisfy(tx -> assertThat(new String(tx, StandardCharsets.ISO_8859_1))
                .as("no name in clear in the block").doesNotContain(doctor));
        assertThat(relayErr.toString(StandardCharsets.UTF_8)).as("the relay's error output").isEmpty();
    }

    private RelayCommandOptions relayOptions(Path data, int port, Optional<Path> approvals) {
        return new RelayCommandOptions(consortiumFile, data, port, RelayOptions.LOOPBACK, Optional.empty(), Optional.empty(), approvals);
    }

    private static Transaction decode(byte[] tx) {
        try {
            return Transaction.decode(tx);
        } catch (DecodeException e) {
            throw new AssertionError("a transaction on the chain is not ours: " + e.getMessage(), e);
        }
    }

    /** The value after {@code label} on the relay's message line that has it. */
    private static String field(String text, String label) {
        return text.lines().map(String::strip).filter(l -> l.startsWith(label)).map(l -> l.substring(label.length()).strip())
                .findFirst().orElseThrow(() -> new AssertionError("no \"" + label + "\" in:\n" + text));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
