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
 *
 * <p>Sealed (a wallet's file, {@link #sealed}): each row carries a {@link RowSeal} over its height
 * and light block (column {@code seal}), written with it and checked on every read, so a header put
 * in the file by anything but this wallet is refused, never trusted. Unsealed (a relay's or a test's
 * own file): no seal column is read or written.
 */
public final class TrustedStore implements AutoCloseable {
    private static final String TABLE = "ledger_light_blocks";

    /** The kind a header row's {@link RowSeal} names. */
    public static final String SEAL_KIND = "ledger header";

    private final Connection connection;
    private final boolean owned;
    /** Null for an unsealed store. */
    private final RowSeal seal;

    public TrustedStore(Connection connection) throws TrustedStoreException {
        this(connection, false, null);
    }

    private TrustedStore(Connection connection, boolean owned, RowSeal seal) throws TrustedStoreException {
        this.connection = connection;
        this.owned = owned;
        this.seal = seal;
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "height INTEGER PRIMARY KEY, chain_id TEXT NOT NULL, header_hash BLOB NOT NULL, "
                    + "block_time TEXT NOT NULL, light_block TEXT NOT NULL, seal BLOB)");
        } catch (SQLException e) {
            throw new TrustedStoreException("The verified ledger headers could not be set up in the profile file.", e);
        }
    }

    /**
     * A store on the wallet's own table (which has the {@code seal} column) whose every row is sealed
     * with {@code seal} and checked against it when read.
     */
    public static TrustedStore sealed(Connection connection, RowSeal seal) throws TrustedStoreException {
        return new TrustedStore(connection, false, java.util.Objects.requireNonNull(seal, "seal"));
    }

    /** The seal {@code block}'s row carries, stored as {@code json}. */
    public static byte[] sealOf(RowSeal seal, long height, String json) {
        return seal.of(SEAL_KIND, Long.toString(height), json);
    }

    /** Opens (creating if needed) a SQLite file of its own. */
    public static TrustedStore open(Path file) throws TrustedStoreException {
        try {
            return new TrustedStore(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()), true, null);
        } catch (SQLException e) {
            throw new TrustedStoreException("The file " + file + " could not be opened for verified ledger headers.", e);
        }
    }

    /** Stores a verified block (replacing one of the same height). */
    public void save(LightBlock block) throws TrustedStoreException {
        String json = CometJsonWriter.toJson(CometJsonWriter.lightBlock(block));
        try (PreparedStatement p = connection.prepareStatement("INSERT OR REPLACE INTO " + TABLE
                + " (height, chain_id, header_hash, block_time, light_block" + (seal == null ? ")" : ", seal)")
                + " VALUES (?, ?, ?, ?, ?" + (seal == null ? ")" : ", ?)"))) {
            p.setLong(1, block.height());
            p.setString(2, block.chainId());
            p.setBytes(3, block.hash().toArray());
            p.setString(4, block.time().toString());
            p.setString(5, json);
            if (seal != null) {
                p.setBytes(6, sealOf(seal, block.height(), json));
            }
            p.executeUpdate();
        } catch (SQLException e) {
            throw new TrustedStoreException("A verified ledger header could not be saved.", e);
        }
    }

    public Optional<LightBlock> latest() throws TrustedStoreException {
        return one(columns() + " FROM " + TABLE + " ORDER BY height DESC LIMIT 1", null);
    }

    public Optional<LightBlock> lowest() throws TrustedStoreException {
        return one(columns() + " FROM " + TABLE + " ORDER BY height ASC LIMIT 1", null);
    }

    public Optional<LightBlock> at(long height) throws TrustedStoreException {
        return one(columns() + " FROM " + TABLE + " WHERE height = ?", height);
    }

    /** The lowest stored block above {@code height}, the start for verifying backwards to it. */
    public Optional<LightBlock> above(long height) throws TrustedStoreException {
        return one(columns() + " FROM " + TABLE + " WHERE height > ? ORDER BY height ASC LIMIT 1", height);
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
                String json = r.getString(1);
                if (seal != null) {
                    long stored = r.getLong(2);
                    if (!seal.matches(r.getBytes(3), SEAL_KIND, Long.toString(stored), json)) {
                        throw new TrustedStoreException(tampered("the verified header of height " + stored), null);
                    }
                }
                LightBlock block = CometJsonParser.lightBlock(json.getBytes(StandardCharsets.UTF_8));
                if (seal != null && block.height() != r.getLong(2)) {
                    throw new TrustedStoreException(tampered("the verified header of height " + r.getLong(2)), null);
                }
                return Optional.of(block);
            }
        } catch (SQLException e) {
            throw new TrustedStoreException("The verified ledger headers could not be read.", e);
        } catch (ParseException e) {
            throw new TrustedStoreException("A stored ledger header is damaged (" + e.getMessage() + ").", e);
        }
    }

    /**
     * Checks every row's seal (of a sealed store), so a sync refuses a changed file before it
     * trusts or writes anything.
     *
     * @throws TrustedStoreException naming the first row that does not match its seal
     */
    public void checkSeals() throws TrustedStoreException {
        if (seal == null) {
            return;
        }
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT height, light_block, seal FROM " + TABLE + " ORDER BY height")) {
            while (r.next()) {
                if (!seal.matches(r.getBytes(3), SEAL_KIND, Long.toString(r.getLong(1)), r.getString(2))) {
                    throw new TrustedStoreException(tampered("the verified header of height " + r.getLong(1)), null);
                }
            }
        } catch (SQLException e) {
            throw new TrustedStoreException("The verified ledger headers could not be read.", e);
        }
    }

    /** How the sentence for a row that does not match its seal begins. */
    public static final String TAMPERED = "The ledger data in this wallet was changed outside HealthWallet: ";

    /** The plain sentence for a row that does not match its seal ({@code what} names the row). */
    public static String tampered(String what) {
        return TAMPERED + what + " does not match its seal. "
                + "Sync refused; nothing was changed.";
    }

    private String columns() {
        return seal == null ? "SELECT light_block" : "SELECT light_block, height, seal";
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
