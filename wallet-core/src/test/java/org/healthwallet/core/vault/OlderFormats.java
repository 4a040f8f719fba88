package org.healthwallet.core.vault;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;
import org.healthwallet.core.crypto.AesGcmKey;

/**
 * Wallet files as builds of an earlier format wrote them, made from a wallet of this build, for
 * tests of migrations (also the ledger's): the same rows, with what the later format added taken out.
 */
public final class OlderFormats {
    private OlderFormats() {}

    /**
     * Makes {@code file} what a build of format 2 wrote: no {@code vault_summary}, and the profile's
     * secrets sealed as a build without a summary sealed them.
     */
    public static void beforeTheSummary(Path file, char[] passphrase) throws Exception {
        withoutTheSealedMark(file, passphrase);
        SecureRandom random = new SecureRandom();
        byte[] masterBytes;
        VaultFile.Row profileRow = null;
        RowCodec.ProfileSecrets secrets = null;
        try (VaultFile db = VaultFile.open(file)) {
            masterBytes = db.keySlot().unwrap(passphrase, random, null);
            try (AesGcmKey master = new AesGcmKey(masterBytes.clone(), random)) {
                for (VaultFile.Row row : db.secrets()) {
                    UUID id = RowCodec.idOf(row.id());
                    RowCodec.ProfileSecrets s = RowCodec.decodeProfileSecrets(master.open(row.sealed(), RowCodec.secretAad(id, row.version())));
                    if (s != null) {
                        profileRow = row;
                        secrets = s;
                    }
                }
            }
        }
        try (AesGcmKey master = new AesGcmKey(masterBytes, random);
             Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            UUID id = RowCodec.idOf(profileRow.id());
            int version = profileRow.version() + 1;
            byte[] plain = RowCodec.encodeProfileSecrets(new RowCodec.ProfileSecrets(secrets.identitySeed(),
                    secrets.backupKey(), secrets.label(), false));
            try (PreparedStatement s = c.prepareStatement("UPDATE secret SET version = ?, sealed = ? WHERE id = ?")) {
                s.setInt(1, version);
                s.setBytes(2, master.seal(plain, RowCodec.secretAad(id, version)));
                s.setBytes(3, profileRow.id());
                s.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE vault_summary");
                s.execute("ALTER TABLE ledger_light_blocks DROP COLUMN seal");
                s.execute("ALTER TABLE ledger_notes DROP COLUMN seal");
                s.execute("UPDATE schema_version SET version = 2");
            }
        } finally {
            Arrays.fill(masterBytes, (byte) 0);
        }
    }

    /**
     * Makes {@code file} (of this build) what a build of format 3 wrote: the ledger's rows as they
     * are, without their seals.
     */
    public static void beforeTheLedgerSeals(Path file, char[] passphrase) throws Exception {
        withoutTheSealedMark(file, passphrase);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE ledger_light_blocks DROP COLUMN seal");
            s.execute("ALTER TABLE ledger_notes DROP COLUMN seal");
            s.execute("UPDATE schema_version SET version = 3");
        }
    }

    /** Takes out the vault's note that its ledger rows are sealed (no earlier build wrote one). */
    private static void withoutTheSealedMark(Path file, char[] passphrase) throws Exception {
        try (Vault vault = Vault.unlock(file, passphrase)) {
            vault.removeItem(PublicTables.SEALED_MARK_KIND, PublicTables.SEALED_MARK_ID);
        }
    }
}
