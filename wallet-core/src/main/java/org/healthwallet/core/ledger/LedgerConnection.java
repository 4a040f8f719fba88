package org.healthwallet.core.ledger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.HttpProvider;
import org.healthwallet.ledger.client.LightClient;
import org.healthwallet.ledger.client.Provider;
import org.healthwallet.ledger.client.SyncResult;
import org.healthwallet.ledger.client.TrustedStoreException;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.verify.Options;

/**
 * The wallet's connection to the consortium ledger: a light client for the consortium a
 * configuration names (primary node, witnesses, checkpoint), over HTTP, keeping what it verified
 * in the profile's vault file ({@link LedgerFile}, its rows sealed under the wallet's key). {@link #sync} fetches and
 * verifies; {@link #status} says what is known without asking any node.
 *
 * <p>Every method may block on disk or network: never call it on a UI thread. Calls are serialised
 * on this object's monitor (one sync at a time; an owner closing the ledger store can wait for a
 * running call by holding it); cancel a running sync through its {@link SyncProgress}.
 *
 * <p>An attack the light client catches is remembered in the ledger store: the primary that served
 * the conflicting history is not asked again by this profile until the person enters a new
 * checkpoint ({@link #useCheckpoint}), which also starts the verified headers over.
 */
public final class LedgerConnection {
    /** Warn of expiring trust this long before (or a quarter of the trusting period, if shorter). */
    public static final Duration EXPIRY_NOTICE = Duration.ofDays(2);

    private final ConsortiumConfig config;
    private final LedgerFile file;
    private final Options options;
    private final Clock clock;
    /** Made once and kept for the life of the connection, so HTTP clients and their connections are reused. */
    private final Provider primary;
    private final List<Provider> witnesses;
    private final String primaryId;
    private final List<String> witnessIds;

    /**
     * @param providers makes the provider for a node's RPC address ({@code HttpProvider::create} in the app);
     *                  called once per node here; every sync of this connection uses those providers
     * @throws LedgerException when the configuration names no witness (the light client needs one
     *                         to cross-check the primary)
     */
    public LedgerConnection(ConsortiumConfig config, LedgerFile file, Options options, Clock clock,
                            Function<URI, Provider> providers) throws LedgerException {
        this.config = Objects.requireNonNull(config, "config");
        this.file = Objects.requireNonNull(file, "file");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(providers, "providers");
        if (config.witnesses().isEmpty()) {
            throw new LedgerException("The consortium configuration names no witness node. HealthWallet needs at least "
                    + "one to cross-check the primary node " + config.primary() + ".");
        }
        this.primary = providers.apply(config.primary());
        this.witnesses = config.witnesses().stream().map(providers).toList();
        this.primaryId = primary.id();
        this.witnessIds = witnesses.stream().map(Provider::id).toList();
    }

    /** Over HTTP with CometBFT's default light client options and the system clock. */
    public static LedgerConnection overHttp(ConsortiumConfig config, LedgerFile file) throws LedgerException {
        return new LedgerConnection(config, file, Options.DEFAULT, Clock.systemUTC(), HttpProvider::create);
    }

    public ConsortiumConfig config() {
        return config;
    }

    /** What is verified and remembered, without asking any node. */
    public synchronized LedgerStatus status() throws LedgerException {
        return statusOf(file.notes(), clock.instant(), List.of());
    }

    /** Syncs to the primary's newest block with skipping verification. */
    public LedgerStatus sync() throws LedgerException {
        return sync(SyncRequest.LATEST, SyncProgress.NONE);
    }

