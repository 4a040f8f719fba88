package org.healthwallet.app.wallet;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.PatientMatch;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;

/**
 * An unlocked wallet: what the screens and commands do with it. One owner holds it and closes it
 * to lock; after {@link #close()} nothing of it may be used.
 */
public interface OpenWallet extends AutoCloseable {
    /** The records, decrypted in memory, indexed for display. Cheap: built once per change. */
    RecordIndex index();

    /**
     * Reads the files (a folder means every FHIR file in it) and imports them in one transaction.
     * Unreadable entries are in the report's skipped list; a file that is not FHIR JSON at all
     * fails the whole import ({@link FhirReadException}); cancelling keeps nothing
     * ({@link org.healthwallet.core.vault.ImportCancelledException}).
     */
    ImportReport importFiles(List<Path> files, ImportProgress progress) throws VaultException, FhirReadException;

    /**
     * Reads the files and imports nothing: what they hold and whose records they are, compared with
     * this wallet's person ({@link PatientMatch}: when it {@link PatientMatch#needsDecision() needs a
     * decision}, ask before {@link #importRead}). Reading a large export takes seconds: off the FX thread.
     */
    default ReadFiles readFiles(List<Path> files, ImportProgress progress) throws VaultException, FhirReadException {
        var sources = ReadFiles.read(files, progress);
        return new ReadFiles(sources, PatientMatch.of(sources, index().records()));
    }

    /** Imports what {@link #readFiles} read (by this wallet or another profile's), in one transaction. */
    default ImportReport importRead(ReadFiles read, ImportProgress progress) throws VaultException {
        Vault vault = vault().orElseThrow(() -> new VaultException("This wallet cannot import records."));
        return vault.importRecords(read.sources(), progress);
    }

    /** Writes every record as one FHIR Bundle of type collection; returns how many were written. */
    int exportBundle(Path out) throws VaultException;

    void changePassphrase(char[] current, char[] next) throws VaultException;

    /** Writes an encrypted backup file that {@link WalletHome#restore} reads back with the phrase. */
    void backup(Path out) throws VaultException;

    /**
     * The unlocked vault itself, for features that work on it directly (sharing signs with its
     * identity key and keeps links as its items). Empty for a wallet that is not a real vault.
     */
    default Optional<Vault> vault() {
        return Optional.empty();
    }

    /**
     * For a dependent's wallet opened by their caregiver: who acts (the caregiver's own vault, whose
     * key signs shares and the ledger's transactions) and for whom. Empty for the patient's own.
     */
    default Optional<Caregiving> caregiving() {
        return Optional.empty();
    }

    /** Locks: wipes the keys and the decrypted records from memory. */
    @Override
    void close();
}
