package org.healthwallet.core.share;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.ledger.tx.Digest;

/**
 * A revocation the wallet has not finished: kept in the vault (sealed like every share) from before
 * the revocation is sent to the ledger until the relay has deleted its copy of the encrypted files.
 * The ledger comes first, because the ledger is what stops the link: a relay serves nothing without
 * recording the access there, and the ledger refuses that for a revoked grant. The relay's deletion
 * only tidies up ciphertext nobody can open without the link's key, so it may wait for the relay.
 *
 * @param id the vault item's id (derived from the share's, or the unfinished share's own)
 * @param relayId the relay's id of the share (what the relay deletes; its SHA-256 is the grant id)
 * @param selection what was shared, described for the patient
 * @param stage how far it got
 * @param since when the patient revoked
 * @param attempts how many times the relay was asked and did not delete
 * @param nextTry when the app asks the relay again (the command line asks at every command)
 * @param problem why the relay did not delete last time, in the patient's words ("" before the first try)
 */
public record RelayDeletion(UUID id, String relayId, String selection, Stage stage, Instant since, int attempts,
                            Instant nextTry, String problem) {
    /** How far a revocation got. */
    public enum Stage {
        /** Written before the revocation was sent: the ledger may or may not have it; finished by sending it again. */
        LEDGER,
        /** The ledger shows the grant revoked (proven); the relay still has to delete the files. */
        RELAY
    }

    /** {@link #problem} when the relay did not answer at all (down, or not reachable from here). */
    public static final String NOT_REACHABLE = "the relay was not reachable";

    /** The first wait after a failed deletion; it doubles with each failure, up to {@link #LONGEST_WAIT}. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    public RelayDeletion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(relayId, "relayId");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(nextTry, "nextTry");
        Objects.requireNonNull(problem, "problem");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts < 0");
        }
    }

    /** The revocation of a finished share, about to be sent to the ledger. */
    static RelayDeletion of(Share share, Instant now) {
        return new RelayDeletion(idFor(share.id()), share.relayId(), share.selection(), Stage.LEDGER, now, 0, now, "");
    }

    /** An unfinished share whose grant is withdrawn from the ledger; only the relay's copy is left. */
    static RelayDeletion of(InterruptedShare share, Instant now) {
        return new RelayDeletion(share.id(), share.relayId(), share.selection(), Stage.RELAY, now, 0, now, "");
    }

    /** The vault item id of a finished share's pending deletion (item ids are unique across a vault). */
    static UUID idFor(UUID shareId) {
        return UUID.nameUUIDFromBytes(("relay-deletion:" + shareId).getBytes(StandardCharsets.UTF_8));
    }

    /** The ledger's key for the grant. */
    public Digest grantId() {
        return Share.grantIdOf(relayId);
    }

    /** Whether the app's next round should ask the relay (the command line always asks). */
    public boolean dueAt(Instant now) {
        return !nextTry.isAfter(now);
    }

    RelayDeletion onLedger() {
        return new RelayDeletion(id, relayId, selection, Stage.RELAY, since, attempts, nextTry, problem);
    }

    /** After a failed deletion: counted, and the next try pushed back (30 s, 1 min, 2 min, … at most 1 h). */
    RelayDeletion failed(Instant now, String why) {
        int failures = attempts + 1;
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(failures - 1, 7));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        return new RelayDeletion(id, relayId, selection, stage, since, failures, now.plus(wait), why);
    }

    /** Whether the relay did not answer at all last time (rather than refusing). */
    public boolean relayUnreachable() {
        return problem.equals(NOT_REACHABLE);
    }

    /** Whether {@code share} is the one this deletion is for. */
    public boolean isFor(Share share) {
        return share.relayId().equals(relayId);
    }

    /** The pending deletion of {@code share}, if one of {@code pending} is for it. */
    public static Optional<RelayDeletion> forShare(List<RelayDeletion> pending, Share share) {
        return pending.stream().filter(d -> d.isFor(share)).findFirst();
    }
}
