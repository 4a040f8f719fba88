package org.healthwallet.node.abci;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the ledger behind CometBFT: {@code healthwallet node abci --port PORT --data DIR
 * [--host HOST]}. The host defaults to loopback because CometBFT normally runs beside the app.
 *
 * @param host             the address to bind; loopback unless {@code allowNonLoopback}
 * @param port             1..65535, or 0 to pick a free port (tests)
 * @param allowNonLoopback bind a non-loopback address (ABCI has no authentication: anyone who
 *                         reaches the port can drive the ledger)
 */
public record AbciNodeOptions(String host, int port, Path dataDir, boolean allowNonLoopback) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 26658;

    public AbciNodeOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("The port must be between 1 and 65535.");
    }

    /** Loopback on {@code port}. */
    public AbciNodeOptions(int port, Path dataDir) {
        this(DEFAULT_HOST, port, dataDir, false);
    }
}
