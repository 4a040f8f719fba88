package org.healthwallet.ledger.cometbft.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Bytes;

/**
 * A position in a JSON tree that knows its path, so every problem is reported where it is, and that
 * reads values with CometBFT's conventions: 64-bit integers as decimal strings, bytes as base64,
 * hashes and addresses as hex, times as RFC 3339 with up to nine fractional digits.
 */
final class JsonCursor {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final JsonNode node;
    private final String path;

    JsonCursor(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonCursor root(JsonNode node) {
        return new JsonCursor(node, "$");
    }

    String path() {
        return path;
    }

    JsonNode node() {
        return node;
    }

    ParseException fail(String problem) {
        return new ParseException(path, problem);
    }

    boolean isNull() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    JsonCursor requireObject() throws ParseException {
        objectNode();
        return this;
    }

    private JsonNode objectNode() throws ParseException {
        if (!node.isObject()) {
            throw fail("expected an object, found " + kind(node));
        }
        return node;
    }

    boolean has(String name) throws ParseException {
        JsonNode child = objectNode().get(name);
        return child != null && !child.isNull();
    }

    /** A field that must be present and not null. */
    JsonCursor field(String name) throws ParseException {
        JsonNode child = objectNode().get(name);
        JsonCursor c = new JsonCursor(child, path + "." + name);
        if (child == null) {
            throw c.fail("missing");
        }
        if (child.isNull()) {
            throw c.fail("must not be null");
        }
        return c;
    }

    /** A field that may be absent or null. */
    Optional<JsonCursor> optional(String name) throws ParseException {
        JsonNode child = objectNode().get(name);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new JsonCursor(child, path + "." + name));
    }

    /** A field that must be present (as a key) but may be null: the hashes tendermint-rs writes as null. */
    JsonCursor present(String name) throws ParseException {
        JsonNode child = objectNode().get(name);
        JsonCursor c = new JsonCursor(child, path + "." + name);
        if (child == null) {
            throw c.fail("missing");
        }
        return c;
    }

    List<JsonCursor> array(int maxItems) throws ParseException {
        if (!node.isArray()) {
            throw fail("expected an array, found " + kind(node));
        }
        if (node.size() > maxItems) {
            throw fail("has " + node.size() + " items, more than the " + maxItems + " accepted");
        }
        List<JsonCursor> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new JsonCursor(node.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    String string(int maxLength) throws ParseException {
        if (!node.isTextual()) {
            throw fail("expected text, found " + kind(node));
        }
        String s = node.textValue();
        if (s.length() > maxLength) {
            throw fail("text of " + s.length() + " characters is longer than the " + maxLength + " accepted");
        }
        return s;
    }

    boolean bool() throws ParseException {
        if (!node.isBoolean()) {
            throw fail("expected true or false, found " + kind(node));
        }
        return node.booleanValue();
    }

    /** A signed 64-bit integer: CometBFT writes it as a decimal string; a JSON integer is accepted too. */
    long int64() throws ParseException {
        BigInteger value;
        if (node.isTextual()) {
            String s = node.textValue();
            if (!s.matches("-?[0-9]{1,20}")) {
                throw fail("expected an integer written as a decimal string, found \"" + clip(s) + "\"");
            }
            value = new BigInteger(s);
        } else if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else {
            throw fail("expected an integer, found " + kind(node));
        }
        if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            throw fail("the integer " + value + " does not fit in 64 bits");
        }
        return value.longValue();
    }

    long nonNegative() throws ParseException {
        long v = int64();
        if (v < 0) {
            throw fail("must not be negative, found " + v);
        }
        return v;
    }

    /** A 32-bit integer (CometBFT writes int32 and uint32 as JSON numbers). */
    long int32(long min, long max) throws ParseException {
        long v = int64();
        if (v < min || v > max) {
            throw fail("expected an integer from " + min + " to " + max + ", found " + v);
        }
        return v;
    }

    /** Hex of exactly {@code length} bytes. */
    Bytes hex(int length) throws ParseException {
        Bytes b = hexAny(length);
        if (b.length() != length) {
            throw fail("expected " + length + " bytes of hex, found " + b.length());
        }
        return b;
    }

    /** Hex of exactly {@code length} bytes, or empty (an empty string or null). */
    Bytes hexOrEmpty(int length) throws ParseException {
        if (isNull()) {
            return Bytes.EMPTY;
        }
        Bytes b = hexAny(length);
        if (!b.isEmpty() && b.length() != length) {
            throw fail("expected " + length + " bytes of hex or nothing, found " + b.length() + " bytes");
        }
        return b;
    }

    /** Hex of up to {@code maxLength} bytes; empty for null. */
    Bytes hexAny(int maxLength) throws ParseException {
        if (isNull()) {
            return Bytes.EMPTY;
        }
        String s = string(maxLength * 2);
        try {
            return Bytes.fromHex(s);
        } catch (IllegalArgumentException e) {
            throw fail("expected hexadecimal digits, found \"" + clip(s) + "\"");
        }
    }

    /** Base64 of up to {@code maxLength} bytes; empty for null. */
    Bytes base64(int maxLength) throws ParseException {
        if (isNull()) {
            return Bytes.EMPTY;
        }
        String s = string((maxLength + 2) / 3 * 4);
        try {
            return Bytes.fromBase64(s);
        } catch (IllegalArgumentException e) {
            throw fail("expected base64, found \"" + clip(s) + "\"");
        }
    }

    Instant time() throws ParseException {
        String s = string(40);
        try {
            return RfcTime.parse(s);
        } catch (IllegalArgumentException e) {
            throw fail("expected an RFC 3339 time such as 2023-05-17T14:12:53.605374524Z, found \"" + clip(s) + "\"");
        }
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase();
        };
    }
}
