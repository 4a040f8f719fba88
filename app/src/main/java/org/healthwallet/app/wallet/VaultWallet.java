package org.healthwallet.app.wallet;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.healthwallet.app.family.FamilyWiring;
import org.healthwallet.core.family.Family;
import org.healthwallet.core.family.FamilyBackup;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.PatientMatch;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;

/** An unlocked {@link Vault} with the FHIR reader in front of it. */
final class VaultWallet implements OpenWallet {
    private final Vault vault;
    private final KdfParams kdf;
    private List<StoredRecord> indexed;
    private RecordIndex index;

    VaultWallet(Vault vault, KdfParams kdf) {
        this.vault = vault;
        this.kdf = kdf;
    }

    @Override
    public Optional<Vault> vault() {
        return Optional.of(vault);
    }

    @Override
    public synchronized RecordIndex index() {
        List<StoredRecord> records = vault.records();
        // The vault hands out a new immutable list after every change, so identity says "unchanged".
        if (records != indexed) {
            index = RecordIndex.of(records);
            indexed = records;
        }
        return index;
    }

    @Override
    public ReadFiles readFiles(List<Path> files, ImportProgress progress) throws VaultException, FhirReadException {
        var sources = ReadFiles.read(files, progress);
        return new ReadFiles(sources, PatientMatch.of(sources, vault.records()));
    }

    @Override
    public ImportReport importFiles(List<Path> files, ImportProgress progress) throws VaultException, FhirReadException {
        return importRead(readFiles(files, progress), progress);
    }

    @Override
    public int exportBundle(Path out) throws VaultException {
        if (out.toAbsolutePath().normalize().equals(vault.file().toAbsolutePath().normalize())) {
            throw new VaultException("An export cannot be written over the wallet itself; choose another file.");
        }
        List<StoredRecord> records = vault.records();
        CollectionBundle.write(records, out);
        return records.size();
    }

    @Override
    public void changePassphrase(char[] current, char[] next) throws VaultException {
        vault.changePassphrase(current, next, kdf);
    }

    /** A plain backup, or with dependents a family backup that carries their wallets too. */
    @Override
    public void backup(Path out) throws VaultException {
        Family family = FamilyWiring.family(vault, vault.file().toAbsolutePath().getParent(), kdf, Clock.systemDefaultZone());
        if (family.dependents().isEmpty()) {
            vault.exportBackup(out);
        } else {
            FamilyBackup.write(out, vault, family);
        }
    }

    @Override
    public void close() {
        vault.close();
    }
}
