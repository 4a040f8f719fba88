package org.healthwallet.app.wallet;

import java.nio.file.Path;
import org.healthwallet.core.vault.RecoveryPhrase;
import org.healthwallet.core.vault.VaultException;

/**
 * The patient's wallet as the app finds it before it is open: there or not, to create, unlock or
 * restore. Every method may be slow (key derivation, disk) and must run off the FX thread.
 */
public interface WalletHome {
    /** Where the wallet is kept, to show the patient. */
    Path location();

    /** True when a wallet has been created here. */
    boolean exists();

    /** Creates the wallet; the phrase in the result is shown once and never stored. */
    NewWallet create(char[] passphrase) throws VaultException;

    OpenWallet unlock(char[] passphrase) throws VaultException;

    /** Rebuilds the wallet here from a backup file and the recovery phrase, under a new passphrase. */
    OpenWallet restore(Path backupFile, RecoveryPhrase phrase, char[] newPassphrase) throws VaultException;

    /** A wallet just created, open, with the recovery phrase to show once. */
    record NewWallet(OpenWallet wallet, RecoveryPhrase phrase) {}
}
