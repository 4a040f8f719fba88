package org.healthwallet.node.relay;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.GrantRecord;
import org.healthwallet.ledger.state.Revocation;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.Digest;

/**
 * Whether the ledger lets this relay serve a share: a grant for it exists, names this relay and
 * the share's owner (as patient or issuer), commits to exactly the files the relay holds (its
 * scope), is not revoked and not expired, and, when a caregiver issued it, the caregiver's
 * delegation from the patient still allows sharing. The grant, its revocation and that delegation
 * are read with proofs, at one height ({@link VerifiedState}); the delegation's key names the
 * patient, which only the grant tells, so the first reading of a caregiver's share reads again with
 * it, and later readings ask for all three at once. A verified reading is kept for
 * {@code ttl} per share (and an absent grant for {@code absentTtl}), because verifying costs a
 * round trip and a header; the ledger checks revocation and expiry again when it executes the
 * relay's access record, so a revocation is honoured at the very next access whatever the cache
 * holds. Concurrent checks of one share share one reading.
 */
final class GrantCheck {
    /** The ledger's word on a share. */
    sealed interface Verdict {
        record Serve(GrantRecord grant) implements Verdict {
        }

        /**
         * Not to be served; {@code revoked} when the ledger shows the grant revoked. {@code toRecipient},
         * when not empty, is what the person who opened the link is told instead of the relay's
         * plain "not active".
         */
        record Refuse(String reason, boolean revoked, Optional<String> toRecipient) implements Verdict {
            Refuse(String reason, boolean revoked) {
                this(reason, revoked, Optional.empty());
            }
        }
    }

    private static final int MAX_CACHED = 100_000;

    /** What the ledger said; {@code delegation} is read only for a grant issued by a caregiver. */
    private record Reading(Optional<GrantRecord> grant, Optional<Revocation> revocation,
                           Optional<DelegationRecord> delegation, long readAtNanos) {
    }

    /** What the person who opened a caregiver's link is told once the caregiver may no longer share. */
    static final String CAREGIVER_MAY_NOT_SHARE = "This link is no longer active: the caregiver who made this link no longer"
            + " may share for this patient. Ask the patient or their caregiver for a new one.";

    private final VerifiedState state;
    private final Ed25519PublicKey relayKey;
    private final long ttlNanos;
    private final long absentTtlNanos;
    private final LongSupplier nanoTime;
    private final Map<Digest, Reading> cache = new ConcurrentHashMap<>();
    private final Map<Digest, CompletableFuture<Reading>> inFlight = new ConcurrentHashMap<>();

    GrantCheck(VerifiedState state, Ed25519PublicKey relayKey, Duration ttl, Duration absentTtl, LongSupplier nanoTime) {
        this.state = state;
        this.relayKey = relayKey;
        this.ttlNanos = ttl.toNanos();
        this.absentTtlNanos = absentTtl.toNanos();
        this.nanoTime = nanoTime;
    }

    Verdict check(StoredShare share, long nowSeconds) throws LedgerUnavailableException {
        Reading reading = reading(share.digest());
        if (reading.grant().isEmpty()) {
            return new Verdict.Refuse("no grant for it is on the ledger", false);
        }
        GrantRecord grant = reading.grant().get();
        if (reading.revocation().isPresent()) {
            return new Verdict.Refuse("its grant was revoked at height " + reading.revocation().get().height(), true);
        }
        if (!grant.relay().equals(relayKey)) {
            return new Verdict.Refuse("its grant names another relay", false);
        }
        if (!grant.patient().equals(share.owner()) && !grant.issuedBy().equals(share.owner())) {
            return new Verdict.Refuse("its grant was issued by another key than the one that uploaded it", false);
        }
        if (!grant.scope().equals(share.scope())) {
            return new Verdict.Refuse("its grant commits to other files than the relay holds", false);
        }
        if (grant.expiredAt(nowSeconds)) {
            return new Verdict.Refuse("its grant expired", false);
        }
        if (!grant.issuedBy().equals(grant.patient())
                && !reading.delegation().map(d -> d.allowsAt(DelegationScope.SHARE, nowSeconds)).orElse(false)) {
            return new Verdict.Refuse("the caregiver who made this link no longer may share for this patient ("
                    + reading.delegation().map(d -> "delegation " + d.ended().name().toLowerCase(Locale.ROOT)
                    + ", ends " + d.endsAt() + ", scope " + d.scope()).orElse("no delegation") + ")", false,
                    Optional.of(CAREGIVER_MAY_NOT_SHARE));
        }
        return new Verdict.Serve(grant);
    }

