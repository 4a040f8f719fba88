package org.healthwallet.node.relay;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a relay.
 *
 * @param dataDir   its folder: {@code relay-key} (mode 600), {@code relay.db}, {@code light.db}
 * @param host      the address to listen on; plain HTTP only on loopback, anything else needs {@code tls}
 * @param port      0 picks a free port
 * @param publicUrl the base URL links name (e.g. https://relay.example.org); empty means the listening address
 * @param tls       the certificate; empty means plain HTTP (loopback only)
 * @param tuning    limits and timings
 */
public record RelayOptions(Path dataDir, String host, int port, Optional<URI> publicUrl, Optional<TlsSettings> tls,
                           RelayTuning tuning) {
    public static final String LOOPBACK = "127.0.0.1";

    public RelayOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(tuning, "tuning");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The relay port must be between 1 and 65535 (or 0 for a free port), not " + port + ".");
        }
        publicUrl.ifPresent(u -> {
            if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new IllegalArgumentException("The relay's public URL must be an https:// address without query or fragment, not \"" + u + "\".");
            }
        });
    }

    /** Plain HTTP on a loopback port, default tuning: what the embedded dev network runs. */
    public static RelayOptions loopback(Path dataDir, int port) {
        return new RelayOptions(dataDir, LOOPBACK, port, Optional.empty(), Optional.empty(), RelayTuning.DEFAULT);
    }

    public RelayOptions withTuning(RelayTuning newTuning) {
        return new RelayOptions(dataDir, host, port, publicUrl, tls, newTuning);
    }

    public RelayOptions withTls(TlsSettings settings) {
        return new RelayOptions(dataDir, host, port, publicUrl, Optional.of(settings), tuning);
    }

    public RelayOptions withHost(String newHost) {
        return new RelayOptions(dataDir, newHost, port, publicUrl, tls, tuning);
    }

    public RelayOptions withPublicUrl(URI url) {
        return new RelayOptions(dataDir, host, port, Optional.of(url), tls, tuning);
    }
}
