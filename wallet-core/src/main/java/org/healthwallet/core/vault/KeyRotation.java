package org.healthwallet.core.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import org.healthwallet.core.crypto.AesGcmKey;

/**
 * Re-encrypts every row of a vault file under a fresh master key, the way the best desktop wallets
 * rotate: write a new copy beside the file, check it, swap it in with one atomic rename. Only
 * rewrapping the master key would leave an old copy of the file plus its old passphrase opening
 * today's rows; after a rotation the old master key opens none of them, and the swapped-in file
 * holds no page of the old one (no freed page with an old box, no old key slot).
 *
 * <ol>
 *   <li>The copy {@code <vault>.rotating} (0600) is written in one transaction: the new key slot,
 *       every secret and record row opened with the old key and sealed again under the new one
 *       (same id, version and associated data), the summary of the new rows, and the public tables'
 *       rows as they are. The old rows are checked as they are read: each opens, and together they
 *       add up to the summary the vault last saved, so a damaged file is never copied as sound.</li>
 *   <li>The copy is checked as unlock would check it, from the file: the key slot as written, every
 *       row opening under the new key with the same plaintext as before, the keyed row summary,
 *       {@code PRAGMA integrity_check}, the public tables and the schema identical.</li>
 *   <li>The copy is forced to disk, renamed over the vault ({@code ATOMIC_MOVE}), and the folder is
 *       forced to disk.</li>
 * </ol>
 * The old file's write lock is held from the first read to the rename, so nothing (a ledger header
 * from another connection) is committed to the old file after it was copied; such a writer waits,
 * or its sync fails as busy and is run again. A connection opened to the old file before the swap
 * can still read it, but SQLite refuses its writes (SQLITE_READONLY_DBMOVED): nothing is written
 * where nobody will read it. A crash before the rename leaves the old vault and a leftover copy,
 * removed at the next unlock; after it, the new vault. The rename is one step: never a mix.
 */
final class KeyRotation {
    private static final String COPY_SUFFIX = ".rotating";

    /** The vault after a rotation: its file reopened, the new key, digest and summary. The caller owns them. */
    record Rotated(VaultFile db, AesGcmKey masterKey, RowDigest rowDigest, RowSummary summary) {}

    /** The vault file was swapped, but could not be opened again: the open vault must lock. */
    static final class SwappedButNotReopenedException extends VaultException {
        SwappedButNotReopenedException(VaultException cause) {
            super("The passphrase was changed, but the wallet could not be opened again (" + cause.getMessage()
                    + "). It is locked now; unlock it with the new passphrase.", cause);
        }
    }

    private KeyRotation() {}

