package org.healthwallet.core.vault;

import java.util.List;

/**
 * The vault file's schema as an ordered list of migrations. A file records the last one applied in
 * {@code schema_version}; opening an older file applies the rest in one transaction, and a file
 * newer than {@link #latest()} is refused rather than guessed at. Migrations are only ever added.
 *
 * <p>No column of the wallet's own tables holds anything in clear but random ids, row versions,
 * Argon2id parameters and salt: every record and secret is an AES-256-GCM box whose associated data
 * names its table, row id and version ({@link RowCodec}); {@code vault_summary} (migration 3) holds
 * one more such box, the {@link RowSummary} of all of those rows. The {@link PublicTables} (migration 2)
 * hold the consortium ledger's public headers and sync notes in clear, and nothing about the patient;
 * since migration 4 each of their rows carries a MAC under a key of the profile's (not secret data,
 * but only this wallet decides what it trusts).
 */
final class Schema {
    /** SQLite's application_id header field: "HWv1", so a foreign SQLite file is told apart. */
    static final int APPLICATION_ID = 0x48577631;

    record Migration(int version, String purpose, List<String> statements) {}

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "key slot, secrets and records", List.of(
                    "CREATE TABLE key_slot (slot INTEGER PRIMARY KEY, version INTEGER NOT NULL,"
                            + " kdf_memory_kib INTEGER NOT NULL, kdf_iterations INTEGER NOT NULL,"
                            + " kdf_parallelism INTEGER NOT NULL, salt BLOB NOT NULL, sealed_key BLOB NOT NULL)",
                    "CREATE TABLE secret (id BLOB PRIMARY KEY, version INTEGER NOT NULL, sealed BLOB NOT NULL)",
                    "CREATE TABLE record (id BLOB PRIMARY KEY, version INTEGER NOT NULL, sealed BLOB NOT NULL)")),
            // Frozen as written: the light-block table is the one ledger-light-client's TrustedStore
            // makes (its CREATE ... IF NOT EXISTS then finds it), the notes are LedgerFile's.
            new Migration(2, "verified ledger headers and sync notes (public, in clear)", List.of(
                    "CREATE TABLE ledger_light_blocks (height INTEGER PRIMARY KEY, chain_id TEXT NOT NULL,"
                            + " header_hash BLOB NOT NULL, block_time TEXT NOT NULL, light_block TEXT NOT NULL)",
                    "CREATE TABLE ledger_notes (key TEXT PRIMARY KEY, value TEXT NOT NULL)")),
            // The row is written by the vault, in the same transaction, from the rows it just opened
            // (it needs the master key): see Vault.unlock and RowSummary.
            new Migration(3, "the authenticated summary of the rows (sealed)", List.of(
                    "CREATE TABLE vault_summary (slot INTEGER PRIMARY KEY, version INTEGER NOT NULL, sealed BLOB NOT NULL)")),
            // The seals are written by the vault, in the same transaction, over the rows as found
            // (it needs the profile's keys): see Vault.unlock and PublicTables.sealAll.
            new Migration(4, "a MAC on each ledger row (verified headers, notes, trust root)", List.of(
                    "ALTER TABLE ledger_light_blocks ADD COLUMN seal BLOB",
                    "ALTER TABLE ledger_notes ADD COLUMN seal BLOB")));

    /** The first version whose files hold the {@link PublicTables}. */
    static final int PUBLIC_TABLES_SINCE = 2;

    /** The first version whose files hold a {@link RowSummary}; an older file gets one at its first unlock. */
    static final int SUMMARY_SINCE = 3;

    /** The first version whose ledger rows carry a {@link org.healthwallet.ledger.client.RowSeal}. */
    static final int LEDGER_SEALED_SINCE = 4;

    private Schema() {}

    static int latest() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }
}
