package org.healthwallet.core.share;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.ledger.VerifiedState;
import org.healthwallet.ledger.state.SignerNonce;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Ed25519PublicKey;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.ledger.tx.Payload;
import org.healthwallet.ledger.tx.Transaction;

/**
 * Records grants and revocations on the consortium ledger over CometBFT's RPC: reads the patient's
 * last nonce with a proof checked against a light-client-verified header, signs the transaction
 * with the vault's identity key, submits it with {@code broadcast_tx_commit} and returns once it is
 * committed. Refusals of the ledger (codes of {@code docs/transactions.md}) become a
 * {@link ShareException} in the patient's words.
 *
 * <p>One instance per open wallet; calls are serialised so two of this wallet's transactions never
 * take the same nonce. After a transaction of its own is committed, the next one takes the following
 * nonce without reading it again (a read must wait for a header that commits to the new state). The
 * ledger still checks every nonce: if another holder of the key (the same wallet open in the app and
 * on the command line) got in between, the ledger refuses the nonce as used, and the transaction is
 * signed once more with the nonce read, proven, from the ledger.
 */
public final class RpcGrantLedger implements GrantLedger {
    /** The ledger's code for a nonce that is not the signer's next (docs/transactions.md). */
    static final long BAD_NONCE = 4;

    private final NodeRpc rpc;
    private final VerifiedState state;
    private final String chainId;
    private final PatientSigner signer;
    /** The nonce of this wallet's last transaction seen committed; 0 when not known (read it). */
    private long committedNonce;

    public RpcGrantLedger(NodeRpc rpc, VerifiedState state, String chainId, PatientSigner signer) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.state = Objects.requireNonNull(state, "state");
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** Over the consortium's primary node, proofs checked with {@code ledger}'s light client. */
    public static RpcGrantLedger of(LedgerConnection ledger, PatientSigner signer) {
        NodeRpc rpc = NodeRpc.of(ledger.config().primary());
        return new RpcGrantLedger(rpc, new VerifiedState(rpc, ledger, Duration.ofSeconds(15)), ledger.config().chainId(), signer);
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
            submit(revocation, "The revocation could not be recorded on the ledger");
        } catch (GoneAlready e) {
            // never recorded, or revoked before: nothing to withdraw
        }
    }

    /** The ledger has no such grant, or it is revoked: for a revoke, the grant is gone either way. */
    private static final class GoneAlready extends ShareException {
        GoneAlready(String message) {
            super(message);
        }
    }

    private synchronized void submit(Payload payload, String failure) throws ShareException {
        Ed25519PublicKey key = new Ed25519PublicKey(signer.publicKey());
        try {
            boolean remembered = committedNonce > 0;
            long nonce = (remembered ? committedNonce : lastNonce(key)) + 1;
            committedNonce = 0;
            NodeRpc.Broadcast result = rpc.broadcastCommit(signed(nonce, payload, key).encode());
            if (remembered && staleNonce(result)) {
                // Another holder of this key used the nonce: read it from the ledger and sign again.
                nonce = lastNonce(key) + 1;
                result = rpc.broadcastCommit(signed(nonce, payload, key).encode());
            }
            if (payload instanceof GrantRevoked && (gone(result.checkCode()) || gone(result.txCode()))) {
                throw new GoneAlready(failure + ": " + refusal(gone(result.checkCode()) ? result.checkCode() : result.txCode(),
                        gone(result.checkCode()) ? result.checkLog() : result.txLog()));
            }
            if (result.checkCode() != 0) {
                throw new ShareException(failure + ": " + refusal(result.checkCode(), result.checkLog()));
            }
            if (result.txCode() != 0) {
                throw new ShareException(failure + ": " + refusal(result.txCode(), result.txLog()));
            }
            if (result.height() <= 0) {
                throw new ShareException(failure + ": the ledger did not include it in a block in time. Try again.");
            }
            committedNonce = nonce;
        } catch (LedgerException e) {
            throw new ShareException(failure + ". " + e.getMessage(), e);
        }
    }

    /** The ledger has no such grant (6) or it is revoked already (7). */
    private static boolean gone(long code) {
        return code == 6 || code == 7;
    }

    /** The ledger refused the nonce as already used (CheckTx, or in the block when another got in first). */
    private static boolean staleNonce(NodeRpc.Broadcast result) {
        return result.checkCode() == BAD_NONCE || (result.checkCode() == 0 && result.txCode() == BAD_NONCE);
    }

    private long lastNonce(Ed25519PublicKey key) throws LedgerException {
        // Right is enough here, newest is not needed: the ledger refuses a nonce that is not the next.
        Optional<byte[]> value = state.readWithoutWaiting(StateKey.nonce(key)).value();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return SignerNonce.decode(value.get()).last();
        } catch (DecodeException e) {
            throw new LedgerException("The ledger holds a nonce HealthWallet cannot read (" + e.getMessage() + ").", e);
        }
    }

    /** The envelope's signing hash signed by the vault: the seed never leaves the vault. */
    private Transaction signed(long nonce, Payload payload, Ed25519PublicKey key) {
        Transaction unsigned = new Transaction(Transaction.VERSION, key, nonce, payload, new byte[64]);
        byte[] signature = signer.sign(unsigned.signingHash(chainId));
        return new Transaction(Transaction.VERSION, key, nonce, payload, signature);
    }

    /** The ledger's result codes (docs/transactions.md) in words a patient can act on. */
    static String refusal(long code, String log) {
        String words = switch ((int) code) {
            case 1, 2 -> "the ledger could not read the transaction";
            case 3 -> "the ledger did not accept this wallet's signature (is the wallet on the consortium's chain?)";
            case 4 -> "another transaction of this wallet got in first; try again";
            case 5 -> "this wallet's key is not allowed to do that";
            case 6 -> "the ledger has no such share";
            case 7 -> "the ledger already has this (already recorded or already revoked)";
            case 8 -> "the expiry has passed or is not in the future";
            case 9 -> "the share is revoked";
            case 10 -> "this wallet's key was handed over to a new key";
            case 11 -> "the ledger found a field meaningless";
            case 12 -> "the ledger is not ready yet";
            default -> "the ledger refused it (code " + code + ")";
        };
        return log.isBlank() ? words + "." : words + " (" + log + ").";
    }
}
