package org.healthwallet.node.ledger;

import static org.healthwallet.node.ledger.TxCode.BAD_NONCE;
import static org.healthwallet.node.ledger.TxCode.BAD_SIGNATURE;
import static org.healthwallet.node.ledger.TxCode.CONFLICT;
import static org.healthwallet.node.ledger.TxCode.EXPIRED;
import static org.healthwallet.node.ledger.TxCode.INVALID;
import static org.healthwallet.node.ledger.TxCode.KEY_RETIRED;
import static org.healthwallet.node.ledger.TxCode.NOT_FOUND;
import static org.healthwallet.node.ledger.TxCode.REVOKED;
import static org.healthwallet.node.ledger.TxCode.UNAUTHORIZED;
import static org.healthwallet.node.ledger.TxOutcome.rejected;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.AnchorRecord;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.GrantRecord;
import org.healthwallet.ledger.state.HandOverRecord;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.state.Revocation;
import org.healthwallet.ledger.state.SignerNonce;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.ledger.tx.HandOver;
import org.healthwallet.ledger.tx.RecordAnchored;
import org.healthwallet.ledger.tx.RelayApproval;
import org.healthwallet.ledger.tx.RelayRegistered;
import org.healthwallet.ledger.tx.Transaction;

/**
 * The ledger's rules: checks one decoded transaction against the state and, when it is allowed,
 * writes its effects into {@code state}. Deterministic: it reads only the state, the transaction
 * and the block's height and time. The caller drops {@code state} when the outcome is a rejection.
 */
final class TxRules {

    /** The block a transaction runs in: chain id (for signatures), height, and time in unix seconds. */
    record Block(String chainId, long height, long time) {
    }

    /** {@code signatureValid} is checked by the caller (a block's signatures are checked in parallel first). */
    TxOutcome apply(Transaction tx, Digest txHash, boolean signatureValid, Block block, PendingWrites state) {
        if (!signatureValid) {
            return rejected(BAD_SIGNATURE, "The signature does not verify with the signer's key for chain '" + block.chainId() + "'.");
        }
        LedgerView view = new LedgerView(state);
        long expected = view.nonce(tx.signer()).next();
        if (tx.nonce() != expected) {
            return rejected(BAD_NONCE, tx.nonce() < expected
                    ? "Nonce " + tx.nonce() + " was already used by this signer (replay); the next is " + expected + "."
                    : "Nonce " + tx.nonce() + " skips ahead; the next for this signer is " + expected + ".");
        }
        Optional<HandOverRecord> retired = view.handOver(tx.signer());
        if (retired.isPresent()) {
            return rejected(KEY_RETIRED, "This key was handed over to " + retired.get().successor() + " at height "
                    + retired.get().height() + "; sign with the new key.");
        }
        Context c = new Context(tx, txHash, block, state, view);
        TxOutcome outcome = switch (tx.kind()) {
            case GRANT_ISSUED -> grantIssued(c, (GrantIssued) tx.payload());
            case GRANT_REVOKED -> grantRevoked(c, (GrantRevoked) tx.payload());
            case ACCESS_RECORDED -> accessRecorded(c, (AccessRecorded) tx.payload());
            case DELEGATION_GRANTED -> delegationGranted(c, (DelegationGranted) tx.payload());
            case DELEGATION_REVOKED -> delegationRevoked(c, (DelegationRevoked) tx.payload());
            case HAND_OVER -> handOver(c, (HandOver) tx.payload());
            case RECORD_ANCHORED -> recordAnchored(c, (RecordAnchored) tx.payload());
            case RELAY_REGISTERED -> relayRegistered(c, (RelayRegistered) tx.payload());
        };
        if (outcome.ok()) state.put(StateKey.nonce(tx.signer()), new SignerNonce(tx.nonce()).encode());
        return outcome;
    }

    private record Context(Transaction tx, Digest txHash, Block block, PendingWrites state, LedgerView view) {
        Ed25519PublicKey signer() {
            return tx.signer();
        }

        long time() {
            return block.time();
        }

        TxOutcome ok(byte[] data, String... attributes) {
            List<TxOutcome.Attribute> list = new ArrayList<>();
            list.add(new TxOutcome.Attribute("kind", tx.kind().label()));
            list.add(new TxOutcome.Attribute("signer", tx.signer().hex()));
            for (int i = 0; i + 1 < attributes.length; i += 2) list.add(new TxOutcome.Attribute(attributes[i], attributes[i + 1]));
            return new TxOutcome(TxCode.OK, "", data, list);
        }
    }

    private static String at(long unixSeconds) {
        return Instant.ofEpochSecond(unixSeconds).toString();
    }

