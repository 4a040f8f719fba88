package org.healthwallet.core.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration for FHIR JSON. FHIR decimals carry their precision in the text
 * ("1.50" is not "1.5"), so numbers are read as exact decimals with their scale kept and written
 * back plainly. Configured once here and never changed afterwards: a configured mapper is
 * thread-safe, so the constant holds no mutable state.
 */
final class FhirJson {
    /** Base64 attachments (a scanned PDF in a DocumentReference) can be far larger than Jackson's default limit. */
    private static final int MAX_STRING_LENGTH = 512 * 1024 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build())
                    .build())
            // The caller owns a stream it hands in; closing it is the caller's business.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** For one NDJSON line: "{…} trailing words" is a broken line, not a resource. */
    static final ObjectReader WHOLE_VALUE = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FhirJson() {}

    /**
     * The tree of a stored resource. Stored JSON was written by {@link FhirReader}, so it parses;
     * should a record ever hold something else, the display shows its type rather than failing
     * the whole records screen.
     */
    static JsonNode tree(FhirResource resource) {
        try {
            return MAPPER.readTree(resource.json());
        } catch (IOException e) {
            return MAPPER.createObjectNode().put("resourceType", resource.resourceType());
        }
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write JSON", e);
        }
    }
}
