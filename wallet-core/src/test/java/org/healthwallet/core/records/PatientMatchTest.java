package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.healthwallet.core.records.PatientMatch.Verdict;
import org.junit.jupiter.api.Test;

/** Whose records a file holds, against the wallet's person: hand-made Patients, then the shared exports. */
class PatientMatchTest {
    private static FhirResource patient(String body) {
        return new FhirResource("Patient", "p", null, "{\"resourceType\":\"Patient\",\"id\":\"p\"," + body + "}");
    }

    private static String name(String family, String given) {
        return "\"name\":[{\"use\":\"official\",\"family\":\"" + family + "\",\"given\":[\"" + given + "\"]}]";
    }

    private static String id(String system, String value) {
        return "\"identifier\":[{\"system\":\"" + system + "\",\"value\":\"" + value + "\"}]";
    }

    private static PatientMatch match(FhirResource inFile, FhirResource inWallet) {
        return PatientMatch.of(List.of(new ParsedSource("file.json", List.of(inFile), List.of())),
                inWallet == null ? List.of() : SharedTestData.stored(new ParsedSource("earlier.json", List.of(inWallet), List.of())));
    }

    private static final FhirResource ANA = patient(name("Ruiz", "Ana") + ",\"birthDate\":\"2015-03-02\"");
    private static final FhirResource JORGE = patient(name("Brekke", "Jorge") + ",\"birthDate\":\"1961-07-14\"");

