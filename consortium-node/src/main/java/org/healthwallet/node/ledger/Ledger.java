package org.healthwallet.node.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.state.SparseMerkleTree;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.TreeHash;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.Transaction;

/**
 * The HealthWallet ledger as a deterministic state machine, in CometBFT's terms: InitChain,
 * CheckTx (mempool), FinalizeBlock (execute a block, one outcome per transaction, new app hash),
 * Commit (persist), Info and Query. The ABCI server and the embedded dev network both drive it:
 * <pre>
 *   ledger.initChain(chainId, genesisTime, appStateJson, 1);
 *   BlockResult r = ledger.finalizeBlock(height, time, txs);   // r.appHash() goes in header height+1
 *   ledger.commit();
 * </pre>
 * One object owns the state; its methods are synchronized, so CometBFT's connections may call it
 * from several threads. The app hash is the root of a {@link SparseMerkleTree} over the state,
 * updated once per block with the block's changes.
 */
public final class Ledger implements AutoCloseable {
    /** Below this many transactions a block's signatures are checked on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 32;

    private final LedgerStore store;
    private final TxRules rules = new TxRules();
    private final ExecutorService verifiers;
    private final StateReader committed;
    private final CommittedCache cache = new CommittedCache();

    private LedgerStore.Meta meta;
    private SignatureCheck signatures;
    private SparseMerkleTree tree;
    private PendingWrites mempool;
    private PendingBlock pending;

    private record PendingBlock(long height, long time, PendingWrites writes, SparseMerkleTree tree, int txCount) {
    }

    private Ledger(LedgerStore store) {
        this.store = store;
        this.committed = key -> cache.get(key, k -> store.value(k.path()));
        this.meta = store.meta();
        this.signatures = new SignatureCheck(meta.initialised() ? meta.chainId() : "");
        this.tree = rebuildTree(store, meta);
        this.mempool = new PendingWrites(committed);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.verifiers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "ledger-signature-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (or creates) the ledger kept in {@code dataDir/ledger.db}. */
    public static Ledger open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new LedgerStorageException("Cannot create the ledger folder " + dataDir + ": " + e.getMessage(), e);
        }
        return new Ledger(LedgerStore.open(dataDir.resolve("ledger.db")));
    }

    private static SparseMerkleTree rebuildTree(LedgerStore store, LedgerStore.Meta meta) {
        Map<Digest, Digest> leaves = new HashMap<>();
        store.forEachEntry((path, value) -> leaves.put(path, new Digest(TreeHash.valueHash(value))));
        SparseMerkleTree tree = SparseMerkleTree.of(leaves);
        if (meta.initialised() && !java.util.Arrays.equals(tree.root().bytes(), meta.appHash())) {
            throw new LedgerStorageException("The ledger database is damaged: its state does not match the app hash "
                    + "stored for height " + meta.height() + ".");
        }
        return tree;
    }

    public synchronized LedgerInfo info() {
        if (!meta.initialised()) return new LedgerInfo(Optional.empty(), 0, new byte[0]);
        return new LedgerInfo(Optional.of(meta.chainId()), meta.height(), meta.appHash());
    }

    /**
     * Starts the chain from genesis: records the operator keys and genesis relays from
     * {@code appState} (see {@link GenesisState}) and returns the genesis app hash. Allowed again
     * until the first block is committed (CometBFT repeats InitChain after a crash before it).
     *
     * @throws IllegalArgumentException if the chain id or the app state is not valid
     * @throws IllegalStateException    if blocks were already committed
     */
    public synchronized byte[] initChain(String chainId, Instant genesisTime, byte[] appState, long initialHeight) {
        if (meta.height() > 0) {
            throw new IllegalStateException("InitChain after block " + meta.height() + " was committed.");
        }
        if (chainId == null || chainId.isEmpty() || chainId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 50) {
            throw new IllegalArgumentException("The chain id must be 1 to 50 bytes.");
        }
        GenesisState genesis = GenesisState.parse(appState);
        Map<StateKey, byte[]> writes = new LinkedHashMap<>();
        if (!genesis.operators().operators().isEmpty()) writes.put(StateKey.operators(), genesis.operators().encode());
        for (RelayRecord relay : genesis.relays()) writes.put(StateKey.relay(relay.relay()), relay.encode());
        SparseMerkleTree genesisTree = SparseMerkleTree.empty().with(changes(writes));
        LedgerStore.Meta genesisMeta = new LedgerStore.Meta(chainId, Math.max(1, initialHeight), 0,
                genesisTree.root().bytes(), genesisTime.getEpochSecond());
        store.writeGenesis(genesisMeta, writes);
        cache.clear();
        signatures = new SignatureCheck(chainId);
        meta = genesisMeta;
        tree = genesisTree;
        pending = null;
        mempool = new PendingWrites(committed);
        return genesisTree.root().bytes();
    }

    /**
     * Mempool admission: decodes and runs the transaction's checks against the committed state
     * plus what the mempool already admitted (so a signer may queue nonces n, n+1, …). Nothing
     * committed changes; the mempool view resets at {@link #commit()}.
     */
    public synchronized TxOutcome checkTx(byte[] txBytes) {
        if (!meta.initialised()) return TxOutcome.rejected(TxCode.NOT_READY, "The chain has not been initialised yet.");
        Transaction tx;
        try {
            tx = Transaction.decode(txBytes);
        } catch (DecodeException e) {
            return decodeFailure(e);
        }
        TxRules.Block block = new TxRules.Block(meta.chainId(), meta.nextHeight(), meta.blockTime());
        PendingWrites txWrites = new PendingWrites(mempool);
        Digest txHash = Digest.sha256(txBytes);
        TxOutcome outcome = rules.apply(tx, txHash, signatures.valid(tx, txHash), block, txWrites);
        if (outcome.ok()) txWrites.mergeInto(mempool);
        return outcome;
    }

    /**
     * Executes a block on top of the committed state and returns one outcome per transaction and
     * the new app hash. Nothing is stored until {@link #commit()}; calling this again for the same
     * height (a new round, a replay after restart) starts over from the committed state.
     */
    public synchronized BlockResult finalizeBlock(long height, Instant time, List<byte[]> txs) {
        if (!meta.initialised()) throw new IllegalStateException("FinalizeBlock before InitChain.");
        if (height != meta.nextHeight()) {
            throw new IllegalStateException("FinalizeBlock for height " + height + " but the next height is " + meta.nextHeight() + ".");
        }
        TxRules.Block block = new TxRules.Block(meta.chainId(), height, time.getEpochSecond());
        List<Transaction> decoded = new ArrayList<>(txs.size());
        List<TxOutcome> failures = new ArrayList<>(txs.size());
        List<Digest> hashes = new ArrayList<>(txs.size());
        for (byte[] bytes : txs) {
            hashes.add(Digest.sha256(bytes));
            try {
                decoded.add(Transaction.decode(bytes));
                failures.add(null);
            } catch (DecodeException e) {
                decoded.add(null);
                failures.add(decodeFailure(e));
            }
        }
        boolean[] signatureValid = checkSignatures(decoded, hashes);
        PendingWrites blockWrites = new PendingWrites(committed);
        List<TxOutcome> outcomes = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            if (decoded.get(i) == null) {
                outcomes.add(failures.get(i));
                continue;
            }
            PendingWrites txWrites = new PendingWrites(blockWrites);
            TxOutcome outcome = rules.apply(decoded.get(i), hashes.get(i), signatureValid[i], block, txWrites);
            if (outcome.ok()) txWrites.mergeInto(blockWrites);
            outcomes.add(outcome);
        }
        SparseMerkleTree next = tree.with(changes(blockWrites.writes()));
        pending = new PendingBlock(height, block.time(), blockWrites, next, txs.size());
        return new BlockResult(height, outcomes, next.root().bytes());
    }

    /** Persists the block executed by the last {@link #finalizeBlock} and makes it the committed state. */
    public synchronized void commit() {
        if (pending == null) throw new IllegalStateException("Commit without a finalized block.");
        LedgerStore.Meta next = new LedgerStore.Meta(meta.chainId(), meta.initialHeight(), pending.height(),
                pending.tree().root().bytes(), pending.time());
        store.commitBlock(next, pending.writes().writes(), pending.txCount());
        cache.putAll(pending.writes().writes());
        meta = next;
        tree = pending.tree();
        pending = null;
        mempool = new PendingWrites(committed);
    }

    /**
     * Reads a key of the committed state with its proof. {@code height} 0 means the latest; only
     * the latest state is kept.
     *
     * @throws IllegalArgumentException for any other height
     */
    public synchronized StateQuery query(StateKey key, long height) {
        if (height != 0 && height != meta.height()) {
            throw new IllegalArgumentException("Only the latest state (height " + meta.height()
                    + ") is kept; query height 0 or " + meta.height() + ".");
        }
        return new StateQuery(meta.height(), key, committed.get(key), tree.prove(key.path()));
    }

    /** Typed reads of the committed state. */
    public LedgerView committedView() {
        return new LedgerView(key -> {
            synchronized (this) {
                return committed.get(key);
            }
        });
    }

    private boolean[] checkSignatures(List<Transaction> txs, List<Digest> hashes) {
        boolean[] valid = new boolean[txs.size()];
        SignatureCheck check = signatures;
        if (txs.size() < PARALLEL_THRESHOLD) {
            for (int i = 0; i < txs.size(); i++) valid[i] = txs.get(i) != null && check.valid(txs.get(i), hashes.get(i));
            return valid;
        }
        // Signature checks are pure, so checking them side by side cannot change any outcome.
        int chunks = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int from = c * txs.size() / chunks;
            int to = (c + 1) * txs.size() / chunks;
            futures.add(verifiers.submit(() -> {
                for (int i = from; i < to; i++) valid[i] = txs.get(i) != null && check.valid(txs.get(i), hashes.get(i));
            }));
        }
        try {
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking signatures.", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Signature check failed: " + e.getCause(), e.getCause());
        }
        return valid;
    }

    private static Map<Digest, Optional<Digest>> changes(Map<StateKey, byte[]> writes) {
        Map<Digest, Optional<Digest>> changes = new HashMap<>(writes.size() * 2);
        for (Map.Entry<StateKey, byte[]> write : writes.entrySet()) {
            changes.put(write.getKey().path(), Optional.of(new Digest(TreeHash.valueHash(write.getValue()))));
        }
        return changes;
    }

    private static TxOutcome decodeFailure(DecodeException e) {
        TxCode code = e.reason() == DecodeException.Reason.UNSUPPORTED_VERSION ? TxCode.UNSUPPORTED_VERSION : TxCode.MALFORMED;
        return TxOutcome.rejected(code, e.getMessage());
    }

    @Override
    public synchronized void close() {
        verifiers.shutdownNow();
        store.close();
    }
}
