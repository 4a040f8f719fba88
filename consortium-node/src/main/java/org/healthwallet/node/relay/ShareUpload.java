package org.healthwallet.node.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /shares} (docs/relay-api.md): the encrypted files, the expiry, the link's
 * flags and, for flag P, the passcode (which the relay only hashes). Parsed strictly: unknown
 * versions, duplicate fields, files that are not compact {@code dir}/{@code A256GCM} JWEs, and
 * flags that contradict each other are refused with a sentence saying which.
 * <pre>
 * {"v":1,"files":[{"contentType":"application/fhir+json","jwe":"eyJ…"}],"expiresAt":1767225600,"flags":"P","passcode":"…"}
 * </pre>
 */
record ShareUpload(List<File> files, long expiresAt, String flags, Optional<String> passcode) {
    static final int MAX_FILES = 64;
    static final int MIN_PASSCODE = 4;
    static final int MAX_PASSCODE = 64;
    private static final Pattern CONTENT_TYPE = Pattern.compile(
            "application/(fhir\\+json|smart-health-card|smart-api-access)(;[ -~]{1,60})?");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
    static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    /** One encrypted file; {@link #toString()} does not show the ciphertext. */
    record File(String contentType, String jwe) {
        @Override
        public String toString() {
            return "File[" + contentType + ", " + jwe.length() + " characters]";
        }
    }

    ShareUpload {
        files = List.copyOf(files);
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(passcode, "passcode");
    }

    @Override
    public String toString() {
        return "ShareUpload[" + files.size() + " files, expiresAt=" + expiresAt + ", flags=" + flags + "]";
    }

    static ShareUpload parse(byte[] body) throws BadRequestException {
        JsonNode root = readJson(body);
        if (!root.isObject()) {
            throw bad("The share must be a JSON object.");
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!List.of("v", "files", "expiresAt", "flags", "passcode").contains(name)) {
                throw bad("The share has a field \"" + shorten(name) + "\" this relay does not know.");
            }
        }
        JsonNode v = root.get("v");
        if (v == null || !v.isIntegralNumber() || v.asLong() != 1) {
            throw bad("The share's \"v\" must be 1.");
        }
        JsonNode list = root.get("files");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_FILES) {
            throw bad("The share's \"files\" must list 1 to " + MAX_FILES + " encrypted files.");
        }
        List<File> files = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            files.add(file(list.get(i), i));
        }
        JsonNode exp = root.get("expiresAt");
        if (exp == null || !exp.isIntegralNumber() || !exp.canConvertToLong() || exp.asLong() <= 0) {
            throw bad("The share's \"expiresAt\" must be unix seconds.");
        }
        JsonNode flagNode = root.get("flags");
        String flags = flagNode == null || flagNode.isNull() ? "" : flagNode.isTextual() ? flagNode.textValue() : null;
        if (flags == null || !flags.matches("L?P?U?")) {
            throw bad("The share's \"flags\" may hold only the letters L, P and U, each once, in that order.");
        }
        JsonNode pc = root.get("passcode");
        Optional<String> passcode = Optional.empty();
        if (pc != null && !pc.isNull()) {
            if (!pc.isTextual()) {
                throw bad("The share's \"passcode\" must be text.");
            }
            passcode = Optional.of(pc.textValue());
            int length = pc.textValue().codePointCount(0, pc.textValue().length());
            if (length < MIN_PASSCODE || length > MAX_PASSCODE || pc.textValue().codePoints().anyMatch(Character::isISOControl)) {
                throw bad("A passcode has " + MIN_PASSCODE + " to " + MAX_PASSCODE + " characters and no control characters.");
            }
        }
        if (flags.contains("P") != passcode.isPresent()) {
            throw bad("Flag P and a passcode go together: give both or neither.");
        }
        if (flags.contains("U") && (flags.contains("P") || files.size() != 1)) {
            throw bad("Flag U means exactly one file and no passcode.");
        }
        return new ShareUpload(files, exp.asLong(), flags, passcode);
    }

    static JsonNode readJson(byte[] body) throws BadRequestException {
        try (JsonParser parser = STRICT.createParser(body)) {
            JsonNode root = STRICT.readTree(parser);
            if (root == null || parser.nextToken() != null) {
                throw bad("The request body must be exactly one JSON value.");
            }
            return root;
        } catch (IOException e) {
            throw bad("The request body is not valid JSON.");
        }
    }

    static File file(JsonNode node, int i) throws BadRequestException {
        if (node == null || !node.isObject() || node.size() != 2) {
            throw bad("File " + i + " must be an object with exactly \"contentType\" and \"jwe\".");
        }
        JsonNode type = node.get("contentType");
        JsonNode jwe = node.get("jwe");
        if (type == null || !type.isTextual() || !CONTENT_TYPE.matcher(type.textValue()).matches()) {
            throw bad("File " + i + " has a content type this relay does not serve (application/fhir+json,"
                    + " application/smart-health-card or application/smart-api-access).");
        }
        if (jwe == null || !jwe.isTextual()) {
            throw bad("File " + i + " has no \"jwe\" text.");
        }
        String problem = jweProblem(jwe.textValue());
        if (problem != null) {
            throw bad("File " + i + " is not a compact JWE as SMART Health Links use it: " + problem + ".");
        }
        return new File(type.textValue(), jwe.textValue());
    }

    /** Checks the shape the relay can see without the key: five parts, dir/A256GCM header, 96-bit IV, 128-bit tag. */
    static String jweProblem(String jwe) {
        String[] parts = jwe.split("\\.", -1);
        if (parts.length != 5) {
            return "it has " + parts.length + " parts, not 5";
        }
        for (String part : parts) {
            if (!BASE64URL.matcher(part).matches()) {
                return "a part is not base64url";
            }
        }
        if (!parts[1].isEmpty()) {
            return "the encrypted key must be empty with \"dir\"";
        }
        if (parts[2].length() != 16 || parts[4].length() != 22 || parts[3].isEmpty()) {
            return "the IV must be 12 bytes, the tag 16, and the ciphertext not empty";
        }
        try {
            JsonNode header = STRICT.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (header == null || !header.isObject() || !"dir".equals(header.path("alg").asText(null))
                    || !"A256GCM".equals(header.path("enc").asText(null))) {
                return "its header must say alg \"dir\" and enc \"A256GCM\"";
            }
            JsonNode zip = header.get("zip");
            if (zip != null && !"DEF".equals(zip.asText(null))) {
                return "its only compression may be \"DEF\"";
            }
        } catch (IOException | IllegalArgumentException e) {
            return "its header is not base64url JSON";
        }
        return null;
    }

    private static String shorten(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }

    private static BadRequestException bad(String message) {
        return new BadRequestException(400, message);
    }
}
