package org.healthwallet.core.ledger;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.ProofOp;
import org.healthwallet.ledger.state.ProofVerdict;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.ledger.tx.DecodeException;

/**
 * Reads ledger state the wallet can trust: a node's {@code abci_query} answer counts only when its
 * proof leads to the app hash of a header the light client verified. The state after block H is
 * committed to by header H + 1, so a read waits (briefly) for that block and verifies it first.
 *
 * <p>{@link #readWithoutWaiting} is for a value the wallet only needs to be right, not newest (the
 * signer's nonce, which the ledger checks again anyway): when block H changed nothing, header H,
 * which exists already, commits to the same state (it carries the app hash after block H - 1), so
 * the proof is first checked against header H and, when it holds, the value is proven without
 * waiting up to a block interval for header H + 1. When it does not (block H changed the state),
 * that proves nothing against the node, and the read goes on as {@link #read}. {@link #read} always
 * verifies header H + 1, so the light client also moves past the node's newest state (the access
 * log relies on that: a fork that starts there is caught by the witnesses at once).
 */
public final class VerifiedState {
    private final NodeRpc rpc;
    private final LedgerConnection ledger;
    private final Duration waitForBlock;

    /** @param waitForBlock how long to wait for the header that commits to the state read (a block interval and more) */
    public VerifiedState(NodeRpc rpc, LedgerConnection ledger, Duration waitForBlock) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.waitForBlock = Objects.requireNonNull(waitForBlock, "waitForBlock");
    }

    /** The node whose answers are read (the consortium's primary), to name it when it lies. */
    public URI node() {
        return rpc.url();
    }

    /** A value proven present, or proven absent (empty). */
    public record Read(Optional<byte[]> value, long stateHeight, LedgerStatus.VerifiedHeight provenAgainst) {
    }

    /**
     * The value of {@code key} (empty when the ledger proves there is none).
     *
     * @throws LedgerException when the node cannot be reached, the header cannot be verified in time,
     *                         or the proof does not hold (the node's answer is then not believed)
     */
    public Read read(StateKey key) throws LedgerException {
        return read(key, false);
    }

    /**
     * As {@link #read}, but proven against the newest header when the newest block left the state as
     * it was, so it does not wait for the next block (see the class comment).
     */
    public Read readWithoutWaiting(StateKey key) throws LedgerException {
        return read(key, true);
    }

    private Read read(StateKey key, boolean unchangedWillDo) throws LedgerException {
        AbciQueryResult answer = rpc.query(key);
        if (answer.code() != 0) {
            throw new LedgerException("The ledger node " + rpc.url() + " could not read the ledger state (code "
                    + answer.code() + ": " + answer.log() + ").");
        }
        Optional<byte[]> value = answer.value().isEmpty() ? Optional.empty() : Optional.of(answer.value().toArray());
        StateProof proof = proofOf(answer, key);
        if (unchangedWillDo && answer.height() >= 1 && ledger.verifiedAt(answer.height() + 1).isEmpty()) {
            Optional<LedgerStatus.VerifiedHeight> current = verifiedIfMade(answer.height());
            if (current.isPresent() && proof.verify(current.get().appHash().toArray(), key, value) instanceof ProofVerdict.Valid) {
                return new Read(value, answer.height() - 1, current.get());
            }
        }
        LedgerStatus.VerifiedHeight header = verifiedHeader(answer.height() + 1);
        ProofVerdict verdict = proof.verify(header.appHash().toArray(), key, value);
        if (verdict instanceof ProofVerdict.Invalid invalid) {
            throw new LedgerException("The ledger node " + rpc.url() + " answered with state that the verified ledger"
                    + " does not show: the proof it sent does not match block " + header.height() + ", whose header the"
                    + " light client verified (" + invalid.reason() + "). HealthWallet did not use it.");
        }
        return new Read(value, answer.height(), header);
    }

    private StateProof proofOf(AbciQueryResult answer, StateKey key) throws LedgerException {
        List<ProofOp> ops = answer.proofOps();
        if (ops.size() != 1 || !ops.get(0).type().equals(StateProof.PROOF_OP_TYPE)
                || !java.util.Arrays.equals(ops.get(0).key().toArray(), key.bytes())) {
            throw new LedgerException("The ledger node " + rpc.url() + " answered without a proof HealthWallet can check.");
        }
        try {
            return StateProof.decode(ops.get(0).data().toArray());
        } catch (DecodeException e) {
            throw new LedgerException("The ledger node " + rpc.url() + " sent a damaged state proof (" + e.getMessage() + ").", e);
        }
    }

    /**
     * Header {@code height}, verified, if the light client can verify it now (the node answered from
     * that height, so it should exist); empty when it cannot, and the caller goes the long way.
     */
    private Optional<LedgerStatus.VerifiedHeight> verifiedIfMade(long height) throws LedgerException {
        Optional<LedgerStatus.VerifiedHeight> known = ledger.verifiedAt(height);
        if (known.isPresent()) {
            return known;
        }
        LedgerStatus status = ledger.sync(SyncRequest.to(height), SyncProgress.NONE);
        if (status.lastOutcome() == SyncOutcome.ATTACK || status.lastOutcome() == SyncOutcome.TRUST_EXPIRED) {
            throw new LedgerException("The light client refused block " + height + ": " + status.lastMessage());
        }
        return ledger.verifiedAt(height);
    }

    /** Verifies header {@code height} with the light client, waiting for it to be made if need be. */
    private LedgerStatus.VerifiedHeight verifiedHeader(long height) throws LedgerException {
        long deadline = System.nanoTime() + waitForBlock.toNanos();
        while (true) {
            Optional<LedgerStatus.VerifiedHeight> known = ledger.verifiedAt(height);
            if (known.isPresent()) {
                return known.get();
            }
            // Ask the light client only once the block exists, so a wait leaves no failed sync on record.
            if (rpc.latestHeight() < height) {
                if (System.nanoTime() > deadline) {
                    throw new LedgerException("The ledger made no block " + height + " in time; try again.");
                }
                pause();
                continue;
            }
            LedgerStatus status = ledger.sync(SyncRequest.to(height), SyncProgress.NONE);
            if (status.lastOutcome() == SyncOutcome.ATTACK || status.lastOutcome() == SyncOutcome.TRUST_EXPIRED) {
                throw new LedgerException("The light client refused block " + height + ": " + status.lastMessage());
            }
            // The block exists: a sync that did not verify it failed for a reason a retry will not change.
            return ledger.verifiedAt(height).orElseThrow(() -> new LedgerException("The ledger's block " + height
                    + " could not be verified: " + status.lastMessage()));
        }
    }

    private static void pause() throws LedgerException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("Waiting for the ledger was interrupted.", e);
        }
    }
}
