package org.healthwallet.ledger.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.ProofOp;
import org.healthwallet.ledger.state.ProofVerdict;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.ledger.tx.DecodeException;

/**
 * A value or its absence, proven against a header the light client verified, and fresh: the one
 * state read the wallet and the relay act on. Implements docs/state.md "Proven, fresh reads".
 *
 * <p>Proven: the keys are read with {@code abci_query prove=true} in one batch, all at one height
 * H; each proof (present or absent) must lead to the app hash of header H + 1, which commits to the
 * state after block H and which the light client verified (more than 2/3 of the validators,
 * cross-checked with the witnesses). Fresh: in the same read, just before the query, the primary
 * and every witness are asked for their newest height ({@code /status}); the header the proof holds
 * against must be no older than the newest of those minus {@link #DEFAULT_MAX_LAG} blocks. A replayed answer carries a
 * valid proof against an old, really signed header: only freshness refuses it.
 *
 * <p>{@link #readWithoutWaiting} is for a value that block H did not change: header H (which
 * exists already; it carries the app hash after block H - 1) then commits to the same state, so
 * the proof is first checked against it and, when it holds, the read does not wait up to a block
 * interval for header H + 1. Freshness is checked against header H then. When the proof does not
 * hold against header H (block H changed the state), that proves nothing against the node, and the
 * read goes on as {@link #read}.
 */
public final class ProvenState {
    /**
     * Blocks a proven answer may be behind the newest height the nodes reported just before the
     * query: a witness may have committed a block or two the primary has not yet.
     */
    public static final int DEFAULT_MAX_LAG = 2;
    private static final int ATTEMPTS = 3;
    private static final long POLL_MILLIS = 15;

    /** The light client as a proven read needs it. */
    public interface Headers {
        /** Header {@code height} if it is verified already (asks no node). */
        Optional<VerifiedHeader> known(long height) throws ProvenReadException;

        /** Verifies header {@code height} (which the primary has made) with the light client. */
        VerifiedHeader verify(long height) throws ProvenReadException;

        /** As {@link #verify}, but empty when a sync failed for a reason other than an attack (the read then goes the long way). */
        default Optional<VerifiedHeader> verifyIfPossible(long height) throws ProvenReadException {
            return Optional.of(verify(height));
        }

        /** Headers from a light client that keeps what it verified. */
        static Headers of(LightClient light) {
            return new Headers() {
                @Override
                public Optional<VerifiedHeader> known(long height) throws ProvenReadException {
                    try {
                        return light.trustedAt(height).map(VerifiedHeader::of);
                    } catch (TrustedStoreException e) {
                        throw new ProvenReadException(ProvenReadException.Check.HEADER_VERIFIED, "the light client",
                                "The verified ledger headers cannot be read: " + e.getMessage(), e);
                    }
                }

                @Override
                public Optional<VerifiedHeader> verifyIfPossible(long height) throws ProvenReadException {
                    SyncResult result = light.syncTo(height);
                    if (result instanceof SyncResult.Synced synced) {
                        return Optional.of(VerifiedHeader.of(synced.block()));
                    }
                    if (result instanceof SyncResult.Failed) {
                        // E.g. the node answered from a state whose block it does not serve yet: go the long way.
                        return Optional.empty();
                    }
                    throw new ProvenReadException(ProvenReadException.Check.HEADER_VERIFIED, "the light client",
                            "The ledger header at height " + height + " could not be verified: " + result.describe());
                }

                @Override
                public VerifiedHeader verify(long height) throws ProvenReadException {
                    SyncResult result = light.syncTo(height);
                    if (result instanceof SyncResult.Synced synced) {
                        return VerifiedHeader.of(synced.block());
                    }
                    throw new ProvenReadException(ProvenReadException.Check.HEADER_VERIFIED, "the light client",
                            "The ledger header at height " + height + " could not be verified: " + result.describe());
                }
            };
        }
    }

    /** A verified header: its height, time and the hashes a proof or a person checks against. */
    public record VerifiedHeader(long height, Instant time, Bytes headerHash, Bytes appHash) {
        public VerifiedHeader {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(headerHash, "headerHash");
            Objects.requireNonNull(appHash, "appHash");
        }

        public static VerifiedHeader of(LightBlock block) {
            return new VerifiedHeader(block.height(), block.time(), block.hash(), block.header().appHash());
        }
    }

