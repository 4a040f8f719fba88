package org.healthwallet.core.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The vault's SQLite file: opening it with the checks that tell a foreign, truncated or newer file
 * from a wallet, the schema migrations, and the rows. Rollback journal with synchronous=FULL, so a
 * commit is on disk when it returns and a process killed mid-transaction leaves a journal that
 * SQLite rolls back at the next open. It knows sealed bytes only; {@link Vault} seals and opens,
 * {@link OpenedRows} checks what unlock reads, and every write of rows goes through a
 * {@link RowWriter}, which keeps the file's {@link RowSummary} in the same transaction.
 *
 * <p>The ledger writes its public headers to the same file on a connection of its own
 * ({@link PublicTables}), also from another process, so this connection waits for a busy file
 * (up to {@link #BUSY_TIMEOUT_MILLIS}) and every transaction takes the write lock when it begins.
 */
final class VaultFile implements AutoCloseable {
    /**
     * How long a connection to a vault file waits for another one's write (a ledger header or a
     * sync's notes: milliseconds; an import: as long as the import) before it gives up as busy.
     */
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /** A sealed row as stored. */
    record Row(byte[] id, int version, byte[] sealed) {}

    /** Work inside one transaction. */
    interface Work<T> {
        T run() throws SQLException, VaultException;
    }

    private final Path path;
    private final Connection connection;

    private VaultFile(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    Path path() {
        return path;
    }

    /** A vault file over a connection already open and checked ({@link PublicTables#open}); closing it closes that. */
    static VaultFile over(Path path, Connection connection) {
        return new VaultFile(path, connection);
    }

    /** For a migration's filler that writes the public tables ({@link PublicTables#sealAll}). */
    Connection connection() {
        return connection;
    }

    /** Fills a new file's first transaction. */
    interface Filler {
        void fill(VaultFile file) throws SQLException, VaultException;
    }

    /**
     * A new file with the latest schema and whatever {@code filler} writes, committed as one
     * transaction, so a crash leaves either no wallet or a whole one. Refuses to overwrite anything.
     */
    static VaultFile createNew(Path file, Filler filler) throws VaultException {
        if (Files.exists(file)) {
            throw new VaultException("A file already exists at " + file + "; HealthWallet will not overwrite it.");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                PrivateFiles.createFolder(parent);
            }
        } catch (IOException e) {
            throw new VaultException("The folder for " + file + " cannot be created: " + e.getMessage(), e);
        }
        try {
            // Made 0600 here, before SQLite opens it (SQLite would make it 0644); its journals take its mode.
            PrivateFiles.createFile(file);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new VaultException("A file already exists at " + file + "; HealthWallet will not overwrite it.");
        } catch (IOException e) {
            throw new VaultException("The wallet file " + file + " cannot be created: " + e.getMessage(), e);
        }
        VaultFile vault;
        try {
            vault = new VaultFile(file, connect(file, true));
        } catch (SQLException e) {
            deleteQuietly(file);
            throw translate(file, e);
        }
        try {
            vault.transaction(() -> {
                try (Statement s = vault.connection.createStatement()) {
                    s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
                    s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
                    s.execute("INSERT INTO schema_version (version) VALUES (0)");
                }
                vault.applyMigrations(0);
                filler.fill(vault);
                return null;
            });
            return vault;
        } catch (VaultException | RuntimeException e) {
            vault.close();
            deleteQuietly(file);
            throw e;
        }
    }

    /**
     * Opens an existing wallet file and checks it is one this version can read. Changes nothing
     * (apart from SQLite rolling back a transaction an earlier process died in).
     */
    static VaultFile open(Path file) throws VaultException {
        if (!Files.isRegularFile(file)) {
            throw new VaultNotFoundException(file);
        }
        checkHeader(file);
        Connection connection;
        try {
            connection = connect(file, false);
        } catch (SQLException e) {
            throw translate(file, e);
        }
        VaultFile vault = new VaultFile(file, connection);
        try {
            checkFormat(connection);
            return vault;
        } catch (SQLException e) {
            vault.close();
            throw translate(file, e);
        } catch (VaultException e) {
            vault.close();
            throw e;
        }
    }

    /**
     * Checks that an open connection is to a wallet this version can read and returns its schema
     * version: a HealthWallet application id, a format version neither missing nor newer than
     * {@link Schema#latest()}, and a file that was completely created. Reads only.
     */
    static int checkFormat(Connection connection) throws SQLException, VaultException {
        int appId;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA application_id")) {
            appId = rs.next() ? rs.getInt(1) : 0;
        }
        if (appId != Schema.APPLICATION_ID) {
            throw new NotAVaultException("This file is a database, but not a HealthWallet wallet.");
        }
        int version = schemaVersion(connection);
        if (version > Schema.latest()) {
            throw new VaultTooNewException(version, Schema.latest());
        }
        if (version < 1) {
            throw new VaultCorruptedException("This wallet file was never completely created. It holds no records; create the wallet again or restore it from a backup.");
        }
        return version;
    }

    int schemaVersion() throws SQLException, VaultException {
        return schemaVersion(connection);
    }

    private static int schemaVersion(Connection connection) throws SQLException, VaultException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
            if (!rs.next() || rs.getInt(1) == 0) {
                throw new VaultCorruptedException("This wallet file is damaged: its format version is missing. Restore it from a backup.");
            }
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            if (!rs.next()) {
                throw new VaultCorruptedException("This wallet file is damaged: its format version is missing. Restore it from a backup.");
            }
            return rs.getInt(1);
        }
    }

    /**
     * Brings an older file up to the latest schema, in one transaction with what {@code filler}
     * writes after the schema changes (what a migration needs the master key for).
     */
    void migrate(Filler filler) throws VaultException {
        transaction(() -> {
            applyMigrations(schemaVersion());
            filler.fill(this);
            return null;
        });
    }

    private void applyMigrations(int from) throws SQLException {
        for (Schema.Migration m : Schema.MIGRATIONS) {
            if (m.version() <= from) {
                continue;
            }
            try (Statement s = connection.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                s.executeUpdate("UPDATE schema_version SET version = " + m.version());
            }
        }
    }

    /**
     * Runs work in one transaction: all of it is committed, or none of it. It begins IMMEDIATE, taking
     * the write lock at once (waiting while a ledger header is being written): a transaction that
     * read first and wanted the lock only later would be refused at once, without waiting, whenever
     * another connection held it then (SQLite's rule against two readers deadlocking as writers).
     */
    <T> T transaction(Work<T> work) throws VaultException {
        try {
            execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw translate(path, e);
        }
        try {
            T result = work.run();
            execute("COMMIT");
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw translate(path, e);
        } catch (VaultException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    KeySlot keySlot() throws VaultException {
        try (PreparedStatement s = connection.prepareStatement("SELECT version, kdf_memory_kib, kdf_iterations,"
                + " kdf_parallelism, salt, sealed_key FROM key_slot WHERE slot = ?")) {
            s.setInt(1, KeySlot.SLOT);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new VaultCorruptedException("This wallet file is damaged: its key is missing. Restore it from a backup.");
                }
                KdfParams kdf;
                try {
                    kdf = new KdfParams(rs.getInt(2), rs.getInt(3), rs.getInt(4));
                } catch (IllegalArgumentException e) {
                    kdf = null;
                }
                if (kdf == null || !KeySlot.plausible(kdf)) {
                    throw new VaultCorruptedException("This wallet file was altered: its key settings are out of range. Restore it from a backup.");
                }
                return new KeySlot(rs.getInt(1), kdf, rs.getBytes(5), rs.getBytes(6));
            }
        } catch (SQLException e) {
            throw translate(path, e);
        }
    }

    void insertKeySlot(KeySlot slot) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO key_slot (slot, version, kdf_memory_kib,"
                + " kdf_iterations, kdf_parallelism, salt, sealed_key) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            bindSlot(s, slot);
            s.executeUpdate();
        }
    }

    /** Replaces the key slot if it is still at the expected version; false when it moved on. */
    boolean replaceKeySlot(KeySlot slot, int expectedVersion) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE key_slot SET slot = ?, version = ?,"
                + " kdf_memory_kib = ?, kdf_iterations = ?, kdf_parallelism = ?, salt = ?, sealed_key = ?"
                + " WHERE slot = ? AND version = ?")) {
            bindSlot(s, slot);
            s.setInt(8, KeySlot.SLOT);
            s.setInt(9, expectedVersion);
            return s.executeUpdate() == 1;
        }
    }

    private static void bindSlot(PreparedStatement s, KeySlot slot) throws SQLException {
        s.setInt(1, KeySlot.SLOT);
        s.setInt(2, slot.version());
        s.setInt(3, slot.kdf().memoryKib());
        s.setInt(4, slot.kdf().iterations());
        s.setInt(5, slot.kdf().parallelism());
        s.setBytes(6, slot.salt());
        s.setBytes(7, slot.sealedKey());
    }

    List<Row> secrets() throws VaultException {
        return rows("SELECT id, version, sealed FROM secret");
    }

    /** Every record row, read in one pass. */
    List<Row> records() throws VaultException {
        return rows("SELECT id, version, sealed FROM record");
    }

    private List<Row> rows(String sql) throws VaultException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getBytes(1), rs.getInt(2), rs.getBytes(3)));
            }
            return rows;
        } catch (SQLException e) {
            throw translate(path, e);
        }
    }

    /**
     * The summary row ({@link RowSummary}), or null when there is none: a file of a format before
     * {@link Schema#SUMMARY_SINCE}, or one whose summary was deleted.
     */
    Row summaryRow() throws VaultException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'vault_summary'")) {
            if (!rs.next() || rs.getInt(1) == 0) {
                return null;
            }
        } catch (SQLException e) {
            throw translate(path, e);
        }
        List<Row> rows = rows("SELECT NULL, version, sealed FROM vault_summary WHERE slot = 1");
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** A statement on this file's connection, for {@link RowWriter}; the caller closes it. */
    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Every commit is already durable; a failing close loses nothing.
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // Already rolled back by SQLite, or the journal rolls it back at the next open.
        }
    }

    private static Connection connect(Path file, boolean create) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (!create) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * Tells a foreign or truncated file from a wallet before SQLite sees it. When a hot journal
     * lies beside the file, a transaction was interrupted: the file may legitimately disagree with
     * its header until SQLite rolls the journal back, so the size check is left to SQLite then.
     */
    static void checkHeader(Path file) throws VaultException {
        byte[] head = new byte[100];
        int read;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new VaultException("The wallet file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (read == 0) {
            throw truncated();
        }
        int magic = Math.min(read, SQLITE_MAGIC.length);
        if (!Arrays.equals(head, 0, magic, SQLITE_MAGIC, 0, magic)) {
            throw new NotAVaultException("This file is not a HealthWallet wallet.");
        }
        if (read < head.length) {
            throw truncated();
        }
        if (hotJournal(file)) {
            return;
        }
        int pageSize = ((head[16] & 0xff) << 8) | (head[17] & 0xff);
        if (pageSize == 1) {
            pageSize = 65536;
        }
        long changeCounter = readInt(head, 24);
        long pageCount = readInt(head, 28);
        long validFor = readInt(head, 92);
        if (pageSize < 512 || size % pageSize != 0
                || (pageCount > 0 && changeCounter == validFor && size < pageCount * pageSize)) {
            throw truncated();
        }
    }

    private static boolean hotJournal(Path file) {
        try {
            Path journal = file.resolveSibling(file.getFileName() + "-journal");
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            return (Files.exists(journal) && Files.size(journal) > 0) || (Files.exists(wal) && Files.size(wal) > 0);
        } catch (IOException e) {
            return true;
        }
    }

    private static long readInt(byte[] b, int offset) {
        return ((b[offset] & 0xffL) << 24) | ((b[offset + 1] & 0xffL) << 16) | ((b[offset + 2] & 0xffL) << 8) | (b[offset + 3] & 0xffL);
    }

    static VaultCorruptedException truncated() {
        return new VaultCorruptedException("This wallet file is incomplete: it is shorter than it should be, so it was cut"
                + " short (an interrupted copy or a full disk). Nothing was changed; restore it from a backup.");
    }

    static VaultException translate(Path file, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return switch (code) {
            case 11 -> new VaultCorruptedException("This wallet file is damaged (its database structure is broken)."
                    + " Nothing was changed; restore it from a backup.", e);
            case 26 -> new NotAVaultException("This file is not a HealthWallet wallet.");
            case 5, 6 -> new VaultException("The wallet file " + file + " stayed busy: another HealthWallet window or"
                    + " command (a ledger sync, for one) kept writing to it. Nothing was changed; try again.", e);
            case 8 -> new VaultException("The wallet file " + file + " is read-only, so nothing can be saved to it.", e);
            case 13 -> new VaultException("The disk is full; nothing was changed.", e);
            case 14 -> new VaultException("The wallet file " + file + " cannot be opened.", e);
            default -> new VaultException("The wallet file " + file + " could not be read or written ("
                    + e.getMessage() + "). Nothing was changed.", e);
        };
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-journal"));
        } catch (IOException ignored) {
            // A half-made file is refused at open as never completely created.
        }
    }
}
