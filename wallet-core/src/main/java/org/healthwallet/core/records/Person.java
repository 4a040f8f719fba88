package org.healthwallet.core.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who a Patient resource says the person is: names, birth date and identifiers, as
 * {@link PatientMatch} compares them.
 *
 * @param names every name (official, usual, maiden …), the one to show first
 * @param birthDate the FHIR date as written ("2015-03-02", "1961"), or null
 * @param identifiers the identifiers that have both a system and a value
 */
public record Person(List<Name> names, String birthDate, Set<Identifier> identifiers) {
    public Person {
        names = List.copyOf(names);
        identifiers = Set.copyOf(identifiers);
    }

    /** A name: family name and given names as written. */
    public record Name(String family, List<String> given) {
        public Name {
            given = List.copyOf(given);
        }

        /** How a person writes it: first given name and family name. */
        public String shown() {
            String first = given.isEmpty() ? "" : given.get(0);
            return (first + " " + (family == null ? "" : family)).strip();
        }

        /** The same name, whatever the case, accents and punctuation ("Núñez-Ruiz" = "nunez ruiz"). */
        boolean sameAs(Name other) {
            return family != null && other.family != null && !given.isEmpty() && !other.given.isEmpty()
                    && folded(family).equals(folded(other.family)) && folded(given.get(0)).equals(folded(other.given.get(0)));
        }
    }

    /** An identifier: the system (an issuer's URI) and the value it gave this person. */
    public record Identifier(String system, String value) {
        public Identifier {
            system = system.strip().replaceAll("/+$", "").toLowerCase(Locale.ROOT);
            value = value.strip();
        }
    }

    /** The person of a Patient resource; empty for any other resource type. */
    public static Optional<Person> of(FhirResource resource) {
        if (!"Patient".equals(resource.resourceType())) {
            return Optional.empty();
        }
        JsonNode patient = FhirJson.tree(resource);
        List<Name> names = new ArrayList<>();
        for (JsonNode name : patient.path("name")) {
            name(name).ifPresent(n -> {
                if ("official".equals(name.path("use").asText()) || "usual".equals(name.path("use").asText())) {
                    names.add(0, n);
                } else {
                    names.add(n);
                }
            });
        }
        Set<Identifier> identifiers = new LinkedHashSet<>();
        for (JsonNode id : patient.path("identifier")) {
            String system = FhirValues.text(id, "system");
            String value = FhirValues.text(id, "value");
            if (system != null && value != null) {
                identifiers.add(new Identifier(system, value));
            }
        }
        return Optional.of(new Person(names, FhirValues.text(patient, "birthDate"), identifiers));
    }

    private static Optional<Name> name(JsonNode name) {
        String family = FhirValues.text(name, "family");
        List<String> given = new ArrayList<>();
        for (JsonNode part : name.path("given")) {
            if (part.isTextual() && !part.textValue().isBlank()) {
                given.add(part.textValue().strip());
            }
        }
        String text = FhirValues.text(name, "text");
        if (family == null && given.isEmpty() && text != null) {
            // Only "text": the last word is taken for the family name, the first for the given name.
            String[] words = text.split("\\s+");
            family = words[words.length - 1];
            if (words.length > 1) {
                given.add(words[0]);
            }
        }
        return family == null && given.isEmpty() ? Optional.empty() : Optional.of(new Name(family, given));
    }

    /** "Ana Ruiz, born 2015-03-02", for messages a person reads. */
    public String describe() {
        String name = names.isEmpty() ? "a person with no name in the file" : names.get(0).shown();
        return name + (birthDate == null ? " (no birth date given)" : ", born " + birthDate);
    }

    /** Letters and digits only, lower case, accents removed. */
    static String folded(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
