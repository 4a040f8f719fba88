package org.healthwallet.app.wallet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.PatientMatch;
import org.healthwallet.core.records.ReadCancelledException;
import org.healthwallet.core.vault.ImportCancelledException;

/**
 * Files read and not yet imported, with whose records they are. Held between reading (seconds
 * for a large export) and the patient's answer, so that importing into this wallet or into a
 * dependent's does not read the files again.
 *
 * @param patient the files' Patient against the wallet's person that read them
 */
public record ReadFiles(List<ParsedSource> sources, PatientMatch patient) {
    public ReadFiles {
        sources = List.copyOf(sources);
    }

    /** Reads files (a folder means every FHIR file in it); cancelling is an {@link ImportCancelledException}. */
    static List<ParsedSource> read(List<Path> files, ImportProgress progress) throws FhirReadException, ImportCancelledException {
        FhirReader reader = new FhirReader();
        List<ParsedSource> sources = new ArrayList<>();
        try {
            for (Path file : files) {
                sources.addAll(reader.read(file, progress));
            }
        } catch (ReadCancelledException e) {
            throw new ImportCancelledException();
        }
        return sources;
    }
}
