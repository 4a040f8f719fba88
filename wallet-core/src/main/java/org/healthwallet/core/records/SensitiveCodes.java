package org.healthwallet.core.records;

import static org.healthwallet.core.records.SensitiveCategory.MENTAL_HEALTH;
import static org.healthwallet.core.records.SensitiveCategory.SEXUAL_AND_REPRODUCTIVE_HEALTH;
import static org.healthwallet.core.records.SensitiveCategory.SUBSTANCE_USE;
import static org.healthwallet.core.records.SensitiveCategory.VIOLENCE_AND_ABUSE;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The code tables behind {@link SensitiveCategories}: which coded concept belongs to which
 * category. Why each code is here, and what is knowingly left out, is in
 * wallet-core/docs/sensitive-categories.md; keep the two together.
 */
final class SensitiveCodes {
    private SensitiveCodes() {}

    static final Set<String> ACT_CODE_SYSTEMS = Set.of("http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "http://hl7.org/fhir/v3/ActCode", "urn:oid:2.16.840.1.113883.5.4");
    static final Set<String> ICD10_SYSTEMS = Set.of("http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10",
            "urn:oid:2.16.840.1.113883.6.90", "urn:oid:2.16.840.1.113883.6.3");
    static final Set<String> SNOMED_SYSTEMS = Set.of("http://snomed.info/sct", "urn:oid:2.16.840.1.113883.6.96");
    static final Set<String> LOINC_SYSTEMS = Set.of("http://loinc.org", "urn:oid:2.16.840.1.113883.6.1");
    static final Set<String> RXNORM_SYSTEMS = Set.of("http://www.nlm.nih.gov/research/umls/rxnorm",
            "urn:oid:2.16.840.1.113883.6.88");

    /** LOINC answer "Yes" (LA33-6): a screening question answered yes. */
    static final String LOINC_YES = "LA33-6";

    /** HL7 v3 ActCode, value set ActInformationSensitivityPolicy, as found in meta.security. */
    static final Map<String, SensitiveCategory> SECURITY_LABELS = Map.ofEntries(
            Map.entry("ETH", SUBSTANCE_USE), Map.entry("SUD", SUBSTANCE_USE), Map.entry("ETHUD", SUBSTANCE_USE),
            Map.entry("OPIOIDUD", SUBSTANCE_USE),
            Map.entry("BH", MENTAL_HEALTH), Map.entry("MH", MENTAL_HEALTH), Map.entry("PSY", MENTAL_HEALTH),
            Map.entry("PSYTHPN", MENTAL_HEALTH), Map.entry("EMOTDIS", MENTAL_HEALTH),
            Map.entry("SEX", SEXUAL_AND_REPRODUCTIVE_HEALTH), Map.entry("STD", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            Map.entry("HIV", SEXUAL_AND_REPRODUCTIVE_HEALTH), Map.entry("PREGNANT", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            Map.entry("SDV", VIOLENCE_AND_ABUSE), Map.entry("VIO", VIOLENCE_AND_ABUSE), Map.entry("MST", VIOLENCE_AND_ABUSE));

    /** An ICD-10 range over the code without its dot, compared on the first {@code from.length()} characters. */
    record IcdRange(String from, String to, SensitiveCategory category) {
        boolean contains(String code) {
            if (code.length() < from.length()) {
                return false;
            }
            String head = code.substring(0, from.length());
            return head.compareTo(from) >= 0 && head.compareTo(to) <= 0;
        }
    }

    /** Tobacco (F17, Z72.0) is checked before these and is not sensitive. Order matters: first match wins. */
    static final List<IcdRange> ICD10 = List.of(
            new IcdRange("F17", "F17", null),
            new IcdRange("F10", "F19", SUBSTANCE_USE),
            new IcdRange("F01", "F99", MENTAL_HEALTH),
            new IcdRange("O9931", "O9932", SUBSTANCE_USE),   // alcohol / drug use complicating pregnancy
            new IcdRange("O00", "O9A", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("Z30", "Z39", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("Z3A", "Z3A", SEXUAL_AND_REPRODUCTIVE_HEALTH), // weeks of gestation
            new IcdRange("A50", "A64", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("B20", "B20", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("Z21", "Z21", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("R75", "R75", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("Z113", "Z114", SEXUAL_AND_REPRODUCTIVE_HEALTH), // screening for STI, HIV
            new IcdRange("Z202", "Z202", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("Z206", "Z206", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("N97", "N97", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("N46", "N46", SEXUAL_AND_REPRODUCTIVE_HEALTH),
            new IcdRange("Z714", "Z715", SUBSTANCE_USE),      // alcohol / drug abuse counselling
            new IcdRange("R78", "R78", SUBSTANCE_USE),        // drugs and alcohol found in blood
            new IcdRange("R45851", "R45851", MENTAL_HEALTH),  // suicidal ideation
            new IcdRange("T1491", "T1491", MENTAL_HEALTH),    // suicide attempt
            new IcdRange("X71", "X83", MENTAL_HEALTH),        // intentional self-harm
            new IcdRange("Z915", "Z915", MENTAL_HEALTH),      // personal history of self-harm
            new IcdRange("T74", "T74", VIOLENCE_AND_ABUSE),
            new IcdRange("T76", "T76", VIOLENCE_AND_ABUSE),
            new IcdRange("X92", "Y09", VIOLENCE_AND_ABUSE),   // assault, perpetrator (Y07)
            new IcdRange("Z69", "Z69", VIOLENCE_AND_ABUSE),
            new IcdRange("Z044", "Z044", VIOLENCE_AND_ABUSE), // examination after alleged rape
            new IcdRange("Z047", "Z047", VIOLENCE_AND_ABUSE), // examination after alleged physical abuse
            new IcdRange("Z6281", "Z6281", VIOLENCE_AND_ABUSE),
            new IcdRange("Z9141", "Z9141", VIOLENCE_AND_ABUSE),
            new IcdRange("Z720", "Z720", null));

    /** SNOMED CT concepts, mostly those Synthea writes (see the document for the list by module). */
    static final Map<String, SensitiveCategory> SNOMED = table(
            MENTAL_HEALTH, List.of(
                    "370143000", "36923009", "35489007", "73595000", "80583007", "197480006", "47505003",
                    "192127007", "406506008", "58214004", "13746004", "69322001", "191736004",
                    "171207006", "454711000124102", "715252007", "710841007", "405783006", "386522008",
                    "75516001", "228557008", "287182007", "86849004", "287185009", "44301001"),
            SUBSTANCE_USE, List.of(
                    "361055000", "5602001", "55680006", "7200002", "15167005", "26416006", "6525002",
                    "428211000124100", "713106006", "763302001"),
            VIOLENCE_AND_ABUSE, List.of("706893006", "424393004", "866148006"),
            SEXUAL_AND_REPRODUCTIVE_HEALTH, List.of(
                    "72892002", "19169002", "156073000", "79586000", "47200007", "398254007", "198992004",
                    "11687002", "424441002", "424619006", "169762003", "252160004", "169230002", "271442007",
                    "274804006", "225158009", "66348005", "11466000", "85548006", "31208007", "714812005",
                    "169553002", "301807007", "65200003", "68254000", "287664005", "22523008",
                    "86406008", "62479008", "76272004", "15628003", "105629000", "31676001"));

    /** LOINC: screening instruments (panels, totals and items) and pregnancy tests. */
    static final Map<String, SensitiveCategory> LOINC = table(
            MENTAL_HEALTH, List.of(
                    "44249-1", "44261-6", "55757-9", "55758-7", "69737-5", "70274-6",
                    "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
                    "44260-8", "69722-7", "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8",
                    "69736-7"),
            SUBSTANCE_USE, List.of("72109-2", "75626-2", "68518-0", "68519-8", "68520-6", "82666-9", "82667-7"),
            VIOLENCE_AND_ABUSE, List.of("76499-3", "76504-0", "76500-8", "76501-6", "76502-4", "76503-2"),
            SEXUAL_AND_REPRODUCTIVE_HEALTH, List.of("2106-3", "19080-1"));

    /** RxNorm: Synthea's oral contraceptives (contraceptives/oral_contraceptive module) and its ADHD medicine. */
    static final Map<String, SensitiveCategory> RXNORM = table(
            SEXUAL_AND_REPRODUCTIVE_HEALTH, List.of(
                    "748962", "831533", "757594", "235389", "749882", "1359133", "749785", "751905", "749762",
                    "748856", "978950", "748879"),
            MENTAL_HEALTH, List.of("1091392"));

    /** The category of one coding, or empty when the tables say nothing of it. */
    static Optional<SensitiveCategory> of(String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        if (ICD10_SYSTEMS.contains(system)) {
            return icd10(code);
        }
        Map<String, SensitiveCategory> table = SNOMED_SYSTEMS.contains(system) ? SNOMED
                : LOINC_SYSTEMS.contains(system) ? LOINC : RXNORM_SYSTEMS.contains(system) ? RXNORM : Map.of();
        return Optional.ofNullable(table.get(code.strip()));
    }

    static Optional<SensitiveCategory> icd10(String code) {
        String plain = code.strip().replace(".", "").toUpperCase(Locale.ROOT);
        for (IcdRange range : ICD10) {
            if (range.contains(plain)) {
                return Optional.ofNullable(range.category());
            }
        }
        return Optional.empty();
    }

    private static Map<String, SensitiveCategory> table(Object... categoryThenCodes) {
        Map<String, SensitiveCategory> table = new HashMap<>();
        for (int i = 0; i < categoryThenCodes.length; i += 2) {
            SensitiveCategory category = (SensitiveCategory) categoryThenCodes[i];
            @SuppressWarnings("unchecked")
            List<String> codes = (List<String>) categoryThenCodes[i + 1];
            for (String code : codes) {
                if (table.put(code, category) != null) {
                    throw new IllegalStateException("code " + code + " is listed twice");
                }
            }
        }
        return Map.copyOf(table);
    }
}
