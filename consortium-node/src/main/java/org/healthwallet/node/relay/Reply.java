package org.healthwallet.node.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer of the relay: status, content type, body and extra headers. Errors are {@code {"error": "..."}}. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper();

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static Reply error(int status, String message) {
        return json(status, JSON.createObjectNode().put("error", message));
    }

    static Reply noContent() {
        return new Reply(204, "", new byte[0], Map.of());
    }

    /** A compact JWE, as SMART Health Links serve a file ({@code application/jose}). */
    static Reply jose(String jwe) {
        return new Reply(200, "application/jose", jwe.getBytes(StandardCharsets.US_ASCII), Map.of());
    }

    /** 401 for a P-flag link: the SMART Health Links body {@code {"remainingAttempts": n}} and a sentence. */
    static Reply passcodeNeeded(int remaining, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("remainingAttempts", remaining);
        body.put("error", message);
        return json(401, body);
    }

    static Reply tooManyRequests(Duration wait) {
        return error(429, "Too many requests for this link; wait before asking again.")
                .with("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }

    static Reply ledgerUnavailable() {
        return error(503, "The relay cannot reach the ledger to record this access, so it serves nothing; try again shortly.")
                .with("Retry-After", "5");
    }

    static Reply notFound() {
        return error(404, "This link is not active: it is unknown, expired or revoked.");
    }

    Reply with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Reply(status, contentType, body, more);
    }
}
