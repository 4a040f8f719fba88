package org.healthwallet.core.vault;

/** The wallet was written by a newer HealthWallet whose file format this version does not know. */
public final class VaultTooNewException extends VaultException {
    public VaultTooNewException(int fileVersion, int knownVersion) {
        super("This wallet was saved by a newer version of HealthWallet (file format " + fileVersion
                + "; this version reads up to " + knownVersion + "). Update HealthWallet to open it.");
    }
}
