package org.healthwallet.node.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Uploads wait for their grant. The wallet uploads first and records the grant on the ledger
 * right after (it needs the relay's share id for it), so an upload cannot be checked against the
 * ledger when it arrives; instead this sweep reads the grant of each waiting upload, notes the ones
 * the ledger has, and deletes the files of those still without a grant {@code wait} after the
 * upload. So a self-made key can park bytes on the relay for minutes, not for the year a share may
 * live. While the ledger cannot be read nothing is deleted: the room for waiting uploads
 * ({@link TrafficLimits#maxWaitingBytes()}) bounds them meanwhile.
 */
final class GrantWait {
    private static final System.Logger LOG = System.getLogger(GrantWait.class.getName());
    /** Uploads looked at per sweep; the rest wait for the next one. */
    private static final int PER_SWEEP = 200;

    private final ShareStore store;
    private final GrantCheck grants;
    private final Duration wait;
    private final Clock clock;

    GrantWait(ShareStore store, GrantCheck grants, Duration wait, Clock clock) {
        this.store = store;
        this.grants = grants;
        this.wait = wait;
        this.clock = clock;
    }

    /** How often {@link #sweep} runs: a quarter of the wait, between 200 ms and 10 s. */
    Duration sweepInterval() {
        long millis = Math.max(200, Math.min(10_000, wait.toMillis() / 4));
        return Duration.ofMillis(millis);
    }

    void sweep() {
        try {
            for (String id : store.waitingForGrant(PER_SWEEP)) {
                Optional<StoredShare> found = store.find(id);
                if (found.isEmpty() || found.get().status() != StoredShare.Status.ACTIVE) {
                    continue;
                }
                decide(found.get());
            }
        } catch (LedgerUnavailableException e) {
            LOG.log(System.Logger.Level.DEBUG, "uploads waiting for their grant stay until the ledger answers: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "checking uploads for their grant failed: " + e.getMessage());
        }
    }

    private void decide(StoredShare share) throws LedgerUnavailableException {
        long now = clock.instant().getEpochSecond();
        GrantCheck.Verdict verdict = grants.check(share, now);
        if (verdict instanceof GrantCheck.Verdict.Serve) {
            store.markGranted(share.id());
            return;
        }
        GrantCheck.Verdict.Refuse refuse = (GrantCheck.Verdict.Refuse) verdict;
        if (refuse.revoked()) {
            store.end(share.id(), StoredShare.Status.REVOKED, now);
        } else if (now >= share.createdAt() + wait.toSeconds()) {
            store.end(share.id(), StoredShare.Status.UNCLAIMED, now);
            LOG.log(System.Logger.Level.INFO, "share " + share.logName() + " deleted: " + refuse.reason() + " "
                    + wait.toSeconds() + " s after its upload");
        }
    }
}
