package org.healthwallet.node.relay;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The relay's certificate: a PKCS#12 keystore and a file holding its password (one line; a trailing
 * newline is ignored). The password is never an argument on the command line.
 */
public record TlsSettings(Path keystore, Path passwordFile) {
    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }
}
