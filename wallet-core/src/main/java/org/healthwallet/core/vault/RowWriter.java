package org.healthwallet.core.vault;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.healthwallet.core.crypto.AesGcmKey;

/**
 * Every write of sealed rows goes through here, inside one transaction of {@link VaultFile}: each
 * row written or deleted is added to or taken from the transaction's {@link RowSummary.Changes},
 * and {@link #saveSummary} writes the new summary in the same transaction, so the file's rows and
 * its summary change together or not at all. Statements are prepared once per transaction (an
 * import or an access-log sync writes thousands of rows). Close it before the transaction ends.
 */
final class RowWriter implements AutoCloseable {
    static final String RECORD_TABLE = "record";
    static final String SECRET_TABLE = "secret";
    private static final int SUMMARY_SLOT = 1;

    /** Work on the rows inside one transaction. */
    interface Work<T> {
        T run(RowWriter rows) throws SQLException, VaultException;
    }

    private final RowDigest digest;
    private final RowSummary.Changes changes;
    private final PreparedStatement insertRecord;
    private final PreparedStatement findRecord;
    private final PreparedStatement updateRecord;
    private final PreparedStatement insertSecret;
    private final PreparedStatement findSecret;
    private final PreparedStatement updateSecret;
    private final PreparedStatement deleteSecret;

    RowWriter(VaultFile file, RowDigest digest, RowSummary.Changes changes) throws SQLException {
        this.digest = digest;
        this.changes = changes;
        insertRecord = file.prepare("INSERT INTO record (id, version, sealed) VALUES (?, ?, ?)");
        findRecord = file.prepare("SELECT sealed FROM record WHERE id = ? AND version = ?");
        updateRecord = file.prepare("UPDATE record SET version = ?, sealed = ? WHERE id = ? AND version = ?");
        insertSecret = file.prepare("INSERT INTO secret (id, version, sealed) VALUES (?, ?, ?)");
        findSecret = file.prepare("SELECT id, version, sealed FROM secret WHERE id = ?");
        updateSecret = file.prepare("UPDATE secret SET version = ?, sealed = ? WHERE id = ? AND version = ?");
        deleteSecret = file.prepare("DELETE FROM secret WHERE id = ? AND version = ?");
    }

    /** One secret row by id, or null. */
    VaultFile.Row secret(UUID id) throws SQLException {
        findSecret.setBytes(1, RowCodec.idBytes(id));
        try (ResultSet rs = findSecret.executeQuery()) {
            return rs.next() ? new VaultFile.Row(rs.getBytes(1), rs.getInt(2), rs.getBytes(3)) : null;
        }
    }

    void insertRecord(UUID id, int version, byte[] sealed) throws SQLException {
        byte[] idBytes = RowCodec.idBytes(id);
        insertRecord.setBytes(1, idBytes);
        insertRecord.setInt(2, version);
        insertRecord.setBytes(3, sealed);
        insertRecord.executeUpdate();
        changes.add(RowSummary.RECORDS, digest.of(RECORD_TABLE, idBytes, version, sealed));
    }

    /** Rewrites a record row that is still at previousVersion. */
    void updateRecord(UUID id, int previousVersion, int version, byte[] sealed) throws SQLException, VaultException {
        byte[] idBytes = RowCodec.idBytes(id);
        findRecord.setBytes(1, idBytes);
        findRecord.setInt(2, previousVersion);
        byte[] before;
        try (ResultSet rs = findRecord.executeQuery()) {
            before = rs.next() ? rs.getBytes(1) : null;
        }
        updateRecord.setInt(1, version);
        updateRecord.setBytes(2, sealed);
        updateRecord.setBytes(3, idBytes);
        updateRecord.setInt(4, previousVersion);
        if (before == null || updateRecord.executeUpdate() != 1) {
            throw new VaultCorruptedException("This wallet file changed underneath HealthWallet while it was open; nothing was imported.");
        }
        changes.remove(RowSummary.RECORDS, digest.of(RECORD_TABLE, idBytes, previousVersion, before));
        changes.add(RowSummary.RECORDS, digest.of(RECORD_TABLE, idBytes, version, sealed));
    }

    void insertSecret(String group, UUID id, int version, byte[] sealed) throws SQLException {
        byte[] idBytes = RowCodec.idBytes(id);
        insertSecret.setBytes(1, idBytes);
        insertSecret.setInt(2, version);
        insertSecret.setBytes(3, sealed);
        insertSecret.executeUpdate();
        changes.add(group, digest.of(SECRET_TABLE, idBytes, version, sealed));
    }

    /** Rewrites a secret row of {@code group} that is still as {@code existing}; false when it moved on. */
    boolean updateSecret(String group, VaultFile.Row existing, int version, byte[] sealed) throws SQLException {
        updateSecret.setInt(1, version);
        updateSecret.setBytes(2, sealed);
        updateSecret.setBytes(3, existing.id());
        updateSecret.setInt(4, existing.version());
        if (updateSecret.executeUpdate() != 1) {
            return false;
        }
        changes.remove(group, digest.of(SECRET_TABLE, existing.id(), existing.version(), existing.sealed()));
        changes.add(group, digest.of(SECRET_TABLE, existing.id(), version, sealed));
        return true;
    }

    /** Deletes a secret row of {@code group} that is still as {@code existing}; false when it moved on. */
    boolean deleteSecret(String group, VaultFile.Row existing) throws SQLException {
        deleteSecret.setBytes(1, existing.id());
        deleteSecret.setInt(2, existing.version());
        if (deleteSecret.executeUpdate() != 1) {
            return false;
        }
        changes.remove(group, digest.of(SECRET_TABLE, existing.id(), existing.version(), existing.sealed()));
        return true;
    }

    /**
     * Writes the summary of this transaction's rows over the one at {@code previous} (or as the
     * file's first summary when previous is the empty summary, version 0) and returns it.
     */
    RowSummary saveSummary(VaultFile file, AesGcmKey key, RowSummary previous) throws SQLException, VaultException {
        RowSummary next = changes.toSummary(previous.version() + 1);
        save(file, key, next, previous.version());
        return next;
    }

    /** Writes {@code summary} as the file's summary row, replacing the one at previousVersion (0: none yet). */
    static void save(VaultFile file, AesGcmKey key, RowSummary summary, int previousVersion) throws SQLException, VaultException {
        if (previousVersion == 0) {
            try (PreparedStatement s = file.prepare("INSERT INTO vault_summary (slot, version, sealed) VALUES (?, ?, ?)")) {
                s.setInt(1, SUMMARY_SLOT);
                s.setInt(2, summary.version());
                s.setBytes(3, summary.seal(key));
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = file.prepare("UPDATE vault_summary SET version = ?, sealed = ? WHERE slot = ? AND version = ?")) {
            s.setInt(1, summary.version());
            s.setBytes(2, summary.seal(key));
            s.setInt(3, SUMMARY_SLOT);
            s.setInt(4, previousVersion);
            if (s.executeUpdate() != 1) {
                throw new VaultCorruptedException("This wallet file changed underneath HealthWallet while it was open; nothing was saved.");
            }
        }
    }

    @Override
    public void close() throws SQLException {
        insertRecord.close();
        findRecord.close();
        updateRecord.close();
        insertSecret.close();
        findSecret.close();
        updateSecret.close();
        deleteSecret.close();
    }
}
