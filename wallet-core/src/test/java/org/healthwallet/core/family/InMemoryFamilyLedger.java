package org.healthwallet.core.family;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.HandOverRecord;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.HandOver;
import org.healthwallet.ledger.tx.Payload;

/**
 * A stand-in for the ledger in unit tests of one class: keeps delegations and hand-overs in maps,
 * checks that each transaction is signed by the key it names (the signature over a fixed message
 * must verify), and can be told to refuse. The real rules are tested in consortium-node and end to
 * end against the dev network and real CometBFT.
 */
final class InMemoryFamilyLedger implements FamilyLedger {
    final Map<String, DelegationRecord> delegations = new HashMap<>();
    final Map<Ed25519PublicKey, HandOverRecord> handOvers = new HashMap<>();
    final List<Payload> submitted = new ArrayList<>();
    private final Clock clock;
    String refuseWith;
    long height = 1;

    InMemoryFamilyLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String chainId() {
        return "test-chain";
    }

    @Override
    public void submit(Ed25519PublicKey key, UnaryOperator<byte[]> sign, Payload payload, String failure) throws FamilyException {
        byte[] probe = "probe".getBytes();
        if (!key.verify(probe, sign.apply(probe))) {
            throw new AssertionError("signed with another key than the one named");
        }
        if (refuseWith != null) {
            throw new FamilyException(failure + ": " + refuseWith);
        }
        submitted.add(payload);
        height++;
        if (payload instanceof DelegationGranted g) {
            delegations.put(g.dependent().hex() + g.caregiver().hex(), new DelegationRecord(g.dependent(), g.caregiver(),
                    g.scope(), g.endsAt(), height, DelegationRecord.Ending.NONE, 0));
        } else if (payload instanceof DelegationRevoked r) {
            DelegationRecord d = delegations.get(r.dependent().hex() + r.caregiver().hex());
            delegations.put(r.dependent().hex() + r.caregiver().hex(), d.endedAt(DelegationRecord.Ending.REVOKED, height));
        } else if (payload instanceof HandOver h) {
            handOvers.put(h.dependent(), new HandOverRecord(h.newKey(), h.caregiver(), height));
        }
    }

    @Override
    public Optional<DelegationRecord> delegation(Ed25519PublicKey dependent, Ed25519PublicKey caregiver) {
        return Optional.ofNullable(delegations.get(dependent.hex() + caregiver.hex()));
    }

    @Override
    public Optional<HandOverRecord> handOver(Ed25519PublicKey key) {
        return Optional.ofNullable(handOvers.get(key));
    }

    Clock clock() {
        return clock;
    }
}
