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
    /** Thrown from {@link #issue} as a crash would stop the wallet there: no clean-up code runs. */
    volatile Error dieWith;

    @Override
    public void issue(GrantIssued grant) throws ShareException {
        if (dieWith != null) {
            throw dieWith;
        }
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
        // As the real one: a grant revoked already counts as done.
        if (revoked.stream().noneMatch(r -> r.shareId().equals(revocation.shareId()))) {
            revoked.add(revocation);
        }
    }

    @Override
    public void withdraw(GrantRevoked revocation) throws ShareException {
        if (refuseWith != null) {
            throw new ShareException(refuseWith);
        }
        if (issued.stream().anyMatch(g -> g.shareId().equals(revocation.shareId()))
                && revoked.stream().noneMatch(r -> r.shareId().equals(revocation.shareId()))) {
            revoked.add(revocation);
        }
    }
}
