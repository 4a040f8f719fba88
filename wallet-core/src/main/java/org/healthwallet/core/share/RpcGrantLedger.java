package org.healthwallet.core.share;

import java.time.Duration;
import java.util.Objects;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.ledger.SignedTransactions;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.ledger.tx.Payload;

/**
 * Records grants and revocations on the consortium ledger with the patient's key (or a caregiver's
 * under a delegation): {@link SignedTransactions} signs with the vault's identity, submits and
 * waits for the commit; a refusal becomes a {@link ShareException} in the patient's words. A
 * revocation counts only once {@link LedgerState} proves it in the state, so a node that only says
 * "committed" cannot make the wallet tell the patient a link is dead while it still opens.
 */
public final class RpcGrantLedger implements GrantLedger {
    /** The ledger's code for a nonce that is not the signer's next (docs/transactions.md). */
    static final long BAD_NONCE = SignedTransactions.BAD_NONCE;

    /** The ledger's code for a grant that does not exist. */
    private static final long NOT_FOUND = 6;
    /** The ledger's code for a grant revoked already. */
    private static final long CONFLICT = 7;

    private final SignedTransactions transactions;
    private final LedgerState state;

    /** @param state the proven reads that confirm a revocation (the same node and light client as {@code transactions}) */
    public RpcGrantLedger(SignedTransactions transactions, LedgerState state) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.state = Objects.requireNonNull(state, "state");
    }

    public RpcGrantLedger(NodeRpc rpc, LedgerState state, String chainId, PatientSigner signer) {
        this(new SignedTransactions(rpc, state, chainId, new Ed25519PublicKey(signer.publicKey()), signer::sign), state);
    }

    /** Over the consortium's primary node, proofs checked with {@code ledger}'s light client. */
    public static RpcGrantLedger of(LedgerConnection ledger, PatientSigner signer) {
        NodeRpc rpc = NodeRpc.of(ledger.config().primary());
        return new RpcGrantLedger(rpc, new LedgerState(rpc, ledger, Duration.ofSeconds(15)), ledger.config().chainId(), signer);
    }

    @Override
    public void issue(GrantIssued grant) throws ShareException {
        submit(grant, "The share could not be recorded on the ledger");
    }

    @Override
    public void revoke(GrantRevoked revocation) throws ShareException {
        String failure = "The revocation could not be recorded on the ledger";
        try {
            transactions.submit(revocation, failure);
        } catch (SignedTransactions.Refused e) {
            // Revoked already (an earlier attempt got there): the proven read below decides.
            if (e.code() != CONFLICT) {
                throw new ShareException(e.getMessage(), e);
            }
        } catch (LedgerException e) {
            throw new ShareException(e.getMessage().startsWith(failure) ? e.getMessage() : failure + ". " + e.getMessage(), e);
        }
        if (!provenRevoked(revocation.shareId(), failure)) {
            throw new ShareException(failure + ": the node " + state.node() + " said it was committed, but the verified"
                    + " ledger does not show the grant revoked. Try again; the link may still open until it does.");
        }
    }

    @Override
    public void withdraw(GrantRevoked revocation) throws ShareException {
        String failure = "The revocation could not be recorded on the ledger";
        try {
            transactions.submit(revocation, failure);
        } catch (SignedTransactions.Refused e) {
            // The ledger has no such grant (6) or it is revoked already (7): gone either way, once proven.
            if (e.code() != NOT_FOUND && e.code() != CONFLICT) {
                throw new ShareException(e.getMessage(), e);
            }
        } catch (LedgerException e) {
            throw new ShareException(failure + ". " + e.getMessage(), e);
        }
        if (!provenRevoked(revocation.shareId(), failure) && provenValue(StateKey.grant(revocation.shareId()), failure)) {
            throw new ShareException(failure + ": the node " + state.node() + " answered, but the verified ledger still"
                    + " shows the grant standing. Try again.");
        }
    }

    private boolean provenRevoked(Digest shareId, String failure) throws ShareException {
        return provenValue(StateKey.revocation(shareId), failure);
    }

    /** Whether {@code key} holds a value, read with a proof against a header the light client verified. */
    private boolean provenValue(StateKey key, String failure) throws ShareException {
        try {
            return state.read(key).value().isPresent();
        } catch (LedgerException e) {
            throw new ShareException(failure + ": it could not be checked on the verified ledger. " + e.getMessage(), e);
        }
    }

    private void submit(Payload payload, String failure) throws ShareException {
        try {
            transactions.submit(payload, failure);
        } catch (SignedTransactions.Refused e) {
            throw new ShareException(e.getMessage(), e);
        } catch (LedgerException e) {
            throw new ShareException(e.getMessage().startsWith(failure) ? e.getMessage() : failure + ". " + e.getMessage(), e);
        }
    }

    /** The ledger's result codes (docs/transactions.md) in words a patient can act on. */
    static String refusal(long code, String log) {
        return SignedTransactions.refusal(code, log);
    }
}
