package org.healthwallet.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.PublicTables;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.client.AttackEvidence;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.RowSeal;
import org.healthwallet.ledger.client.TrustedStore;
import org.healthwallet.ledger.client.TrustedStoreException;
import org.healthwallet.ledger.cometbft.Bytes;

/**
 * A profile's ledger store, kept in the profile's vault file: the light blocks its light client
 * verified (table {@code ledger_light_blocks}, kept and pruned by {@link TrustedStore}) and a few
 * notes about the last sync (table {@code ledger_notes}). The vault's schema makes both tables
 * (migration 2), so every wallet file has them; this class never creates a table and refuses a file
 * that is not a HealthWallet wallet.
 *
 * <p>Ledger headers are public data, so they are in clear, but which of them this wallet trusts is
 * not anybody's to change: every row (a header, a note, the trust root, the pinned consortium file)
 * carries a {@link RowSeal} keyed from the unlocked wallet ({@code Vault#ledgerSeal}), written with
 * it and checked on every read. A row that does not match is refused with a plain sentence, and
 * nothing is trusted from it. This class works on a plain connection of its own to the vault file
 * ({@link PublicTables#open}), from the app or the command line. SQLite serialises its writes
 * with the vault's: each side waits for the other's (the vault's connection and this one both have a
 * busy timeout), and every write here is a short transaction, so a sync never makes an import fail.
 * Nothing about the patient is ever written here.
 *
 * <p>One owner: a {@link LedgerConnection} uses it from one thread at a time.
 */
