package org.healthwallet.core.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import org.healthwallet.core.crypto.AesGcmKey;
import org.healthwallet.core.crypto.Hkdf;
import org.healthwallet.ledger.client.RowSeal;
import org.healthwallet.ledger.client.TrustedStore;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The public part of a vault file: the consortium ledger's verified light blocks
 * ({@code ledger_light_blocks}) and the notes about syncing them ({@code ledger_notes}). Ledger
 * headers are public data, written by every node of the consortium, so they are kept in clear, on
 * a connection of their own (the command line syncs while the app has the wallet open). Which of
 * them the wallet trusts is not public to change: since migration 4 every row carries a MAC under
 * a key only the passphrase reaches ({@link #sealOf}), checked on every read. Nothing about the
 * patient goes in these tables; the wallet's own tables stay sealed and are not touched through
 * this connection.
 *
 * <p>Schema migration 2 makes the tables, so every vault file of this version has them and the
 * vault's format checks cover them; {@link #open} never creates or changes a table. A file of an
 * older format is upgraded only by {@link Vault#unlock} (after its passphrase proved right), never
 * by opening the tables.
 */
public final class PublicTables {
    /** The tables a connection from {@link #open} may read and write; the wallet's own stay sealed. */
    public static final List<String> TABLES = List.of("ledger_light_blocks", "ledger_notes");

    /**
     * The vault item that says this file's ledger rows are sealed (its summary counts it, so it
     * cannot be deleted unseen): a file put back to the format before the seals is then refused
     * rather than having whatever it holds sealed as found.
     */
    static final String SEALED_MARK_KIND = "ledger-rows-sealed";
    static final java.util.UUID SEALED_MARK_ID = java.util.UUID.fromString("5ea1ed00-1ed9-4e55-8000-000000000001");

    /** The kind a note row's {@link RowSeal} names (a header's is {@link TrustedStore#SEAL_KIND}). */
    public static final String NOTE_SEAL_KIND = "ledger note";

    /**
     * The kind a note's seal names: {@link #NOTE_SEAL_KIND} with the names of all the notes kept
     * together, so a note deleted (an attack on record, an entered checkpoint) breaks the others' seals.
     */
    public static String noteSealKind(java.util.Collection<String> keys) {
        return NOTE_SEAL_KIND + " of " + String.join(",", new java.util.TreeSet<>(keys));
    }
    private static final byte[] SEAL_SALT = "HealthWallet ledger rows v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEAL_INFO = "healthwallet/vault/ledger-row-seal-key".getBytes(StandardCharsets.US_ASCII);

    private PublicTables() {}

    /**
     * The seal of this profile's ledger rows, keyed by HKDF (its own label) from the profile's backup
     * key: a secret of the profile that a passphrase change keeps (the master key is rotated then, and
     * the ledger rows are copied as they are), so only an unlocked wallet can seal or check a row.
     */
    static RowSeal sealOf(byte[] backupKey) {
        byte[] key = Hkdf.sha256(backupKey, SEAL_SALT, SEAL_INFO, RowSeal.KEY_BYTES);
        try {
            return RowSeal.of(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The seal of the ledger rows in the wallet at {@code vaultFile}, from its passphrase, without
     * unlocking it: no profile lock is taken and nothing is written, so the command line can sync the
     * ledger while the app has the wallet open. Reads only the key slot and the profile's own secrets
     * (through SQLite, never another descriptor of the file).
     *
     * @throws WrongPassphraseException when the passphrase does not open the wallet
     * @throws VaultException as {@link #open} does, or when the profile's secrets cannot be opened
     */
    public static RowSeal sealOf(Path vaultFile, char[] passphrase) throws VaultException {
        SecureRandom random = new SecureRandom();
        try (VaultFile db = VaultFile.over(vaultFile, open(vaultFile))) {
            byte[] masterBytes = db.keySlot().unwrap(passphrase, random, null);
            try (AesGcmKey master = new AesGcmKey(masterBytes, random)) {
                Arrays.fill(masterBytes, (byte) 0);
                for (VaultFile.Row row : db.secrets()) {
                    UUID id = RowCodec.idOf(row.id());
                    RowCodec.ProfileSecrets secrets;
                    try {
                        secrets = RowCodec.decodeProfileSecrets(master.open(row.sealed(), RowCodec.secretAad(id, row.version())));
                    } catch (AEADBadTagException e) {
                        throw new VaultCorruptedException("This wallet file is damaged: a sealed row does not open. "
                                + "Restore it from a backup.");
                    }
                    if (secrets != null) {
                        try {
                            return sealOf(secrets.backupKey());
                        } finally {
                            Arrays.fill(secrets.identitySeed(), (byte) 0);
                            Arrays.fill(secrets.backupKey(), (byte) 0);
                        }
                    }
                }
            }
        }
        throw new VaultCorruptedException("This wallet file is damaged: its profile's keys are missing. Restore it from a backup.");
    }

    /**
     * What the unlock that migrates a file of {@code format} does to its ledger rows, in the
     * migration's transaction: seals them as found, once; a file marked as sealed before
     * ({@code sealedBefore}) but put back to an older format is refused (rolled back, nothing written).
     */
    static VaultFile.Filler sealingOnUpgrade(int format, boolean sealedBefore, RowSeal seal) {
        return f -> {
            if (format >= Schema.LEDGER_SEALED_SINCE) {
                return;
            }
            if (sealedBefore) {
                throw new VaultCorruptedException("This wallet file was changed outside HealthWallet: it was put "
                        + "back to an older format, and the ledger data in it would be trusted without its seals. "
                        + "Nothing was changed; restore the wallet from a backup.");
            }
            sealAll(f, seal);
        };
    }

    /**
     * Seals every ledger row of a file from before the seals, as found: run once, at the unlock that
     * migrates the file (the passphrase proved right), in the migration's transaction.
     */
    static void sealAll(VaultFile file, RowSeal seal) throws SQLException {
        Connection c = file.connection();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT height, light_block FROM ledger_light_blocks");
             PreparedStatement update = c.prepareStatement("UPDATE ledger_light_blocks SET seal = ? WHERE height = ?")) {
            while (rs.next()) {
                update.setBytes(1, TrustedStore.sealOf(seal, rs.getLong(1), rs.getString(2)));
                update.setLong(2, rs.getLong(1));
                update.executeUpdate();
            }
        }
        java.util.Map<String, String> notes = new java.util.HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key, value FROM ledger_notes")) {
            while (rs.next()) {
                notes.put(rs.getString(1), rs.getString(2));
            }
        }
        String kind = noteSealKind(notes.keySet());
        try (PreparedStatement update = c.prepareStatement("UPDATE ledger_notes SET seal = ? WHERE key = ?")) {
            for (java.util.Map.Entry<String, String> note : notes.entrySet()) {
                update.setBytes(1, seal.of(kind, note.getKey(), note.getValue()));
                update.setString(2, note.getKey());
                update.executeUpdate();
            }
        }
    }

    /**
     * A plain connection of its own to the vault file at {@code vaultFile}, after the same checks
     * as unlocking (a wallet, not another program's file; completely created; not from a newer
     * version). It waits for the vault's writes like the vault waits for its own (up to
     * {@link VaultFile#BUSY_TIMEOUT_MILLIS}), commits durably (synchronous=FULL), and keeps the
     * file's journal mode. The caller closes it.
     *
     * <p>The file is never read other than through SQLite here: closing any other descriptor of it
     * would drop the POSIX locks SQLite holds on it for the vault's connection in this process.
     *
     * @throws VaultNotFoundException when there is no file there (a profile whose wallet is not made yet)
     * @throws VaultException with a message for the person: another program's file, a damaged or
     *                        newer wallet, or one of an older format that was not unlocked since
     */
    public static Connection open(Path vaultFile) throws VaultException {
        if (!Files.isRegularFile(vaultFile)) {
            throw new VaultNotFoundException(vaultFile);
        }
        try {
            if (Files.size(vaultFile) == 0) {
                throw VaultFile.truncated();
            }
        } catch (IOException e) {
            throw new VaultException("The wallet file " + vaultFile + " cannot be read: " + e.getMessage(), e);
        }
        Connection connection;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.resetOpenMode(SQLiteOpenMode.CREATE);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setTempStore(SQLiteConfig.TempStore.MEMORY);
            config.setBusyTimeout(VaultFile.BUSY_TIMEOUT_MILLIS);
            connection = config.createConnection("jdbc:sqlite:" + vaultFile.toAbsolutePath());
        } catch (SQLException e) {
            throw VaultFile.translate(vaultFile, e);
        }
        try {
            int version = VaultFile.checkFormat(connection);
            if (version < Schema.LEDGER_SEALED_SINCE) {
                throw new VaultException("This wallet was saved by an older version of HealthWallet and has no place for"
                        + " the ledger's verified headers yet. Unlock it once with this version, which brings it up to"
                        + " date.");
            }
            if (!hasTables(connection)) {
                throw new VaultCorruptedException("This wallet file is damaged: its tables for the ledger's headers are"
                        + " missing. Restore it from a backup.");
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw VaultFile.translate(vaultFile, e);
        } catch (VaultException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static boolean hasTables(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('"
                     + String.join("', '", TABLES) + "')")) {
            return rs.next() && rs.getInt(1) == TABLES.size();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing was written through it
        }
    }
}
