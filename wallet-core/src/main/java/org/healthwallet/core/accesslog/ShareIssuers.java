package org.healthwallet.core.accesslog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.GrantRecord;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;

/**
 * Who issued each share an access log names, read from the grants on the ledger with proofs: the
 * patient, or a caregiver under a delegation. The access log marks the accesses to a share a
 * caregiver made (a parent's for a child, an adult child's for an elderly parent) with it.
 */
public final class ShareIssuers {
    private final StateSource state;

    public ShareIssuers(StateSource state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The issuer of each share (by its ledger id, hex) that has a grant; one proven read per share. */
    public Map<String, Ed25519PublicKey> of(Collection<String> shareIdsHex) throws AccessLogException {
        Map<String, Ed25519PublicKey> issuers = new LinkedHashMap<>();
        for (String hex : shareIdsHex) {
            if (issuers.containsKey(hex)) {
                continue;
            }
            Optional<byte[]> value;
            try {
                value = state.read(StateKey.grant(Digest.fromHex(hex))).value();
            } catch (LedgerException e) {
                throw new AccessLogException(AccessLogException.Kind.UNREADABLE,
                        "Who made each share could not be read from the ledger with a proof: " + e.getMessage(), e);
            }
            if (value.isPresent()) {
                try {
                    issuers.put(hex, GrantRecord.decode(value.get()).issuedBy());
                } catch (DecodeException e) {
                    throw new AccessLogException(AccessLogException.Kind.MISMATCH,
                            "The ledger holds a grant HealthWallet cannot read (" + e.getMessage() + ").", e);
                }
            }
        }
        return issuers;
    }
}
