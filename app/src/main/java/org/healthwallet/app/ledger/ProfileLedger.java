package org.healthwallet.app.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerFile;
import org.healthwallet.app.wallet.Caregiving;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.PublicTables;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.WrongPassphraseException;
import org.healthwallet.ledger.client.RowSeal;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.VaultException;

/**
 * The ledger as the wallet's owner profile sees it: the ledger store in that profile's vault file
 * (public headers, each row sealed under a key of the unlocked owner's, see {@link #sealOf}) and a
 * connection to the consortium. A consortium file is pinned at its first use and a changed one is
 * refused ({@link LedgerConnection#checkConsortium}); the embedded dev network's, which the app
 * writes itself, is not pinned. What the {@code ledger} commands and the Ledger screen work with. Closing it closes
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
    public static ProfileLedger open(Path dataDir, ConsortiumSource source, RowSeal seal) throws LedgerException {
        ProfileLedger ledger = openUnpinned(dataDir, source, seal);
        try {
            if (source.file().isPresent()) {
                ledger.connection.checkConsortium(source.file().get().toString());
            }
            return ledger;
        } catch (LedgerException | RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    /**
     * As {@link #open} without comparing the consortium file with the pinned one: for accepting a
     * new file deliberately ({@link LedgerConnection#acceptConsortium}), and nothing else.
     */
    public static ProfileLedger openUnpinned(Path dataDir, ConsortiumSource source, RowSeal seal) throws LedgerException {
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
        LedgerFile file = LedgerFile.open(vaultFile, seal);
        try {
            return new ProfileLedger(file, LedgerConnection.overHttp(source.config(), file), source);
        } catch (LedgerException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * The seal of the ledger rows in the owner's file: the owner's own vault, also when {@code wallet}
     * is a dependent's opened by the owner as caregiver.
     *
     * @throws LedgerException for a wallet that is not a real vault
     */
    public static RowSeal sealOf(OpenWallet wallet) throws LedgerException {
        Optional<Vault> owner = wallet.caregiving().map(Caregiving::caregiver).or(wallet::vault);
        return owner.orElseThrow(() -> new LedgerException("This wallet has no ledger of its own.")).ledgerSeal();
    }

    /**
     * Checks {@code passphrase} against the owner's wallet file, for a change of what the ledger
     * trusts (a new trust root) made from an already unlocked app: the person at the screen proves
     * they hold it. Takes no lock, writes nothing; the caller wipes the passphrase.
     *
     * @throws LedgerException when it does not open the wallet
     */
    public void confirmPassphrase(char[] passphrase) throws LedgerException {
        try {
            PublicTables.sealOf(file.path(), passphrase);
        } catch (WrongPassphraseException e) {
            throw new LedgerException("The passphrase does not open this wallet; the trust root was not changed.", e);
        } catch (VaultException e) {
            throw new LedgerException(e.getMessage(), e);
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
