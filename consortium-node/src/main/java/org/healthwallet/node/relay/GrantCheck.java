package org.healthwallet.node.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.healthwallet.ledger.state.GrantRecord;
import org.healthwallet.ledger.state.Revocation;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.Ed25519PublicKey;

/**
 * Whether the ledger lets this relay serve a share: a grant for it exists, names this relay and
 * the share's owner (as patient or issuer), commits to exactly the files the relay holds (its
 * scope), is not revoked and not expired. The grant and its
 * revocation are read with proofs ({@link VerifiedState}). A verified reading is kept for
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

        /** Not to be served; {@code revoked} when the ledger shows the grant revoked. */
        record Refuse(String reason, boolean revoked) implements Verdict {
        }
    }

    private static final int MAX_CACHED = 100_000;

    private record Reading(Optional<GrantRecord> grant, Optional<Revocation> revocation, long readAtNanos) {
    }

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
            Reading fresh = read(share);
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

    private Reading read(Digest share) throws LedgerUnavailableException {
        StateKey grantKey = StateKey.grant(share);
        StateKey revocationKey = StateKey.revocation(share);
        VerifiedState.Reading r = state.read(List.of(grantKey, revocationKey));
        try {
            Optional<GrantRecord> grant = r.get(grantKey).isPresent()
                    ? Optional.of(GrantRecord.decode(r.get(grantKey).get())) : Optional.empty();
            Optional<Revocation> revocation = r.get(revocationKey).isPresent()
                    ? Optional.of(Revocation.decode(r.get(revocationKey).get())) : Optional.empty();
            return new Reading(grant, revocation, nanoTime.getAsLong());
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
