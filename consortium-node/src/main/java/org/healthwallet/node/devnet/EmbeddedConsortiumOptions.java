package org.healthwallet.node.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a dev network with its RPC endpoints on loopback.
 *
 * @param dataDir            the network's data folder (the consortium file is written there too)
 * @param validators         0 for what the folder holds (or 4 for a new network)
 * @param rpcPort            the primary's port; witnesses take the next ports. 0 picks free ports
 * @param endpoints          how many validators answer RPC, each on its own port: the first is the
 *                           primary, the others witnesses (at most the number of validators)
 * @param emptyBlockInterval time between empty blocks; {@link Duration#ZERO} for none
 * @param relay              also run a share relay on loopback (in {@code dataDir/relay}), admitted on
 *                           the ledger with the network's operator keys and named in the consortium
 *                           file. It needs blocks to keep coming (a non-zero interval) to verify grants.
 */
public record EmbeddedConsortiumOptions(Path dataDir, int validators, int rpcPort, int endpoints,
                                        Duration emptyBlockInterval, boolean relay) {
    public static final int DEFAULT_ENDPOINTS = 3;
    public static final int DEFAULT_RPC_PORT = 26657;

    public EmbeddedConsortiumOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(emptyBlockInterval, "emptyBlockInterval");
        if (rpcPort < 0 || rpcPort > 65535) {
            throw new IllegalArgumentException("The RPC port must be between 1 and 65535 (or 0 for free ports), not "
                    + rpcPort + ".");
        }
        if (endpoints < 1) {
            throw new IllegalArgumentException("At least one RPC endpoint is needed.");
        }
    }

    /** Without a relay (the options before the relay existed). */
    public EmbeddedConsortiumOptions(Path dataDir, int validators, int rpcPort, int endpoints, Duration emptyBlockInterval) {
        this(dataDir, validators, rpcPort, endpoints, emptyBlockInterval, false);
    }

    /** What the app starts when no consortium file is given: free loopback ports, blocks every second, a relay. */
    public static EmbeddedConsortiumOptions embedded(Path dataDir) {
        return new EmbeddedConsortiumOptions(dataDir, 0, 0, DEFAULT_ENDPOINTS, DevNetworkOptions.DEFAULT_EMPTY_BLOCK_INTERVAL,
                true);
    }

    public EmbeddedConsortiumOptions withRelay(boolean withRelay) {
        return new EmbeddedConsortiumOptions(dataDir, validators, rpcPort, endpoints, emptyBlockInterval, withRelay);
    }
}
