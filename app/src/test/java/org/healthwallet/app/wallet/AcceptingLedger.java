package org.healthwallet.app.wallet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.healthwallet.core.family.FamilyException;
import org.healthwallet.core.family.FamilyLedger;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.HandOverRecord;
import org.healthwallet.ledger.tx.Payload;

/**
 * A ledger that commits every transaction (and keeps them, to be asserted on), for tests of the app's
 * family wiring where the dev network would only add minutes; the flow tests use the real one.
 */
public final class AcceptingLedger implements FamilyLedger {
    public final List<Payload> committed = new ArrayList<>();

    @Override
    public String chainId() {
        return "healthwallet-test";
    }

    @Override
    public synchronized void submit(Ed25519PublicKey key, UnaryOperator<byte[]> sign, Payload payload, String failure) {
        committed.add(payload);
    }

    @Override
    public Optional<DelegationRecord> delegation(Ed25519PublicKey dependent, Ed25519PublicKey caregiver) throws FamilyException {
        return Optional.empty();
    }

    @Override
    public Optional<HandOverRecord> handOver(Ed25519PublicKey key) {
        return Optional.empty();
    }
}
