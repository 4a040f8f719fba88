package org.healthwallet.node.devnet;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code healthwallet node devnet [--rpc-port PORT] [--data DIR] [--validators N]}.
 *
 * @param rpcPort    the primary's RPC port (witnesses on the next ports); 0 picks free ports.
 *                   CometBFT's usual port is {@value EmbeddedConsortiumOptions#DEFAULT_RPC_PORT}
 * @param dataDir    the network's folder (the launcher's default: the app data folder's {@code devnet})
 * @param validators 0 for what the folder holds (4 for a new network); 15 for the full consortium
 */
public record DevnetCommandOptions(int rpcPort, Path dataDir, int validators) {
    public DevnetCommandOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        if (rpcPort < 0 || rpcPort > 65535) {
            throw new IllegalArgumentException("--rpc-port must be between 1 and 65535 (or 0 for free ports), not " + rpcPort + ".");
        }
        if (validators < 0 || validators > DevNetworkOptions.MAX_VALIDATORS) {
            throw new IllegalArgumentException("--validators must be between 1 and " + DevNetworkOptions.MAX_VALIDATORS
                    + ", not " + validators + ".");
        }
    }
}
