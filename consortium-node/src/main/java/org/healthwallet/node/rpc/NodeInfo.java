package org.healthwallet.node.rpc;

import java.util.Objects;
import org.healthwallet.ledger.cometbft.Validator;

/**
 * Who answers on an RPC endpoint, for /status: the node's id (40 lower-case hex digits), a
 * human name, the chain, the validator it runs, and the software and application versions.
 */
public record NodeInfo(String nodeId, String moniker, String chainId, Validator validator, String version,
                       long appVersion, String appName, String appVersionText) {
    public NodeInfo {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(moniker, "moniker");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(appVersionText, "appVersionText");
    }
}
