package org.healthwallet.app.ui.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.StoredRecord;

/**
 * A first answer to "whose file is this?": the file's Patient (name and date of birth) against the
 * wallet's first Patient record. A wallet without a Patient yet, a file without one, or a file
 * that cannot be read (the import says why) raise no question. Stands in until wallet-core's shared
 * patient match replaces it; the import screen sees only {@link ImportViewModel.WhoseFile}.
 */
final class FirstPatient implements ImportViewModel.WhoseFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A patient as the match compares them: lower-case name without accents, and the birth date. */
    record Person(String shownName, String name, String birthDate) {}

    @Override
    public Optional<String> otherPatient(OpenWallet wallet, List<Path> files) {
        Optional<Person> mine = wallet.index().byType("Patient").stream().findFirst()
                .map(StoredRecord::resource).flatMap(FirstPatient::person);
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        for (Person theirs : patientsIn(files)) {
            if (!same(mine.get(), theirs)) {
                return Optional.of(theirs.shownName());
            }
        }
        return Optional.empty();
    }

    static boolean same(Person a, Person b) {
        return a.name().equals(b.name()) && a.birthDate().equals(b.birthDate());
    }

    private static List<Person> patientsIn(List<Path> files) {
        List<Person> people = new ArrayList<>();
        FhirReader reader = new FhirReader();
        for (Path file : files) {
            try {
                for (ParsedSource source : reader.read(file, ImportProgress.NONE)) {
                    source.resources().stream().filter(r -> r.resourceType().equals("Patient"))
                            .map(FirstPatient::person).flatMap(Optional::stream).forEach(people::add);
                }
            } catch (FhirReadException | RuntimeException e) {
                // the import that follows reads the file again and says what is wrong with it
            }
        }
        return people;
    }

    static Optional<Person> person(FhirResource patient) {
        try {
            JsonNode root = JSON.readTree(patient.json());
            JsonNode name = root.path("name").path(0);
            List<String> parts = new ArrayList<>();
            name.path("given").forEach(g -> parts.add(g.asText()));
            if (name.hasNonNull("family")) {
                parts.add(name.path("family").asText());
            }
            String shown = parts.isEmpty() ? name.path("text").asText("") : String.join(" ", parts);
            if (shown.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Person(shown.strip(), plain(shown), root.path("birthDate").asText("")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "José  Núñez" and "jose nunez" are the same name; digits Synthea appends are kept. */
    private static String plain(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }
}
