package org.healthwallet.core.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.healthwallet.core.crypto.AesGcmKey;
import org.healthwallet.core.crypto.Argon2id;
import org.healthwallet.core.crypto.IdentityKey;
import org.healthwallet.core.crypto.KeyHierarchy;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.ledger.client.RowSeal;

/**
 * An unlocked profile: the one owner of its keys, its open vault file and its records in memory.
 * Everything in the file is sealed under the vault master key; the master key itself is wrapped
 * under Argon2id(passphrase). {@link #close()} locks the wallet: it wipes the keys and releases the
 * profile lock. Methods are safe to call from a background thread while another reads
 * {@link #records()}.
 */
public final class Vault implements AutoCloseable {
    private final Path file;
    private final ProfileLock lock;
    private final SecureRandom random;
    /** The open file, its master key and row digest: a key rotation replaces them together (under this monitor). */
    private VaultFile db;
    private AesGcmKey masterKey;
    private RowDigest rowDigest;
    private final IdentityKey identity;
    private final byte[] backupKey;
    private final String label;
    private final Map<UUID, Held> byId;
    private final Map<String, UUID> idByHash;
    private volatile List<StoredRecord> snapshot;
    /** What the file's rows add up to as last committed; every write goes on from it ({@link #write}). */
    private RowSummary summary;
    private volatile boolean closed;

    /** A record in memory with its content hash, by which duplicates are merged. */
    record Held(StoredRecord record, String contentHash) {}

    private Vault(Path file, ProfileLock lock, VaultFile db, SecureRandom random, AesGcmKey masterKey, RowDigest rowDigest,
                  RowSummary summary, IdentityKey identity, byte[] backupKey, String label, List<Held> records) {
        this.file = file;
        this.lock = lock;
        this.db = db;
        this.random = random;
        this.masterKey = masterKey;
        this.rowDigest = rowDigest;
        this.summary = summary;
        this.identity = identity;
        this.backupKey = backupKey;
        this.label = label == null ? "" : label;
        this.byId = new LinkedHashMap<>();
        this.idByHash = new HashMap<>();
        for (Held h : records) {
            byId.put(h.record().id(), h);
            idByHash.put(h.contentHash(), h.record().id());
        }
        this.snapshot = snapshotOf(byId);
    }

    // ---- create, unlock, restore ----------------------------------------------------------

    /** A new wallet with a fresh root secret; see {@link #create(Path, char[], KdfParams, String)}. */
    public static CreatedVault create(Path file, char[] passphrase, KdfParams kdf) throws VaultException {
        return create(file, passphrase, kdf, "");
    }

    /**
     * Creates a wallet at {@code file} (which must not exist) from a fresh random 32-byte root
     * secret, and returns it unlocked with its recovery phrase, to be shown to the patient once.
     *
     * @param label the person this profile is for; kept only inside the vault, encrypted
     */
    public static CreatedVault create(Path file, char[] passphrase, KdfParams kdf, String label) throws VaultException {
        Objects.requireNonNull(kdf, "kdf");
        SecureRandom random = new SecureRandom();
        byte[] root = new byte[KeyHierarchy.ROOT_SECRET_BYTES];
        random.nextBytes(root);
        try {
            RecoveryPhrase phrase = RecoveryPhrase.ofRootSecret(root);
            Vault vault = build(file, root, passphrase, kdf, label, List.of(), random);
            return new CreatedVault(vault, phrase);
        } finally {
            Arrays.fill(root, (byte) 0);
        }
    }

    public static Vault unlock(Path file, char[] passphrase) throws VaultException {
        return unlock(file, passphrase, ImportProgress.NONE);
    }

