package org.healthwallet.core.ledger;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.SignerNonce;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Payload;
import org.healthwallet.ledger.tx.Transaction;

/**
 * One key's transactions to the consortium ledger over CometBFT's RPC: reads the key's last nonce
 * with a proof checked against a light-client-verified header, signs with the key (the seed never
 * leaves its holder: {@code sign} is the vault's), submits with {@code broadcast_tx_commit} and
 * returns once committed. A refusal becomes a {@link Refused} with the ledger's code and the reason
 * in a patient's words.
 *
 * <p>Calls are serialised so two transactions of this key never take the same nonce. After one is
 * committed the next takes the following nonce without reading it again; if another holder of the
 * key got in between (the same wallet open in the app and on the command line), the ledger refuses
 * the nonce as used and the transaction is signed once more with the nonce read, proven.
 */
public final class SignedTransactions {
    /** The ledger's code for a nonce that is not the signer's next (docs/transactions.md). */
    public static final long BAD_NONCE = 4;
    /** The ledger's code for a signer that may not do what it asked. */
    public static final long UNAUTHORIZED = 5;

    /** The ledger refused the transaction: {@code code} as docs/transactions.md lists them. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final long code;

        Refused(long code, String message) {
            super(message);
            this.code = code;
        }

        public long code() {
            return code;
        }
    }

    private final NodeRpc rpc;
    private final LedgerState state;
    private final String chainId;
    private final Ed25519PublicKey key;
    private final UnaryOperator<byte[]> sign;
    /** The nonce of this key's last transaction seen committed; 0 when not known (read it). */
    private long committedNonce;

    public SignedTransactions(NodeRpc rpc, LedgerState state, String chainId, Ed25519PublicKey key,
                              UnaryOperator<byte[]> sign) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.state = Objects.requireNonNull(state, "state");
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.key = Objects.requireNonNull(key, "key");
        this.sign = Objects.requireNonNull(sign, "sign");
    }

    /** Over the consortium's primary node, proofs checked with {@code ledger}'s light client. */
    public static SignedTransactions of(LedgerConnection ledger, Ed25519PublicKey key, UnaryOperator<byte[]> sign) {
        NodeRpc rpc = NodeRpc.of(ledger.config().primary());
        return new SignedTransactions(rpc, new LedgerState(rpc, ledger, Duration.ofSeconds(15)),
                ledger.config().chainId(), key, sign);
    }

    public Ed25519PublicKey key() {
        return key;
    }

    /**
     * Signs, submits and waits for the commit of {@code payload}.
     *
     * @param failure the sentence that opens the message when it fails ("The delegation could not be recorded")
     * @throws Refused the ledger refused it (code and reason)
     * @throws LedgerException the ledger could not be reached or did not commit it in time
     */
    public synchronized long submit(Payload payload, String failure) throws Refused, LedgerException {
        boolean remembered = committedNonce > 0;
        long nonce = (remembered ? committedNonce : lastNonce()) + 1;
        committedNonce = 0;
        NodeRpc.Broadcast result = rpc.broadcastCommit(signed(nonce, payload).encode());
        if (remembered && staleNonce(result)) {
            nonce = lastNonce() + 1;
            result = rpc.broadcastCommit(signed(nonce, payload).encode());
        }
        if (result.checkCode() != 0) {
            throw new Refused(result.checkCode(), failure + ": " + refusal(result.checkCode(), result.checkLog()));
        }
        if (result.txCode() != 0) {
            throw new Refused(result.txCode(), failure + ": " + refusal(result.txCode(), result.txLog()));
        }
        if (result.height() <= 0) {
            throw new LedgerException(failure + ": the ledger did not include it in a block in time. Try again.");
        }
        committedNonce = nonce;
        return result.height();
    }

    private static boolean staleNonce(NodeRpc.Broadcast result) {
        return result.checkCode() == BAD_NONCE || (result.checkCode() == 0 && result.txCode() == BAD_NONCE);
    }

    private long lastNonce() throws LedgerException {
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

    private Transaction signed(long nonce, Payload payload) {
        Transaction unsigned = new Transaction(Transaction.VERSION, key, nonce, payload, new byte[64]);
        byte[] signature = sign.apply(unsigned.signingHash(chainId));
        return new Transaction(Transaction.VERSION, key, nonce, payload, signature);
    }

    /** The ledger's result codes (docs/transactions.md) in words a patient can act on. */
    public static String refusal(long code, String log) {
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
