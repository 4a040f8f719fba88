package org.healthwallet.node.relay;

import java.util.Objects;
import org.healthwallet.ledger.access.AccessDetails;
import org.healthwallet.ledger.access.AccessSealer;
import org.healthwallet.ledger.access.DetailsBinding;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.GrantRecord;
import org.healthwallet.ledger.tx.AccessRecorded;

/**
 * Builds the access record the relay writes before serving: the details (who asked, which files,
 * the request as the relay saw it) sealed to the patient's seal key named in the grant, which the
 * relay read with a proof just before. Operators of the ledger never see them in clear.
 */
final class AccessSealing {
    private final AccessSealer sealer;
    private final String chainId;
    private final Ed25519PublicKey relay;

    AccessSealing(AccessSealer sealer, String chainId, Ed25519PublicKey relay) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.relay = Objects.requireNonNull(relay, "relay");
    }

    AccessRecorded record(GrantRecord grant, AccessDetails details, long accessedAt) {
        DetailsBinding binding = new DetailsBinding(chainId, grant.shareId(), relay, accessedAt);
        return new AccessRecorded(grant.shareId(), sealer.seal(grant.sealTo(), binding, details), accessedAt);
    }
}
