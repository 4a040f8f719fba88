package org.healthwallet.ledger.cometbft.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads a JSON document into a tree within {@link JsonLimits}: Jackson's stream constraints bound
 * document size, strings, numbers and depth; this reader bounds array lengths and the number of
 * values as it builds the tree, and refuses duplicate keys (two different values for a hashed
 * field would make the document ambiguous).
 */
final class BoundedJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BoundedJson() {
    }

    static JsonNode read(byte[] document, JsonLimits limits) throws ParseException {
        if (document.length > limits.maxDocumentBytes()) {
            throw new ParseException("$", "the document is " + document.length + " bytes, more than the "
                    + limits.maxDocumentBytes() + " accepted");
        }
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxDocumentBytes())
                        .maxStringLength(limits.maxStringLength())
                        .maxNestingDepth(limits.maxDepth())
                        .maxNumberLength(64)
                        .maxNameLength(1024)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        try (JsonParser parser = factory.createParser(document)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ParseException("$", "the document is empty");
            }
            int[] budget = {limits.maxValues()};
            JsonNode root = value(parser, first, limits, budget);
            if (parser.nextToken() != null) {
                throw new ParseException("$", "there is more text after the JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ParseException("$", "not valid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw new ParseException("$", "the JSON could not be read: " + e.getMessage(), e);
        }
    }

    private static JsonNode value(JsonParser p, JsonToken token, JsonLimits limits, int[] budget)
            throws IOException, ParseException {
        if (--budget[0] < 0) {
            throw new ParseException("$", "the document has more than " + limits.maxValues() + " values");
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    object.set(name, value(p, p.nextToken(), limits, budget));
                }
                expect(t, JsonToken.END_OBJECT);
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    if (array.size() >= limits.maxArrayLength()) {
                        throw new ParseException("$", "an array has more than " + limits.maxArrayLength() + " items");
                    }
                    array.add(value(p, t, limits, budget));
                }
                expect(t, JsonToken.END_ARRAY);
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                try {
                    return NODES.numberNode(p.getDecimalValue());
                } catch (NumberFormatException e) {
                    // Jackson's bare refusal of a decimal such as 1e99999999225600.
                    throw new ParseException("$", "a number is beyond the range of a decimal");
                }
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new ParseException("$", "unexpected JSON token " + token);
        }
    }

    private static void expect(JsonToken got, JsonToken wanted) throws ParseException {
        if (got != wanted) {
            throw new ParseException("$", "the JSON ends in the middle of a value");
        }
    }
}
