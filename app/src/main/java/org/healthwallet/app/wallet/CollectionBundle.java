package org.healthwallet.app.wallet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.VaultException;

/**
 * Every record as one FHIR R4 Bundle of type {@code collection}: what the patient takes to another
 * app. Each resource is written exactly as it was received; its original {@code fullUrl} is kept
 * so the references between records still resolve in the exported file.
 */
final class CollectionBundle {
    private static final Pattern UUID_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonFactory JSON = new JsonFactory();

    private CollectionBundle() {}

    /** Writes the bundle to {@code out}, replacing it atomically (a failure leaves the old file, if any). */
    static void write(List<StoredRecord> records, Path out) throws VaultException {
        Path target = out.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".healthwallet-export", ".tmp");
            try (OutputStream stream = Files.newOutputStream(temp);
                 JsonGenerator json = JSON.createGenerator(stream)) {
                json.useDefaultPrettyPrinter();
                writeBundle(records, json);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new VaultException("The export cannot be written to " + target + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file holds health data; nothing more can be done than trying
                }
            }
        }
    }

    private static void writeBundle(List<StoredRecord> records, JsonGenerator json) throws IOException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        json.writeStartObject();
        json.writeStringField("resourceType", "Bundle");
        json.writeStringField("id", UUID.randomUUID().toString());
        json.writeObjectFieldStart("meta");
        json.writeStringField("lastUpdated", now);
        json.writeEndObject();
        json.writeStringField("type", "collection");
        json.writeStringField("timestamp", now);
        json.writeArrayFieldStart("entry");
        Set<String> used = new HashSet<>();
        for (StoredRecord record : records) {
            FhirResource resource = record.resource();
            json.writeStartObject();
            String fullUrl = fullUrl(resource);
            // Two sources may reuse one fullUrl for different content; a Bundle must not repeat it.
            if (fullUrl != null && used.add(fullUrl)) {
                json.writeStringField("fullUrl", fullUrl);
            }
            json.writeFieldName("resource");
            json.writeRawValue(resource.json());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static String fullUrl(FhirResource resource) {
        if (resource.fullUrl() != null && !resource.fullUrl().isBlank()) {
            return resource.fullUrl();
        }
        if (resource.id() != null && UUID_ID.matcher(resource.id()).matches()) {
            return "urn:uuid:" + resource.id().toLowerCase();
        }
        return null;
    }
}