    private TxOutcome grantIssued(Context c, GrantIssued g) {
        if (c.view().handOver(g.patient()).isPresent()) {
            return rejected(KEY_RETIRED, "The patient key " + g.patient() + " was handed over; grants must name the new key.");
        }
        if (!c.signer().equals(g.patient()) && !c.view().mayActFor(c.signer(), g.patient(), DelegationScope.SHARE, c.time())) {
            return rejected(UNAUTHORIZED, "Only the patient, or a caregiver whose active delegation allows sharing, may issue this grant.");
        }
        if (g.expiresAt() <= c.time()) {
            return rejected(EXPIRED, "The grant's expiry " + at(g.expiresAt()) + " is not after the block time " + at(c.time()) + ".");
        }
        if (c.view().relay(g.relay()).isEmpty()) {
            return rejected(NOT_FOUND, "Relay " + g.relay() + " is not registered on the ledger.");
        }
        if (c.view().grant(g.shareId()).isPresent()) {
            return rejected(CONFLICT, "A grant with share id " + g.shareId() + " already exists.");
        }
        GrantRecord record = new GrantRecord(g.shareId(), g.patient(), g.scope(), g.expiresAt(), g.relay(), c.signer(),
                c.block().height(), c.time());
        c.state().put(StateKey.grant(g.shareId()), record.encode());
        return c.ok(new byte[0], "share", g.shareId().hex(), "patient", g.patient().hex());
    }

    private TxOutcome grantRevoked(Context c, GrantRevoked r) {
        Optional<GrantRecord> grant = c.view().grant(r.shareId());
        if (grant.isEmpty()) return rejected(NOT_FOUND, "No grant with share id " + r.shareId() + " exists.");
        Optional<Revocation> earlier = c.view().revocation(r.shareId());
        if (earlier.isPresent()) {
            return rejected(TxCode.CONFLICT, "This grant was already revoked at height " + earlier.get().height() + ".");
        }
        Ed25519PublicKey patient = grant.get().patient();
        boolean allowed = c.signer().equals(patient)
                || c.signer().equals(grant.get().issuedBy())
                || c.view().isSuccessorOf(c.signer(), patient)
                || c.view().mayActFor(c.signer(), patient, DelegationScope.REVOKE, c.time());
        if (!allowed) {
            return rejected(UNAUTHORIZED, "Only the patient, the patient's new key after a hand-over, the key that issued "
                    + "the grant, or a caregiver whose active delegation allows revoking may revoke this grant.");
        }
        c.state().put(StateKey.revocation(r.shareId()), new Revocation(c.signer(), c.block().height(), c.time()).encode());
        return c.ok(new byte[0], "share", r.shareId().hex(), "patient", patient.hex());
    }

    private TxOutcome accessRecorded(Context c, AccessRecorded a) {
        if (c.view().relay(c.signer()).isEmpty()) {
            return rejected(UNAUTHORIZED, "Only a registered relay may record an access; " + c.signer() + " is not registered.");
        }
        Optional<GrantRecord> grant = c.view().grant(a.shareId());
        if (grant.isEmpty()) return rejected(NOT_FOUND, "No grant with share id " + a.shareId() + " exists.");
        if (!grant.get().relay().equals(c.signer())) {
            return rejected(UNAUTHORIZED, "This grant is held by relay " + grant.get().relay() + ", not by the signer.");
        }
        Optional<Revocation> revocation = c.view().revocation(a.shareId());
        if (revocation.isPresent()) {
            return rejected(REVOKED, "The grant was revoked at height " + revocation.get().height() + "; nothing may be served.");
        }
        if (grant.get().expiredAt(c.time())) {
            return rejected(EXPIRED, "The grant expired at " + at(grant.get().expiresAt()) + ".");
        }
        Ed25519PublicKey patient = grant.get().patient();
        Optional<String> withdrawn = caregiverMayNoLongerShare(c, grant.get());
        if (withdrawn.isPresent()) {
            return rejected(UNAUTHORIZED, "The caregiver who issued this share no longer may share for this patient: "
                    + withdrawn.get() + ". Nothing may be served.");
        }
        AccessLogHead head = c.view().accessLogHead(patient);
        AccessEntry entry = new AccessEntry(head.length(), a.shareId(), c.signer(), a.recipient(), a.files(),
                a.accessedAt(), c.block().height(), c.txHash());
        c.state().put(StateKey.accessLogEntry(patient, entry.index()), entry.encode());
        c.state().put(StateKey.accessLogHead(patient), head.append(entry).encode());
        return c.ok(new BinaryWriter(8).u64(entry.index()).toByteArray(),
                "share", a.shareId().hex(), "patient", patient.hex(), "index", Long.toString(entry.index()));
    }

