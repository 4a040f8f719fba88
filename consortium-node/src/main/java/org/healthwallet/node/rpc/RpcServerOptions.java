package org.healthwallet.node.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how an RPC server listens.
 *
 * @param host             the address to bind; loopback unless {@code allowNonLoopback}
 * @param port             1..65535, or 0 to pick a free port
 * @param allowNonLoopback bind a non-loopback address (exposes the node to the network)
 * @param maxBodyBytes     the largest request body accepted (CometBFT: 1,000,000)
 * @param commitTimeout    how long /broadcast_tx_commit waits for its block (CometBFT: 10 s)
 */
public record RpcServerOptions(String host, int port, boolean allowNonLoopback, int maxBodyBytes, Duration commitTimeout) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_MAX_BODY_BYTES = 1_000_000;
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofSeconds(10);

    public RpcServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The RPC port must be between 1 and 65535 (or 0 for any free port), not " + port + ".");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("The request body limit must be at least 1024 bytes.");
        }
        if (commitTimeout.isNegative() || commitTimeout.isZero()) {
            throw new IllegalArgumentException("The broadcast_tx_commit timeout must be positive.");
        }
    }

    /** Loopback on {@code port} with CometBFT's limits. */
    public static RpcServerOptions loopback(int port) {
        return new RpcServerOptions(LOOPBACK, port, false, DEFAULT_MAX_BODY_BYTES, DEFAULT_COMMIT_TIMEOUT);
    }
}
