package org.healthwallet.core.share;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;

/** A GrantLedger for tests of {@link Sharing}: remembers what it was given, and can be told to refuse. */
final class RecordingLedger implements GrantLedger {
    final List<GrantIssued> issued = new CopyOnWriteArrayList<>();
    final List<GrantRevoked> revoked = new CopyOnWriteArrayList<>();
    volatile String refuseWith;

    @Override
    public void issue(GrantIssued grant) throws ShareException {
        if (refuseWith != null) {
            throw new ShareException(refuseWith);
        }
        issued.add(grant);
    }

    @Override
    public void revoke(GrantRevoked revocation) throws ShareException {
        if (refuseWith != null) {
            throw new ShareException(refuseWith);
        }
        revoked.add(revocation);
    }
}
