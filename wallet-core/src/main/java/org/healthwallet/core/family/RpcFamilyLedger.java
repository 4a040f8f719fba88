package org.healthwallet.core.family;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.ledger.SignedTransactions;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.HandOverRecord;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Payload;

/**
 * {@link FamilyLedger} over the consortium's CometBFT RPC: transactions through
 * {@link SignedTransactions} (one per signing key, so each key's nonces stay in order), reads through
 * {@link LedgerState} (a proof against a header the wallet's light client verified).
 */
public final class RpcFamilyLedger implements FamilyLedger {
    private final LedgerConnection ledger;
    private final NodeRpc rpc;
    private final LedgerState state;
    private final Map<Ed25519PublicKey, SignedTransactions> signers = new HashMap<>();

    public RpcFamilyLedger(LedgerConnection ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rpc = NodeRpc.of(ledger.config().primary());
        this.state = new LedgerState(rpc, ledger, Duration.ofSeconds(15));
    }

    @Override
    public String chainId() {
        return ledger.config().chainId();
    }

    @Override
    public void submit(Ed25519PublicKey key, UnaryOperator<byte[]> sign, Payload payload, String failure)
            throws FamilyException {
        SignedTransactions transactions;
        synchronized (signers) {
            transactions = signers.computeIfAbsent(key,
                    k -> new SignedTransactions(rpc, state, ledger.config().chainId(), k, sign));
        }
        try {
            transactions.submit(payload, failure);
        } catch (SignedTransactions.Refused e) {
            throw new FamilyException(e.getMessage(), e);
        } catch (LedgerException e) {
            throw new FamilyException(failure + ". " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<DelegationRecord> delegation(Ed25519PublicKey dependent, Ed25519PublicKey caregiver)
            throws FamilyException {
        Optional<byte[]> value = read(StateKey.delegation(dependent, caregiver), "the delegation");
        try {
            return value.isEmpty() ? Optional.empty() : Optional.of(DelegationRecord.decode(value.get()));
        } catch (DecodeException e) {
            throw new FamilyException("The ledger holds a delegation HealthWallet cannot read (" + e.getMessage() + ").", e);
        }
    }

    @Override
    public Optional<HandOverRecord> handOver(Ed25519PublicKey key) throws FamilyException {
        Optional<byte[]> value = read(StateKey.handOver(key), "the hand-over");
        try {
            return value.isEmpty() ? Optional.empty() : Optional.of(HandOverRecord.decode(value.get()));
        } catch (DecodeException e) {
            throw new FamilyException("The ledger holds a hand-over HealthWallet cannot read (" + e.getMessage() + ").", e);
        }
    }

    private Optional<byte[]> read(StateKey key, String what) throws FamilyException {
        try {
            return state.read(key).value();
        } catch (LedgerException e) {
            throw new FamilyException("HealthWallet could not read " + what + " from the ledger with a proof. " + e.getMessage(), e);
        }
    }
}
