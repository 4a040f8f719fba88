package org.healthwallet.core.ledger;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.client.CometRpc;
import org.healthwallet.ledger.client.ProvenReadException;
import org.healthwallet.ledger.client.ProvenState;
import org.healthwallet.ledger.state.StateKey;

/**
 * The wallet's binding of {@link ProvenState} (the one proven, fresh read, in ledger-light-client)
 * to its {@link LedgerConnection}: headers come from the profile's light client, witnesses from
 * the consortium configuration, and a read that is not believed is a {@link LedgerException} whose
 * message names the node and the check that caught it. See ProvenState for the rules.
 */
public final class LedgerState {
    private final NodeRpc rpc;
    private final ProvenState proven;

    /** @param waitForBlock how long to wait for the header that commits to the state read (a block interval and more) */
    public LedgerState(NodeRpc rpc, LedgerConnection ledger, Duration waitForBlock) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        Objects.requireNonNull(ledger, "ledger");
        List<CometRpc> witnesses = ledger.config().witnesses().stream()
                .map(w -> CometRpc.create(w, Duration.ofSeconds(15))).toList();
        this.proven = new ProvenState(rpc.comet(), witnesses, new ConnectionHeaders(ledger), waitForBlock,
                ProvenState.DEFAULT_MAX_LAG);
    }

    /** The node whose answers are read (the consortium's primary), to name it when it lies. */
    public URI node() {
        return rpc.url();
    }

    /** A value proven present, or proven absent (empty). */
    public record Read(Optional<byte[]> value, long stateHeight, LedgerStatus.VerifiedHeight provenAgainst) {
    }

    /**
     * The value of {@code key} (empty when the ledger proves there is none), proven and fresh.
     *
     * @throws LedgerException when the node cannot be reached, the header cannot be verified in time,
     *                         the proof does not hold or the answer is stale (the node's answer is then not believed)
     */
    public Read read(StateKey key) throws LedgerException {
        return read(key, false);
    }

    /** As {@link #read}, but proven against the newest header when the newest block left the state as it was. */
    public Read readWithoutWaiting(StateKey key) throws LedgerException {
        return read(key, true);
    }

    private Read read(StateKey key, boolean unchangedWillDo) throws LedgerException {
        try {
            ProvenState.Reading r = unchangedWillDo ? proven.readWithoutWaiting(List.of(key)) : proven.read(List.of(key));
            ProvenState.VerifiedHeader h = r.provenAgainst();
            return new Read(r.get(key), r.stateHeight(),
                    new LedgerStatus.VerifiedHeight(h.height(), h.time(), h.headerHash(), h.appHash()));
        } catch (ProvenReadException e) {
            throw new LedgerException(e.getMessage(), e);
        }
    }

    /** The profile's light client, as a proven read asks it for headers. */
    private record ConnectionHeaders(LedgerConnection ledger) implements ProvenState.Headers {
        @Override
        public Optional<ProvenState.VerifiedHeader> known(long height) throws ProvenReadException {
            try {
                return ledger.verifiedAt(height).map(ConnectionHeaders::header);
            } catch (LedgerException e) {
                throw new ProvenReadException(ProvenReadException.Check.HEADER_VERIFIED, "the light client", e.getMessage(), e);
            }
        }

        @Override
        public ProvenState.VerifiedHeader verify(long height) throws ProvenReadException {
            try {
                Optional<LedgerStatus.VerifiedHeight> known = ledger.verifiedAt(height);
                if (known.isPresent()) {
                    return header(known.get());
                }
                LedgerStatus status = ledger.sync(SyncRequest.to(height), SyncProgress.NONE);
                if (status.lastOutcome() == SyncOutcome.ATTACK || status.lastOutcome() == SyncOutcome.TRUST_EXPIRED) {
                    throw new ProvenReadException(ProvenReadException.Check.HEADER_VERIFIED, status.primary(),
                            "The light client refused block " + height + ": " + status.lastMessage());
                }
                // The block exists: a sync that did not verify it failed for a reason a retry will not change.
                return header(ledger.verifiedAt(height).orElseThrow(() -> new ProvenReadException(
                        ProvenReadException.Check.HEADER_VERIFIED, status.primary(), "The ledger's block " + height
                        + " could not be verified: " + status.lastMessage())));
            } catch (LedgerException e) {
                throw new ProvenReadException(ProvenReadException.Check.HEADER_VERIFIED, "the light client", e.getMessage(), e);
            }
        }

        @Override
        public Optional<ProvenState.VerifiedHeader> verifyIfPossible(long height) throws ProvenReadException {
            try {
                Optional<LedgerStatus.VerifiedHeight> known = ledger.verifiedAt(height);
                if (known.isPresent()) {
                    return known.map(ConnectionHeaders::header);
                }
                LedgerStatus status = ledger.sync(SyncRequest.to(height), SyncProgress.NONE);
                if (status.lastOutcome() == SyncOutcome.ATTACK || status.lastOutcome() == SyncOutcome.TRUST_EXPIRED) {
                    throw new ProvenReadException(ProvenReadException.Check.HEADER_VERIFIED, status.primary(),
                            "The light client refused block " + height + ": " + status.lastMessage());
                }
                return ledger.verifiedAt(height).map(ConnectionHeaders::header);
            } catch (LedgerException e) {
                throw new ProvenReadException(ProvenReadException.Check.HEADER_VERIFIED, "the light client", e.getMessage(), e);
            }
        }

        private static ProvenState.VerifiedHeader header(LedgerStatus.VerifiedHeight h) {
            return new ProvenState.VerifiedHeader(h.height(), h.time(), h.headerHash(), h.appHash());
        }
    }
}