    /**
     * Opens a wallet: derives the passphrase key (the configured Argon2id cost), unwraps the master
     * key, then reads and opens every row in one pass and checks that together they add up to the
     * file's {@link RowSummary} (a deleted or rolled-back row is refused, with nothing shown). Changes
     * nothing in the file unless it is of an older format, which is then migrated after the
     * passphrase proved right (a file from before the summary gets one, of the rows it holds).
     *
     * @param progress told "unlocking" (key derivation) then "reading" (records done of total)
     */
    public static Vault unlock(Path file, char[] passphrase, ImportProgress progress) throws VaultException {
        if (!Files.isRegularFile(file)) {
            throw new VaultNotFoundException(file);
        }
        // A foreign or truncated file is named before a lock file is made beside it.
        VaultFile.checkHeader(file);
        SecureRandom random = new SecureRandom();
        ProfileLock lock = ProfileLock.acquire(file);
        KeyRotation.removeLeftover(file);
        // A file an earlier build made 0644: its journals take its mode, so it is narrowed first.
        PrivateFiles.restrictExisting(file, ProfileLock.lockFileOf(file));
        VaultFile db = null;
        AesGcmKey master = null;
        RowDigest digest = null;
        RowCodec.ProfileSecrets secrets = null;
        try {
            db = VaultFile.open(file);
            progress.update("unlocking", 0, 1);
            byte[] masterBytes = db.keySlot().unwrap(passphrase, random, null);
            master = new AesGcmKey(masterBytes, random);
            digest = RowDigest.of(masterBytes);
            Arrays.fill(masterBytes, (byte) 0);
            progress.update("unlocking", 1, 1);
            OpenedRows rows = OpenedRows.read(db, master, digest, progress);
            secrets = rows.secrets();
            int format = db.schemaVersion();
            boolean sealedBefore = !ItemRows.list(db, master, PublicTables.SEALED_MARK_KIND).isEmpty();
            VaultFile.Filler sealLedger = PublicTables.sealingOnUpgrade(format, sealedBefore,
                    PublicTables.sealOf(secrets.backupKey()));
            RowSummary summary;
            if (format >= Schema.SUMMARY_SINCE) {
                summary = rows.checkedSummary(db, master);
                if (format < Schema.latest()) {
                    db.migrate(sealLedger);
                }
            } else {
                summary = rows.firstSummary(db, master, digest, sealLedger);
            }
            Vault vault = new Vault(file, lock, db, random, master, digest, summary, new IdentityKey(secrets.identitySeed()),
                    secrets.backupKey().clone(), secrets.label(), rows.records());
            if (!sealedBefore) {
                vault.markLedgerSealed();
            }
            return vault;
        } catch (VaultException | RuntimeException e) {
            closeAll(db, master, digest, lock);
            throw e;
        } catch (SQLException e) {
            closeAll(db, master, digest, lock);
            throw VaultFile.translate(file, e);
        } finally {
            if (secrets != null) {
                Arrays.fill(secrets.identitySeed(), (byte) 0);
                Arrays.fill(secrets.backupKey(), (byte) 0);
            }
        }
    }

    /**
     * Restores a wallet from the recovery phrase and a backup file into a new vault at
     * {@code newFile} (which must not exist), protected by a new passphrase. The identity and the
     * records come back as they were when the backup was made.
     */
    public static Vault restore(Path backupFile, RecoveryPhrase phrase, Path newFile, char[] newPassphrase,
                                KdfParams kdf) throws VaultException {
        Objects.requireNonNull(kdf, "kdf");
        SecureRandom random = new SecureRandom();
        byte[] root = phrase.rootSecret();
        try (KeyHierarchy keys = KeyHierarchy.fromRootSecret(root)) {
            byte[] backupKey = keys.backupKey();
            BackupFile.Contents contents;
            try {
                contents = BackupFile.read(backupFile, backupKey, random);
            } finally {
                Arrays.fill(backupKey, (byte) 0);
            }
            List<Held> records = new ArrayList<>(contents.entries().size());
            for (BackupFile.Entry e : contents.entries()) {
                try {
                    RowCodec.Decoded d = RowCodec.decodeRecord(e.id(), e.version(), e.plaintext());
                    records.add(new Held(d.record(), d.contentHash()));
                } catch (IllegalArgumentException ex) {
                    throw new VaultCorruptedException("This backup file is damaged and cannot be restored.", ex);
                }
            }
            return build(newFile, root, newPassphrase, kdf, contents.label(), records, random);
        } finally {
            Arrays.fill(root, (byte) 0);
        }
    }

