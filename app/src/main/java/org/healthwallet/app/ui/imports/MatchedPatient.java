package org.healthwallet.app.ui.imports;

import java.util.Optional;
import org.healthwallet.app.wallet.ReadFiles;
import org.healthwallet.core.records.PatientMatch;

/**
 * "Whose file is this?" answered by wallet-core's {@link PatientMatch} (identifiers, names and
 * birth date) on the files as read for the import, as the command line's {@code import} asks it:
 * a file of another person raises the question, with the file's person as the match describes them.
 */
final class MatchedPatient implements ImportViewModel.WhoseFile {
    @Override
    public Optional<String> otherPatient(ReadFiles read) {
        PatientMatch match = read.patient();
        if (!match.needsDecision()) {
            return Optional.empty();
        }
        return Optional.of(match.file() != null ? match.file().describe() : match.reason());
    }
}
