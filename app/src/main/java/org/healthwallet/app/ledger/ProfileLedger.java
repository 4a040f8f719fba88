package org.healthwallet.app.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerFile;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.VaultException;

/**
 * The ledger as the wallet's owner profile sees it: the ledger store in that profile's vault file
 * (public headers, opened without the passphrase, locked or not) and a connection to the
 * consortium. What the {@code ledger} commands and the Ledger screen work with. Closing it closes
 * the ledger's connection to the file, never the vault's (the consortium source has its own owner).
 */
public final class ProfileLedger implements AutoCloseable {
    private final LedgerFile file;
    private final LedgerConnection connection;
    private final ConsortiumSource source;

    private ProfileLedger(LedgerFile file, LedgerConnection connection, ConsortiumSource source) {
        this.file = file;
        this.connection = connection;
        this.source = source;
    }

    /**
     * Opens the ledger store in the owner profile's vault file in {@code dataDir} and connects it to
     * the consortium (starting the embedded dev network if that is the source). Slow: never on the
     * FX thread.
     *
     * @throws LedgerException when there is no wallet yet (no owner profile, or its vault file was
     *                         never made), or the file or the consortium cannot be used
     */
    public static ProfileLedger open(Path dataDir, ConsortiumSource source) throws LedgerException {
        Profiles profiles = new Profiles(dataDir);
        Optional<Profile> owner;
        try {
            owner = profiles.owner();
        } catch (VaultException e) {
            throw new LedgerException(e.getMessage(), e);
        }
        Path vaultFile = owner.map(o -> LedgerFile.of(profiles, o)).orElse(null);
        if (vaultFile == null || !Files.exists(vaultFile)) {
            throw new LedgerException("There is no wallet in " + dataDir + " yet; the ledger's verified headers are kept "
                    + "in your wallet's file. Create one first ('healthwallet init').");
        }
        LedgerFile file = LedgerFile.open(vaultFile);
        try {
            return new ProfileLedger(file, LedgerConnection.overHttp(source.config(), file), source);
        } catch (LedgerException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public LedgerConnection connection() {
        return connection;
    }

    public ConsortiumSource source() {
        return source;
    }

    @Override
    public void close() {
        file.close();
    }
}
