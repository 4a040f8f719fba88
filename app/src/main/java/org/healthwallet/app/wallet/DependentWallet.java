package org.healthwallet.app.wallet;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.family.Family;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.ReadCancelledException;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.ImportCancelledException;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;

/**
 * A dependent's wallet opened by their caregiver: the dependent's vault, shown as the caregiver may
 * see it ({@link Family#view}: a child's sensitive records are left out from 12), with the
 * caregiver's own wallet kept open beside it to sign. Closing it closes both.
 */
public final class DependentWallet implements OpenWallet {
    private final Vault vault;
    private final Dependent dependent;
    private final Family family;
    private final OpenWallet caregiver;
    private final Vault caregiverVault;
    private final Clock clock;
    private final FhirReader reader = new FhirReader();
    private List<StoredRecord> indexed;
    private LocalDate indexedOn;
    private RecordIndex index;

    public DependentWallet(Vault vault, Dependent dependent, Family family, OpenWallet caregiver, Clock clock) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.dependent = Objects.requireNonNull(dependent, "dependent");
        this.family = Objects.requireNonNull(family, "family");
        this.caregiver = Objects.requireNonNull(caregiver, "caregiver");
        this.caregiverVault = caregiver.vault().orElseThrow(() -> new IllegalArgumentException("the caregiver's wallet is a vault"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Dependent dependent() {
        return dependent;
    }

    /** The caregiver's own wallet, open beside this one. */
    public OpenWallet caregiverWallet() {
        return caregiver;
    }

    @Override
    public Optional<Vault> vault() {
        return Optional.of(vault);
    }

    @Override
    public Optional<Caregiving> caregiving() {
        return Optional.of(new Caregiving(caregiverVault, dependent));
    }

    @Override
    public synchronized RecordIndex index() {
        List<StoredRecord> records = vault.records();
        LocalDate today = LocalDate.now(clock);
        // A new day can cross the 12th birthday: the view is rebuilt then as after any change.
        if (records != indexed || !today.equals(indexedOn)) {
            index = family.view(dependent, vault);
            indexed = records;
            indexedOn = today;
        }
        return index;
    }

    @Override
    public ImportReport importFiles(List<Path> files, ImportProgress progress) throws VaultException, FhirReadException {
        List<ParsedSource> sources = new ArrayList<>();
        try {
            for (Path file : files) {
                sources.addAll(reader.read(file, progress));
            }
        } catch (ReadCancelledException e) {
            throw new ImportCancelledException();
        }
        return vault.importRecords(sources, progress);
    }

    @Override
    public int exportBundle(Path out) throws VaultException {
        List<StoredRecord> records = index().records();
        CollectionBundle.write(records, out);
        return records.size();
    }

    @Override
    public void changePassphrase(char[] current, char[] next) throws VaultException {
        throw new VaultException(dependent.label() + "'s wallet opens with your own passphrase; change yours in your own profile.");
    }

    @Override
    public void backup(Path out) throws VaultException {
        throw new VaultException("Back up your own wallet: its backup carries " + dependent.label() + "'s wallet too.");
    }

    @Override
    public void close() {
        try {
            vault.close();
        } finally {
            caregiver.close();
        }
    }
}
