package org.healthwallet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.healthwallet.core.accesslog.AccessLog;
import org.healthwallet.core.accesslog.LedgerAccessLog;
import org.healthwallet.core.accesslog.StateSource;
import org.healthwallet.core.accesslog.VerifiedAccess;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.access.AccessDetails;
import org.healthwallet.ledger.access.AccessSealer;
import org.healthwallet.ledger.access.DetailsBinding;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.ProofVerdict;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.state.SparseMerkleTree;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.ledger.state.TreeHash;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.X25519PublicKey;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying and storing an access log of 10,000 entries (target: under 1 s beyond network time):
 * {@link AccessLog#sync} into a real vault file (SQLite, AES-256-GCM, cheap Argon2id so the key
 * derivation is not counted) from a {@link StateSource} that answers from memory. Each answer is
 * the value with a real sparse-Merkle state proof, decoded and checked against the app hash as
 * {@link LedgerState#read} does; what is left out is the network (the {@code abci_query} round
 * trips) and the light client's verification of the one header, measured in LightClientBenchmark.
 *
 * <p>{@code sync10000New}: a wallet that kept nothing syncs all 10,000. {@code sync100NewOnto10000Kept}:
 * a wallet that kept 10,000 syncs 100 more (reads its kept log, fetches only the new entries).
 * Each iteration is one sync into a wallet made fresh before it (a copy of one wallet file, whose
 * seal key the entries' details are sealed to, as a relay seals them: one HPKE context per 1000
 * entries, so the sync opens every entry's details with one X25519 per context and keeps them).
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -jar bench/target/benchmarks.jar AccessLogBenchmark -f 1 -wi 3 -i 10}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class AccessLogBenchmark {
    static final int KEPT = 10_000;
    static final int MORE = 100;
    static final KdfParams CHEAP = new KdfParams(64, 1, 1);
    static final char[] PASSPHRASE = "plum orchard lantern 42".toCharArray();
    static final Ed25519PublicKey PATIENT = new Ed25519PublicKey(filled(7));
    static final String CHAIN = "healthwallet-bench";

    /** The ledger's state at two heights: with the first 10,000 entries, and with 100 more. */
    @State(Scope.Benchmark)
    public static class Ledger {
        ProvenLog of10000;
        ProvenLog of10100;
        Path template;

        @Setup(Level.Trial)
        public void build() throws Exception {
            template = Files.createTempDirectory("hw-accesslog-template").resolve("template.hwvault");
            X25519PublicKey sealTo;
            try (Vault vault = Vault.create(template, PASSPHRASE, CHEAP).vault(); SealKey seal = SealKey.of(vault::sign)) {
                sealTo = new X25519PublicKey(seal.publicKey());
            }
            AccessSealer sealer = new AccessSealer(Clock.systemUTC());
            List<AccessEntry> entries = new ArrayList<>(KEPT + MORE);
            for (int i = 0; i < KEPT + MORE; i++) {
                entries.add(entry(i, sealer, sealTo));
            }
            of10000 = ProvenLog.of(entries.subList(0, KEPT), 20_000);
            of10100 = ProvenLog.of(entries, 20_100);
        }

        @TearDown(Level.Trial)
        public void deleteTemplate() throws IOException {
            try (Stream<Path> files = Files.walk(template.getParent())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A wallet file made fresh for each iteration, optionally holding the first 10,000 entries. */
    public abstract static class Wallet {
        Path dir;
        Vault vault;

        void create(Ledger ledger) throws Exception {
            dir = Files.createTempDirectory("hw-accesslog-bench");
            Path file = dir.resolve("bench.hwvault");
            Files.copy(ledger.template, file);
            vault = Vault.unlock(file, PASSPHRASE);
        }

        @TearDown(Level.Iteration)
        public void delete() throws IOException {
            vault.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @State(Scope.Thread)
    public static class EmptyWallet extends Wallet {
        @Setup(Level.Iteration)
        public void make(Ledger ledger) throws Exception {
            create(ledger);
        }
    }

    @State(Scope.Thread)
    public static class WalletOf10000 extends Wallet {
        @Setup(Level.Iteration)
        public void make(Ledger ledger) throws Exception {
            create(ledger);
            expectVerified(new AccessLog(vault, new LedgerAccessLog(ledger.of10000), CHAIN).sync(PATIENT), KEPT, KEPT);
        }
    }

    @Benchmark
    public AccessLog.SyncResult sync10000New(Ledger ledger, EmptyWallet wallet) throws Exception {
        return expectVerified(new AccessLog(wallet.vault, new LedgerAccessLog(ledger.of10000), CHAIN).sync(PATIENT), KEPT, KEPT);
    }

    @Benchmark
    public AccessLog.SyncResult sync100NewOnto10000Kept(Ledger ledger, WalletOf10000 wallet) throws Exception {
        return expectVerified(new AccessLog(wallet.vault, new LedgerAccessLog(ledger.of10100), CHAIN).sync(PATIENT), KEPT + MORE, MORE);
    }

    /** A run that did not verify and keep everything measured the wrong thing: fail it. */
    static AccessLog.SyncResult expectVerified(AccessLog.SyncResult result, int size, int added) {
        if (!(result instanceof AccessLog.SyncResult.Verified v) || v.log().size() != size || v.added() != added) {
            throw new IllegalStateException("expected a verified log of " + size + " with " + added + " new, got " + result);
        }
        if (!result.log().stream().allMatch(a -> a.details() instanceof VerifiedAccess.Details.Opened)) {
            throw new IllegalStateException("every entry's details should have opened");
        }
        return result;
    }

    /**
     * Ledger state held in memory as a node would serve it: each key's value with its encoded
     * state proof. {@link #read} decodes and checks the proof against the app hash, as the wallet
     * does with a node's answer.
     */
    static final class ProvenLog implements StateSource {
        private final Map<StateKey, byte[]> values;
        private final Map<StateKey, byte[]> proofs;
        private final long height;
        private final LedgerStatus.VerifiedHeight header;

        private ProvenLog(Map<StateKey, byte[]> values, Map<StateKey, byte[]> proofs, long height, LedgerStatus.VerifiedHeight header) {
            this.values = values;
            this.proofs = proofs;
            this.height = height;
            this.header = header;
        }

        static ProvenLog of(List<AccessEntry> entries, long height) {
            Map<StateKey, byte[]> values = new HashMap<>();
            AccessLogHead head = AccessLogHead.EMPTY;
            for (AccessEntry e : entries) {
                values.put(StateKey.accessLogEntry(PATIENT, e.index()), e.encode());
                head = head.append(e);
            }
            values.put(StateKey.accessLogHead(PATIENT), head.encode());
            // The relay that served the entries, as the ledger admitted it; a sync reads its address once.
            Ed25519PublicKey relay = new Ed25519PublicKey(filled(9));
            values.put(StateKey.relay(relay), new RelayRecord(relay, "https://relay.riverside.example", 0).encode());
            Map<Digest, Digest> leaves = new HashMap<>();
            values.forEach((k, v) -> leaves.put(k.path(), new Digest(TreeHash.valueHash(v))));
            SparseMerkleTree tree = SparseMerkleTree.of(leaves);
            Map<StateKey, byte[]> proofs = new HashMap<>();
            values.keySet().forEach(k -> proofs.put(k, tree.prove(k.path()).encode()));
            LedgerStatus.VerifiedHeight header = new LedgerStatus.VerifiedHeight(height + 1, Instant.EPOCH,
                    Bytes.of(filled(3)), Bytes.of(tree.root().bytes()));
            return new ProvenLog(values, proofs, height, header);
        }

        @Override
        public LedgerState.Read read(StateKey key) throws LedgerException {
            byte[] stored = values.get(key);
            if (stored == null) {
                throw new LedgerException("the benchmark's ledger holds no " + key);
            }
            Optional<byte[]> value = Optional.of(stored.clone());
            StateProof proof;
            try {
                proof = StateProof.decode(proofs.get(key));
            } catch (DecodeException e) {
                throw new LedgerException("damaged proof", e);
            }
            if (proof.verify(header.appHash().toArray(), key, value) instanceof ProofVerdict.Invalid invalid) {
                throw new LedgerException("proof does not hold: " + invalid.reason());
            }
            return new LedgerState.Read(value, height, header);
        }
    }

    static AccessEntry entry(int i, AccessSealer sealer, X25519PublicKey sealTo) {
        Digest share = new Digest(filled(1 + i % 5));
        Ed25519PublicKey relay = new Ed25519PublicKey(filled(9));
        long at = 1_790_000_000L + i * 60L;
        AccessDetails details = new AccessDetails("Dr. Recipient " + i, List.of(new Digest(filled(40)), new Digest(filled(41))),
                "203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36");
        return new AccessEntry(i, share, relay, sealer.seal(sealTo, new DetailsBinding(CHAIN, share, relay, at), details), at,
                100 + i / 8, new Digest(filled(90 + i % 7)));
    }

    static byte[] filled(int b) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }
}
