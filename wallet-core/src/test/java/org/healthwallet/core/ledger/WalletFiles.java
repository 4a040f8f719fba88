package org.healthwallet.core.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.client.RowSeal;

/** Real vault files for the ledger's tests (cheap Argon2id costs), generated records, and plain SQL on them. */
final class WalletFiles {
    static final KdfParams CHEAP_KDF = new KdfParams(64, 1, 1);
    static final String PASSPHRASE = "plum orchard lantern 42";
    /** Who the generated records are about: none of it may appear in clear in the file. */
    static final String FAMILY_NAME = "Quintanilla";

    private WalletFiles() {}

    /** A new wallet at {@code file}, locked again. */
    static Path create(Path file) throws VaultException {
        Vault.create(file, PASSPHRASE.toCharArray(), CHEAP_KDF, "Ottoline " + FAMILY_NAME).vault().close();
        return file;
    }

    /** A seal of no wallet's, for opening what is not a wallet file (refused before any row is read). */
    static final RowSeal ANY_SEAL = RowSeal.of(new byte[RowSeal.KEY_BYTES]);

    /** The seal of the ledger rows in the wallet at {@code file}: unlocks it for a moment. */
    static RowSeal seal(Path file) throws VaultException {
        try (Vault vault = unlock(file)) {
            return vault.ledgerSeal();
        }
    }

    static Vault unlock(Path file) throws VaultException {
        return Vault.unlock(file, PASSPHRASE.toCharArray());
    }

    /** One Patient, then heart-rate Observations, tagged so every batch is new to the vault. */
    static ParsedSource records(String tag, int count) {
        List<FhirResource> resources = new ArrayList<>(count);
        resources.add(new FhirResource("Patient", "pat-" + tag, "urn:uuid:pat-" + tag, "{\"resourceType\":\"Patient\","
                + "\"id\":\"pat-" + tag + "\",\"name\":[{\"family\":\"" + FAMILY_NAME + "\",\"given\":[\"Ottoline\"]}],"
                + "\"birthDate\":\"1961-07-14\"}"));
        for (int i = 1; i < count; i++) {
            String id = "obs-" + tag + "-" + i;
            resources.add(new FhirResource("Observation", id, "urn:uuid:" + id, "{\"resourceType\":\"Observation\","
                    + "\"id\":\"" + id + "\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                    + "\"code\":\"8867-4\",\"display\":\"Heart rate\"}]},\"subject\":{\"reference\":\"urn:uuid:pat-" + tag + "\"},"
                    + "\"effectiveDateTime\":\"2019-03-0" + (1 + i % 9) + "T08:30:00Z\",\"valueQuantity\":{\"value\":"
                    + (55 + i % 50) + ",\"unit\":\"/min\"}}"));
        }
        return new ParsedSource("clinic-" + tag + ".json", resources, List.of());
    }

    /** The single value a query on the file gives, read with a plain JDBC connection of the test's own. */
    static String query(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Every row a query gives, its columns joined by '|'. */
    static List<String> rows(Path file, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
