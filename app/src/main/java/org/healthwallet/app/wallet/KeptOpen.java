package org.healthwallet.app.wallet;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;

/**
 * The owner's wallet lent to a dependent's wallet in the app: everything passes through, except
 * that closing it does nothing. The app switches from a dependent's profile back to the patient's
 * own without unlocking again; the session that opened the owner still closes it when it locks.
 */
public final class KeptOpen implements OpenWallet {
    private final OpenWallet owner;

    public KeptOpen(OpenWallet owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public RecordIndex index() {
        return owner.index();
    }

    @Override
    public ImportReport importFiles(List<Path> files, ImportProgress progress) throws VaultException, FhirReadException {
        return owner.importFiles(files, progress);
    }

    @Override
    public int exportBundle(Path out) throws VaultException {
        return owner.exportBundle(out);
    }

    @Override
    public void changePassphrase(char[] current, char[] next) throws VaultException {
        owner.changePassphrase(current, next);
    }

    @Override
    public void backup(Path out) throws VaultException {
        owner.backup(out);
    }

    @Override
    public Optional<Vault> vault() {
        return owner.vault();
    }

    @Override
    public Optional<Caregiving> caregiving() {
        return owner.caregiving();
    }

    /** Leaves the owner open: whoever unlocked it closes it. */
    @Override
    public void close() {
    }
}
