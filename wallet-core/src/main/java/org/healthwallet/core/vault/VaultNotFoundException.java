package org.healthwallet.core.vault;

import java.nio.file.Path;

/** No wallet file where one was expected. */
public final class VaultNotFoundException extends VaultException {
    public VaultNotFoundException(Path file) { super("There is no wallet at " + file + "."); }
}
