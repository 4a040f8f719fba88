package org.healthwallet.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.ledger.client.AttackEvidence;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.TrustedStore;
import org.healthwallet.ledger.client.TrustedStoreException;
import org.healthwallet.ledger.cometbft.Bytes;
import org.sqlite.SQLiteConfig;

/**
 * A profile's ledger file: the light blocks its light client verified (table
 * {@code ledger_light_blocks}, kept by {@link TrustedStore}) and a few notes about the last sync
 * (table {@code ledger_notes}). It sits beside the profile's vault as {@code <profile id>.hwledger}.
 *
 * <p>Why not inside the vault file: ledger headers are public data that the light client reads and
 * writes during a sync, also while the wallet is locked and from the command line without the
 * passphrase; the vault file has one owner (the unlocked {@code Vault}, which refuses a busy file at
 * once rather than wait), and a second writer on it would make a vault commit fail whenever a sync
 * wrote at the same moment. Nothing about the patient is ever written here.
 *
 * <p>One owner: a {@link LedgerConnection} uses it from one thread at a time. Another process may
 * use the same file; SQLite serialises the writes (each waits up to {@link #BUSY_TIMEOUT_MILLIS}).
 */
public final class LedgerFile implements AutoCloseable {
    public static final String SUFFIX = ".hwledger";
    /** SQLite's application_id header field: "HWl1", so a foreign SQLite file is told apart. */
    static final int APPLICATION_ID = 0x48576C31;
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Connection connection;
    private final TrustedStore headers;

    private LedgerFile(Path path, Connection connection, TrustedStore headers) {
        this.path = path;
        this.connection = connection;
        this.headers = headers;
    }

    /** Where a profile's ledger file is: beside its vault, named by the profile's opaque id. */
    public static Path of(Profiles profiles, Profile profile) {
        return profiles.dataDir().resolve(profile.id() + SUFFIX);
    }

