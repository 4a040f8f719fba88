package org.healthwallet.node.relay;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code healthwallet node relay --consortium FILE --data DIR [--port P] [--host H] [--public-url URL]
 * [--tls-keystore F --tls-password-file F] [--approvals FILE] [--trusted-proxy ADDRESS]...}.
 *
 * @param consortium    the consortium file (chain id, checkpoint, primary and witnesses)
 * @param dataDir       the relay's folder (key, shares, verified headers)
 * @param port          where to listen (default {@value #DEFAULT_PORT}; 0 picks a free port)
 * @param host          the address to listen on (default loopback; others need TLS)
 * @param publicUrl     the https base URL that links name, when it differs from the listening address
 * @param tls           PKCS#12 certificate and the file holding its password
 * @param approvals     operators' approvals (JSON) to register this relay on the ledger, if it is not yet
 * @param trustedProxies reverse proxies (IP addresses) whose X-Forwarded-For names the client
 */
public record RelayCommandOptions(Path consortium, Path dataDir, int port, String host, Optional<URI> publicUrl,
                                  Optional<TlsSettings> tls, Optional<Path> approvals, List<String> trustedProxies) {
    public static final int DEFAULT_PORT = 8443;

    public RelayCommandOptions {
        Objects.requireNonNull(consortium, "consortium");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(approvals, "approvals");
        trustedProxies = List.copyOf(trustedProxies);
        for (String proxy : trustedProxies) {
            try {
                TrafficLimits.address(proxy);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--trusted-proxy must be an IP address, not \"" + proxy + "\".", e);
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 1 and 65535 (or 0 for a free port), not " + port + ".");
        }
    }

    /** Without trusted proxies. */
    public RelayCommandOptions(Path consortium, Path dataDir, int port, String host, Optional<URI> publicUrl,
                               Optional<TlsSettings> tls, Optional<Path> approvals) {
        this(consortium, dataDir, port, host, publicUrl, tls, approvals, List.of());
    }

    /** Loopback, port {@value #DEFAULT_PORT}, plain HTTP, no approvals. */
    public static RelayCommandOptions of(Path consortium, Path dataDir) {
        return new RelayCommandOptions(consortium, dataDir, DEFAULT_PORT, RelayOptions.LOOPBACK, Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
