package org.healthwallet.app.wallet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.healthwallet.app.AppConfig;
import org.healthwallet.core.family.FamilyBackup;
import org.healthwallet.core.vault.CreatedVault;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.RecoveryPhrase;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.core.vault.VaultNotFoundException;

/**
 * The patient's own profile in the configured data folder, opened through the real vault. (A
 * later issue adds dependents' profiles beside it; they live in the same {@link Profiles} list.)
 */
public final class VaultHome implements WalletHome {
    private final AppConfig config;
    private final Profiles profiles;

    public VaultHome(AppConfig config) {
        this.config = config;
        this.profiles = new Profiles(config.dataDir());
    }

    public AppConfig config() {
        return config;
    }

    @Override
    public Path location() {
        return config.dataDir();
    }

    @Override
    public boolean exists() {
        try {
            return ownerVault().isPresent();
        } catch (VaultException damagedList) {
            // Something is there; unlocking says what is wrong with it.
            return true;
        }
    }

    @Override
    public NewWallet create(char[] passphrase) throws VaultException {
        Path file = freshOwnerFile();
        CreatedVault created = Vault.create(file, passphrase, config.kdf());
        return new NewWallet(new VaultWallet(created.vault(), config.kdf()), created.phrase());
    }

    @Override
    public OpenWallet unlock(char[] passphrase) throws VaultException {
        Path file = ownerVault().orElseThrow(() -> new VaultNotFoundException(config.dataDir()));
        return new VaultWallet(Vault.unlock(file, passphrase), config.kdf());
    }

    @Override
    public OpenWallet restore(Path backupFile, RecoveryPhrase phrase, char[] newPassphrase) throws VaultException {
        Path file = freshOwnerFile();
        if (FamilyBackup.isFamilyBackup(backupFile)) {
            return new VaultWallet(FamilyBackup.restore(backupFile, phrase, file, newPassphrase, config.kdf(), profiles),
                    config.kdf());
        }
        return new VaultWallet(Vault.restore(backupFile, phrase, file, newPassphrase, config.kdf()), config.kdf());
    }

    /** The owner's vault file, when the owner's profile exists and its vault was written. */
    private Optional<Path> ownerVault() throws VaultException {
        return profiles.owner().map(profiles::vaultFile).filter(Files::isRegularFile);
    }

    /**
     * Where a new owner's vault goes. Refuses when there is one already. A profile listed without
     * its vault (a create that failed half way) is reused rather than left dangling.
     */
    private Path freshOwnerFile() throws VaultException {
        Optional<Profile> owner = profiles.owner();
        if (owner.isPresent() && Files.exists(profiles.vaultFile(owner.get()))) {
            throw new VaultException("A wallet already exists in " + config.dataDir()
                    + "; unlock it, or choose another folder.");
        }
        Profile profile = owner.isPresent() ? owner.get() : profiles.create("");
        return profiles.vaultFile(profile);
    }
}
