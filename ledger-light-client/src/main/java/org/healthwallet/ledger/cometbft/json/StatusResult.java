package org.healthwallet.ledger.cometbft.json;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Validator;

/**
 * The parts of /status a wallet uses. Nothing here is verified: it only says where the node is.
 *
 * @param network the chain id
 * @param validator the node's own validator key and power, when it is a validator (else empty)
 */
public record StatusResult(
        String nodeId,
        String network,
        String moniker,
        String version,
        long latestBlockHeight,
        Bytes latestBlockHash,
        Bytes latestAppHash,
        Instant latestBlockTime,
        long earliestBlockHeight,
        boolean catchingUp,
        Optional<Validator> validator) {
    public StatusResult {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(moniker, "moniker");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(latestBlockHash, "latestBlockHash");
        Objects.requireNonNull(latestAppHash, "latestAppHash");
        Objects.requireNonNull(latestBlockTime, "latestBlockTime");
        Objects.requireNonNull(validator, "validator");
    }
}