    /**
     * Why a grant issued by a caregiver no longer stands, or empty when it does (or the patient, or the
     * patient's new key after a hand-over, issued it): ending a delegation ends the shares the
     * caregiver issued under it, from the next block on.
     */
    private static Optional<String> caregiverMayNoLongerShare(Context c, GrantRecord grant) {
        Ed25519PublicKey patient = grant.patient();
        Ed25519PublicKey issuer = grant.issuedBy();
        if (issuer.equals(patient) || c.view().isSuccessorOf(issuer, patient)) return Optional.empty();
        Optional<DelegationRecord> delegation = c.view().delegation(patient, issuer);
        if (delegation.isEmpty()) return Optional.of("there is no delegation from the patient to " + issuer);
        DelegationRecord d = delegation.get();
        if (d.allowsAt(DelegationScope.SHARE, c.time())) return Optional.empty();
        return Optional.of(switch (d.ended()) {
            case REVOKED -> "the delegation was revoked at height " + d.endedHeight();
            case HANDED_OVER -> "the delegation ended with the hand-over at height " + d.endedHeight();
            case NONE -> d.activeAt(c.time()) ? "the delegation (" + d.scope() + ") no longer allows sharing"
                    : "the delegation ended on its end date " + at(d.endsAt());
        });
    }

    private TxOutcome delegationGranted(Context c, DelegationGranted d) {
        if (!c.signer().equals(d.dependent())) {
            return rejected(UNAUTHORIZED, "Only the dependent's own key may grant a delegation of it.");
        }
        if (d.dependent().equals(d.caregiver())) return rejected(INVALID, "A key cannot delegate to itself.");
        if (!d.caregiver().isValidPoint()) return rejected(INVALID, "The caregiver key is not a valid Ed25519 public key.");
        if (c.view().handOver(d.caregiver()).isPresent()) {
            return rejected(KEY_RETIRED, "The caregiver key " + d.caregiver() + " was handed over; delegate to its new key.");
        }
        if (d.endsAt() <= c.time()) {
            return rejected(EXPIRED, "The delegation's end date " + at(d.endsAt()) + " is not after the block time " + at(c.time()) + ".");
        }
        boolean guardian = d.scope().allows(DelegationScope.HAND_OVER);
        long longest = (guardian ? DelegationGranted.MAX_GUARDIAN_LIFETIME : DelegationGranted.MAX_LIFETIME).toSeconds();
        if (d.endsAt() - c.time() > longest) {
            return rejected(INVALID, "The delegation's end date " + at(d.endsAt()) + " is too far: "
                    + (guardian ? "a guardian's delegation (with hand-over) may last at most " + longest / 86_400
                            + " days (18 years and 5 days)"
                            : "a delegation may last at most " + longest / 86_400 + " days (18 months); only one with "
                            + "hand-over, a minor's guardian's, may last until the 18th birthday")
                    + " after the block time " + at(c.time()) + ".");
        }
        DelegationRecord record = new DelegationRecord(d.dependent(), d.caregiver(), d.scope(), d.endsAt(),
                c.block().height(), DelegationRecord.Ending.NONE, 0);
        c.state().put(StateKey.delegation(d.dependent(), d.caregiver()), record.encode());
        return c.ok(new byte[0], "dependent", d.dependent().hex(), "caregiver", d.caregiver().hex());
    }

    private TxOutcome delegationRevoked(Context c, DelegationRevoked d) {
        Optional<DelegationRecord> record = c.view().delegation(d.dependent(), d.caregiver());
        if (record.isEmpty()) return rejected(NOT_FOUND, "There is no delegation from this dependent to this caregiver.");
        boolean allowed = c.signer().equals(d.dependent()) || c.signer().equals(d.caregiver())
                || c.view().isSuccessorOf(c.signer(), d.dependent());
        if (!allowed) {
            return rejected(UNAUTHORIZED, "Only the dependent (or its new key) or the caregiver may revoke this delegation.");
        }
        if (record.get().ended() != DelegationRecord.Ending.NONE) {
            return rejected(CONFLICT, "This delegation already ended at height " + record.get().endedHeight() + ".");
        }
        if (!record.get().activeAt(c.time())) {
            return rejected(EXPIRED, "This delegation already ended on its end date " + at(record.get().endsAt()) + ".");
        }
        c.state().put(StateKey.delegation(d.dependent(), d.caregiver()),
                record.get().endedAt(DelegationRecord.Ending.REVOKED, c.block().height()).encode());
        return c.ok(new byte[0], "dependent", d.dependent().hex(), "caregiver", d.caregiver().hex());
    }

