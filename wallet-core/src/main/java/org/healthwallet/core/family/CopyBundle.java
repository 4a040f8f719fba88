package org.healthwallet.core.family;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.share.BuiltBundle;

/**
 * A caregiver's copy of a dependent's records: a FHIR {@code collection} Bundle whose entries are
 * the records exactly as the dependent's vault holds them (nothing rewritten, unlike a share for a
 * doctor), so each has the same content hash in the copy as in the original. Each entry's element
 * id is that content hash, so a refresh reads in full only the entries the copy lacks and skips the
 * rest unparsed (the vault checks every hash again on import).
 */
public final class CopyBundle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private CopyBundle() {}

    /** The Bundle behind a caregiver's copy link: every record of {@code index}, as kept. */
    public static BuiltBundle of(RecordIndex index) {
        StringBuilder json = new StringBuilder(64 + index.records().size() * 1024);
        json.append("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        List<UUID> ids = new ArrayList<>(index.size());
        boolean first = true;
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        for (StoredRecord record : index.records()) {
            FhirResource resource = record.resource();
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('{');
            if (!record.provenance().isEmpty()) {
                json.append("\"id\":\"").append(quote.quoteAsString(record.provenance().get(0).contentHash())).append("\",");
            }
            if (resource.fullUrl() != null && !resource.fullUrl().isEmpty()) {
                json.append("\"fullUrl\":\"").append(quote.quoteAsString(resource.fullUrl())).append("\",");
            }
            json.append("\"resource\":").append(resource.json()).append('}');
            ids.add(record.id());
        }
        json.append("]}");
        return new BuiltBundle(json.toString(), ids, ids.size());
    }

    /**
     * The Bundle cut down to the entries whose content hash (their id) is not in {@code held}: those
     * are parsed, the others skipped token by token. An entry without an id is kept. Empty when none.
     */
    static java.util.Optional<byte[]> unknownEntries(byte[] content, Set<String> held) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int kept = 0;
        try (JsonParser in = FACTORY.createParser(content); JsonGenerator gen = FACTORY.createGenerator(out)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the copy is not a JSON object");
            }
            gen.writeStartObject();
            gen.writeStringField("resourceType", "Bundle");
            gen.writeStringField("type", "collection");
            gen.writeArrayFieldStart("entry");
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                if (!"entry".equals(field) || value != JsonToken.START_ARRAY) {
                    in.skipChildren();
                    continue;
                }
                while (in.nextToken() == JsonToken.START_OBJECT) {
                    if (in.nextToken() == JsonToken.FIELD_NAME && "id".equals(in.currentName())
                            && in.nextToken() == JsonToken.VALUE_STRING && held.contains(in.getText())) {
                        skipRestOfObject(in);
                        continue;
                    }
                    JsonNode entry = restOfEntry(in);
                    JSON.writeTree(gen, entry);
                    kept++;
                }
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return kept == 0 ? java.util.Optional.empty() : java.util.Optional.of(out.toByteArray());
    }

    /** Skips to the end of the object whose first field was just read. */
    private static void skipRestOfObject(JsonParser in) throws IOException {
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            in.nextToken();
            in.skipChildren();
        }
    }

    /** The entry object being read (its first field's name or value already consumed) as a tree. */
    private static JsonNode restOfEntry(JsonParser in) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode entry = JSON.createObjectNode();
        JsonToken token = in.currentToken();
        if (token == JsonToken.END_OBJECT) {
            return entry;
        }
        if (token == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            entry.set(name, JSON.readTree(in));
        } else {
            // The first field was "id" with a value already read (a hash the copy lacks, or not a string).
            entry.set("id", JSON.readTree(in));
        }
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            entry.set(name, JSON.readTree(in));
        }
        return entry;
    }
}
