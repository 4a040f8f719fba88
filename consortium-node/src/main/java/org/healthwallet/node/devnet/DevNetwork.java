package org.healthwallet.node.devnet;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.node.ledger.BlockResult;
import org.healthwallet.node.ledger.Ledger;
import org.healthwallet.node.ledger.TxOutcome;
import org.healthwallet.node.rpc.CometNode;
import org.healthwallet.node.rpc.ExecResult;
import org.healthwallet.node.rpc.IndexedTx;
import org.healthwallet.node.rpc.RpcException;

/**
 * A CometBFT network of N validators in one process, running the HealthWallet ledger: real
 * CometBFT headers and Ed25519 commits, blocks kept in SQLite in the data folder (a restart goes
 * on with the same chain), a mempool behind the ledger's CheckTx. One {@link DevNode} per
 * validator answers RPC; {@link #setOffline} and {@link DevNode#misbehave} simulate faults.
 * <pre>
 *   try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4))) {
 *       net.produceBlocks(10);
 *       LightBlock b = net.lightBlock(10);
 *   }
 * </pre>
 * One object owns the chain; production and mempool admission run under one lock.
 */
public final class DevNetwork implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DevNetwork.class.getName());
    private static final long RETRY_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How long the block that commits to a changed state waits for transactions to come with it:
     * under load they do, and it is a block of theirs rather than an extra empty one.
     */
    private static final long PROOF_BLOCK_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final DevNetworkOptions options;
    private final Clock clock;
    private final DevGenesis genesis;
    private final BlockStore store;
    private final Ledger ledger;
    private final Bytes genesisAppHash;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Mempool mempool = new Mempool();
    private final Map<Bytes, Set<CompletableFuture<IndexedTx>>> watchers = new ConcurrentHashMap<>();
    private final List<DevNode> nodes = new ArrayList<>();
    private volatile boolean[] online;
    private volatile DevBlock latest;
    private volatile String haltReason;
    private volatile boolean closed;
    private long lastBlockNanos;
    private long retryAfterNanos;
    private Thread producer;

    private DevNetwork(DevNetworkOptions options, Clock clock, DevGenesis genesis, BlockStore store, Ledger ledger,
                       Bytes genesisAppHash) {
        this.options = options;
        this.clock = clock;
        this.genesis = genesis;
        this.store = store;
        this.ledger = ledger;
        this.genesisAppHash = genesisAppHash;
        this.online = new boolean[genesis.validators.size()];
        java.util.Arrays.fill(online, true);
        for (int i = 0; i < genesis.validators.size(); i++) {
            nodes.add(new DevNode(this, i));
        }
    }

    /** Opens the network in {@code options.dataDir()} (creating it if new) on the system clock. */
    public static DevNetwork open(DevNetworkOptions options) {
        return open(options, Clock.systemUTC());
    }

    /**
     * Opens the network, replays stored blocks the ledger has not executed (as CometBFT's
     * handshake does), makes block 1 if the chain is new, and starts producing if automatic.
     *
     * @throws DevNetworkException with a readable message if the data folder is damaged or does not
     *                             match the options
     */
    public static DevNetwork open(DevNetworkOptions options, Clock clock) {
        DevGenesis genesis = DevGenesis.openOrCreate(options, clock);
        BlockStore store = BlockStore.open(options.dataDir());
        Ledger ledger = null;
        try {
            ledger = Ledger.open(options.dataDir());
            Bytes genesisAppHash = Handshake.catchUp(genesis, store, ledger, options.dataDir());
            DevNetwork network = new DevNetwork(options, clock, genesis, store, ledger, genesisAppHash);
            network.begin();
            return network;
        } catch (RuntimeException e) {
            if (ledger != null) {
                ledger.close();
            }
            store.close();
            throw e;
        }
    }

    private void begin() {
        long height = store.height();
        latest = height == 0 ? null : store.block(height).orElseThrow();
        lastBlockNanos = System.nanoTime();
        if (latest == null) {
            try {
                produceBlock();
            } catch (NetworkHaltedException e) {
                throw new IllegalStateException("a new network has every validator online", e);
            }
        }
        if (options.production() == BlockProduction.AUTOMATIC) {
            producer = new Thread(this::produceInBackground, "devnet-" + genesis.chainId);
            producer.setDaemon(true);
            producer.start();
        }
    }

    // ---- what the network is -----------------------------------------------------------

    public String chainId() {
        return genesis.chainId;
    }

    public Instant genesisTime() {
        return genesis.genesisTime;
    }

    /** The validators, in CometBFT's order; validator index i in this API is position i here. */
    public ValidatorSet validatorSet() {
        return genesis.validators;
    }

    /** The consortium operator keys in the genesis app state (one per validator), to admit relays. */
    public List<SigningKey> operatorKeys() {
        return genesis.operators;
    }

    public DevNetworkOptions options() {
        return options;
    }

    /** The RPC view of validator {@code index}'s node. */
    public DevNode node(int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException("There is no validator " + index + "; this network has " + nodes.size() + ".");
        }
        return nodes.get(index);
    }

    public long height() {
        return latest.height();
    }

    public DevBlock latestBlock() {
        return latest;
    }

    public Optional<DevBlock> block(long height) {
        return store.block(height);
    }

    /** Block {@code height} as a light client sees it: signed header, validators, next validators. */
    public Optional<LightBlock> lightBlock(long height) {
        return block(height).map(b -> new LightBlock(b.signedHeader(), genesis.validators, genesis.validators));
    }

    public Optional<IndexedTx> tx(Bytes hash) {
        return store.tx(hash);
    }

    /** Why the network is not producing blocks right now (validators offline, a storage failure), if it is not. */
    public Optional<String> haltReason() {
        return Optional.ofNullable(haltReason);
    }

    public int pendingTransactions() {
        lock.lock();
        try {
            return mempool.size();
        } finally {
            lock.unlock();
        }
    }

    // ---- faults --------------------------------------------------------------------------

    /**
     * Takes the validators at these indexes (validator-set order) offline: their commit entries
     * are absent from the next block on. If those left online hold no more than 2/3 of the power,
     * the network halts (and says why in {@link #haltReason()}) until enough come back.
     */
    public void setOffline(Set<Integer> indexes) {
        boolean[] next = new boolean[genesis.validators.size()];
        java.util.Arrays.fill(next, true);
        for (int i : indexes) {
            if (i < 0 || i >= next.length) {
                throw new IllegalArgumentException("There is no validator " + i + "; this network has " + next.length + ".");
            }
            next[i] = false;
        }
        lock.lock();
        try {
            online = next;
            haltReason = BlockMaker.hasQuorum(genesis.validators, next) ? null : haltMessage(next);
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The indexes of the validators that are offline. */
    public Set<Integer> offline() {
        Set<Integer> out = new TreeSet<>();
        boolean[] now = online;
        for (int i = 0; i < now.length; i++) {
            if (!now[i]) {
                out.add(i);
            }
        }
        return out;
    }

    // ---- production ----------------------------------------------------------------------

    /**
     * Makes, signs, executes and stores the next block with the transactions that wait.
     *
     * @throws NetworkHaltedException if the validators online hold no more than 2/3 of the power
     */
    public DevBlock produceBlock() throws NetworkHaltedException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The dev network is closed.");
            }
            return produceLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Produces {@code count} blocks one after another (for tests that need many heights). */
    public void produceBlocks(int count) throws NetworkHaltedException {
        for (int i = 0; i < count; i++) {
            produceBlock();
        }
    }

    private DevBlock produceLocked() throws NetworkHaltedException {
        boolean[] signing = online.clone();
        if (!BlockMaker.hasQuorum(genesis.validators, signing)) {
            haltReason = haltMessage(signing);
            throw new NetworkHaltedException(haltReason);
        }
        DevBlock previous = latest;
        long height = previous == null ? 1 : previous.height() + 1;
        List<byte[]> txs = mempool.take(DevGenesis.MAX_BLOCK_BYTES);
        Header header = BlockMaker.header(genesis.chainId, genesis.validators, previous, genesisAppHash,
                genesis.genesisTime, txs, proposer(height, signing));
        BlockId id = BlockMaker.blockId(header, txs);
        Commit commit = BlockMaker.commit(genesis.chainId, height, id, BlockMaker.voteTime(header.time(), clock.instant()),
                genesis.keys, signing);
        BlockResult executed = ledger.finalizeBlock(height, header.time(), txs);
        List<ExecResult> results = executed.outcomes().stream().map(DevNetwork::execResult).toList();
        DevBlock block = new DevBlock(header, commit, txs.stream().map(Bytes::of).toList(), results,
                Bytes.of(executed.appHash()));
        store.append(block);
        ledger.commit();
        latest = block;
        haltReason = null;
        lastBlockNanos = System.nanoTime();
        if (!mempool.isEmpty()) {
            mempool.recheck(tx -> ledger.checkTx(tx).ok());
        }
        announce(block);
        return block;
    }

    /** Round robin over the validators that are online (CometBFT rotates by proposer priority). */
    private Bytes proposer(long height, boolean[] signing) {
        int n = signing.length;
        int i = (int) ((height - 1) % n);
        while (!signing[i]) {
            i = (i + 1) % n;
        }
        return genesis.validators.get(i).address();
    }

    private String haltMessage(boolean[] signing) {
        int up = 0;
        long power = 0;
        for (int i = 0; i < signing.length; i++) {
            if (signing[i]) {
                up++;
                power += genesis.validators.get(i).votingPower();
            }
        }
        long total = genesis.validators.totalVotingPower();
        return "Only " + up + " of " + signing.length + " validators are online (voting power " + power + " of " + total
                + "); a block needs signatures from more than 2/3 of the voting power, so the network has halted at height "
                + (latest == null ? 0 : latest.height()) + " until enough validators are back online.";
    }

    private void produceInBackground() {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                long interval = options.emptyBlockInterval().toNanos();
                boolean quorum = BlockMaker.hasQuorum(genesis.validators, online);
                boolean proof = proofNeeded();
                boolean wanted = !mempool.isEmpty() || (proof && now - lastBlockNanos >= PROOF_BLOCK_PAUSE_NANOS)
                        || (interval > 0 && now - lastBlockNanos >= interval);
                if (quorum && wanted && now >= retryAfterNanos) {
                    try {
                        produceLocked();
                    } catch (NetworkHaltedException e) {
                        // Recorded in haltReason; wait for setOffline to change something.
                    } catch (RuntimeException e) {
                        haltReason = "The dev network could not make block " + (height() + 1) + ": " + e.getMessage();
                        LOG.log(System.Logger.Level.WARNING, haltReason);
                        retryAfterNanos = System.nanoTime() + RETRY_AFTER_FAILURE_NANOS;
                    }
                    continue;
                }
                long wait = Long.MAX_VALUE;
                if (!quorum) {
                    wait = Long.MAX_VALUE;
                } else if (now < retryAfterNanos) {
                    wait = retryAfterNanos - now;
                } else if (interval > 0) {
                    wait = interval - (now - lastBlockNanos);
                }
                if (quorum && proof && now >= retryAfterNanos) {
                    wait = Math.min(wait, PROOF_BLOCK_PAUSE_NANOS - (now - lastBlockNanos));
                }
                work.awaitNanos(Math.max(1, wait));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the newest block changed the state, so that the next header, which carries the new
     * app hash, should follow promptly: CometBFT makes this "proof block" without waiting for
     * transactions or the empty-block interval. Until it exists nothing read from the new state can
     * be proven, so a wallet reading its nonce or a relay checking a fresh grant would wait up to an
     * interval. An empty block changes no state, so this makes one block, not a stream; it follows
     * after {@link #PROOF_BLOCK_PAUSE_NANOS} (as CometBFT's follows after its commit timeout).
     */
    private boolean proofNeeded() {
        DevBlock newest = latest;
        return newest != null && !newest.header().appHash().equals(newest.appHashAfter());
    }

    // ---- transactions --------------------------------------------------------------------

    /** CheckTx, then the mempool; see {@link CometNode#broadcast}. */
    CometNode.Broadcast broadcast(Bytes tx, boolean watch) throws RpcException {
        Bytes hash = BlockHashes.txHash(tx.toArray());
        lock.lock();
        try {
            if (closed) {
                throw RpcException.internal("the dev network has stopped");
            }
            if (mempool.contains(hash) || store.tx(hash).isPresent()) {
                throw RpcException.internal("tx already exists in cache");
            }
            String full = mempool.refusal(tx.length());
            if (full != null) {
                throw RpcException.internal(full);
            }
            byte[] bytes = tx.toArray();
            TxOutcome outcome = ledger.checkTx(bytes);
            ExecResult check = execResult(outcome);
            if (!outcome.ok()) {
                return new CometNode.Broadcast(hash, check, Optional.empty());
            }
            mempool.add(hash, bytes);
            Optional<CompletableFuture<IndexedTx>> committed = Optional.empty();
            if (watch) {
                CompletableFuture<IndexedTx> future = new CompletableFuture<>();
                watchers.computeIfAbsent(hash, k -> ConcurrentHashMap.newKeySet()).add(future);
                future.whenComplete((t, e) -> forget(hash, future));
                committed = Optional.of(future);
            }
            work.signalAll();
            return new CometNode.Broadcast(hash, check, committed);
        } finally {
            lock.unlock();
        }
    }

    private void forget(Bytes hash, CompletableFuture<IndexedTx> future) {
        watchers.computeIfPresent(hash, (k, set) -> {
            set.remove(future);
            return set.isEmpty() ? null : set;
        });
    }

    private void announce(DevBlock block) {
        for (int i = 0; i < block.txs().size(); i++) {
            Bytes hash = BlockHashes.txHash(block.txs().get(i).toArray());
            Set<CompletableFuture<IndexedTx>> waiting = watchers.remove(hash);
            if (waiting != null) {
                IndexedTx included = new IndexedTx(hash, block.height(), i, block.txs().get(i), block.results().get(i));
                waiting.forEach(f -> f.complete(included));
            }
        }
    }

    /** The state, for /abci_query. */
    Ledger ledger() {
        return ledger;
    }

    List<ValidatorKey> keys() {
        return genesis.keys;
    }

    DevGenesis genesis() {
        return genesis;
    }

    static ExecResult execResult(TxOutcome outcome) {
        List<ExecResult.Event> events = outcome.attributes().isEmpty() ? List.of()
                : List.of(new ExecResult.Event(TxOutcome.EVENT_TYPE, outcome.attributes().stream()
                        .map(a -> new ExecResult.Attribute(a.key(), a.value(), true)).toList()));
        return new ExecResult(outcome.code().code(), Bytes.of(outcome.data()), outcome.log(),
                outcome.ok() ? "" : org.healthwallet.node.ledger.TxCode.CODESPACE, events);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        if (producer != null) {
            try {
                producer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watchers.values().forEach(set -> set.forEach(f -> f.completeExceptionally(
                new IllegalStateException("the dev network stopped before the transaction was included"))));
        watchers.clear();
        lock.lock();
        try {
            ledger.close();
            store.close();
        } finally {
            lock.unlock();
        }
    }
}
