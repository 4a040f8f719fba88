package org.healthwallet.node.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.tx.RelayRegistered;

/**
 * The application part of CometBFT's genesis ({@code app_state}), as JSON:
 * <pre>
 * { "operators": ["&lt;64 hex&gt;", ...],                  consortium operator keys (admit relays)
 *   "relays":    [{"key": "&lt;64 hex&gt;", "url": "https://..."}] }   relays admitted at genesis
 * </pre>
 * Both are optional; an empty {@code app_state} is a ledger with no operators and no relays.
 */
public record GenesisState(OperatorSet operators, List<RelayRecord> relays) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public GenesisState {
        relays = List.copyOf(relays);
    }

    public static GenesisState parse(byte[] appState) {
        if (appState == null || appState.length == 0) return new GenesisState(new OperatorSet(List.of()), List.of());
        JsonNode root;
        try {
            root = JSON.readTree(appState);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The genesis app_state is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("The genesis app_state cannot be read: " + e.getMessage());
        }
        if (root == null || root.isNull()) return new GenesisState(new OperatorSet(List.of()), List.of());
        if (!root.isObject()) throw new IllegalArgumentException("The genesis app_state must be a JSON object.");
        List<Ed25519PublicKey> operators = new ArrayList<>();
        JsonNode ops = root.path("operators");
        if (!ops.isMissingNode() && !ops.isArray()) throw new IllegalArgumentException("app_state.operators must be an array.");
        for (int i = 0; i < ops.size(); i++) operators.add(key(ops.get(i), "app_state.operators[" + i + "]"));
        if (operators.stream().distinct().count() != operators.size()) {
            throw new IllegalArgumentException("app_state.operators lists a key twice.");
        }
        if (operators.size() > OperatorSet.MAX_OPERATORS) {
            throw new IllegalArgumentException("app_state.operators has more than " + OperatorSet.MAX_OPERATORS + " keys.");
        }
        List<RelayRecord> relays = new ArrayList<>();
        JsonNode rel = root.path("relays");
        if (!rel.isMissingNode() && !rel.isArray()) throw new IllegalArgumentException("app_state.relays must be an array.");
        for (int i = 0; i < rel.size(); i++) {
            String where = "app_state.relays[" + i + "]";
            Ed25519PublicKey key = key(rel.get(i).path("key"), where + ".key");
            String url = rel.get(i).path("url").asText("");
            String problem = RelayUrl.problem(url);
            if (problem != null) throw new IllegalArgumentException(where + ".url " + problem);
            relays.add(new RelayRecord(key, url, 0));
        }
        return new GenesisState(new OperatorSet(operators), relays);
    }

    private static Ed25519PublicKey key(JsonNode node, String where) {
        String text = node.asText("");
        if (!text.matches("[0-9a-fA-F]{64}")) throw new IllegalArgumentException(where + " must be a 64-digit hex Ed25519 key.");
        Ed25519PublicKey key = new Ed25519PublicKey(HexFormat.of().parseHex(text));
        if (!key.isValidPoint()) throw new IllegalArgumentException(where + " is not a valid Ed25519 public key.");
        return key;
    }

    /** The JSON form, for writing a genesis file (dev network, tests). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode ops = root.putArray("operators");
        operators.operators().forEach(k -> ops.add(k.hex()));
        ArrayNode rel = root.putArray("relays");
        relays.forEach(r -> rel.addObject().put("key", r.relay().hex()).put("url", r.url()));
        return root.toString();
    }

    /** Checks a relay URL: absolute http or https with a host, at most 512 bytes. */
    static final class RelayUrl {
        private RelayUrl() {
        }

        /** Null when fine, else what is wrong, phrased to follow the field's name. */
        static String problem(String url) {
            if (url.isEmpty() || url.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > RelayRegistered.MAX_URL_BYTES) {
                return "must be 1 to " + RelayRegistered.MAX_URL_BYTES + " bytes.";
            }
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                    return "must be an absolute http(s) URL with a host.";
                }
            } catch (URISyntaxException e) {
                return "is not a URL: " + e.getReason() + ".";
            }
            return null;
        }
    }
}
