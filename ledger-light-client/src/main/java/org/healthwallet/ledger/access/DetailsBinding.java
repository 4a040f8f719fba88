package org.healthwallet.ledger.access;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.Digest;

/**
 * What a sealed box is bound to (its AES-GCM associated data): the chain, the share, the relay that
 * recorded it and its time. A box copied into another entry, chain or relay's record does not open.
 */
public record DetailsBinding(String chainId, Digest shareId, Ed25519PublicKey relay, long accessedAt) {
    static final byte[] LABEL = "HealthWallet access details v1".getBytes(StandardCharsets.US_ASCII);

    public DetailsBinding {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(shareId, "shareId");
        Objects.requireNonNull(relay, "relay");
    }

    /** The binding of an entry read from the ledger of {@code chainId}. */
    public static DetailsBinding of(String chainId, AccessEntry entry) {
        return new DetailsBinding(chainId, entry.shareId(), entry.relay(), entry.accessedAt());
    }

    byte[] associatedData() {
        return new BinaryWriter(LABEL.length + 64 + 80).raw(LABEL).text(chainId).digest(shareId).key(relay)
                .u64(accessedAt).toByteArray();
    }
}