    /**
     * Values read at one height; a key maps to empty when the proof shows it absent.
     *
     * @param stateHeight    the state the values are of (after this block)
     * @param provenAgainst  the verified header whose app hash the proofs lead to
     * @param newestReported the newest height the primary and the witnesses reported
     */
    public record Reading(long stateHeight, VerifiedHeader provenAgainst, long newestReported,
                          Map<StateKey, Optional<byte[]>> values) {
        public Optional<byte[]> get(StateKey key) {
            Optional<byte[]> value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("this reading did not ask for " + key);
            }
            return value;
        }
    }

    /** The newest height one node reported, or why it did not. */
    private record Reported(CometRpc node, long height, String failure) {
    }

    private final CometRpc primary;
    private final List<CometRpc> witnesses;
    private final Headers headers;
    private final Duration headerWait;
    private final int maxLag;
    private final ExecutorService statusAsks;

    /**
     * @param primary    the node whose answers are read (the one the light client fetches from)
     * @param witnesses  the nodes asked for their newest height besides the primary (at least one)
     * @param headerWait how long to wait for header H + 1 to be made (a block interval and more)
     * @param maxLag     blocks an answer may be behind the newest reported height
     */
    public ProvenState(CometRpc primary, List<CometRpc> witnesses, Headers headers, Duration headerWait, int maxLag) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.witnesses = List.copyOf(witnesses);
        this.headers = Objects.requireNonNull(headers, "headers");
        this.headerWait = Objects.requireNonNull(headerWait, "headerWait");
        if (this.witnesses.isEmpty()) {
            throw new IllegalArgumentException("a fresh read needs at least one witness besides the primary");
        }
        if (maxLag < 0) {
            throw new IllegalArgumentException("the lag cannot be negative, got " + maxLag);
        }
        this.maxLag = maxLag;
        this.statusAsks = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "proven-state-status");
            t.setDaemon(true);
            return t;
        });
    }

    /** The node whose answers are read, to name it. */
    public CometRpc primary() {
        return primary;
    }

    /** The values of {@code keys} at one height, proven against header H + 1 and fresh. */
    public Reading read(List<StateKey> keys) throws ProvenReadException {
        return read(keys, false);
    }

    /** As {@link #read}, but proven against header H when block H left these keys' state as it was. */
    public Reading readWithoutWaiting(List<StateKey> keys) throws ProvenReadException {
        return read(keys, true);
    }

    private Reading read(List<StateKey> keys, boolean unchangedWillDo) throws ProvenReadException {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key to read");
        }
        ProvenReadException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // Asked (all at once) before the query: an honest node's answer then comes from the newest
            // reported height or later, however the threads of a loaded machine are scheduled.
            List<CompletableFuture<Reported>> reports = new ArrayList<>();
            reports.add(CompletableFuture.supplyAsync(() -> reported(primary), statusAsks));
            witnesses.forEach(w -> reports.add(CompletableFuture.supplyAsync(() -> reported(w), statusAsks)));
            CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)).join();
            List<AbciQueryResult> answers = query(keys);
            long height = answers.get(0).height();
            if (answers.stream().anyMatch(a -> a.height() != height)) {
                // A block was committed between two answers of the batch; ask again.
                last = new ProvenReadException(ProvenReadException.Check.PROOF_GIVEN, id(primary), "The ledger node "
                        + id(primary) + " kept answering from different heights.");
                continue;
            }
            List<Optional<byte[]>> values = new ArrayList<>(keys.size());
            List<StateProof> proofs = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                values.add(valueOf(answers.get(i)));
                proofs.add(proofOf(answers.get(i), keys.get(i)));
            }
            VerifiedHeader header = null;
            long stateHeight = height;
            if (unchangedWillDo && height >= 1 && headers.known(height + 1).isEmpty()) {
                Optional<VerifiedHeader> known = headers.known(height);
                VerifiedHeader current = known.isPresent() ? known.get() : headers.verifyIfPossible(height).orElse(null);
                if (current != null && allHold(proofs, current, keys, values)) {
                    header = current;
                    stateHeight = height - 1;
                }
            }
            if (header == null) {
                header = verifiedHeader(height + 1);
                for (int i = 0; i < keys.size(); i++) {
                    if (proofs.get(i).verify(header.appHash().toArray(), keys.get(i), values.get(i)) instanceof ProofVerdict.Invalid invalid) {
                        throw new ProvenReadException(ProvenReadException.Check.PROOF_HOLDS, id(primary), "The ledger node "
                                + id(primary) + " answered with state that the verified ledger does not show: the proof"
                                + " it sent does not match block " + header.height() + ", whose header the light client"
                                + " verified (" + invalid.reason() + "). HealthWallet did not use it.");
                    }
                }
            }
            long newest = checkFresh(header, height, reports);
            Map<StateKey, Optional<byte[]>> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), values.get(i));
            }
            return new Reading(stateHeight, header, newest, out);
        }
        throw last;
    }

    /** The newest reported height; refuses a proof whose header is more than the lag behind it. */
    private long checkFresh(VerifiedHeader header, long answeredAt, List<CompletableFuture<Reported>> reports)
            throws ProvenReadException {
        List<Reported> all = new ArrayList<>();
        for (CompletableFuture<Reported> r : reports) {
            all.add(r.join());
        }
        Reported newest = null;
        int witnessesAnswered = 0;
        List<String> failures = new ArrayList<>();
        for (Reported r : all) {
            if (r.failure() != null) {
                failures.add(r.failure());
                continue;
            }
            if (r.node() != primary) {
                witnessesAnswered++;
            }
            if (newest == null || r.height() > newest.height()) {
                newest = r;
            }
        }
        if (witnessesAnswered == 0) {
            throw new ProvenReadException(ProvenReadException.Check.FRESH, id(primary), "No witness told its newest"
                    + " height, so whether the answer of the ledger node " + id(primary) + " (height " + answeredAt
                    + ") is recent cannot be checked (" + String.join("; ", failures) + "). It was not used.");
        }
        if (header.height() < newest.height() - maxLag) {
            String source = newest.node() == primary ? "the node itself" : "witness " + id(newest.node());
            throw new ProvenReadException(ProvenReadException.Check.FRESH, id(primary), "The ledger node " + id(primary)
                    + " answered from height " + answeredAt + " (proven by block " + header.height() + "), but the newest"
                    + " height the consortium reports is " + newest.height() + " (" + source + "): a stale answer,"
                    + " more than " + maxLag + " blocks old, refused by the freshness check.");
        }
        return newest.height();
    }

    private static Reported reported(CometRpc node) {
        try {
            return new Reported(node, node.status().latestBlockHeight(), null);
        } catch (ProviderException e) {
            return new Reported(node, 0, e.getMessage());
        } catch (RuntimeException e) {
            return new Reported(node, 0, id(node) + " could not be asked (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean allHold(List<StateProof> proofs, VerifiedHeader header, List<StateKey> keys,
                                   List<Optional<byte[]>> values) {
        for (int i = 0; i < keys.size(); i++) {
            if (!(proofs.get(i).verify(header.appHash().toArray(), keys.get(i), values.get(i)) instanceof ProofVerdict.Valid)) {
                return false;
            }
        }
        return true;
    }

    private List<AbciQueryResult> query(List<StateKey> keys) throws ProvenReadException {
        try {
            List<AbciQueryResult> answers = primary.abciQuery(keys, true);
            for (AbciQueryResult a : answers) {
                if (a.code() != 0) {
                    throw new ProvenReadException(ProvenReadException.Check.PROOF_GIVEN, id(primary), "The ledger node "
                            + id(primary) + " could not read the ledger state (code " + a.code() + ": " + a.log() + ").");
                }
            }
            return answers;
        } catch (ProviderException e) {
            throw unreachable(e);
        }
    }

    private static Optional<byte[]> valueOf(AbciQueryResult answer) {
        return answer.value().isEmpty() ? Optional.empty() : Optional.of(answer.value().toArray());
    }

    private StateProof proofOf(AbciQueryResult answer, StateKey key) throws ProvenReadException {
        List<ProofOp> ops = answer.proofOps();
        if (ops.size() != 1 || !ops.get(0).type().equals(StateProof.PROOF_OP_TYPE)
                || !Arrays.equals(ops.get(0).key().toArray(), key.bytes())) {
            throw new ProvenReadException(ProvenReadException.Check.PROOF_GIVEN, id(primary), "The ledger node "
                    + id(primary) + " answered without a proof HealthWallet can check.");
        }
        try {
            return StateProof.decode(ops.get(0).data().toArray());
        } catch (DecodeException e) {
            throw new ProvenReadException(ProvenReadException.Check.PROOF_GIVEN, id(primary), "The ledger node "
                    + id(primary) + " sent a damaged state proof (" + e.getMessage() + ").", e);
        }
    }

    /** Header {@code height}, verified, waiting (up to {@code headerWait}) for the primary to make it. */
    private VerifiedHeader verifiedHeader(long height) throws ProvenReadException {
        Optional<VerifiedHeader> known = headers.known(height);
        if (known.isPresent()) {
            return known.get();
        }
        long deadline = System.nanoTime() + headerWait.toNanos();
        // Ask the light client only once the block exists, so a wait leaves no failed sync on record.
        while (latestHeight() < height) {
            if (System.nanoTime() > deadline) {
                throw new ProvenReadException(ProvenReadException.Check.HEADER_VERIFIED, id(primary), "The ledger made"
                        + " no block " + height + " within " + headerWait.toMillis() + " ms, so the state could not be"
                        + " verified; try again.");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvenReadException(ProvenReadException.Check.REACHABLE, id(primary),
                        "Waiting for the ledger was interrupted.", e);
            }
        }
        return headers.verify(height);
    }

    private long latestHeight() throws ProvenReadException {
        try {
            return primary.status().latestBlockHeight();
        } catch (ProviderException e) {
            throw unreachable(e);
        }
    }

    private ProvenReadException unreachable(ProviderException e) {
        return new ProvenReadException(ProvenReadException.Check.REACHABLE, id(primary), "The ledger node " + id(primary)
                + " could not be read: " + e.getMessage(), e);
    }

    /** A node as messages name it: its address without the trailing slash. */
    static String id(CometRpc node) {
        return node.url().toString().replaceAll("/$", "");
    }
}
