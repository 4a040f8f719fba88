package org.healthwallet.app.ledger;

import java.nio.file.Path;
import java.util.Optional;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerFile;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.VaultException;

/**
 * The ledger as the wallet's owner profile sees it: that profile's ledger file and a connection
 * to the consortium. What the {@code ledger} commands and the Ledger screen work with. Closing it
 * closes the file (the consortium source has its own owner).
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
     * Opens the owner profile's ledger file in {@code dataDir} and connects it to the consortium
     * (starting the embedded dev network if that is the source). Slow: never on the FX thread.
     *
     * @throws LedgerException when there is no wallet yet, or the file or the consortium cannot be used
     */
    public static ProfileLedger open(Path dataDir, ConsortiumSource source) throws LedgerException {
        Profiles profiles = new Profiles(dataDir);
        Optional<Profile> owner;
        try {
            owner = profiles.owner();
        } catch (VaultException e) {
            throw new LedgerException(e.getMessage(), e);
        }
        if (owner.isEmpty()) {
            throw new LedgerException("There is no wallet in " + dataDir + " yet; the ledger's verified headers are kept "
                    + "with your wallet's profile. Create one first ('healthwallet init').");
        }
        LedgerFile file = LedgerFile.open(LedgerFile.of(profiles, owner.get()));
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
