package org.healthwallet.node.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;

/**
 * The ledger's SQLite file: every state entry (tree path, logical key, value), the last committed
 * height, app hash and block time, and one row per committed block. A commit is one SQLite
 * transaction, so a crash leaves the previous block's state and CometBFT replays the rest.
 * The tree's inner nodes are not stored: they are recomputed from the entries when the file is
 * opened and checked against the stored app hash.
 */
final class LedgerStore implements AutoCloseable {

    /**
     * What the file says about the chain. {@code height} is the last committed block (0 before the
     * first); {@code blockTime} is that block's time (genesis time before it), in unix seconds.
     */
    record Meta(String chainId, long initialHeight, long height, byte[] appHash, long blockTime) {
        static final Meta UNINITIALISED = new Meta(null, 1, 0, new byte[0], 0);

        boolean initialised() {
            return chainId != null;
        }

        long nextHeight() {
            return height == 0 ? initialHeight : height + 1;
        }
    }

    private final Connection db;
    private final PreparedStatement selectValue;

    private LedgerStore(Connection db) throws SQLException {
        this.db = db;
        this.selectValue = db.prepareStatement("SELECT value FROM state WHERE path = ?");
    }

    static LedgerStore open(Path file) {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // NORMAL in WAL mode may lose the last commit on power loss but never corrupts;
                // CometBFT then replays that block, so full sync buys nothing here.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), chain_id TEXT NOT NULL,"
                        + " initial_height INTEGER NOT NULL, height INTEGER NOT NULL, app_hash BLOB NOT NULL, block_time INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS state (path BLOB PRIMARY KEY, key BLOB NOT NULL, value BLOB NOT NULL) WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS blocks (height INTEGER PRIMARY KEY, app_hash BLOB NOT NULL,"
                        + " time INTEGER NOT NULL, tx_count INTEGER NOT NULL, changed INTEGER NOT NULL)");
            }
            db.setAutoCommit(false);
            db.commit();
            return new LedgerStore(db);
        } catch (SQLException e) {
            throw new LedgerStorageException("Cannot open the ledger database " + file + ": " + e.getMessage(), e);
        }
    }

    Meta meta() {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT chain_id, initial_height, height, app_hash, block_time FROM meta WHERE id = 1")) {
            if (!rs.next()) return Meta.UNINITIALISED;
            return new Meta(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4), rs.getLong(5));
        } catch (SQLException e) {
            throw new LedgerStorageException("Cannot read the ledger database: " + e.getMessage(), e);
        }
    }

    Optional<byte[]> value(Digest path) {
        try {
            selectValue.setBytes(1, path.bytes());
            try (ResultSet rs = selectValue.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("Cannot read the ledger database: " + e.getMessage(), e);
        }
    }

    /** Streams every (path, value) entry, for rebuilding the tree on start. */
    void forEachEntry(BiConsumer<Digest, byte[]> consumer) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT path, value FROM state")) {
            while (rs.next()) consumer.accept(new Digest(rs.getBytes(1)), rs.getBytes(2));
        } catch (SQLException e) {
            throw new LedgerStorageException("Cannot read the ledger database: " + e.getMessage(), e);
        }
    }

    /** Replaces everything with the genesis state (InitChain may run again if no block was committed). */
    void writeGenesis(Meta meta, Map<StateKey, byte[]> writes) {
        inTransaction(() -> {
            try (Statement s = db.createStatement()) {
                s.execute("DELETE FROM state");
                s.execute("DELETE FROM blocks");
            }
            writeEntries(writes);
            writeMeta(meta);
        });
    }

    /** Writes one block's changes and the new meta in one SQLite transaction. */
    void commitBlock(Meta meta, Map<StateKey, byte[]> writes, int txCount) {
        inTransaction(() -> {
            writeEntries(writes);
            writeMeta(meta);
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO blocks VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, meta.height());
                ps.setBytes(2, meta.appHash());
                ps.setLong(3, meta.blockTime());
                ps.setInt(4, txCount);
                ps.setInt(5, writes.size());
                ps.executeUpdate();
            }
        });
    }

    private void writeEntries(Map<StateKey, byte[]> writes) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO state (path, key, value) VALUES (?, ?, ?)")) {
            for (Map.Entry<StateKey, byte[]> write : writes.entrySet()) {
                ps.setBytes(1, write.getKey().path().bytes());
                ps.setBytes(2, write.getKey().bytes());
                ps.setBytes(3, write.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeMeta(Meta meta) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO meta VALUES (1, ?, ?, ?, ?, ?)")) {
            ps.setString(1, meta.chainId());
            ps.setLong(2, meta.initialHeight());
            ps.setLong(3, meta.height());
            ps.setBytes(4, meta.appHash());
            ps.setLong(5, meta.blockTime());
            ps.executeUpdate();
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private void inTransaction(SqlWork work) {
        try {
            work.run();
            db.commit();
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new LedgerStorageException("Cannot write the ledger database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            selectValue.close();
            db.close();
        } catch (SQLException e) {
            throw new LedgerStorageException("Cannot close the ledger database: " + e.getMessage(), e);
        }
    }
}