public final class LedgerFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The note that pins the consortium file: its content as first used. */
    private static final String CONSORTIUM = "consortium";

    private final Path path;
    /**
     * The connection and the file it is open on ({@code fileKey}: device and inode). A passphrase
     * change swaps a re-encrypted copy in for the vault file (a key rotation, copying these tables);
     * SQLite refuses writes to the file swapped out, so each use first moves on to the file in place.
     */
    private Connection connection;
    private TrustedStore headers;
    private Object fileKey;
    private final RowSeal seal;

    private LedgerFile(Path path, Connection connection, TrustedStore headers, Object fileKey, RowSeal seal) {
        this.path = path;
        this.seal = seal;
        this.connection = connection;
        this.headers = headers;
        this.fileKey = fileKey;
    }

    /** Where a profile's ledger store is: its vault file, {@code <profile id>.hwvault}. */
    public static Path of(Profiles profiles, Profile profile) {
        return profiles.vaultFile(profile);
    }

    /**
     * Opens the ledger store in the vault file at {@code vaultFile}, sealed and checked with
     * {@code seal} (the unlocked wallet's {@code ledgerSeal()}). Changes nothing in the file by opening it.
     *
     * @throws LedgerException when there is no wallet file there yet (the profile was never created,
     *                         so it has no ledger store), or the file is not a wallet this version can
     *                         use (another program's, damaged, newer, or older and not unlocked since)
     */
    public static LedgerFile open(Path vaultFile, RowSeal seal) throws LedgerException {
        Objects.requireNonNull(seal, "seal");
        Path absolute = vaultFile.toAbsolutePath();
        if (!Files.exists(absolute)) {
            throw new LedgerException("There is no wallet file at " + absolute + " yet, and the ledger's verified "
                    + "headers are kept in it: create the wallet first.");
        }
        Object fileKey = fileKeyOf(absolute);
        Connection connection = connect(absolute);
        try {
            return new LedgerFile(absolute, connection, TrustedStore.sealed(connection, seal), fileKey, seal);
        } catch (TrustedStoreException e) {
            closeQuietly(connection);
            throw new LedgerException("The wallet file " + absolute + " cannot be used for the ledger: " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path absolute) throws LedgerException {
        try {
            return PublicTables.open(absolute);
        } catch (VaultException e) {
            String message = e.getMessage();
            throw new LedgerException(message.contains(absolute.toString()) ? message : absolute + ": " + message, e);
        }
    }

    /** The identity of the file now at {@code path} (null where the system has none, or nothing is there). */
    private static Object fileKeyOf(Path path) {
        try {
            return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Moves on to the file now at the vault's path when it is another one than the connection is
     * open on (a key rotation swapped it). When it cannot be opened, the old connection stays: its
     * reads still work, and a write fails with a message rather than being lost.
     */
    private synchronized void followSwappedFile() {
        Object now = fileKeyOf(path);
        if (now == null || now.equals(fileKey)) {
            return;
        }
        Connection next = null;
        try {
            next = connect(path);
            TrustedStore nextHeaders = TrustedStore.sealed(next, seal);
            closeQuietly(connection);
            connection = next;
            headers = nextHeaders;
            fileKey = now;
        } catch (LedgerException | TrustedStoreException e) {
            closeQuietly(next);
        }
    }

    /** The vault file the ledger store is in. */
    public Path path() {
        return path;
    }

    /** The verified light blocks. Used by the light client of this file's one {@link LedgerConnection}. */
    TrustedStore headers() {
        followSwappedFile();
        return headers;
    }

    /**
     * Checks the seal of every row (notes and headers) before a sync trusts or writes anything.
     *
     * @throws LedgerException naming the row that was changed outside HealthWallet
     */
    void checkSeals() throws LedgerException {
        Map<String, String> notes = sealedNotes(false);
        try {
            if (notes.isEmpty() && headers().size() > 0) {
                throw new LedgerException(tampered("the sync notes"));
            }
            headers().checkSeals();
        } catch (TrustedStoreException e) {
            boolean changed = e.getMessage().startsWith(TrustedStore.TAMPERED);
            throw new LedgerException(changed ? e.getMessage() + RECOVERY : e.getMessage(), e);
        }
    }

    /**
     * The notes, each checked against its seal; a sealed value that cannot be read is as good as
     * absent (it is derived information).
     *
     * @throws LedgerException when a note does not match its seal (changed outside HealthWallet)
     */
    SyncNotes notes() throws LedgerException {
        return notesOf(sealedNotes(false));
    }

    /**
     * The notes whose seals hold, the others left out: what the person starts over from when they
     * enter a new trust root (with the passphrase) after the file was changed outside HealthWallet.
     */
    SyncNotes notesToStartOver() throws LedgerException {
        return notesOf(sealedNotes(true));
    }

    /** The notes as stored, each checked against its seal (a failing one left out when {@code skipChanged}). */
    private Map<String, String> sealedNotes(boolean skipChanged) throws LedgerException {
        followSwappedFile();
        Map<String, String> values = new HashMap<>();
        Map<String, byte[]> seals = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT key, value, seal FROM ledger_notes")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
                seals.put(rs.getString(1), rs.getBytes(3));
            }
        } catch (SQLException e) {
            throw translate(path, e);
        }
        String kind = PublicTables.noteSealKind(values.keySet());
        List<String> changed = values.keySet().stream().sorted()
                .filter(k -> !seal.matches(seals.get(k), kind, k, values.get(k))).toList();
        if (changed.isEmpty()) {
            return values;
        }
        if (skipChanged) {
            changed.forEach(values::remove);
            return values;
        }
        // One note changed is named; all of them failing means the set changed (a note deleted or added).
        throw new LedgerException(tampered(changed.size() > 1 ? "the sync notes" : switch (changed.get(0)) {
            case "checkpoint" -> "the trust root";
            case CONSORTIUM -> "the pinned consortium file";
            default -> "the sync note \"" + changed.get(0) + "\"";
        }));
    }

    private static final String RECOVERY = " To trust the ledger again, enter your consortium's checkpoint "
            + "('healthwallet ledger checkpoint', or the Ledger screen); your records are not affected.";

    /** The sentence for a changed row, and what the person can do about it. */
    private static String tampered(String what) {
        return TrustedStore.tampered(what) + RECOVERY;
    }

    private static SyncNotes notesOf(Map<String, String> values) {
        SyncOutcome outcome;
        try {
            outcome = SyncOutcome.valueOf(values.getOrDefault("last_outcome", SyncOutcome.NEVER.name()));
        } catch (IllegalArgumentException e) {
            outcome = SyncOutcome.NEVER;
        }
        return new SyncNotes(instant(values.get("last_attempt")), outcome, values.getOrDefault("last_message", ""),
                instant(values.get("last_success")), checkpoint(values.get("checkpoint")), attack(values.get("attack")),
                Optional.ofNullable(values.get(CONSORTIUM)));
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
                throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            }
            writeNotes(notes);
        });
    }

    private interface Work {
        void run() throws SQLException;
    }

    /**
     * One short transaction, begun IMMEDIATE: it takes the write lock first (waiting while the vault
     * writes), never half way, where SQLite would refuse it at once.
     */
    private void inTransaction(Work work) throws LedgerException {
        followSwappedFile();
        try {
            execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw translate(path, e);
        }
        try {
            work.run();
            execute("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            throw translate(path, e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // already rolled back by SQLite
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
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
        notes.consortium().ifPresent(c -> values.put(CONSORTIUM, c));
        String kind = PublicTables.noteSealKind(values.keySet());
        try (Statement clear = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_notes (key, value, seal) VALUES (?, ?, ?)")) {
            clear.executeUpdate("DELETE FROM ledger_notes");
            for (Map.Entry<String, String> e : values.entrySet()) {
                insert.setString(1, e.getKey());
                insert.setString(2, e.getValue());
                insert.setBytes(3, seal.of(kind, e.getKey(), e.getValue()));
                insert.executeUpdate();
            }
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }

    private static LedgerException translate(Path file, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return switch (code) {
            case 5, 6 -> new LedgerException("The wallet file " + file + " is busy: another HealthWallet window or "
                    + "command is saving to it. Try again when it has finished.", e);
            case 11, 26 -> new LedgerException("The wallet file " + file + " is damaged (its database structure is "
                    + "broken); the ledger cannot be kept in it. Restore the wallet from a backup.", e);
            case 8 -> new LedgerException("The wallet file " + file + " is read-only, so the ledger's headers cannot "
                    + "be saved.", e);
            case 13 -> new LedgerException("The disk is full; the ledger's headers in " + file + " were not changed.", e);
            default -> new LedgerException("The ledger's headers in the wallet file " + file + " could not be read or "
                    + "written (" + e.getMessage() + ").", e);
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
