package org.healthwallet.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.InMemoryProvider;
import org.healthwallet.ledger.client.LightClient;
import org.healthwallet.ledger.client.SyncResult;
import org.healthwallet.ledger.client.TrustedStore;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.Merkle;
import org.healthwallet.ledger.cometbft.PartSetHeader;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The light client's costs (issue 4): adjacent verification of a header signed by 15 equal
 * validators (more than 2/3 means 11 signatures, so {@link #elevenSignatures} is its floor; the
 * target is within 1.3 times that), and a skipping sync over 100,000 heights of a stable set from
 * an in-memory provider with one witness (target: under 1 s). Run:
 * {@code java -Xms2g -Xmx2g -jar bench/target/benchmarks.jar LightClientBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LightClientBenchmark {
    private static final String CHAIN_ID = "healthwallet-bench";
    private static final Instant GENESIS = Instant.parse("2025-01-01T00:00:00Z");
    private static final int VALIDATORS = 15;
    private static final long HEIGHTS = 100_000;

    private final Map<Bytes, ValidatorKey> keys = new HashMap<>();
    private ValidatorSet set;
    private Bytes[] blockHashes;
    private final Map<Long, LightBlock> signed = new HashMap<>();
    private Options options;
    private Instant now;
    private LightBlock trusted;
    private LightBlock adjacent;
    private final List<byte[]> signBytes = new ArrayList<>();
    private final List<Validator> signers = new ArrayList<>();
    private final List<Bytes> signatures = new ArrayList<>();

    @Setup(Level.Trial)
    public void makeChain() {
        List<Validator> vals = new ArrayList<>();
        for (int i = 0; i < VALIDATORS; i++) {
            ValidatorKey k = ValidatorKey.fromSeed(Merkle.sha256(("bench validator " + i).getBytes(StandardCharsets.UTF_8)));
            keys.put(k.address(), k);
            vals.add(k.validator(10));
        }
        set = ValidatorSet.of(vals);
        blockHashes = new Bytes[(int) HEIGHTS + 1];
        for (long h = 1; h <= HEIGHTS; h++) {
            blockHashes[(int) h] = header(h).hash();
        }
        options = Options.DEFAULT;
        now = time(HEIGHTS).plusSeconds(5);
        trusted = block(1);
        adjacent = block(2);
        block(HEIGHTS);
        Commit c = adjacent.commit();
        for (int i = 0; i < 11; i++) {
            signBytes.add(c.voteSignBytes(CHAIN_ID, i));
            signers.add(set.get(i));
            signatures.add(c.signatures().get(i).signature());
        }
        Verdict v = Verifier.verifyAdjacent(trusted, adjacent, options, now);
        if (!v.isSuccess()) {
            throw new IllegalStateException("the benchmark chain does not verify: " + v.describe());
        }
    }

    private static Instant time(long h) {
        return GENESIS.plusSeconds(h);
    }

    private static BlockId blockId(Bytes hash) {
        return new BlockId(hash, new PartSetHeader(1, Merkle.sha256(hash.toArray())));
    }

    private Header header(long h) {
        return Header.builder()
                .chainId(CHAIN_ID).height(h).time(time(h))
                .lastBlockId(h == 1 ? BlockId.EMPTY : blockId(blockHashes[(int) h - 1]))
                .dataHash(BlockHashes.dataHash(List.of()))
                .validatorsHash(set.hash()).nextValidatorsHash(set.hash())
                .consensusHash(BlockHashes.consensusHash(22020096, -1))
                .appHash(Merkle.sha256(ByteBuffer.allocate(8).putLong(h).array()))
                .lastResultsHash(BlockHashes.lastResultsHash(List.of()))
                .evidenceHash(BlockHashes.emptyEvidenceHash())
                .proposerAddress(set.get((int) (h % VALIDATORS)).address())
                .build();
    }

    /** The block at a height, signed by all validators the first time it is asked for. */
    private synchronized LightBlock block(long h) {
        return signed.computeIfAbsent(h, height -> {
            Header header = header(height);
            BlockId id = blockId(header.hash());
            List<CommitSig> sigs = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) {
                sigs.add(keys.get(set.get(i).address())
                        .signPrecommit(CHAIN_ID, height, 0, id, header.time().plusMillis(i + 1)));
            }
            return new LightBlock(new SignedHeader(header, new Commit(height, 0, id, sigs)), set, set);
        });
    }

    /** Adjacent verification of a 15-validator header (header hash, set hash check, 11 signatures). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Verdict adjacentVerification() {
        return Verifier.verifyAdjacent(trusted, adjacent, options, now);
    }

    /** The floor: the 11 Ed25519 verifications adjacent verification cannot avoid. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void elevenSignatures(Blackhole bh) {
        for (int i = 0; i < 11; i++) {
            bh.consume(signers.get(i).pubKey().verify(signBytes.get(i), signatures.get(i)));
        }
    }

    /** A fresh client from the checkpoint at height 1 to the newest of 100,000, one witness, SQLite in memory. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SyncResult skippingSync100k() throws Exception {
        InMemoryProvider primary = new InMemoryProvider("primary", () -> HEIGHTS, this::block);
        InMemoryProvider witness = new InMemoryProvider("witness", () -> HEIGHTS, this::block);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
             TrustedStore store = new TrustedStore(db)) {
            LightClient client = new LightClient(new Checkpoint(CHAIN_ID, 1, trusted.hash()), primary, List.of(witness),
                    store, options, LightClient.Mode.SKIPPING, Clock.fixed(now, ZoneOffset.UTC), 100);
            SyncResult result = client.syncToLatest();
            if (!(result instanceof SyncResult.Synced s) || s.block().height() != HEIGHTS) {
                throw new IllegalStateException(result.describe());
            }
            return result;
        }
    }

    /** One header hash: fourteen field encodings, 27 SHA-256 computations (part of every verification). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Bytes headerHash() {
        return adjacent.header().hash();
    }

    /** A convenience for a quick look without JMH. */
    public static void main(String[] args) throws Exception {
        LightClientBenchmark b = new LightClientBenchmark();
        long t0 = System.nanoTime();
        b.makeChain();
        System.out.printf("chain of %d heights in %d ms%n", HEIGHTS, (System.nanoTime() - t0) / 1_000_000);
        System.out.println(b.skippingSync100k().describe());
        System.out.println(Duration.ofNanos(System.nanoTime() - t0));
    }
}