    /** Writes a new vault file in one transaction and returns it unlocked. */
    private static Vault build(Path file, byte[] root, char[] passphrase, KdfParams kdf, String label,
                               List<Held> records, SecureRandom random) throws VaultException {
        if (Files.exists(file)) {
            throw new VaultException("A file already exists at " + file + "; HealthWallet will not overwrite it.");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                PrivateFiles.createFolder(parent);
            }
        } catch (java.io.IOException e) {
            throw new VaultException("The folder for " + file + " cannot be created: " + e.getMessage(), e);
        }
        ProfileLock lock = ProfileLock.acquire(file);
        AesGcmKey master = null;
        RowDigest digest = null;
        VaultFile db = null;
        try (KeyHierarchy keys = KeyHierarchy.fromRootSecret(root)) {
            byte[] masterBytes = keys.masterKey();
            byte[] identitySeed = keys.identitySeed();
            byte[] backupKey = keys.backupKey();
            try {
                KeySlot slot = KeySlot.wrap(masterBytes, passphrase, kdf, 1, random, null);
                master = new AesGcmKey(masterBytes, random);
                digest = RowDigest.of(masterBytes);
                AesGcmKey sealer = master;
                RowDigest rowDigest = digest;
                RowSummary[] saved = new RowSummary[1];
                RowCodec.ProfileSecrets secrets = new RowCodec.ProfileSecrets(identitySeed, backupKey, label == null ? "" : label, true);
                db = VaultFile.createNew(file, f -> {
                    f.insertKeySlot(slot);
                    try (RowWriter w = new RowWriter(f, rowDigest, RowSummary.empty().changes())) {
                        UUID secretId = UUID.randomUUID();
                        w.insertSecret(RowSummary.PROFILE, secretId, 1,
                                sealer.seal(RowCodec.encodeProfileSecrets(secrets), RowCodec.secretAad(secretId, 1)));
                        for (Held h : records) {
                            StoredRecord r = h.record();
                            w.insertRecord(r.id(), r.version(), sealer.seal(RowCodec.encodeRecord(r, h.contentHash()),
                                    RowCodec.recordAad(r.id(), r.version())));
                        }
                        saved[0] = w.saveSummary(f, sealer, RowSummary.empty());
                    }
                });
                Vault vault = new Vault(file, lock, db, random, master, digest, saved[0], new IdentityKey(identitySeed),
                        backupKey.clone(), label, records);
                vault.markLedgerSealed();
                return vault;
            } finally {
                Arrays.fill(masterBytes, (byte) 0);
                Arrays.fill(identitySeed, (byte) 0);
                Arrays.fill(backupKey, (byte) 0);
            }
        } catch (VaultException | RuntimeException e) {
            closeAll(db, master, digest, lock);
            throw e;
        }
    }

    // ---- the unlocked wallet --------------------------------------------------------------

    /**
     * Imports what the parser read, in ONE transaction: every new resource becomes a record with a
     * random id; a resource whose content hash is already in the vault (or earlier in this call)
     * is merged: its record gains this source's provenance and its version bumps once. Cancelling
     * (checked between entries) rolls everything back.
     *
     * @param progress told "importing" (entries done of total) then "saving" (rows written of total)
     * @throws ImportCancelledException when the progress reported cancellation; nothing was changed
     */
    public synchronized ImportReport importRecords(List<ParsedSource> sources, ImportProgress progress) throws VaultException {
        checkOpen();
        RecordImport plan = new RecordImport(byId, idByHash);
        RecordImport.Result result = write(w -> {
            RecordImport.Result r = plan.stage(sources, progress);
            int done = 0;
            int total = r.rows().size();
            for (RecordImport.Staged s : r.rows()) {
                if (progress.isCancelled()) {
                    throw new ImportCancelledException();
                }
                StoredRecord rec = s.held().record();
                byte[] sealed = masterKey.seal(RowCodec.encodeRecord(rec, s.held().contentHash()),
                        RowCodec.recordAad(rec.id(), rec.version()));
                if (s.previousVersion() == 0) {
                    w.insertRecord(rec.id(), rec.version(), sealed);
                } else {
                    w.updateRecord(rec.id(), s.previousVersion(), rec.version(), sealed);
                }
                progress.update("saving", ++done, total);
            }
            if (progress.isCancelled()) {
                throw new ImportCancelledException();
            }
            return r;
        });
        for (RecordImport.Staged s : result.rows()) {
            Held h = s.held();
            byId.put(h.record().id(), h);
            idByHash.put(h.contentHash(), h.record().id());
        }
        snapshot = snapshotOf(byId);
        return result.report();
    }

    /** Every record, decrypted, in the order they were first imported. Immutable. */
    public List<StoredRecord> records() {
        checkOpenUnchecked();
        return snapshot;
    }

    /** The records engineer's index (categories, lookups) over {@link #records()}, built on each call. */
    public RecordIndex index() {
        return RecordIndex.of(records());
    }

    /** The 32-byte Ed25519 public key of this profile's identity. */
    public byte[] identityPublicKey() {
        checkOpenUnchecked();
        return identity.publicKey();
    }

    /** A 64-byte Ed25519 signature by this profile's identity key. */
    public byte[] sign(byte[] message) {
        checkOpenUnchecked();
        return identity.sign(message);
    }

    /**
     * The seal of the ledger rows in this profile's file (verified headers, trust root, notes): what
     * the ledger store needs to read or change them, so it works only on an unlocked wallet.
     */
    public RowSeal ledgerSeal() {
        checkOpenUnchecked();
        return PublicTables.sealOf(backupKey);
    }

    /** Notes, in a sealed row the summary counts, that this file's ledger rows are sealed from now on. */
    private void markLedgerSealed() throws VaultException {
        // on failure the caller closes what the vault was built from (its db, keys and lock)
        putItem(PublicTables.SEALED_MARK_KIND, PublicTables.SEALED_MARK_ID, new byte[] {1});
    }

    /** The label given at creation (the person this profile is for), or "" when none was given. */
    public String label() {
        checkOpenUnchecked();
        return label;
    }

    public Path file() {
        return file;
    }

    // ---- small encrypted items of other features (share keys and links) ---------------------

    /**
     * The items of one kind (e.g. {@code "share"}) this vault keeps, by id, decrypted. Items are
     * secret rows sealed like every other row ({@link ItemRows}); they are not part of a backup.
     */
    public synchronized Map<UUID, byte[]> items(String kind) throws VaultException {
        checkOpen();
        return ItemRows.list(db, masterKey, kind);
    }

    /** Keeps an item under {@code id}, replacing the one of the same kind there, in one transaction. */
    public synchronized void putItem(String kind, UUID id, byte[] content) throws VaultException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        putItems(kind, Map.of(id, content));
    }

    /**
     * Keeps several items of one kind (each as {@link #putItem} would) in ONE transaction: all of
     * them are kept, or none is. For many items at once, e.g. a verified stretch of the access log.
     */
    public synchronized void putItems(String kind, Map<UUID, byte[]> items) throws VaultException {
        checkOpen();
        ItemRows.checkPut(kind, items);
        if (items.isEmpty()) {
            return;
        }
        write(w -> {
            ItemRows.putAll(w, masterKey, kind, items);
            return null;
        });
    }

    /** Deletes an item of this kind, in one transaction; false when there is none under {@code id}. */
    public synchronized boolean removeItem(String kind, UUID id) throws VaultException {
        checkOpen();
        return write(w -> ItemRows.remove(w, masterKey, kind, id));
    }

    /**
     * Changes the passphrase and rotates the master key: every row is sealed again under a fresh
     * random key in a checked copy of the file swapped in atomically ({@link KeyRotation}), so an
     * old copy of the file and its old passphrase open none of today's rows. A crash at any point
     * leaves the old file with the old passphrase or the new file with the new one. The identity and
     * the backup key (the recovery phrase) stay as they are; the records are unchanged.
     *
     * @throws WrongPassphraseException when {@code current} is not this wallet's passphrase
     */
    public synchronized void changePassphrase(char[] current, char[] next, KdfParams kdf) throws VaultException {
        checkOpen();
        Objects.requireNonNull(kdf, "kdf");
        KeySlot old = db.keySlot();
        Argon2BytesGenerator.BlockPool pool = Argon2id.poolFor(
                Math.max(old.kdf().memoryKib(), kdf.memoryKib()), Math.max(old.kdf().parallelism(), kdf.parallelism()));
        Arrays.fill(old.unwrap(current, random, pool), (byte) 0);
        byte[] fresh = new byte[AesGcmKey.KEY_BYTES];
        random.nextBytes(fresh);
        try {
            KeySlot slot = KeySlot.wrap(fresh, next, kdf, old.version() + 1, random, pool);
            KeyRotation.Rotated rotated;
            try {
                rotated = KeyRotation.rotate(db, masterKey, rowDigest, summary, slot, fresh, random);
            } catch (KeyRotation.SwappedButNotReopenedException e) {
                close();
                throw e;
            }
            db.close();
            masterKey.close();
            rowDigest.close();
            db = rotated.db();
            masterKey = rotated.masterKey();
            rowDigest = rotated.rowDigest();
            summary = rotated.summary();
        } finally {
            Arrays.fill(fresh, (byte) 0);
        }
    }

    /**
     * Writes an encrypted backup of this profile (label and every record) to {@code out}, sealed
     * under the backup key: the recovery phrase alone opens it. Replaces {@code out} atomically.
     */
    public synchronized void exportBackup(Path out) throws VaultException {
        checkOpen();
        if (out.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            throw new VaultException("A backup cannot be written over the wallet itself; choose another file.");
        }
        List<BackupFile.Entry> entries = new ArrayList<>(byId.size());
        for (Held h : byId.values()) {
            StoredRecord r = h.record();
            entries.add(new BackupFile.Entry(r.id(), r.version(), RowCodec.encodeRecord(r, h.contentHash())));
        }
        BackupFile.write(out, new BackupFile.Contents(label, entries), backupKey, random);
    }

    /** Locks the wallet: wipes the keys, closes the file and releases the profile lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        snapshot = List.of();
        byId.clear();
        idByHash.clear();
        Arrays.fill(backupKey, (byte) 0);
        identity.close();
        closeAll(db, masterKey, rowDigest, lock);
    }

    public boolean isLocked() {
        return closed;
    }

    private void checkOpen() throws VaultException {
        if (closed) {
            throw new VaultException("This wallet is locked; unlock it first.");
        }
    }

    private void checkOpenUnchecked() {
        if (closed) {
            throw new IllegalStateException("This wallet is locked; unlock it first.");
        }
    }

    private static List<StoredRecord> snapshotOf(Map<UUID, Held> byId) {
        List<StoredRecord> list = new ArrayList<>(byId.size());
        for (Held h : byId.values()) {
            list.add(h.record());
        }
        return List.copyOf(list);
    }

    /**
     * Runs a write of sealed rows in ONE transaction whose last step saves the rows' new summary;
     * the summary this vault goes on from changes only once the transaction committed.
     */
    private <T> T write(RowWriter.Work<T> work) throws VaultException {
        RowSummary before = summary;
        RowSummary[] after = new RowSummary[1];
        T result = db.transaction(() -> {
            try (RowWriter w = new RowWriter(db, rowDigest, before.changes())) {
                T r = work.run(w);
                after[0] = w.saveSummary(db, masterKey, before);
                return r;
            }
        });
        summary = after[0];
        return result;
    }

    private static void closeAll(VaultFile db, AesGcmKey key, RowDigest digest, ProfileLock lock) {
        if (db != null) {
            db.close();
        }
        if (key != null) {
            key.close();
        }
        if (digest != null) {
            digest.close();
        }
        lock.close();
    }
}