    @Test
    void anotherPersonsFileIsDifferentAndSaysWhoseItIs() {
        PatientMatch match = match(ANA, JORGE);
        assertThat(match.verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(match.needsDecision()).isTrue();
        assertThat(match.reason()).isEqualTo(
                "The file is for Ana Ruiz, born 2015-03-02; this wallet is Jorge Brekke's, born 1961-07-14.");
        assertThat(match.file().describe()).isEqualTo("Ana Ruiz, born 2015-03-02");
        assertThat(match.wallet().describe()).isEqualTo("Jorge Brekke, born 1961-07-14");
    }

    @Test
    void sameNameAndBirthDateIsTheSamePersonWhateverCaseAccentsAndPunctuation() {
        FhirResource wallet = patient(name("Núñez-Ruiz", "José") + ",\"birthDate\":\"1980-01-15\"");
        FhirResource file = patient("\"name\":[{\"family\":\"NUNEZ RUIZ\",\"given\":[\"jose\",\"Maria\"]}],"
                + "\"birthDate\":\"1980-01-15\"");
        assertThat(match(file, wallet).verdict()).isEqualTo(Verdict.SAME);
        assertThat(match(file, wallet).needsDecision()).isFalse();
        // An old (maiden) name of the wallet's person counts too.
        FhirResource married = patient("\"name\":[{\"use\":\"official\",\"family\":\"Baxter\",\"given\":[\"Amy\"]},"
                + "{\"use\":\"old\",\"family\":\"Lee\",\"given\":[\"Amy\"]}],\"birthDate\":\"1987-02-20\"");
        assertThat(match(patient(name("Lee", "Amy") + ",\"birthDate\":\"1987-02-20\""), married).verdict())
                .isEqualTo(Verdict.SAME);
    }

    @Test
    void differentBirthDatesAreDifferentPeopleEvenWithTheSameName() {
        FhirResource father = patient(name("Brekke", "Jorge") + ",\"birthDate\":\"1961-07-14\"");
        FhirResource son = patient(name("Brekke", "Jorge") + ",\"birthDate\":\"1990-04-01\"");
        assertThat(match(son, father).verdict()).isEqualTo(Verdict.DIFFERENT);
        // The same name without a birth date cannot be told apart: ask.
        PatientMatch noDate = match(patient(name("Brekke", "Jorge")), father);
        assertThat(noDate.verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(noDate.reason()).contains("Jorge Brekke (no birth date given)").contains("cannot be told apart");
        // A year alone agrees with the full date.
        assertThat(match(patient(name("Brekke", "Jorge") + ",\"birthDate\":\"1961\""), father).verdict())
                .isEqualTo(Verdict.SAME);
    }

    @Test
    void aSharedIdentifierIsTheSamePersonUnlessTheBirthDatesDisagree() {
        FhirResource wallet = patient(name("Lee", "Amy") + ",\"birthDate\":\"1987-02-20\"," + id("urn:oid:2.16.840.1.113883.4.1", "123-45-6789"));
        FhirResource renamed = patient(name("Baxter", "Amy") + ",\"birthDate\":\"1987-02-20\"," + id("urn:oid:2.16.840.1.113883.4.1", "123-45-6789"));
        assertThat(match(renamed, wallet).verdict()).isEqualTo(Verdict.SAME);
        assertThat(match(renamed, wallet).reason()).contains("the same identifier").doesNotContain("123-45-6789");
        FhirResource conflicting = patient(name("Lee", "Amy") + ",\"birthDate\":\"1990-02-20\"," + id("urn:oid:2.16.840.1.113883.4.1", "123-45-6789"));
        assertThat(match(conflicting, wallet).verdict()).isEqualTo(Verdict.DIFFERENT);
        // The same value under another system is no match; names that differ decide.
        FhirResource otherSystem = patient(name("Baxter", "Amy") + ",\"birthDate\":\"1987-02-20\"," + id("http://other.example", "123-45-6789"));
        assertThat(match(otherSystem, wallet).verdict()).isEqualTo(Verdict.DIFFERENT);
    }

    @Test
    void noPatientOnOneSideIsUnknown() {
        FhirResource observation = new FhirResource("Observation", "o", null, "{\"resourceType\":\"Observation\",\"id\":\"o\"}");
        PatientMatch noneInFile = PatientMatch.of(List.of(new ParsedSource("labs.json", List.of(observation), List.of())),
                SharedTestData.stored(new ParsedSource("earlier.json", List.of(JORGE), List.of())));
        assertThat(noneInFile.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(noneInFile.needsDecision()).isFalse();
        PatientMatch emptyWallet = match(ANA, null);
        assertThat(emptyWallet.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(emptyWallet.reason()).contains("Ana Ruiz, born 2015-03-02");
    }

    @Test
    void twoPeopleInOneImportIntoAnEmptyWalletAreCaughtToo() {
        PatientMatch match = PatientMatch.of(List.of(new ParsedSource("ana.json", List.of(ANA), List.of()),
                new ParsedSource("jorge.json", List.of(JORGE), List.of())), List.of());
        assertThat(match.verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(match.reason()).contains("two people").contains("Ana Ruiz").contains("Jorge Brekke");
    }

    @Test
    void theWalletsPersonIsItsFirstPatient() {
        List<StoredRecord> wallet = SharedTestData.stored(new ParsedSource("earlier.json", List.of(JORGE, ANA), List.of()));
        PatientMatch match = PatientMatch.of(List.of(new ParsedSource("ana.json", List.of(ANA), List.of())), wallet);
        assertThat(match.verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(match.wallet().describe()).startsWith("Jorge Brekke");
    }

    private static List<ParsedSource> read(String folder, String prefix) throws FhirReadException {
        Path file = SharedTestData.fhirFile(folder, prefix);
        return new FhirReader().read(file, ImportProgress.NONE);
    }

    @Test
    void twoDifferentSyntheaPatientsAreDifferent() throws Exception {
        List<StoredRecord> jorge = SharedTestData.stored(SharedTestData.fhirFile("synthea-r4", "Jorge_Brekke_"));
        PatientMatch match = PatientMatch.of(read("synthea-r4", "Luigi_Wiegand_"), jorge);
        assertThat(match.verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(match.reason()).isEqualTo(
                "The file is for Luigi Wiegand, born 2020-10-20; this wallet is Jorge Brekke's, born 2012-11-11.");
        assertThat(PatientMatch.of(read("synthea-3.3.0", "Curtis94_"), jorge).verdict()).isEqualTo(Verdict.DIFFERENT);
    }

    @Test
    void theSameFileTwiceIsTheSame() throws Exception {
        List<StoredRecord> jorge = SharedTestData.stored(SharedTestData.fhirFile("synthea-r4", "Jorge_Brekke_"));
        PatientMatch match = PatientMatch.of(read("synthea-r4", "Jorge_Brekke_"), jorge);
        assertThat(match.verdict()).isEqualTo(Verdict.SAME);
        assertThat(match.reason()).startsWith("The file is for Jorge Brekke, born 2012-11-11, this wallet's person");
    }

    @Test
    void twoExportsOfOnePersonFromDifferentSourcesAreTheSame() throws Exception {
        // The IPS example bundles: Martha DeLarosa, one identifier, in two different documents.
        List<StoredRecord> wallet = SharedTestData.stored(SharedTestData.fhirFile("ips", "IPS_IG-bundle-01"));
        assertThat(PatientMatch.of(read("ips", "hl7-fhir-ips_bundle-minimal"), wallet).verdict()).isEqualTo(Verdict.SAME);
        assertThat(PatientMatch.of(read("ips", "npm_hl7.fhir.uv.ips"), wallet).verdict()).isEqualTo(Verdict.DIFFERENT);
    }
}