    private TxOutcome handOver(Context c, HandOver h) {
        Optional<DelegationRecord> record = c.view().delegation(h.dependent(), h.caregiver());
        boolean bySelf = c.signer().equals(h.dependent());
        boolean byCaregiver = c.signer().equals(h.caregiver());
        if (!bySelf && !byCaregiver) {
            return rejected(UNAUTHORIZED, "Only the dependent's key or its caregiver may hand the dependent over.");
        }
        if (c.view().handOver(h.dependent()).isPresent()) {
            return rejected(KEY_RETIRED, "The dependent key was already handed over.");
        }
        if (record.isEmpty()) return rejected(NOT_FOUND, "There is no delegation from this dependent to this caregiver.");
        // The dependent's own key may move its identity whatever became of the delegation: a young
        // adult takes over after the guardian's delegation ended on the 18th birthday. A caregiver
        // may act only under an active delegation that allows it.
        if (!bySelf && record.get().ended() != DelegationRecord.Ending.NONE) {
            return rejected(CONFLICT, "This delegation already ended at height " + record.get().endedHeight() + ".");
        }
        if (!bySelf && !record.get().activeAt(c.time())) {
            return rejected(EXPIRED, "This delegation already ended on its end date " + at(record.get().endsAt()) + ".");
        }
        if (byCaregiver && !bySelf && !record.get().scope().allows(DelegationScope.HAND_OVER)) {
            return rejected(UNAUTHORIZED, "This delegation (" + record.get().scope() + ") does not allow the caregiver to take "
                    + "over the dependent's identity; only a delegation with hand-over, or the dependent's own key, may.");
        }
        Ed25519PublicKey fresh = h.newKey();
        if (fresh.equals(h.dependent()) || fresh.equals(h.caregiver())) {
            return rejected(INVALID, "The new key must be a fresh key, not the dependent's or the caregiver's.");
        }
        if (c.view().nonce(fresh).last() > 0 || c.view().handOver(fresh).isPresent()) {
            return rejected(INVALID, "The new key has already been used on the ledger; hand over to a fresh key.");
        }
        if (!h.newKeyAccepted(c.block().chainId())) {
            return rejected(BAD_SIGNATURE, "The new key did not sign its acceptance of this hand-over.");
        }
        if (record.get().activeAt(c.time())) {
            c.state().put(StateKey.delegation(h.dependent(), h.caregiver()),
                    record.get().endedAt(DelegationRecord.Ending.HANDED_OVER, c.block().height()).encode());
        }
        c.state().put(StateKey.handOver(h.dependent()), new HandOverRecord(fresh, h.caregiver(), c.block().height()).encode());
        return c.ok(new byte[0], "dependent", h.dependent().hex(), "caregiver", h.caregiver().hex(), "successor", fresh.hex());
    }

    private TxOutcome recordAnchored(Context c, RecordAnchored a) {
        Optional<AnchorRecord> earlier = c.view().anchor(c.signer(), a.recordHash());
        if (earlier.isPresent()) {
            return rejected(CONFLICT, "This provider already anchored this record at height " + earlier.get().height() + ".");
        }
        c.state().put(StateKey.anchor(c.signer(), a.recordHash()),
                new AnchorRecord(c.signer(), a.recordHash(), c.block().height(), c.time()).encode());
        return c.ok(new byte[0], "record", a.recordHash().hex());
    }

    private TxOutcome relayRegistered(Context c, RelayRegistered r) {
        if (!c.signer().equals(r.relay())) {
            return rejected(UNAUTHORIZED, "A relay registers itself: the transaction must be signed by the relay's key.");
        }
        String problem = GenesisState.RelayUrl.problem(r.url());
        if (problem != null) return rejected(INVALID, "The relay URL " + problem);
        OperatorSet operators = c.view().operators();
        if (operators.operators().isEmpty()) {
            return rejected(UNAUTHORIZED, "This consortium has no operator keys in its genesis, so no relay can be admitted.");
        }
        Set<Ed25519PublicKey> members = new HashSet<>(operators.operators());
        byte[] admission = RelayRegistered.admissionHash(c.block().chainId(), r.relay(), r.url());
        for (RelayApproval approval : r.approvals()) {
            if (!members.contains(approval.operator())) {
                return rejected(UNAUTHORIZED, approval.operator() + " is not one of the consortium's operator keys.");
            }
            if (!approval.operator().verify(admission, approval.signature())) {
                return rejected(BAD_SIGNATURE, "The approval by operator " + approval.operator() + " does not verify for this relay and URL.");
            }
        }
        int n = operators.operators().size();
        if (!operators.isSupermajority(r.approvals().size())) {
            return rejected(UNAUTHORIZED, r.approvals().size() + " of " + n + " operators approved; more than two thirds ("
                    + (2 * n / 3 + 1) + ") are needed.");
        }
        c.state().put(StateKey.relay(r.relay()), new RelayRecord(r.relay(), r.url(), c.block().height()).encode());
        return c.ok(new byte[0], "relay", r.relay().hex());
    }
}
