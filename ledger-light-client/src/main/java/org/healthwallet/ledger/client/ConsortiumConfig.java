package org.healthwallet.ledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.ParseException;

/**
 * Where a wallet finds a consortium and what it trusts there: the trust root (chain id, height and
 * header hash of a block the consortium vouches for), the CometBFT RPC address of a primary node
 * and of witnesses that cross-check it, and the share relay's address once one is known. The
 * wallet and the dev network both read and write it, so it lives here rather than in either.
 * <pre>
 * {
 *   "format": 1,
 *   "chain_id": "healthwallet-devnet",
 *   "checkpoint": { "height": "1", "hash": "&lt;64 hex digits&gt;" },
 *   "primary": "http://127.0.0.1:26657",
 *   "witnesses": [ "http://127.0.0.1:26658" ],
 *   "relay": null
 * }
 * </pre>
 * Heights are decimal strings, as CometBFT writes int64. Unknown fields are ignored, so later
 * formats can add to this one.
 */
public record ConsortiumConfig(Checkpoint checkpoint, URI primary, List<URI> witnesses, Optional<URI> relay) {
    public static final int FORMAT = 1;
    /** A file larger than this is not a consortium configuration. */
    static final int MAX_FILE_BYTES = 256 * 1024;
    static final int MAX_WITNESSES = 64;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ConsortiumConfig {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(relay, "relay");
        requireHttp(primary, "the primary node's address");
        witnesses = List.copyOf(witnesses);
        if (witnesses.size() > MAX_WITNESSES) {
            throw new IllegalArgumentException("a consortium configuration lists at most " + MAX_WITNESSES + " witnesses");
        }
        for (URI w : witnesses) {
            requireHttp(w, "a witness address");
            if (w.equals(primary)) {
                throw new IllegalArgumentException("the witness " + w + " is the primary itself; a witness must be another node");
            }
        }
        relay.ifPresent(r -> requireHttp(r, "the relay address"));
    }

    public String chainId() {
        return checkpoint.chainId();
    }

    /** The same configuration with the share relay's address filled in. */
    public ConsortiumConfig withRelay(URI relayUrl) {
        return new ConsortiumConfig(checkpoint, primary, witnesses, Optional.of(relayUrl));
    }

    /**
     * Reads a configuration file.
     *
     * @throws ConsortiumConfigException with a message naming the file and what is wrong in it
     */
    public static ConsortiumConfig read(Path file) throws ConsortiumConfigException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConsortiumConfigException("The consortium file " + file + " is larger than "
                        + MAX_FILE_BYTES / 1024 + " KiB; it is not a consortium configuration.");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConsortiumConfigException("Cannot read the consortium file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (ConsortiumConfigException e) {
            throw new ConsortiumConfigException("The consortium file " + file + " is not valid: " + e.getMessage(), e);
        }
    }

    /** Parses the JSON form. */
    public static ConsortiumConfig parse(byte[] json) throws ConsortiumConfigException {
        if (json.length > MAX_FILE_BYTES) {
            throw new ConsortiumConfigException("the configuration is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
        }
        JsonNode root;
        try {
            root = CometJsonParser.tree(json);
        } catch (ParseException e) {
            throw new ConsortiumConfigException(e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new ConsortiumConfigException("expected a JSON object");
        }
        JsonNode format = root.path("format");
        if (!format.isIntegralNumber() || !format.canConvertToInt() || format.intValue() != FORMAT) {
            throw new ConsortiumConfigException("\"format\" must be " + FORMAT + " (found " + describe(format) + ")");
        }
        String chainId = text(root, "chain_id");
        JsonNode cp = root.path("checkpoint");
        if (!cp.isObject()) {
            throw new ConsortiumConfigException("\"checkpoint\" must be an object with height and hash");
        }
        String heightText = cp.path("height").isIntegralNumber() ? cp.path("height").asText() : text(cp, "height", "checkpoint.height");
        long height;
        try {
            height = Long.parseLong(heightText);
        } catch (NumberFormatException e) {
            throw new ConsortiumConfigException("\"checkpoint.height\" must be a decimal height, found \"" + heightText + "\"");
        }
        String hashText = text(cp, "hash", "checkpoint.hash");
        Checkpoint checkpoint;
        try {
            checkpoint = new Checkpoint(chainId, height, Bytes.fromHex(hashText));
        } catch (IllegalArgumentException e) {
            throw new ConsortiumConfigException("the checkpoint is not valid: " + e.getMessage(), e);
        }
        URI primary = uri(text(root, "primary"), "primary");
        List<URI> witnesses = new ArrayList<>();
        JsonNode list = root.path("witnesses");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw new ConsortiumConfigException("\"witnesses\" must be an array of addresses");
            }
            if (list.size() > MAX_WITNESSES) {
                throw new ConsortiumConfigException("\"witnesses\" lists more than " + MAX_WITNESSES + " addresses");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode w = list.get(i);
                if (!w.isTextual()) {
                    throw new ConsortiumConfigException("\"witnesses[" + i + "]\" must be an address");
                }
                witnesses.add(uri(w.textValue(), "witnesses[" + i + "]"));
            }
        }
        JsonNode relayNode = root.path("relay");
        Optional<URI> relay = Optional.empty();
        if (!relayNode.isMissingNode() && !relayNode.isNull()) {
            if (!relayNode.isTextual()) {
                throw new ConsortiumConfigException("\"relay\" must be an address or null");
            }
            relay = Optional.of(uri(relayNode.textValue(), "relay"));
        }
        try {
            return new ConsortiumConfig(checkpoint, primary, witnesses, relay);
        } catch (IllegalArgumentException e) {
            throw new ConsortiumConfigException(e.getMessage(), e);
        }
    }

    /** The JSON form (UTF-8, indented). */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("chain_id", checkpoint.chainId());
        ObjectNode cp = root.putObject("checkpoint");
        cp.put("height", Long.toString(checkpoint.height()));
        cp.put("hash", checkpoint.headerHash().hex());
        root.put("primary", primary.toString());
        ArrayNode list = root.putArray("witnesses");
        witnesses.forEach(w -> list.add(w.toString()));
        if (relay.isPresent()) {
            root.put("relay", relay.get().toString());
        } else {
            root.putNull("relay");
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Writes the file atomically (a reader never sees half of it). */
    public void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".consortium", ".tmp");
        try {
            Files.write(temp, toJson());
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String text(JsonNode parent, String field) throws ConsortiumConfigException {
        return text(parent, field, field);
    }

    private static String text(JsonNode parent, String field, String path) throws ConsortiumConfigException {
        JsonNode n = parent.path(field);
        if (!n.isTextual() || n.textValue().isEmpty()) {
            throw new ConsortiumConfigException("\"" + path + "\" is missing or not a text (found " + describe(n) + ")");
        }
        return n.textValue();
    }

    private static URI uri(String text, String field) throws ConsortiumConfigException {
        try {
            URI uri = new URI(text);
            requireHttp(uri, "\"" + field + "\"");
            return uri;
        } catch (URISyntaxException e) {
            throw new ConsortiumConfigException("\"" + field + "\" is not an address: " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw new ConsortiumConfigException(e.getMessage());
        }
    }

    private static void requireHttp(URI uri, String what) {
        Objects.requireNonNull(uri, what);
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an http:// or https:// address with a host, not \"" + uri + "\"");
        }
    }

    private static String describe(JsonNode n) {
        if (n.isMissingNode()) {
            return "nothing";
        }
        String text = n.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
