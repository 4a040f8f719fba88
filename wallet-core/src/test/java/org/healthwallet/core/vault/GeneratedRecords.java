package org.healthwallet.core.vault;

import java.util.ArrayList;
import java.util.List;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.Skipped;

/**
 * FHIR resources made up for tests that must run without ../shared: a patient and her heart-rate
 * observations, each carrying a tag so that every generated batch is distinguishable.
 */
final class GeneratedRecords {
    /** Argon2id costs that take milliseconds, passed explicitly by tests. */
    static final KdfParams CHEAP_KDF = new KdfParams(64, 1, 1);

    private GeneratedRecords() {}

    /** A source of {@code count} resources: one Patient, then Observations, all tagged. */
    static ParsedSource source(String label, String tag, int count) {
        List<FhirResource> resources = new ArrayList<>(count);
        resources.add(patient(tag));
        for (int i = 1; i < count; i++) {
            resources.add(observation(tag, i));
        }
        return new ParsedSource(label, resources, List.of());
    }

    static ParsedSource withSkips(ParsedSource source, Skipped... skipped) {
        return new ParsedSource(source.sourceLabel(), source.resources(), List.of(skipped));
    }

    static FhirResource patient(String tag) {
        String id = "pat-" + tag;
        String json = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"Quintanilla-"
                + tag + "\",\"given\":[\"Ottoline\"]}],\"gender\":\"female\",\"birthDate\":\"1961-07-14\"}";
        return new FhirResource("Patient", id, "urn:uuid:" + id, json);
    }

    static FhirResource observation(String tag, int i) {
        String id = "obs-" + tag + "-" + i;
        String json = "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\","
                + "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}],\"text\":\"Heart rate\"},"
                + "\"subject\":{\"reference\":\"urn:uuid:pat-" + tag + "\"},"
                + "\"effectiveDateTime\":\"2019-" + String.format("%02d", 1 + i % 12) + "-" + String.format("%02d", 1 + i % 28) + "T08:30:00Z\","
                + "\"valueQuantity\":{\"value\":" + (55 + i % 50) + ",\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"},"
                + "\"note\":[{\"text\":\"Measured at rest, batch " + tag + " number " + i + ".\"}]}";
        return new FhirResource("Observation", id, "urn:uuid:" + id, json);
    }
}
