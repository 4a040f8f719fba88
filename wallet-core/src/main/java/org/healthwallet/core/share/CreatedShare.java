package org.healthwallet.core.share;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/**
 * The relay's answer to a create: its id for the share (to revoke it), the manifest URL that goes
 * into the link, the expiry it will enforce, and its own key (named in the ledger grant).
 */
public record CreatedShare(String id, URI manifestUrl, Instant expiresAt, Ed25519PublicKey relayKey) {
    public CreatedShare {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(manifestUrl, "manifestUrl");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(relayKey, "relayKey");
    }
}
