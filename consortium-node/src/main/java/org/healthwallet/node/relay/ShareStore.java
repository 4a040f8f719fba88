package org.healthwallet.node.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.Digest;

/**
 * The relay's SQLite file {@code relay.db} (mode 600): shares with their encrypted files, passcode
 * hashes and attempt counters, revocations (a revoked share keeps its row so its id never serves
 * again), single-use file tokens (stored as SHA-256, not the token), and the nonces of signed
 * requests already seen. Every change is one transaction; one connection, one caller at a time.
 */
final class ShareStore implements AutoCloseable {
    static final String FILE = "relay.db";

    private final Connection db;

    private ShareStore(Connection db) {
        this.db = db;
    }

    static ShareStore open(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new RelayStartException("Cannot create the relay database " + file + ": " + e.getMessage(), e);
        }
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("CREATE TABLE IF NOT EXISTS shares (id TEXT PRIMARY KEY, manifest_id TEXT NOT NULL UNIQUE,"
                        + " digest BLOB NOT NULL UNIQUE, scope BLOB NOT NULL, owner BLOB NOT NULL, flags TEXT NOT NULL, expires_at INTEGER NOT NULL,"
                        + " passcode_salt BLOB, passcode_iterations INTEGER, passcode_hash BLOB,"
                        + " attempts_left INTEGER NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,"
                        + " ended_at INTEGER)");
                s.execute("CREATE TABLE IF NOT EXISTS files (share_id TEXT NOT NULL REFERENCES shares(id),"
                        + " idx INTEGER NOT NULL, content_type TEXT NOT NULL, jwe TEXT NOT NULL, digest BLOB NOT NULL,"
                        + " PRIMARY KEY (share_id, idx)) WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS file_tokens (token_hash BLOB PRIMARY KEY,"
                        + " share_id TEXT NOT NULL, idx INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS seen_nonces (signer BLOB NOT NULL, nonce TEXT NOT NULL,"
                        + " forget_at INTEGER NOT NULL, PRIMARY KEY (signer, nonce)) WITHOUT ROWID");
                addGrantedColumn(s);
            }
            db.setAutoCommit(false);
            db.commit();
            return new ShareStore(db);
        } catch (SQLException e) {
            throw new RelayStartException("Cannot open the relay database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the share's grant was seen on the ledger (1) or the upload still waits for it (0).
     * Shares of a database made before this column were all served by their grant, so they count as seen.
     */
    private static void addGrantedColumn(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pragma_table_info('shares') WHERE name = 'granted'")) {
            if (rs.next()) {
                return;
            }
        }
        s.execute("ALTER TABLE shares ADD COLUMN granted INTEGER NOT NULL DEFAULT 1");
        s.execute("CREATE INDEX IF NOT EXISTS shares_owner ON shares (owner, status)");
    }

    /** Stores a new share and its files in one transaction; it waits for its grant until {@link #markGranted}. */
    synchronized void insert(StoredShare share) {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO shares (id, manifest_id, digest, scope, owner, flags,"
                + " expires_at, passcode_salt, passcode_iterations, passcode_hash, attempts_left, status, created_at, granted)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
             PreparedStatement f = db.prepareStatement(
                     "INSERT INTO files (share_id, idx, content_type, jwe, digest) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, share.id());
            s.setString(2, share.manifestId());
            s.setBytes(3, share.digest().bytes());
            s.setBytes(4, share.scope().bytes());
            s.setBytes(5, share.owner().bytes());
            s.setString(6, share.flags());
            s.setLong(7, share.expiresAt());
            s.setBytes(8, share.passcode().map(PasscodeHash::salt).orElse(null));
            if (share.passcode().isPresent()) {
                s.setInt(9, share.passcode().get().iterations());
            } else {
                s.setNull(9, java.sql.Types.INTEGER);
            }
            s.setBytes(10, share.passcode().map(PasscodeHash::hash).orElse(null));
            s.setInt(11, share.attemptsLeft());
            s.setString(12, share.status().name());
            s.setLong(13, share.createdAt());
            s.executeUpdate();
            for (StoredFile file : share.files()) {
                f.setString(1, share.id());
                f.setInt(2, file.index());
                f.setString(3, file.contentType());
                f.setString(4, file.jwe());
                f.setBytes(5, file.digest().bytes());
                f.addBatch();
            }
            f.executeBatch();
            db.commit();
        } catch (SQLException e) {
            throw failed("store the share", e);
        }
    }

    /** The share with this (revoke) id, with its files. */
    synchronized Optional<StoredShare> find(String id) {
        return select("id", id);
    }

    /** The share whose manifest URL ends in {@code manifestId}, with its files. */
    synchronized Optional<StoredShare> findByManifest(String manifestId) {
        return select("manifest_id", manifestId);
    }

    private Optional<StoredShare> select(String column, String value) {
        try (PreparedStatement s = db.prepareStatement("SELECT id, manifest_id, digest, scope, owner, flags, expires_at,"
                + " passcode_salt, passcode_iterations, passcode_hash, attempts_left, status, created_at FROM shares WHERE "
                + column + " = ?")) {
            s.setString(1, value);
            StoredShare share;
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    db.commit();
                    return Optional.empty();
                }
                byte[] salt = rs.getBytes(8);
                Optional<PasscodeHash> passcode = salt == null ? Optional.empty()
                        : Optional.of(new PasscodeHash(salt, rs.getInt(9), rs.getBytes(10)));
                share = new StoredShare(rs.getString(1), rs.getString(2), new Digest(rs.getBytes(3)), new Digest(rs.getBytes(4)),
                        new Ed25519PublicKey(rs.getBytes(5)), rs.getString(6), rs.getLong(7), passcode, rs.getInt(11),
                        StoredShare.Status.valueOf(rs.getString(12)), rs.getLong(13), List.of());
            }
            List<StoredFile> files = files(share.id());
            db.commit();
            return Optional.of(new StoredShare(share.id(), share.manifestId(), share.digest(), share.scope(), share.owner(),
                    share.flags(), share.expiresAt(), share.passcode(), share.attemptsLeft(), share.status(),
                    share.createdAt(), files));
        } catch (SQLException e) {
            throw failed("read the share", e);
        }
    }

    private List<StoredFile> files(String id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT idx, content_type, jwe, digest FROM files WHERE share_id = ? ORDER BY idx")) {
            s.setString(1, id);
            List<StoredFile> files = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    files.add(new StoredFile(rs.getInt(1), rs.getString(2), rs.getString(3), new Digest(rs.getBytes(4))));
                }
            }
            return files;
        }
    }

    /**
     * Takes one passcode attempt before the passcode is checked, so parallel guesses cannot exceed
     * the limit. Returns the attempts left after taking it, or -1 when none was left (or the share
     * is not active).
     */
    synchronized int takeAttempt(String id) {
        try (PreparedStatement s = db.prepareStatement("UPDATE shares SET attempts_left = attempts_left - 1"
                + " WHERE id = ? AND attempts_left > 0 AND status = 'ACTIVE'");
             PreparedStatement q = db.prepareStatement("SELECT attempts_left FROM shares WHERE id = ?")) {
            s.setString(1, id);
            if (s.executeUpdate() == 0) {
                db.commit();
                return -1;
            }
            q.setString(1, id);
            int left;
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                left = rs.getInt(1);
            }
            db.commit();
            return left;
        } catch (SQLException e) {
            throw failed("count the passcode attempt", e);
        }
    }

    /** Gives back an attempt taken by {@link #takeAttempt} when the passcode was right. */
    synchronized void returnAttempt(String id) {
        update("UPDATE shares SET attempts_left = attempts_left + 1 WHERE id = ?", id, "count the passcode attempt");
    }

    /** Ends a share (revoked, disabled or expired): its files and file tokens are deleted, its row stays. */
    synchronized boolean end(String id, StoredShare.Status status, long now) {
        if (status == StoredShare.Status.ACTIVE) {
            throw new IllegalArgumentException("ending a share needs an end status");
        }
        try (PreparedStatement s = db.prepareStatement("UPDATE shares SET status = ?, ended_at = ? WHERE id = ? AND status = 'ACTIVE'");
             PreparedStatement f = db.prepareStatement("DELETE FROM files WHERE share_id = ?");
             PreparedStatement t = db.prepareStatement("DELETE FROM file_tokens WHERE share_id = ?")) {
            s.setString(1, status.name());
            s.setLong(2, now);
            s.setString(3, id);
            boolean changed = s.executeUpdate() > 0;
            f.setString(1, id);
            f.executeUpdate();
            t.setString(1, id);
            t.executeUpdate();
            db.commit();
            return changed;
        } catch (SQLException e) {
            throw failed("end the share", e);
        }
    }

    /**
     * Replaces the files of an active, unexpired share in one transaction, and forgets its file
     * addresses (they were handed out, and logged, for the old files). False, changing nothing, when
     * the share is not active any more.
     */
    synchronized boolean replaceFiles(String id, List<StoredFile> files, long now) {
        try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM shares WHERE id = ? AND status = 'ACTIVE' AND expires_at > ?");
             PreparedStatement d = db.prepareStatement("DELETE FROM files WHERE share_id = ?");
             PreparedStatement t = db.prepareStatement("DELETE FROM file_tokens WHERE share_id = ?");
             PreparedStatement f = db.prepareStatement(
                     "INSERT INTO files (share_id, idx, content_type, jwe, digest) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setLong(2, now);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    db.commit();
                    return false;
                }
            }
            d.setString(1, id);
            d.executeUpdate();
            t.setString(1, id);
            t.executeUpdate();
            for (StoredFile file : files) {
                f.setString(1, id);
                f.setInt(2, file.index());
                f.setString(3, file.contentType());
                f.setString(4, file.jwe());
                f.setBytes(5, file.digest().bytes());
                f.addBatch();
            }
            f.executeBatch();
            db.commit();
            return true;
        } catch (SQLException e) {
            throw failed("replace the share's files", e);
        }
    }

    /** Ends every active share past its expiry and forgets expired tokens and nonces; returns how many shares ended. */
    synchronized int purgeExpired(long now) {
        try (PreparedStatement ids = db.prepareStatement("SELECT id FROM shares WHERE status = 'ACTIVE' AND expires_at <= ?");
             PreparedStatement tokens = db.prepareStatement("DELETE FROM file_tokens WHERE expires_at <= ?");
             PreparedStatement nonces = db.prepareStatement("DELETE FROM seen_nonces WHERE forget_at <= ?")) {
            ids.setLong(1, now);
            List<String> expired = new ArrayList<>();
            try (ResultSet rs = ids.executeQuery()) {
                while (rs.next()) {
                    expired.add(rs.getString(1));
                }
            }
            tokens.setLong(1, now);
            tokens.executeUpdate();
            nonces.setLong(1, now);
            nonces.executeUpdate();
            db.commit();
            for (String id : expired) {
                end(id, StoredShare.Status.EXPIRED, now);
            }
            return expired.size();
        } catch (SQLException e) {
            throw failed("purge expired shares", e);
        }
    }

    /** Bytes of encrypted files the live shares of {@code owner} hold. */
    synchronized long storedBytes(Ed25519PublicKey owner) {
        return sum("SELECT COALESCE(SUM(LENGTH(f.jwe)), 0) FROM files f JOIN shares s ON s.id = f.share_id"
                + " WHERE s.owner = ? AND s.status = 'ACTIVE'", owner.bytes());
    }

    /** Bytes of encrypted files of live uploads whose grant has not been seen yet, all owners together. */
    synchronized long waitingBytes() {
        return sum("SELECT COALESCE(SUM(LENGTH(f.jwe)), 0) FROM files f JOIN shares s ON s.id = f.share_id"
                + " WHERE s.granted = 0 AND s.status = 'ACTIVE'", null);
    }

    private long sum(String sql, byte[] owner) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            if (owner != null) {
                s.setBytes(1, owner);
            }
            long total;
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            db.commit();
            return total;
        } catch (SQLException e) {
            throw failed("count the stored bytes", e);
        }
    }

    /** Ids of live uploads whose grant has not been seen yet, oldest first, at most {@code limit}. */
    synchronized List<String> waitingForGrant(int limit) {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT id FROM shares WHERE granted = 0 AND status = 'ACTIVE' ORDER BY created_at LIMIT ?")) {
            s.setInt(1, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            db.commit();
            return ids;
        } catch (SQLException e) {
            throw failed("list the uploads waiting for their grant", e);
        }
    }

    /** The share's grant is on the ledger: the upload no longer waits for it. */
    synchronized void markGranted(String id) {
        update("UPDATE shares SET granted = 1 WHERE id = ?", id, "note the share's grant");
    }

    /** Remembers a single-use file token (by its SHA-256) until {@code expiresAt}. */
    synchronized void addToken(Digest tokenHash, String shareId, int index, long expiresAt) {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO file_tokens (token_hash, share_id, idx, expires_at) VALUES (?, ?, ?, ?)")) {
            s.setBytes(1, tokenHash.bytes());
            s.setString(2, shareId);
            s.setInt(3, index);
            s.setLong(4, expiresAt);
            s.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            throw failed("remember the file's address", e);
        }
    }

    /** What a token points at, if it is still valid at {@code now}; the token is used up either way. */
    record TokenTarget(String shareId, int index) {
    }

    synchronized Optional<TokenTarget> takeToken(Digest tokenHash, long now) {
        try (PreparedStatement q = db.prepareStatement("SELECT share_id, idx, expires_at FROM file_tokens WHERE token_hash = ?");
             PreparedStatement d = db.prepareStatement("DELETE FROM file_tokens WHERE token_hash = ?")) {
            q.setBytes(1, tokenHash.bytes());
            TokenTarget target = null;
            long expiresAt = 0;
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    target = new TokenTarget(rs.getString(1), rs.getInt(2));
                    expiresAt = rs.getLong(3);
                }
            }
            if (target == null) {
                db.commit();
                return Optional.empty();
            }
            d.setBytes(1, tokenHash.bytes());
            d.executeUpdate();
            db.commit();
            return expiresAt > now ? Optional.of(target) : Optional.empty();
        } catch (SQLException e) {
            throw failed("look up the file", e);
        }
    }

    /** Records a signed request's nonce; false when this signer used it before (a replay). */
    synchronized boolean firstUseOfNonce(Ed25519PublicKey signer, String nonce, long forgetAt) {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT OR IGNORE INTO seen_nonces (signer, nonce, forget_at) VALUES (?, ?, ?)")) {
            s.setBytes(1, signer.bytes());
            s.setString(2, nonce);
            s.setLong(3, forgetAt);
            boolean fresh = s.executeUpdate() == 1;
            db.commit();
            return fresh;
        } catch (SQLException e) {
            throw failed("check the request's nonce", e);
        }
    }

    private void update(String sql, String id, String doing) {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, id);
            s.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            throw failed(doing, e);
        }
    }

    private RelayStorageException failed(String doing, SQLException e) {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one to report.
        }
        return new RelayStorageException("The relay could not " + doing + " in its database: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new RelayStorageException("The relay database did not close cleanly: " + e.getMessage(), e);
        }
    }
}
