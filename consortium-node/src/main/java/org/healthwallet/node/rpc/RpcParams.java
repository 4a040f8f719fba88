package org.healthwallet.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.healthwallet.ledger.cometbft.Bytes;

/**
 * A method's parameters, read with CometBFT's conventions from either transport.
 * <ul>
 *   <li>JSON-RPC (POST): named ({@code {"height":"5"}}) or positional ({@code ["5"]}); int64 as a
 *   decimal string or a number; {@code []byte} (tx, hash) as base64; {@code HexBytes} (abci_query
 *   data) as hex.</li>
 *   <li>URI (GET {@code /block?height=5}): strings quoted or bare, bytes as {@code 0x…} hex or a
 *   quoted string, booleans as true/false.</li>
 * </ul>
 * A value of the wrong form is an invalid-params error naming the parameter.
 */
public final class RpcParams {
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})*");

    private final Map<String, JsonNode> json;
    private final Map<String, String> query;

    private RpcParams(Map<String, JsonNode> json, Map<String, String> query) {
        this.json = json;
        this.query = query;
    }

    /** Parameters of a JSON-RPC request: an object, an array in {@code names} order, or absent. */
    public static RpcParams ofJson(JsonNode params, List<String> names) throws RpcException {
        Map<String, JsonNode> map = new HashMap<>();
        if (params == null || params.isNull() || params.isMissingNode()) {
            return new RpcParams(map, null);
        }
        if (params.isObject()) {
            params.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        } else if (params.isArray()) {
            if (params.size() > names.size()) {
                throw RpcException.invalidParams("expected at most " + names.size() + " parameters "
                        + names + ", got " + params.size());
            }
            for (int i = 0; i < params.size(); i++) {
                map.put(names.get(i), params.get(i));
            }
        } else {
            throw RpcException.invalidParams("params must be an object or an array");
        }
        return new RpcParams(map, null);
    }

    /** Parameters of a URI request, from the raw (still percent-encoded) query string. */
    public static RpcParams ofQuery(String rawQuery) throws RpcException {
        Map<String, String> map = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    map.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw RpcException.invalidParams("the query parameter \"" + name + "\" is not properly percent-encoded");
                }
            }
        }
        return new RpcParams(null, map);
    }

    /** An int64 parameter, absent when not given (or given as null or ""). */
    public OptionalLong int64(String name) throws RpcException {
        String text;
        if (json != null) {
            JsonNode n = json.get(name);
            if (n == null || n.isNull()) {
                return OptionalLong.empty();
            }
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                return OptionalLong.of(n.longValue());
            }
            if (!n.isTextual()) {
                throw wrong(name, "a decimal integer", n.toString());
            }
            text = n.textValue();
        } else {
            String raw = query.get(name);
            if (raw == null) {
                return OptionalLong.empty();
            }
            text = unquote(raw);
        }
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw wrong(name, "a decimal integer", text);
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw wrong(name, "an integer within int64", text);
        }
    }

    public Optional<Boolean> bool(String name) throws RpcException {
        String text;
        if (json != null) {
            JsonNode n = json.get(name);
            if (n == null || n.isNull()) {
                return Optional.empty();
            }
            if (n.isBoolean()) {
                return Optional.of(n.booleanValue());
            }
            if (!n.isTextual()) {
                throw wrong(name, "true or false", n.toString());
            }
            text = n.textValue();
        } else {
            String raw = query.get(name);
            if (raw == null) {
                return Optional.empty();
            }
            text = unquote(raw);
        }
        return switch (text) {
            case "" -> Optional.empty();
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw wrong(name, "true or false", text);
        };
    }

    public Optional<String> string(String name) throws RpcException {
        if (json != null) {
            JsonNode n = json.get(name);
            if (n == null || n.isNull()) {
                return Optional.empty();
            }
            if (!n.isTextual()) {
                throw wrong(name, "a string", n.toString());
            }
            return Optional.of(n.textValue());
        }
        String raw = query.get(name);
        return raw == null ? Optional.empty() : Optional.of(unquote(raw));
    }

    /** A Go {@code []byte} parameter (tx, hash): base64 in JSON; 0x-hex or a quoted string in a URI. */
    public Optional<Bytes> bytes(String name) throws RpcException {
        if (json != null) {
            Optional<String> text = string(name);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Bytes.of(Base64.getDecoder().decode(text.get())));
            } catch (IllegalArgumentException e) {
                throw wrong(name, "base64", text.get());
            }
        }
        return uriBytes(name, false);
    }

    /** A CometBFT {@code HexBytes} parameter (abci_query data): hex in JSON and in a URI. */
    public Optional<Bytes> hexBytes(String name) throws RpcException {
        if (json != null) {
            Optional<String> text = string(name);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(hex(name, strip0x(text.get())));
        }
        return uriBytes(name, true);
    }

    private Optional<Bytes> uriBytes(String name, boolean bareIsHex) throws RpcException {
        String raw = query.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        if (raw.startsWith("0x") || raw.startsWith("0X")) {
            return Optional.of(hex(name, raw.substring(2)));
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return Optional.of(Bytes.of(raw.substring(1, raw.length() - 1).getBytes(StandardCharsets.UTF_8)));
        }
        if (bareIsHex || raw.isEmpty()) {
            return Optional.of(hex(name, raw));
        }
        throw wrong(name, "0x-prefixed hex or a quoted string", raw);
    }

    private static Bytes hex(String name, String text) throws RpcException {
        if (!HEX.matcher(text).matches()) {
            throw wrong(name, "hex digits", text);
        }
        return Bytes.of(HexFormat.of().parseHex(text));
    }

    private static String strip0x(String text) {
        return text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1);
        }
        return raw;
    }

    private static RpcException wrong(String name, String expected, String found) {
        String shown = found.length() > 64 ? found.substring(0, 64) + "…" : found;
        return RpcException.invalidParams("error converting params to arguments: " + name + " must be " + expected
                + ", got \"" + shown + "\"");
    }
}