    /**
     * Fetches and verifies up to the height asked for, cross-checks the result with the witnesses,
     * and keeps it when it holds. The returned status says how it ended ({@link LedgerStatus#lastOutcome()});
     * a node that cannot be reached or a header that does not verify is an outcome, not an exception.
     *
     * @throws LedgerException only when the ledger store in the vault file cannot be read or written
     */
    public synchronized LedgerStatus sync(SyncRequest request, SyncProgress progress) throws LedgerException {
        // A row changed outside HealthWallet is refused before anything is trusted or written.
        file.checkSeals();
        SyncNotes notes = file.notes();
        Instant started = clock.instant();
        Optional<AttackReport> attack = notes.attack().filter(a -> a.primary().equals(primaryId));
        if (attack.isPresent()) {
            // Never picks a side silently: the caught primary stays unused until a new trust root.
            return statusOf(notes, started, List.of());
        }
        // witnesses are asked on threads of their own: one lock keeps the progress calls one at a time
        Object progressLock = new Object();
        List<Provider> watched = witnesses.stream()
                .map(w -> (Provider) new WatchedProvider(w, progress, progressLock)).toList();
        LightClient client = new LightClient(checkpoint(notes), new WatchedProvider(primary, progress, progressLock),
                watched, file.headers(), options, request.mode(), clock, LightClient.DEFAULT_KEEP);
        SyncResult result = request.height() == 0 ? client.syncToLatest() : client.syncTo(request.height());

        Instant now = clock.instant();
        List<LedgerWarning> news = new ArrayList<>();
        SyncNotes after;
        if (result instanceof SyncResult.Synced synced) {
            synced.warnings().forEach(w -> news.add(new LedgerWarning.WitnessProblem(w)));
            after = notes.attempted(now, SyncOutcome.SYNCED, result.describe());
        } else if (result instanceof SyncResult.Failed failed) {
            after = progress.isCancelled()
                    ? notes.attempted(now, SyncOutcome.CANCELLED, "The sync was cancelled; nothing new was trusted.")
                    : notes.attempted(now, SyncOutcome.FAILED, failed.message());
        } else if (result instanceof SyncResult.TrustExpired expired) {
            news.add(new LedgerWarning.TrustExpired(expired.trustedHeight(), expired.expiredAt()));
            after = notes.attempted(now, SyncOutcome.TRUST_EXPIRED, result.describe());
        } else {
            SyncResult.Divergence d = (SyncResult.Divergence) result;
            AttackReport report = new AttackReport(d.primary(), d.witness(), d.height(), now, d.againstPrimary().kind(),
                    d.againstPrimary().byzantineValidators().size(), d.describe());
            after = notes.attempted(now, SyncOutcome.ATTACK, d.describe()).withAttack(report);
        }
        file.save(after);
        return statusOf(after, now, news);
    }

    /**
     * Makes {@code checkpoint} the trust root: forgets every verified header (they lead back to the
     * old root) and any attack on record, so the next sync starts from this block. For trust that
     * expired, a chain that was replaced, or after an attack, with a checkpoint the consortium gave.
     *
     * @throws LedgerException when the checkpoint is for another chain than the consortium's
     */
    public synchronized LedgerStatus useCheckpoint(Checkpoint checkpoint) throws LedgerException {
        if (!checkpoint.chainId().equals(config.chainId())) {
            throw new LedgerException("That checkpoint is for the chain \"" + checkpoint.chainId()
                    + "\"; this consortium's chain is \"" + config.chainId() + "\".");
        }
        // With the passphrase (the file's seal), a new trust root also recovers from rows changed outside HealthWallet.
        SyncNotes notes = file.notesToStartOver().withCheckpoint(checkpoint);
        file.startOver(notes);
        return statusOf(notes, clock.instant(), List.of());
    }

    /**
     * Pins the consortium file this connection was made from at its first use (its content, sealed
     * in the ledger store), and refuses a later run's file that differs from the pinned one.
     *
     * @param fileName the file's name, for the message
     * @throws LedgerException naming the file, what changed, and how to accept it deliberately
     */
    public synchronized void checkConsortium(String fileName) throws LedgerException {
        SyncNotes notes = file.notes();
        if (notes.consortium().isEmpty()) {
            file.save(notes.withConsortium(new String(config.toJson(), java.nio.charset.StandardCharsets.UTF_8)));
            return;
        }
        String changed = ConsortiumPin.changes(notes.consortium().get(), config);
        if (!changed.isEmpty()) {
            throw new LedgerException("The consortium file " + fileName + " is not the one this wallet trusts: " + changed
                    + ". Nothing was synced. If your consortium sent you this file, accept it with 'healthwallet ledger"
                    + " accept-consortium --consortium " + fileName + "' (it asks for your passphrase).");
        }
    }

