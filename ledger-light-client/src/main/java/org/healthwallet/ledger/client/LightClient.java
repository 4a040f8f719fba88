package org.healthwallet.ledger.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;

/**
 * The wallet's light client: verifies the consortium's headers from a checkpoint onward, keeps what
 * it verified, and cross-checks every new header with witnesses. It owns its state (the witnesses
 * still in use, whether the primary was dropped); one sync runs at a time.
 *
 * <p>Forward: skipping verification (bisection) by default, or sequential. Backward (a height
 * below what is trusted): by hash chain from the nearest trusted block above it. When the primary
 * and a witness show two verified histories, the result is a {@link SyncResult.Divergence} with the
 * attack evidence, the primary is not used again, and nothing new is trusted.
 */
public final class LightClient {
    public enum Mode { SKIPPING, SEQUENTIAL }

    /** How many verified blocks the store keeps by default. */
    public static final int DEFAULT_KEEP = 1000;

    /** How long a witness behind the primary is waited for by default (CometBFT's default block lag). */
    public static final Duration DEFAULT_MAX_BLOCK_LAG = Duration.ofSeconds(10);

    private final Checkpoint checkpoint;
    private final Provider primary;
    private final List<Provider> witnesses;
    private final TrustedStore store;
    private final Options options;
    private final Mode mode;
    private final Clock clock;
    private final int keep;
    private final Duration maxBlockLag;
    private SyncResult.Divergence divergence;

    /** As the full constructor, waiting {@link #DEFAULT_MAX_BLOCK_LAG} for a lagging witness. */
    public LightClient(Checkpoint checkpoint, Provider primary, List<Provider> witnesses, TrustedStore store,
                       Options options, Mode mode, Clock clock, int keep) {
        this(checkpoint, primary, witnesses, store, options, mode, clock, keep, DEFAULT_MAX_BLOCK_LAG);
    }

    /**
     * @param maxBlockLag how long to wait for a witness that has not reached the primary's newest
     *                    height yet (on a live network witnesses are often a moment behind); zero
     *                    asks once
     */
    public LightClient(Checkpoint checkpoint, Provider primary, List<Provider> witnesses, TrustedStore store,
                       Options options, Mode mode, Clock clock, int keep, Duration maxBlockLag) {
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.primary = Objects.requireNonNull(primary, "primary");
        this.witnesses = new ArrayList<>(witnesses);
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (witnesses.isEmpty()) {
            throw new IllegalArgumentException("the light client needs at least one witness to cross-check the primary");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("the store must keep at least one verified block");
        }
        this.keep = keep;
        this.maxBlockLag = Objects.requireNonNull(maxBlockLag, "maxBlockLag");
        if (maxBlockLag.isNegative()) {
            throw new IllegalArgumentException("the wait for a lagging witness cannot be negative, got " + maxBlockLag);
        }
    }

    /** Skipping verification, default options, the system clock, {@link #DEFAULT_KEEP} blocks kept. */
    public LightClient(Checkpoint checkpoint, Provider primary, List<Provider> witnesses, TrustedStore store) {
        this(checkpoint, primary, witnesses, store, Options.DEFAULT, Mode.SKIPPING, Clock.systemUTC(), DEFAULT_KEEP);
    }

    /** Verifies up to the primary's newest block. */
    public synchronized SyncResult syncToLatest() {
        return sync(0);
    }

    /** Verifies the block at {@code height}: forward from the trusted block, or backward by hash chain. */
    public synchronized SyncResult syncTo(long height) {
        if (height < 1) {
            throw new IllegalArgumentException("heights start at 1, got " + height);
        }
        return sync(height);
    }

    /** The newest verified block. */
    public synchronized Optional<LightBlock> latestTrusted() throws TrustedStoreException {
        return store.latest();
    }

    /** The verified block at {@code height}, if it is kept (asks no node). */
    public synchronized Optional<LightBlock> trustedAt(long height) throws TrustedStoreException {
        return store.at(height);
    }

    /** When the newest verified block stops being a basis for verification. */
    public synchronized Optional<Instant> trustExpiresAt() throws TrustedStoreException {
        return store.latest().map(b -> b.time().plus(options.trustingPeriod()));
    }

    /** The divergence that stopped the primary, if one was found. */
    public synchronized Optional<SyncResult.Divergence> divergence() {
        return Optional.ofNullable(divergence);
    }

    /** The witnesses still in use (faulty ones are dropped). */
    public synchronized List<String> witnessIds() {
        return witnesses.stream().map(Provider::id).toList();
    }

    private SyncResult sync(long height) {
        if (divergence != null) {
            return divergence;
        }
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        try {
            Object root = trustRoot(now, warnings);
            if (root instanceof SyncResult r) {
                return r;
            }
            LightBlock trusted = (LightBlock) root;
            Instant expires = trusted.time().plus(options.trustingPeriod());
            if (!expires.isAfter(now)) {
                return new SyncResult.TrustExpired(trusted.height(), expires);
            }
            if (height != 0 && height <= trusted.height()) {
                return backwards(height, warnings);
            }
            return forward(trusted, height, now, warnings);
        } catch (TrustedStoreException e) {
            return new SyncResult.Failed(height, null, e.getMessage());
        }
    }

