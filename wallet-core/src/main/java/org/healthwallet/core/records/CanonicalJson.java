package org.healthwallet.core.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The canonical JSON form by which the same record from two exports is recognised: object keys
 * sorted, no whitespace, arrays in their order, strings unescaped and written back one way (so an
 * escaped "\u00e9" and a plain "é" are the same), numbers exactly as written ("1.50" keeps its
 * precision). The server's bookkeeping in the resource's {@code meta} (versionId, lastUpdated,
 * source) says when and where a copy was served, not what the record says, so it is left out:
 * two downloads of one record merge.
 *
 * <p>Built from the streaming parser, without a tree or number conversion, because it runs for
 * every resource of every import.
 */
final class CanonicalJson {
    private static final Set<String> SERVER_META = Set.of("versionId", "lastUpdated", "source");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /**
     * Hex SHA-256 of the canonical form of a resource's JSON text. Text that is not JSON (never
     * produced by {@link FhirReader}) is hashed as it is, so a hash is always defined.
     */
    static String sha256Hex(String json) {
        String canonical;
        try {
            canonical = text(json);
        } catch (IOException e) {
            canonical = json;
        }
        return HexFormat.of().formatHex(sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** The canonical text itself. */
    static String text(String json) throws IOException {
        try (JsonParser parser = FhirJson.MAPPER.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON value");
            }
            StringBuilder out = new StringBuilder(json.length());
            write(parser, first, out, true);
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return out.toString();
        }
    }

    private static void write(JsonParser parser, JsonToken token, StringBuilder out, boolean resourceRoot)
            throws IOException {
        switch (token) {
            case START_OBJECT -> writeObject(parser, out, resourceRoot);
            case START_ARRAY -> {
                out.append('[');
                JsonToken item = parser.nextToken();
                boolean first = true;
                while (item != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(parser, item, out, false);
                    item = parser.nextToken();
                }
                out.append(']');
            }
            case VALUE_STRING -> quote(parser.getText(), out);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getText());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IOException("unexpected " + token);
        }
    }

    /**
     * Writes the fields straight into {@code out} as they come and only reorders this object's
     * stretch of text when its keys were not already sorted, so each byte is copied once in the
     * usual case.
     */
    private static void writeObject(JsonParser parser, StringBuilder out, boolean resourceRoot) throws IOException {
        int open = out.length();
        out.append('{');
        List<String> names = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        boolean sorted = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            int before = out.length();
            if (!names.isEmpty()) {
                out.append(',');
            }
            int start = out.length();
            quote(name, out);
            out.append(':');
            if (resourceRoot && "meta".equals(name) && value == JsonToken.START_OBJECT) {
                int metaStart = out.length();
                writeMeta(parser, out);
                if (out.length() - metaStart == 2) {
                    out.setLength(before);   // nothing but server bookkeeping: the same as no meta
                    continue;
                }
            } else {
                write(parser, value, out, false);
            }
            if (!names.isEmpty() && names.get(names.size() - 1).compareTo(name) > 0) {
                sorted = false;
            }
            names.add(name);
            spans.add(new int[] {start, out.length()});
        }
        if (!sorted) {
            String written = out.substring(open + 1);
            Integer[] order = new Integer[names.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> names.get(x).compareTo(names.get(y)));
            out.setLength(open + 1);
            for (int i = 0; i < order.length; i++) {
                int[] span = spans.get(order[i]);
                if (i > 0) {
                    out.append(',');
                }
                out.append(written, span[0] - open - 1, span[1] - open - 1);
            }
        }
        out.append('}');
    }

    private static void writeMeta(JsonParser parser, StringBuilder out) throws IOException {
        List<String[]> fields = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (SERVER_META.contains(name)) {
                parser.skipChildren();
                continue;
            }
            StringBuilder written = new StringBuilder();
            write(parser, value, written, false);
            fields.add(new String[] {name, written.toString()});
        }
        fields.sort((x, y) -> x[0].compareTo(y[0]));
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(fields.get(i)[0], out);
            out.append(':').append(fields.get(i)[1]);
        }
        out.append('}');
    }

    /** One way of escaping: quote, backslash and control characters; everything else as itself. */
    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
