package org.healthwallet.core.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Parses JSON written in a test with the reader's own settings. */
final class RealExportsTestTrees {
    private RealExportsTestTrees() {}

    static JsonNode tree(String json) {
        try {
            return FhirJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