    /**
     * Where the new copy of {@code vaultFile} is written before it is swapped in: beside the file
     * itself, also when the path is a symbolic link (the rename replaces the file, not the link, so
     * no old copy stays behind at the link's target).
     */
    static Path copyOf(Path vaultFile) {
        Path real = real(vaultFile);
        return real.resolveSibling(real.getFileName() + COPY_SUFFIX);
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath();
        }
    }

    /**
     * Deletes a copy (and its journal) that a rotation interrupted by a crash left beside the vault.
     * Call only with the profile lock held: then no rotation is running.
     */
    static void removeLeftover(Path vaultFile) {
        Path copy = copyOf(vaultFile);
        try {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(copy.resolveSibling(copy.getFileName() + "-journal"));
        } catch (IOException ignored) {
            // Ciphertext under a key slot of its own; the next rotation tries again.
        }
    }

    /**
     * Rotates the vault open on {@code db} (its rows under {@code oldKey}, last saved as
     * {@code saved}) to {@code newMaster}, wrapped in {@code slot}. On any failure before the
     * swap nothing is changed and the copy is removed. The caller closes the old file and keys.
     *
     * @throws SwappedButNotReopenedException when the new file is in place but could not be reopened
     */
    static Rotated rotate(VaultFile db, AesGcmKey oldKey, RowDigest oldDigest, RowSummary saved, KeySlot slot,
                          byte[] newMaster, SecureRandom random) throws VaultException {
        Path file = real(db.path());
        Path copy = copyOf(file);
        removeLeftover(file);
        AesGcmKey newKey = new AesGcmKey(newMaster, random);
        RowDigest newDigest = RowDigest.of(newMaster);
        boolean[] swapped = {false};
        RowSummary summary;
        try {
            summary = db.transaction(() -> {
                Copied copied = writeCopy(db, oldKey, oldDigest, saved, slot, newKey, newDigest, copy);
                check(db, copy, slot, newKey, newDigest, copied);
                swapIn(copy, file);
                swapped[0] = true;
                return copied.summary();
            });
        } catch (VaultException | RuntimeException e) {
            if (!swapped[0]) {
                removeLeftover(file);
                newKey.close();
                newDigest.close();
                throw e;
            }
            // Swapped; only releasing the old file's lock failed. The new file is what counts.
            summary = null;
        }
        try {
            VaultFile reopened = VaultFile.open(file);
            if (summary == null) {
                VaultFile.Row row = reopened.summaryRow();
                summary = RowSummary.open(newKey, row.version(), row.sealed());
            }
            return new Rotated(reopened, newKey, newDigest, summary);
        } catch (VaultException e) {
            newKey.close();
            newDigest.close();
            throw new SwappedButNotReopenedException(e);
        }
    }

    /** What the copy holds: its summary, and the fingerprint of the plaintexts sealed into it. */
    private record Copied(RowSummary summary, Fingerprint plaintexts) {}

    private static Copied writeCopy(VaultFile db, AesGcmKey oldKey, RowDigest oldDigest, RowSummary saved, KeySlot slot,
                                    AesGcmKey newKey, RowDigest newDigest, Path copy) throws VaultException {
        RowSummary.Changes found = RowSummary.empty().changes();
        Fingerprint plaintexts = new Fingerprint();
        RowSummary[] summary = new RowSummary[1];
        VaultFile written = VaultFile.createNew(copy, f -> {
            f.insertKeySlot(slot);
            try (RowWriter w = new RowWriter(f, newDigest, RowSummary.empty().changes())) {
                for (VaultFile.Row row : db.secrets()) {
                    UUID id = RowCodec.idOf(row.id());
                    byte[] aad = RowCodec.secretAad(id, row.version());
                    byte[] plain = open(oldKey, row.sealed(), aad, "a stored key");
                    try {
                        String group = groupOf(plain);
                        found.add(group, oldDigest.of(RowWriter.SECRET_TABLE, row.id(), row.version(), row.sealed()));
                        plaintexts.add(RowWriter.SECRET_TABLE, row, plain);
                        w.insertSecret(group, id, row.version(), newKey.seal(plain, aad));
                    } finally {
                        Arrays.fill(plain, (byte) 0);
                    }
                }
                List<VaultFile.Row> records = db.records();
                for (int i = 0; i < records.size(); i++) {
                    VaultFile.Row row = records.get(i);
                    UUID id = RowCodec.idOf(row.id());
                    byte[] aad = RowCodec.recordAad(id, row.version());
                    byte[] plain = open(oldKey, row.sealed(), aad, "a stored record");
                    found.add(RowSummary.RECORDS, oldDigest.of(RowWriter.RECORD_TABLE, row.id(), row.version(), row.sealed()));
                    plaintexts.add(RowWriter.RECORD_TABLE, row, plain);
                    w.insertRecord(id, row.version(), newKey.seal(plain, aad));
                    records.set(i, null);
                }
                // The rows copied are the ones this vault last saved: none missing, none put back.
                saved.check(found.toSummary(0));
                summary[0] = w.saveSummary(f, newKey, RowSummary.empty());
            }
            for (String table : PublicTables.TABLES) {
                copyTable(db, f, table);
            }
        });
        written.close();
        return new Copied(summary[0], plaintexts);
    }

    /** Reads the copy back as unlock would, and compares it with the file it is to replace. */
    private static void check(VaultFile db, Path copy, KeySlot slot, AesGcmKey newKey, RowDigest newDigest, Copied copied)
            throws VaultException, SQLException {
        try (VaultFile c = VaultFile.open(copy)) {
            KeySlot read = c.keySlot();
            if (read.version() != slot.version() || !read.kdf().equals(slot.kdf()) || !Arrays.equals(read.salt(), slot.salt())
                    || !Arrays.equals(read.sealedKey(), slot.sealedKey())) {
                throw failedCheck("its key slot is not the one written");
            }
            RowSummary.Changes found = RowSummary.empty().changes();
            Fingerprint plaintexts = new Fingerprint();
            for (VaultFile.Row row : c.secrets()) {
                byte[] plain = open(newKey, row.sealed(), RowCodec.secretAad(RowCodec.idOf(row.id()), row.version()), "a key");
                try {
                    found.add(groupOf(plain), newDigest.of(RowWriter.SECRET_TABLE, row.id(), row.version(), row.sealed()));
                    plaintexts.add(RowWriter.SECRET_TABLE, row, plain);
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            }
            for (VaultFile.Row row : c.records()) {
                byte[] plain = open(newKey, row.sealed(), RowCodec.recordAad(RowCodec.idOf(row.id()), row.version()), "a record");
                found.add(RowSummary.RECORDS, newDigest.of(RowWriter.RECORD_TABLE, row.id(), row.version(), row.sealed()));
                plaintexts.add(RowWriter.RECORD_TABLE, row, plain);
            }
            VaultFile.Row summaryRow = c.summaryRow();
            if (summaryRow == null) {
                throw failedCheck("its summary is missing");
            }
            RowSummary.open(newKey, summaryRow.version(), summaryRow.sealed()).check(found.toSummary(0));
            if (!plaintexts.equals(copied.plaintexts())) {
                throw failedCheck("its rows do not hold what the wallet holds");
            }
            List<String> integrity = strings(c, "PRAGMA integrity_check");
            if (!integrity.equals(List.of("ok"))) {
                throw failedCheck("SQLite's integrity check says " + integrity);
            }
            String schema = "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
            if (!strings(c, schema).equals(strings(db, schema))) {
                throw failedCheck("its tables are not the wallet's");
            }
            for (String table : PublicTables.TABLES) {
                if (!tableDigest(c, table).equals(tableDigest(db, table))) {
                    throw failedCheck("its copy of " + table + " differs");
                }
            }
        } catch (VaultCorruptedException e) {
            throw failedCheck(e.getMessage());
        }
    }

    /** Forces the copy to disk, renames it over the vault in one step, and forces the folder. */
    private static void swapIn(Path copy, Path file) throws VaultException {
        try {
            try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new VaultException("The wallet's folder cannot replace a file in one step, so its key was not changed."
                    + " Nothing was changed; the old passphrase still opens the wallet.", e);
        } catch (IOException e) {
            throw new VaultException("The re-encrypted copy of the wallet could not be put in place (" + e.getMessage()
                    + "). Nothing was changed; the old passphrase still opens the wallet.", e);
        }
        try (FileChannel folder = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException ignored) {
            // A folder cannot be opened for syncing on every system (Windows); the rename is done either way.
        }
    }

    private static void copyTable(VaultFile from, VaultFile to, String table) throws SQLException {
        try (PreparedStatement read = from.prepare("SELECT * FROM " + table); ResultSet rs = read.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            try (PreparedStatement insert = to.prepare("INSERT INTO " + table + " VALUES ("
                    + String.join(", ", Collections.nCopies(columns, "?")) + ")")) {
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        insert.setObject(i, rs.getObject(i));
                    }
                    insert.executeUpdate();
                }
            }
        }
    }

    private static String tableDigest(VaultFile db, String table) throws SQLException {
        Fingerprint digest = new Fingerprint();
        try (PreparedStatement read = db.prepare("SELECT * FROM " + table + " ORDER BY 1"); ResultSet rs = read.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            for (int n = 0; rs.next(); n++) {
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    byte[] bytes = value instanceof byte[] b ? b : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
                    digest.add(table, new VaultFile.Row(new byte[] {(byte) i}, n, null), bytes);
                }
            }
        }
        return digest.toString();
    }

    private static List<String> strings(VaultFile db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = db.prepare(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The summary group of a secret row's plaintext, as {@link OpenedRows} counts it. */
    private static String groupOf(byte[] plain) throws VaultCorruptedException {
        try {
            RowCodec.ProfileSecrets s = RowCodec.decodeProfileSecrets(plain);
            if (s != null) {
                Arrays.fill(s.identitySeed(), (byte) 0);
                Arrays.fill(s.backupKey(), (byte) 0);
                return RowSummary.PROFILE;
            }
            RowCodec.Item item = RowCodec.decodeItem(plain);
            if (item == null) {
                return RowSummary.OTHER_SECRETS;
            }
            Arrays.fill(item.content(), (byte) 0);
            return RowSummary.items(item.kind());
        } catch (IllegalArgumentException e) {
            throw altered("a stored key");
        }
    }

    private static byte[] open(AesGcmKey key, byte[] sealed, byte[] aad, String what) throws VaultCorruptedException {
        try {
            return key.open(sealed, aad);
        } catch (AEADBadTagException e) {
            throw altered(what);
        }
    }

    private static VaultCorruptedException altered(String what) {
        return new VaultCorruptedException("This wallet file was altered outside HealthWallet: " + what
                + " failed its integrity check. Nothing was changed; restore the wallet from a backup.");
    }

    private static VaultException failedCheck(String why) {
        return new VaultException("The wallet could not be re-encrypted under a new key: the new copy failed its check ("
                + why + "). Nothing was changed; the old passphrase still opens the wallet.");
    }

    /**
     * An order-free SHA-256 fingerprint of rows' plaintexts: the XOR of one hash per row over its
     * table, id, version and plaintext, with the count. Compares two files' contents without
     * keeping either in memory.
     */
    private static final class Fingerprint {
        private final byte[] sum = new byte[32];
        private final MessageDigest sha256;
        private long count;

        Fingerprint() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
            }
        }

        void add(String table, VaultFile.Row row, byte[] plain) {
            sha256.update(table.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) 0);
            sha256.update(row.id());
            sha256.update(new byte[] {(byte) (row.version() >>> 24), (byte) (row.version() >>> 16),
                    (byte) (row.version() >>> 8), (byte) row.version()});
            sha256.update(plain);
            byte[] h = sha256.digest();
            for (int i = 0; i < sum.length; i++) {
                sum[i] ^= h[i];
            }
            count++;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fingerprint f && f.count == count && MessageDigest.isEqual(f.sum, sum);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sum);
        }

        @Override
        public String toString() {
            return count + ":" + HexFormat.of().formatHex(sum);
        }
    }
}
