package org.healthwallet.core.share;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.ledger.tx.Digest;

/**
 * A share that was started but not finished: the wallet stopped (crashed, was killed, lost power)
 * between writing this down and keeping the finished share. Its link was never shown, so nobody can
 * open it, but its encrypted files may be on the relay and its grant on the ledger until it is
 * withdrawn ({@link Sharing#withdraw}).
 *
 * @param id the wallet's id for it (the finished share would have had the same)
 * @param relayId the relay's id the upload gets ({@code RelayRequestSignature#createdShareId})
 * @param startedAt when it was started
 * @param selection what it was to share, described for the patient
 * @param label the patient's label for it, if any
 */
public record InterruptedShare(UUID id, String relayId, Instant startedAt, String selection, Optional<String> label) {
    /** What the list of shares says about one. */
    public static final String NOTE = "A share was started but not finished; nobody received its link, but it may be"
            + " on the relay. Revoke it to remove it from the relay and the ledger.";

    public InterruptedShare {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(relayId, "relayId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(label, "label");
    }

    /** The ledger's key for the grant it may have. */
    public Digest grantId() {
        return Share.grantIdOf(relayId);
    }
}
