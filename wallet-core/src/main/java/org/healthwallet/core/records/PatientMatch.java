package org.healthwallet.core.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the records about to be imported are the wallet's own person's: another person's file
 * is never merged silently (issue 10: a child's export imported into a grandfather's wallet put
 * her allergies under his name). A pure function of the Patients on both sides.
 *
 * <p>The rules, in order:
 * <ol>
 * <li>no Patient in the file, or none in the wallet (a first import): {@link Verdict#UNKNOWN};
 * <li>birth dates that disagree (at the precision both give): {@link Verdict#DIFFERENT}, even with a
 *     shared identifier (one of the two is wrong; a person decides);
 * <li>a shared identifier (same system and value): {@link Verdict#SAME}, whatever the names (a
 *     name changes on marriage). Synthea's own record numbers (systems
 *     {@code https://github.com/synthetichealth/synthea}, {@code http://hospital.smarthealthit.org})
 *     count like any other: they are stable per patient, random across patients, so sharing one is
 *     no coincidence; identifiers that differ prove nothing (another hospital, another number);
 * <li>a name in common (family and first given name, ignoring case, accents and punctuation) and
 *     the same birth date: {@link Verdict#SAME};
 * <li>anything else is {@link Verdict#DIFFERENT}: names that differ, or a name without a birth date
 *     to tell two people of the same name apart (a father and son). DIFFERENT means "not shown to
 *     be the same person": the app and the command line ask rather than merge.
 * </ol>
 * Several Patients in one import are each compared; the first that is DIFFERENT decides. When the
 * wallet has none yet, the import's first Patient stands for it, so two people's files in one
 * import are caught too.
 *
 * @param file the person the file is about (the one that decided), or null when it has no Patient
 * @param wallet the wallet's person, or null when it has none
 * @param reason one sentence for the person at the screen
 */
public record PatientMatch(Verdict verdict, Person file, Person wallet, String reason) {
    public enum Verdict { SAME, DIFFERENT, UNKNOWN }

    public PatientMatch {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    /** True when importing must wait for the patient's decision (a dependent's profile, or "same person"). */
    public boolean needsDecision() {
        return verdict == Verdict.DIFFERENT;
    }

    /** The import's Patients against the wallet's own (its first Patient record, if any). */
    public static PatientMatch of(List<ParsedSource> sources, List<StoredRecord> walletRecords) {
        List<Person> inFile = new ArrayList<>();
        for (ParsedSource source : sources) {
            for (FhirResource resource : source.resources()) {
                Person.of(resource).ifPresent(inFile::add);
            }
        }
        Optional<Person> own = walletRecords.stream().map(r -> Person.of(r.resource()))
                .flatMap(Optional::stream).findFirst();
        if (inFile.isEmpty()) {
            return new PatientMatch(Verdict.UNKNOWN, null, own.orElse(null),
                    "The file names no patient, so it cannot be compared with this wallet's person.");
        }
        Person reference = own.orElse(inFile.get(0));
        for (Person person : inFile) {
            PatientMatch match = compare(person, reference);
            if (match.verdict() == Verdict.DIFFERENT) {
                return own.isPresent() ? match : new PatientMatch(Verdict.DIFFERENT, person, null,
                        "The files of this import are for two people: " + person.describe() + ", and "
                                + reference.describe() + ".");
            }
        }
        return own.isPresent() ? compare(inFile.get(0), reference)
                : new PatientMatch(Verdict.UNKNOWN, inFile.get(0), null,
                        "This wallet holds no patient yet; the file is for " + inFile.get(0).describe() + ".");
    }

    /** One person in a file against the wallet's person. */
    public static PatientMatch compare(Person file, Person wallet) {
        if (file.equals(wallet)) {
            return new PatientMatch(Verdict.SAME, file, wallet,
                    "The file is for " + file.describe() + ", this wallet's person (the same details).");
        }
        String different = "The file is for " + file.describe() + "; this wallet is " + possessive(wallet) + ".";
        if (file.birthDate() != null && wallet.birthDate() != null && !sameDate(file.birthDate(), wallet.birthDate())) {
            return new PatientMatch(Verdict.DIFFERENT, file, wallet, different);
        }
        for (Person.Identifier id : file.identifiers()) {
            if (wallet.identifiers().contains(id)) {
                return new PatientMatch(Verdict.SAME, file, wallet, "The file is for " + file.describe()
                        + ", this wallet's person (the same identifier of " + id.system() + ").");
            }
        }
        boolean sameName = file.names().stream().anyMatch(a -> wallet.names().stream().anyMatch(a::sameAs));
        if (sameName && file.birthDate() != null && wallet.birthDate() != null) {
            return new PatientMatch(Verdict.SAME, file, wallet,
                    "The file is for " + file.describe() + ", this wallet's person (same name and birth date).");
        }
        if (sameName) {
            return new PatientMatch(Verdict.DIFFERENT, file, wallet, "The file is for " + file.describe()
                    + "; this wallet is " + possessive(wallet) + ". Without both birth dates the two cannot be told apart.");
        }
        return new PatientMatch(Verdict.DIFFERENT, file, wallet, different);
    }

    /** Equal at the precision both give: "1961" agrees with "1961-05-02". */
    private static boolean sameDate(String a, String b) {
        int n = Math.min(a.length(), b.length());
        return a.substring(0, n).equals(b.substring(0, n));
    }

    private static String possessive(Person person) {
        if (person.names().isEmpty()) {
            return "for a person with no name" + (person.birthDate() == null ? "" : ", born " + person.birthDate());
        }
        String name = person.names().get(0).shown();
        return name + (name.endsWith("s") ? "'" : "'s")
                + (person.birthDate() == null ? " (no birth date given)" : ", born " + person.birthDate());
    }
}
