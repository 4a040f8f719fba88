package org.healthwallet.core.vault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import org.healthwallet.core.crypto.AesGcmKey;
import org.healthwallet.core.records.ImportProgress;

/**
 * Every sealed row of a vault file, opened at unlock, and what they add up to: each row must open
 * (its GCM check: not altered, not moved, not another version's box) and the whole set must add up
 * to the file's {@link RowSummary} (no row missing, none put back, no table rolled back).
 *
 * @param secrets the profile's own secrets (the caller wipes them)
 * @param profileRow the row they are sealed in
 * @param records every record, in the order read
 * @param found what the rows in the file add up to
 */
record OpenedRows(RowCodec.ProfileSecrets secrets, VaultFile.Row profileRow, List<Vault.Held> records, RowSummary found) {

    /** Reads and opens every secret and record row in one pass each. */
    static OpenedRows read(VaultFile db, AesGcmKey master, RowDigest digest, ImportProgress progress) throws VaultException {
        RowSummary.Changes found = RowSummary.empty().changes();
        VaultFile.Row[] profileRow = new VaultFile.Row[1];
        RowCodec.ProfileSecrets secrets = openSecrets(db, master, digest, found, profileRow);
        List<Vault.Held> records = openRecords(db, master, digest, found, progress);
        return new OpenedRows(secrets, profileRow[0], records, found.toSummary(0));
    }

    /**
     * The file's summary, checked against the rows found: the one to go on from. Throws when the
     * summary is missing, altered, or the rows do not add up to it; nothing is written.
     */
    RowSummary checkedSummary(VaultFile db, AesGcmKey master) throws VaultException {
        VaultFile.Row row = db.summaryRow();
        if (row == null) {
            throw RowSummary.missing();
        }
        RowSummary saved = RowSummary.open(master, row.version(), row.sealed());
        saved.check(found);
        return saved;
    }

    /**
     * Migrates a file from before {@link Schema#SUMMARY_SINCE}: in one transaction with the schema
     * change, its profile row is sealed again as kept with a summary and the summary of its rows
     * is written. Trust on first use: the rows as this build first finds them (what was deleted
     * before cannot be told: no earlier build kept a summary). A file whose profile row says it
     * had a summary has had it removed, and is refused unchanged.
     */
    RowSummary firstSummary(VaultFile db, AesGcmKey master, RowDigest digest, VaultFile.Filler alsoMigrate)
            throws VaultException {
        if (secrets.summarized()) {
            throw RowSummary.missing();
        }
        RowCodec.ProfileSecrets summarized = new RowCodec.ProfileSecrets(secrets.identitySeed(), secrets.backupKey(),
                secrets.label(), true);
        byte[] plain = RowCodec.encodeProfileSecrets(summarized);
        RowSummary[] first = new RowSummary[1];
        try {
            UUID id = RowCodec.idOf(profileRow.id());
            int version = profileRow.version() + 1;
            byte[] sealed = master.seal(plain, RowCodec.secretAad(id, version));
            db.migrate(f -> {
                try (RowWriter w = new RowWriter(f, digest, found.changes())) {
                    if (!w.updateSecret(RowSummary.PROFILE, profileRow, version, sealed)) {
                        throw new VaultCorruptedException("This wallet file changed underneath HealthWallet; nothing was saved.");
                    }
                    first[0] = w.saveSummary(f, master, RowSummary.empty());
                }
                alsoMigrate.fill(f);
            });
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return first[0];
    }

    private static RowCodec.ProfileSecrets openSecrets(VaultFile db, AesGcmKey master, RowDigest digest,
                                                        RowSummary.Changes found, VaultFile.Row[] profileRow)
            throws VaultException {
        RowCodec.ProfileSecrets profile = null;
        for (VaultFile.Row row : db.secrets()) {
            byte[] plain = null;
            try {
                UUID id = RowCodec.idOf(row.id());
                plain = master.open(row.sealed(), RowCodec.secretAad(id, row.version()));
                RowCodec.ProfileSecrets s = RowCodec.decodeProfileSecrets(plain);
                String group;
                if (s != null) {
                    if (profile != null) {
                        Arrays.fill(profile.identitySeed(), (byte) 0);
                        Arrays.fill(profile.backupKey(), (byte) 0);
                    }
                    profile = s;
                    profileRow[0] = row;
                    group = RowSummary.PROFILE;
                } else {
                    RowCodec.Item item = RowCodec.decodeItem(plain);
                    group = item == null ? RowSummary.OTHER_SECRETS : RowSummary.items(item.kind());
                    if (item != null) {
                        Arrays.fill(item.content(), (byte) 0);
                    }
                }
                found.add(group, digest.of(RowWriter.SECRET_TABLE, row.id(), row.version(), row.sealed()));
            } catch (AEADBadTagException | IllegalArgumentException e) {
                throw altered("a stored key");
            } finally {
                if (plain != null) {
                    Arrays.fill(plain, (byte) 0);
                }
            }
        }
        if (profile == null) {
            throw new VaultCorruptedException("This wallet file is damaged: its identity key is missing. Restore it from a backup.");
        }
        return profile;
    }

    private static List<Vault.Held> openRecords(VaultFile db, AesGcmKey master, RowDigest digest,
                                                RowSummary.Changes found, ImportProgress progress) throws VaultException {
        List<VaultFile.Row> rows = db.records();
        int total = rows.size();
        List<Vault.Held> records = new ArrayList<>(total);
        progress.update("reading", 0, total);
        for (int i = 0; i < total; i++) {
            VaultFile.Row row = rows.get(i);
            try {
                UUID id = RowCodec.idOf(row.id());
                byte[] plain = master.open(row.sealed(), RowCodec.recordAad(id, row.version()));
                RowCodec.Decoded d = RowCodec.decodeRecord(id, row.version(), plain);
                records.add(new Vault.Held(d.record(), d.contentHash()));
            } catch (AEADBadTagException | IllegalArgumentException e) {
                throw altered("a stored record");
            }
            found.add(RowSummary.RECORDS, digest.of(RowWriter.RECORD_TABLE, row.id(), row.version(), row.sealed()));
            rows.set(i, null);
            if ((i + 1) % 1000 == 0 || i + 1 == total) {
                progress.update("reading", i + 1, total);
            }
        }
        return records;
    }

    private static VaultCorruptedException altered(String what) {
        return new VaultCorruptedException("This wallet file was altered outside HealthWallet: " + what
                + " failed its integrity check. Nothing was changed; restore the wallet from a backup.");
    }
}