    /** Forgets what is known about a share, e.g. after the ledger refused an access to it. */
    void forget(Digest share) {
        cache.remove(share);
    }

    private Reading reading(Digest share) throws LedgerUnavailableException {
        long now = nanoTime.getAsLong();
        Reading cached = cache.get(share);
        if (cached != null && now - cached.readAtNanos() < (cached.grant().isPresent() ? ttlNanos : absentTtlNanos)) {
            return cached;
        }
        CompletableFuture<Reading> mine = new CompletableFuture<>();
        CompletableFuture<Reading> running = inFlight.putIfAbsent(share, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Reading fresh = read(share, cached);
            if (cache.size() >= MAX_CACHED) {
                // Readings are only worth their TTL; dropping them all costs one verified read per share.
                cache.clear();
            }
            cache.put(share, fresh);
            mine.complete(fresh);
            return fresh;
        } catch (LedgerUnavailableException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(share, mine);
        }
    }

    /** Reads the grant, its revocation and (for a caregiver's grant, as {@code earlier} names it) the delegation. */
    private Reading read(Digest share, Reading earlier) throws LedgerUnavailableException {
        Optional<StateKey> delegationKey = earlier == null ? Optional.empty() : earlier.grant().flatMap(GrantCheck::delegationKey);
        Reading reading = read(share, delegationKey);
        Optional<StateKey> needed = reading.grant().flatMap(GrantCheck::delegationKey);
        if (needed.isPresent() && !needed.equals(delegationKey)) {
            // The grant names a caregiver this reading did not know of: read all three at one height.
            reading = read(share, needed);
        }
        return reading;
    }

    private static Optional<StateKey> delegationKey(GrantRecord grant) {
        return grant.issuedBy().equals(grant.patient()) ? Optional.empty()
                : Optional.of(StateKey.delegation(grant.patient(), grant.issuedBy()));
    }

    private Reading read(Digest share, Optional<StateKey> delegationKey) throws LedgerUnavailableException {
        StateKey grantKey = StateKey.grant(share);
        StateKey revocationKey = StateKey.revocation(share);
        List<StateKey> keys = delegationKey.map(d -> List.of(grantKey, revocationKey, d)).orElse(List.of(grantKey, revocationKey));
        VerifiedState.Reading r = state.read(keys);
        try {
            Optional<GrantRecord> grant = r.get(grantKey).isPresent()
                    ? Optional.of(GrantRecord.decode(r.get(grantKey).get())) : Optional.empty();
            Optional<Revocation> revocation = r.get(revocationKey).isPresent()
                    ? Optional.of(Revocation.decode(r.get(revocationKey).get())) : Optional.empty();
            Optional<DelegationRecord> delegation = Optional.empty();
            // Only a delegation read with this grant counts: one the grant does not name is ignored.
            if (delegationKey.isPresent() && grant.flatMap(GrantCheck::delegationKey).equals(delegationKey)
                    && r.get(delegationKey.get()).isPresent()) {
                delegation = Optional.of(DelegationRecord.decode(r.get(delegationKey.get()).get()));
            }
            return new Reading(grant, revocation, delegation, nanoTime.getAsLong());
        } catch (DecodeException e) {
            throw new LedgerUnavailableException("The ledger holds a grant this relay cannot read: " + e.getMessage(), e);
        }
    }

    private static Reading await(CompletableFuture<Reading> running) throws LedgerUnavailableException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("Stopped while waiting for the ledger.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LedgerUnavailableException l) {
                throw l;
            }
            throw new LedgerUnavailableException("The ledger could not be read: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
