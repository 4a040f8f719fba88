package org.healthwallet.app.ui.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.PatientMatch;

/**
 * "Whose file is this?" answered by wallet-core's {@link PatientMatch} (identifiers, names and
 * birth date), as the command line's {@code import} asks it: a file of another person raises the
 * question with the file's person as the match describes them. A file that cannot be read raises
 * none: the import itself says what is wrong with it.
 */
final class MatchedPatient implements ImportViewModel.WhoseFile {
    @Override
    public Optional<String> otherPatient(OpenWallet wallet, List<Path> files) throws Exception {
        PatientMatch match;
        try {
            match = wallet.readFiles(files, ImportProgress.NONE).patient();
        } catch (FhirReadException | RuntimeException unreadable) {
            return Optional.empty();
        }
        if (!match.needsDecision()) {
            return Optional.empty();
        }
        return Optional.of(match.file() != null ? match.file().describe() : match.reason());
    }
}