    private SyncResult forward(LightBlock trusted, long height, Instant now, List<String> warnings)
            throws TrustedStoreException {
        LightBlock target;
        try {
            target = height == 0 ? primary.latest() : primary.lightBlock(height);
        } catch (ProviderException e) {
            return new SyncResult.Failed(height, null, "The ledger node " + primary.id() + " could not give "
                    + (height == 0 ? "its newest block" : "height " + height) + ": " + e.getMessage());
        }
        if (height != 0 && target.height() != height) {
            return new SyncResult.Failed(height, null, primary.id() + " answered with height " + target.height()
                    + " when asked for " + height + ".");
        }
        if (target.height() <= trusted.height()) {
            return new SyncResult.Synced(trusted, warnings);
        }
        Bisection.Outcome outcome = mode == Mode.SKIPPING
                ? Bisection.skipping(primary, trusted, target, options, now)
                : Bisection.sequential(primary, trusted, target, options, now);
        if (outcome instanceof Bisection.Rejected r) {
            return new SyncResult.Failed(r.height(), r.verdict(), r.message() + " Nothing new was trusted.");
        }
        List<LightBlock> trace = ((Bisection.Verified) outcome).trace();
        DivergenceDetector.Check check = DivergenceDetector.crossCheck(primary, witnesses, trace, options, now, maxBlockLag);
        witnesses.removeAll(check.faultyWitnesses());
        warnings.addAll(check.warnings());
        if (check.divergence() != null) {
            divergence = check.divergence();
            return divergence;
        }
        if (!check.confirmed()) {
            return new SyncResult.Failed(target.height(), null, "No witness confirmed the header at height "
                    + target.height() + " (" + String.join("; ", warnings) + "). Nothing new was trusted.");
        }
        store.save(target);
        store.prune(keep);
        return new SyncResult.Synced(target, warnings);
    }

    private SyncResult backwards(long height, List<String> warnings) throws TrustedStoreException {
        Optional<LightBlock> stored = store.at(height);
        if (stored.isPresent()) {
            return new SyncResult.Synced(stored.get(), warnings);
        }
        LightBlock verified = store.above(height).orElseThrow();
        LightBlock older = null;
        for (long h = verified.height() - 1; h >= height; h--) {
            Object fetched = Bisection.fetch(primary, h);
            if (fetched instanceof Bisection.Rejected r) {
                return new SyncResult.Failed(h, null, r.message());
            }
            older = (LightBlock) fetched;
            Verdict v = Verifier.verifyBackwards(older.header(), verified.header());
            if (!v.isSuccess()) {
                return new SyncResult.Failed(h, v, "The header at height " + h + " from " + primary.id()
                        + " is not the one the verified chain points back to: " + v.describe());
            }
            verified = older;
        }
        if (older.validatorSet() == null || !older.validatorSet().hash().equals(older.header().validatorsHash())) {
            return new SyncResult.Failed(height, null, "The validator set " + primary.id() + " gave for height "
                    + height + " is not the one its verified header names.");
        }
        store.save(older);
        return new SyncResult.Synced(older, warnings);
    }

    /** The newest trusted block, from the store or, the first time, from the checkpoint. */
    private Object trustRoot(Instant now, List<String> warnings) throws TrustedStoreException {
        Optional<LightBlock> latest = store.latest();
        if (latest.isPresent() && !latest.get().chainId().equals(checkpoint.chainId())) {
            return new SyncResult.Failed(checkpoint.height(), null, "The verified headers in this profile are for chain \""
                    + latest.get().chainId() + "\", the consortium configuration is for \"" + checkpoint.chainId() + "\".");
        }
        if (latest.isPresent() && latest.get().height() >= checkpoint.height()) {
            Optional<LightBlock> atCheckpoint = store.at(checkpoint.height());
            if (atCheckpoint.isPresent() && !atCheckpoint.get().hash().equals(checkpoint.headerHash())) {
                return new SyncResult.Failed(checkpoint.height(), null, "The verified header at the checkpoint height "
                        + checkpoint.height() + " differs from the consortium's checkpoint.");
            }
            return latest.get();
        }
        LightBlock root;
        try {
            root = primary.lightBlock(checkpoint.height());
        } catch (ProviderException e) {
            return new SyncResult.Failed(checkpoint.height(), null, "The ledger node " + primary.id()
                    + " could not give the checkpoint block: " + e.getMessage());
        }
        if (root.height() != checkpoint.height() || !root.chainId().equals(checkpoint.chainId())
                || !root.hash().equals(checkpoint.headerHash())) {
            return new SyncResult.Failed(checkpoint.height(), null, "The ledger node " + primary.id()
                    + " has another block at the checkpoint height " + checkpoint.height()
                    + " than the consortium's checkpoint: it is on another chain or not honest.");
        }
        Verdict v = Verifier.verifyCommitted(root);
        if (!v.isSuccess()) {
            return new SyncResult.Failed(checkpoint.height(), v, "The checkpoint block from " + primary.id()
                    + " does not verify: " + v.describe());
        }
        Instant expires = root.time().plus(options.trustingPeriod());
        if (!expires.isAfter(now)) {
            return new SyncResult.TrustExpired(root.height(), expires);
        }
        for (Provider witness : List.copyOf(witnesses)) {
            try {
                if (!witness.lightBlock(checkpoint.height()).hash().equals(checkpoint.headerHash())) {
                    witnesses.remove(witness);
                    warnings.add("witness " + witness.id() + " was dropped: it has another block at the checkpoint");
                }
            } catch (ProviderException e) {
                warnings.add("witness " + witness.id() + " could not confirm the checkpoint (" + e.getMessage() + ")");
            }
        }
        store.save(root);
        return root;
    }
}