    /**
     * Opens the file, creating it (and its folder) when it is not there.
     *
     * @throws LedgerException when the file is another program's, damaged, or cannot be written
     */
    public static LedgerFile open(Path file) throws LedgerException {
        Path absolute = file.toAbsolutePath();
        boolean existed = checkForeign(absolute);
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new LedgerException("The folder for the ledger file " + absolute + " cannot be created: " + e.getMessage(), e);
        }
        Connection connection = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
            connection = config.createConnection("jdbc:sqlite:" + absolute);
            try (Statement s = connection.createStatement()) {
                int appId;
                try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                    appId = rs.next() ? rs.getInt(1) : 0;
                }
                if (appId != APPLICATION_ID) {
                    if (existed && hasTables(connection)) {
                        throw new LedgerException("The file " + absolute + " is not a HealthWallet ledger file; "
                                + "move it away and sync again.");
                    }
                    s.execute("PRAGMA application_id = " + APPLICATION_ID);
                }
                s.executeUpdate("CREATE TABLE IF NOT EXISTS ledger_notes (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            }
            TrustedStore headers = new TrustedStore(connection);
            return new LedgerFile(absolute, connection, headers);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw translate(absolute, e);
        } catch (TrustedStoreException | LedgerException e) {
            closeQuietly(connection);
            throw e instanceof LedgerException l ? l : new LedgerException("The ledger file " + absolute
                    + " cannot be used: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The verified light blocks. Used by the light client of this file's one {@link LedgerConnection}. */
    TrustedStore headers() {
        return headers;
    }

    /** The notes, read leniently: a value that cannot be read is as good as absent (it is derived information). */
    SyncNotes notes() throws LedgerException {
        Map<String, String> values = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT key, value FROM ledger_notes")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw translate(path, e);
        }
        SyncOutcome outcome;
        try {
            outcome = SyncOutcome.valueOf(values.getOrDefault("last_outcome", SyncOutcome.NEVER.name()));
        } catch (IllegalArgumentException e) {
            outcome = SyncOutcome.NEVER;
        }
        return new SyncNotes(instant(values.get("last_attempt")), outcome, values.getOrDefault("last_message", ""),
                instant(values.get("last_success")), checkpoint(values.get("checkpoint")), attack(values.get("attack")));
    }

    /** Replaces the notes in one transaction. */
    void save(SyncNotes notes) throws LedgerException {
        inTransaction(() -> writeNotes(notes));
    }

    /**
     * Forgets every verified header and replaces the notes, in one transaction: a new trust root
     * (a checkpoint the person entered) starts from nothing the old one verified.
     */
    void startOver(SyncNotes notes) throws LedgerException {
        inTransaction(() -> {
            try {
                headers.clear();
            } catch (TrustedStoreException e) {
                throw new SQLException(e.getMessage(), e);
            }
            writeNotes(notes);
        });
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(Work work) throws LedgerException {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(path, e);
        }
    }

    private void writeNotes(SyncNotes notes) throws SQLException {
        Map<String, String> values = new HashMap<>();
        notes.lastAttempt().ifPresent(t -> values.put("last_attempt", t.toString()));
        values.put("last_outcome", notes.lastOutcome().name());
        values.put("last_message", notes.lastMessage());
        notes.lastSuccess().ifPresent(t -> values.put("last_success", t.toString()));
        notes.checkpoint().ifPresent(c -> values.put("checkpoint", checkpointJson(c)));
        notes.attack().ifPresent(a -> values.put("attack", attackJson(a)));
        try (Statement clear = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_notes (key, value) VALUES (?, ?)")) {
            clear.executeUpdate("DELETE FROM ledger_notes");
            for (Map.Entry<String, String> e : values.entrySet()) {
                insert.setString(1, e.getKey());
                insert.setString(2, e.getValue());
                insert.executeUpdate();
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    /** True when a file is there; refuses one that is not SQLite at all before SQLite touches it. */
    private static boolean checkForeign(Path file) throws LedgerException {
        if (!Files.exists(file)) {
            return false;
        }
        if (!Files.isRegularFile(file)) {
            throw new LedgerException(file + " is not a file; HealthWallet keeps the profile's verified ledger headers there.");
        }
        byte[] head = new byte[SQLITE_MAGIC.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new LedgerException("The ledger file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (read == 0) {
            return false;
        }
        if (read < head.length || !Arrays.equals(head, SQLITE_MAGIC)) {
            throw new LedgerException("The file " + file + " is not a HealthWallet ledger file; move it away and sync again.");
        }
        return true;
    }

    private static boolean hasTables(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    private static LedgerException translate(Path file, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return switch (code) {
            case 5, 6 -> new LedgerException("The ledger file " + file + " is busy in another HealthWallet window or "
                    + "command; try again when it has finished.", e);
            case 11, 26 -> new LedgerException("The ledger file " + file + " is damaged. It holds only public ledger "
                    + "headers: move it away and sync again.", e);
            case 8 -> new LedgerException("The ledger file " + file + " is read-only.", e);
            case 13 -> new LedgerException("The disk is full; the ledger file " + file + " was not changed.", e);
            default -> new LedgerException("The ledger file " + file + " could not be read or written ("
                    + e.getMessage() + ").", e);
        };
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // every write was committed (or rolled back) before; closing loses nothing
            }
        }
    }

    private static Optional<Instant> instant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String checkpointJson(Checkpoint c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("chain_id", c.chainId());
        n.put("height", Long.toString(c.height()));
        n.put("hash", c.headerHash().hex());
        return n.toString();
    }

    private static Optional<Checkpoint> checkpoint(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(json);
            return Optional.of(new Checkpoint(n.path("chain_id").asText(), Long.parseLong(n.path("height").asText()),
                    Bytes.fromHex(n.path("hash").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String attackJson(AttackReport a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("primary", a.primary());
        n.put("witness", a.witness());
        n.put("height", Long.toString(a.height()));
        n.put("detected_at", a.detectedAt().toString());
        n.put("kind", a.kind().name());
        n.put("byzantine_validators", a.byzantineValidators());
        n.put("message", a.message());
        return n.toString();
    }

    private static Optional<AttackReport> attack(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(json);
            return Optional.of(new AttackReport(n.path("primary").asText(), n.path("witness").asText(),
                    Long.parseLong(n.path("height").asText()), Instant.parse(n.path("detected_at").asText()),
                    AttackEvidence.Kind.valueOf(n.path("kind").asText()), n.path("byzantine_validators").asInt(),
                    n.path("message").asText()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
