package org.healthwallet.core.vault;

/** Another window or process holds the wallet open; two writers would corrupt each other's view. */
public final class VaultInUseException extends VaultException {
    public VaultInUseException() {
        super("This wallet is already open in another HealthWallet window or process. Close it there first.");
    }
}
