package org.healthwallet.core.share;

import java.util.Objects;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.ledger.SignedTransactions;
import org.healthwallet.core.ledger.VerifiedState;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.ledger.tx.Payload;

/**
 * Records grants and revocations on the consortium ledger with the patient's key (or a caregiver's
 * under a delegation): {@link SignedTransactions} signs with the vault's identity, submits and
 * waits for the commit; a refusal becomes a {@link ShareException} in the patient's words.
 */
public final class RpcGrantLedger implements GrantLedger {
    /** The ledger's code for a nonce that is not the signer's next (docs/transactions.md). */
    static final long BAD_NONCE = SignedTransactions.BAD_NONCE;

    private final SignedTransactions transactions;

    public RpcGrantLedger(SignedTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public RpcGrantLedger(NodeRpc rpc, VerifiedState state, String chainId, PatientSigner signer) {
        this(new SignedTransactions(rpc, state, chainId, new Ed25519PublicKey(signer.publicKey()), signer::sign));
    }

    /** Over the consortium's primary node, proofs checked with {@code ledger}'s light client. */
    public static RpcGrantLedger of(LedgerConnection ledger, PatientSigner signer) {
        return new RpcGrantLedger(SignedTransactions.of(ledger, new Ed25519PublicKey(signer.publicKey()), signer::sign));
    }

    @Override
    public void issue(GrantIssued grant) throws ShareException {
        submit(grant, "The share could not be recorded on the ledger");
    }

    @Override
    public void revoke(GrantRevoked revocation) throws ShareException {
        submit(revocation, "The revocation could not be recorded on the ledger");
    }

    @Override
    public void withdraw(GrantRevoked revocation) throws ShareException {
        try {
            transactions.submit(revocation, "The revocation could not be recorded on the ledger");
        } catch (SignedTransactions.Refused e) {
            // The ledger has no such grant (6) or it is revoked already (7): gone either way.
            if (e.code() != 6 && e.code() != 7) {
                throw new ShareException(e.getMessage(), e);
            }
        } catch (LedgerException e) {
            throw new ShareException("The revocation could not be recorded on the ledger. " + e.getMessage(), e);
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
