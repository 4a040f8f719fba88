package org.healthwallet.ledger.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.CometJsonWriter;
import org.healthwallet.ledger.cometbft.json.ParseException;

/**
 * Verified light blocks in a SQLite table, so a wallet resumes from what it verified last time.
 * Given a connection (the profile's file, shared with the vault) it uses its own table and leaves
 * transactions and closing to the owner; given a path it opens and owns the file. Ledger headers
 * are public data; nothing about the patient is stored here.
 */
public final class TrustedStore implements AutoCloseable {
    private static final String TABLE = "ledger_light_blocks";

    private final Connection connection;
    private final boolean owned;

    public TrustedStore(Connection connection) throws TrustedStoreException {
        this(connection, false);
    }

    private TrustedStore(Connection connection, boolean owned) throws TrustedStoreException {
        this.connection = connection;
        this.owned = owned;
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "height INTEGER PRIMARY KEY, chain_id TEXT NOT NULL, header_hash BLOB NOT NULL, "
                    + "block_time TEXT NOT NULL, light_block TEXT NOT NULL)");
        } catch (SQLException e) {
            throw new TrustedStoreException("The verified ledger headers could not be set up in the profile file.", e);
        }
    }

    /** Opens (creating if needed) a SQLite file of its own. */
    public static TrustedStore open(Path file) throws TrustedStoreException {
        try {
            return new TrustedStore(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()), true);
        } catch (SQLException e) {
            throw new TrustedStoreException("The file " + file + " could not be opened for verified ledger headers.", e);
        }
    }

    /** Stores a verified block (replacing one of the same height). */
    public void save(LightBlock block) throws TrustedStoreException {
        String json = CometJsonWriter.toJson(CometJsonWriter.lightBlock(block));
        try (PreparedStatement p = connection.prepareStatement("INSERT OR REPLACE INTO " + TABLE
                + " (height, chain_id, header_hash, block_time, light_block) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, block.height());
            p.setString(2, block.chainId());
            p.setBytes(3, block.hash().toArray());
            p.setString(4, block.time().toString());
            p.setString(5, json);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new TrustedStoreException("A verified ledger header could not be saved.", e);
        }
    }

    public Optional<LightBlock> latest() throws TrustedStoreException {
        return one("SELECT light_block FROM " + TABLE + " ORDER BY height DESC LIMIT 1", null);
    }

    public Optional<LightBlock> lowest() throws TrustedStoreException {
        return one("SELECT light_block FROM " + TABLE + " ORDER BY height ASC LIMIT 1", null);
    }

    public Optional<LightBlock> at(long height) throws TrustedStoreException {
        return one("SELECT light_block FROM " + TABLE + " WHERE height = ?", height);
    }

    /** The lowest stored block above {@code height}, the start for verifying backwards to it. */
    public Optional<LightBlock> above(long height) throws TrustedStoreException {
        return one("SELECT light_block FROM " + TABLE + " WHERE height > ? ORDER BY height ASC LIMIT 1", height);
    }

    public int size() throws TrustedStoreException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw new TrustedStoreException("The verified ledger headers could not be read.", e);
        }
    }

    /** Keeps the {@code keep} newest blocks and deletes the rest; returns how many were deleted. */
    public int prune(int keep) throws TrustedStoreException {
        if (keep < 1) {
            throw new IllegalArgumentException("pruning must keep at least one verified block");
        }
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE height NOT IN "
                + "(SELECT height FROM " + TABLE + " ORDER BY height DESC LIMIT ?)")) {
            p.setInt(1, keep);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new TrustedStoreException("Old verified ledger headers could not be removed.", e);
        }
    }

    /** Deletes everything (a new checkpoint replaces the old trust). */
    public void clear() throws TrustedStoreException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + TABLE);
        } catch (SQLException e) {
            throw new TrustedStoreException("The verified ledger headers could not be removed.", e);
        }
    }

    private Optional<LightBlock> one(String sql, Long height) throws TrustedStoreException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            if (height != null) {
                p.setLong(1, height);
            }
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(CometJsonParser.lightBlock(r.getString(1).getBytes(StandardCharsets.UTF_8)));
            }
        } catch (SQLException e) {
            throw new TrustedStoreException("The verified ledger headers could not be read.", e);
        } catch (ParseException e) {
            throw new TrustedStoreException("A stored ledger header is damaged (" + e.getMessage() + ").", e);
        }
    }

    @Override
    public void close() throws TrustedStoreException {
        if (owned) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new TrustedStoreException("The verified ledger headers file could not be closed.", e);
            }
        }
    }
}
