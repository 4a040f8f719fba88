package org.healthwallet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.SealedDetails;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.ledger.tx.X25519PublicKey;
import org.healthwallet.node.ledger.BlockResult;
import org.healthwallet.node.ledger.GenesisState;
import org.healthwallet.node.ledger.Ledger;
import org.healthwallet.node.ledger.TxOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transactions per second executed by the ledger state machine, with the state tree updated every
 * block (so every proof is current) and each block committed to SQLite: FinalizeBlock + Commit of
 * blocks of {@value #TXS_PER_BLOCK} signed transactions (one grant issued for every two accesses
 * recorded by the relay), on a ledger already holding {@value #PRELOADED_GRANTS} grants.
 * Target (issue 3): at least 2,000 transactions per second.
 * <pre>java -jar bench/target/benchmarks.jar StateMachineBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class StateMachineBenchmark {
    /** What the grants name and the accesses carry: a seal key and a box of a sealed entry's usual size (the ledger never opens it). */
    static final X25519PublicKey SEAL_TO = new X25519PublicKey(Digest.sha256(new byte[] {1}).bytes());
    static final SealedDetails SEALED = new SealedDetails(Digest.sha256(new byte[] {2}).bytes(), 0, new byte[240]);
    static final int TXS_PER_BLOCK = 600;
    static final int PRELOADED_GRANTS = 12_000;
    private static final String CHAIN = "bench-chain";

    private Path dir;
    private Ledger ledger;
    private SigningKey relay;
    private final List<SigningKey> patients = new ArrayList<>();
    private long[] patientNonces;
    private long relayNonce;
    private long grantCounter;
    private long height;
    private Instant time = Instant.parse("2026-03-01T08:00:00Z");
    private final Deque<Digest> openGrants = new ArrayDeque<>();
    private List<byte[]> nextBlock;

    @Setup(Level.Trial)
    public void openLedger() throws IOException {
        dir = Files.createTempDirectory("healthwallet-bench-ledger");
        ledger = Ledger.open(dir);
        relay = SigningKey.fromSeed(seed("relay", 0));
        for (int i = 0; i < 1_000; i++) patients.add(SigningKey.fromSeed(seed("patient", i)));
        patientNonces = new long[patients.size()];
        String genesis = new GenesisState(new OperatorSet(List.of()),
                List.of(new RelayRecord(relay.publicKey(), "https://relay.bench.example", 0))).toJson();
        ledger.initChain(CHAIN, time, genesis.getBytes(StandardCharsets.UTF_8), 1);
        while (grantCounter < PRELOADED_GRANTS) run(block());
    }

    @Setup(Level.Invocation)
    public void signNextBlock() {
        nextBlock = block();
    }

    /** Executes and commits one block; JMH counts {@value #TXS_PER_BLOCK} operations per call. */
    @Benchmark
    @OperationsPerInvocation(TXS_PER_BLOCK)
    public BlockResult executeAndCommitBlock() {
        return run(nextBlock);
    }

    private BlockResult run(List<byte[]> txs) {
        height++;
        time = time.plusSeconds(1);
        BlockResult result = ledger.finalizeBlock(height, time, txs);
        ledger.commit();
        for (TxOutcome outcome : result.outcomes()) {
            if (!outcome.ok()) throw new IllegalStateException("benchmark transaction refused: " + outcome);
        }
        // Proofs are current: any key can be proven against the new app hash right away.
        ledger.query(StateKey.grant(openGrants.peekLast()), 0);
        return result;
    }

    /** Signs one block: a grant, then two accesses to an open grant, repeated. */
    private List<byte[]> block() {
        List<byte[]> txs = new ArrayList<>(TXS_PER_BLOCK);
        long expiry = time.getEpochSecond() + 86_400;
        while (txs.size() < TXS_PER_BLOCK) {
            int p = (int) (grantCounter % patients.size());
            SigningKey patient = patients.get(p);
            Digest share = Digest.sha256(("share-" + grantCounter++).getBytes(StandardCharsets.UTF_8));
            txs.add(Transaction.sign(CHAIN, patient, ++patientNonces[p],
                    new GrantIssued(share, patient.publicKey(), share, expiry, relay.publicKey(), SEAL_TO)).encode());
            openGrants.addLast(share);
            if (openGrants.size() > 5_000) openGrants.removeFirst();
            for (int a = 0; a < 2 && txs.size() < TXS_PER_BLOCK; a++) {
                Digest target = openGrants.peekLast();
                txs.add(Transaction.sign(CHAIN, relay, ++relayNonce, new AccessRecorded(target, SEALED,
                        time.getEpochSecond())).encode());
            }
        }
        return txs;
    }

    private static byte[] seed(String name, int i) {
        byte[] seed = new byte[32];
        byte[] text = (name + "-" + i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, seed, 0, Math.min(32, text.length));
        return seed;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        ledger.close();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