    /** Trusts this connection's consortium file from now on, in place of the one pinned before. */
    public synchronized void acceptConsortium() throws LedgerException {
        file.save(file.notes().withConsortium(new String(config.toJson(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * The header of {@code height} if the light client verified and kept it (asks no node); state
     * proofs of the state after block {@code height - 1} are checked against its app hash.
     */
    public synchronized Optional<LedgerStatus.VerifiedHeight> verifiedAt(long height) throws LedgerException {
        try {
            return file.headers().at(height).filter(b -> b.chainId().equals(config.chainId())).map(LedgerConnection::height);
        } catch (TrustedStoreException e) {
            throw new LedgerException(e.getMessage() + " Enter the consortium's checkpoint again ('healthwallet ledger"
                    + " checkpoint') to start the verified headers over; your records are not affected.", e);
        }
    }

    /**
     * A checkpoint of this consortium's chain from what a person typed: a height and a header hash.
     *
     * @throws LedgerException with what is wrong with either
     */
    public Checkpoint checkpointOf(String height, String headerHash) throws LedgerException {
        long h;
        try {
            h = Long.parseLong(height.strip());
        } catch (NumberFormatException e) {
            throw new LedgerException("The checkpoint height must be a whole number, not \"" + height.strip() + "\".");
        }
        if (h < 1) {
            throw new LedgerException("The checkpoint height must be 1 or more, not " + h + ".");
        }
        String hex = headerHash.strip();
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new LedgerException("The checkpoint's header hash must be 64 hexadecimal digits; \"" + hex + "\" has "
                    + hex.length() + " characters.");
        }
        return new Checkpoint(config.chainId(), h, Bytes.of(HexFormat.of().parseHex(hex)));
    }

    /** The consortium's checkpoint, or a newer one of the same chain the person entered. */
    private Checkpoint checkpoint(SyncNotes notes) {
        Checkpoint configured = config.checkpoint();
        return notes.checkpoint()
                .filter(c -> c.chainId().equals(configured.chainId()) && c.height() >= configured.height())
                .orElse(configured);
    }

    private LedgerStatus statusOf(SyncNotes notes, Instant now, List<LedgerWarning> news) throws LedgerException {
        Optional<LightBlock> latest;
        try {
            latest = file.headers().latest();
        } catch (TrustedStoreException e) {
            throw new LedgerException(e.getMessage() + " Enter the consortium's checkpoint again ('healthwallet ledger"
                    + " checkpoint') to start the verified headers over; your records are not affected.", e);
        }
        List<LedgerWarning> warnings = new ArrayList<>();
        notes.attack().ifPresent(a -> {
            warnings.add(new LedgerWarning.AttackReported(a));
            if (a.primary().equals(primaryId)) {
                warnings.add(new LedgerWarning.PrimaryDropped(a.primary()));
            }
        });
        Optional<Instant> expires = Optional.empty();
        if (latest.isPresent()) {
            LightBlock block = latest.get();
            if (!block.chainId().equals(config.chainId())) {
                warnings.add(new LedgerWarning.OtherChain(block.chainId(), config.chainId()));
            } else {
                Instant at = block.time().plus(options.trustingPeriod());
                expires = Optional.of(at);
                boolean newerRoot = checkpoint(notes).height() > block.height();
                if (!at.isAfter(now) && !newerRoot) {
                    warnings.add(new LedgerWarning.TrustExpired(block.height(), at));
                } else if (at.isAfter(now) && Duration.between(now, at).compareTo(notice()) < 0) {
                    warnings.add(new LedgerWarning.TrustExpiring(at));
                }
            }
        }
        for (LedgerWarning w : news) {
            if (!warnings.contains(w)) {
                warnings.add(w);
            }
        }
        return new LedgerStatus(config.chainId(), latest.map(LedgerConnection::height), latest.map(LedgerConnection::powers)
                .orElse(List.of()), primaryId, witnessIds, expires, notes.lastAttempt(), notes.lastSuccess(),
                notes.lastOutcome(), notes.lastMessage(), warnings);
    }

    private Duration notice() {
        Duration quarter = options.trustingPeriod().dividedBy(4);
        return quarter.compareTo(EXPIRY_NOTICE) < 0 ? quarter : EXPIRY_NOTICE;
    }

    private static LedgerStatus.VerifiedHeight height(LightBlock b) {
        return new LedgerStatus.VerifiedHeight(b.height(), b.time(), b.hash(), b.header().appHash());
    }

    private static List<LedgerStatus.ValidatorPower> powers(LightBlock b) {
        ValidatorSet set = b.validatorSet() != null ? b.validatorSet() : b.nextValidatorSet();
        if (set == null) {
            return List.of();
        }
        return set.validators().stream()
                .map(v -> new LedgerStatus.ValidatorPower(v.address().hex(), v.votingPower())).toList();
    }
}
