package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.healthwallet.core.crypto.IdentityKey;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.relay.RelayRequestSignature;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;

/**
 * A relay written from docs/relay-api.md alone, on loopback, for the wallet's tests: it checks the
 * signed headers, stores the files, serves the SHL manifest with a passcode and a lifetime count of
 * wrong attempts, and deletes on revoke. It is the test's stand-in for consortium-node's relay
 * (which wallet-core may not depend on), not a relay to run: no ledger, no persistence.
 */
final class TestRelay implements AutoCloseable {
    static final int ATTEMPTS = 3;

    final LoopbackServer server;
    final byte[] relayKey = new byte[32];
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Held> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByToken = new ConcurrentHashMap<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    /** When set, POST /shares answers this instead. */
    volatile LoopbackServer.Reply createReply;

    static final class Held {
        final String id;
        final String token;
        final byte[] creator;
        final JsonNode request;
        int wrongAttempts;

        Held(String id, String token, byte[] creator, JsonNode request) {
            this.id = id;
            this.token = token;
            this.creator = creator;
            this.request = request;
        }
    }

    TestRelay(Clock clock) throws Exception {
        this.clock = clock;
        random.nextBytes(relayKey);
        server = new LoopbackServer();
        server.on("/shares", this::shares).on("/shl/", this::manifest).on("/files/", this::file);
    }

    URI base() {
        return server.url("/");
    }

    List<JsonNode> stored() {
        List<JsonNode> all = new ArrayList<>();
        byId.values().forEach(h -> all.add(h.request));
        return all;
    }

    private LoopbackServer.Reply shares(LoopbackServer.Seen req) throws Exception {
        boolean create = req.method().equals("POST") && req.path().equals("/shares");
        boolean revoke = req.method().equals("DELETE") && req.path().startsWith("/shares/");
        if (!create && !revoke) {
            return LoopbackServer.Reply.json(405, "{\"error\":\"method not allowed\"}");
        }
        String shareId = create ? "-" : req.path().substring("/shares/".length());
        byte[] key = decode(req.header("HW-Key"));
        byte[] signature = decode(req.header("HW-Signature"));
        String nonce = req.header("HW-Nonce");
        long time = Long.parseLong(req.header("HW-Time"));
        byte[] message = RelayRequestSignature.message(create ? Action.CREATE : Action.REVOKE,
                shareId, time, nonce, req.body());
        if (key == null || signature == null || !IdentityKey.verify(key, message, signature)) {
            return LoopbackServer.Reply.json(401, "{\"error\":\"signature does not verify\"}");
        }
        if (Math.abs(clock.instant().getEpochSecond() - time) > 300) {
            return LoopbackServer.Reply.json(401, "{\"error\":\"request time is too far from the relay's clock\"}");
        }
        if (!nonces.add(Base64.getUrlEncoder().encodeToString(key) + nonce)) {
            return LoopbackServer.Reply.json(409, "{\"error\":\"replayed request\"}");
        }
        if (revoke) {
            Held held = byId.get(shareId);
            if (held == null) {
                return LoopbackServer.Reply.json(404, "{\"error\":\"no such share\"}");
            }
            if (!MessageDigest.isEqual(held.creator, key)) {
                return LoopbackServer.Reply.json(403, "{\"error\":\"not the key that created this share\"}");
            }
            byId.remove(shareId);
            idByToken.remove(held.token);
            return LoopbackServer.Reply.status(204);
        }
        if (createReply != null) {
            return createReply;
        }
        JsonNode body = ShareJson.read(req.body());
        if (body.path("v").asInt() != 1 || !body.path("files").isArray() || body.path("expiresAt").asLong() <= clock.instant().getEpochSecond()) {
            return LoopbackServer.Reply.json(400, "{\"error\":\"bad request\"}");
        }
        // As docs/relay-api.md says: the id follows from the signed request.
        String id = new RelayRequestSignature(new Ed25519PublicKey(key), time, nonce, signature).createdShareId();
        String token = token(32);
        byId.put(id, new Held(id, token, key, body));
        idByToken.put(token, id);
        return LoopbackServer.Reply.json(201, "{\"id\":\"" + id + "\",\"manifestUrl\":\"" + server.url("/shl/" + token)
                + "\",\"expiresAt\":" + body.path("expiresAt").asLong() + ",\"relayKey\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(relayKey) + "\"}");
    }

    private synchronized LoopbackServer.Reply manifest(LoopbackServer.Seen req) throws Exception {
        String token = req.path().substring("/shl/".length());
        String id = idByToken.get(token);
        Held held = id == null ? null : byId.get(id);
        if (held == null || held.request.path("expiresAt").asLong() <= clock.instant().getEpochSecond()
                || held.wrongAttempts >= ATTEMPTS) {
            return LoopbackServer.Reply.json(404, "{}");
        }
        String flags = held.request.path("flags").asText();
        if (req.method().equals("GET") && flags.contains("U")) {
            return LoopbackServer.Reply.jose(held.request.path("files").path(0).path("jwe").asText());
        }
        JsonNode ask = ShareJson.read(req.body());
        if (flags.contains("P") && !held.request.path("passcode").asText().equals(ask.path("passcode").asText())) {
            held.wrongAttempts++;
            return LoopbackServer.Reply.json(401, "{\"remainingAttempts\":" + (ATTEMPTS - held.wrongAttempts) + "}");
        }
        int max = ask.path("embeddedLengthMax").asInt(Integer.MAX_VALUE);
        StringBuilder files = new StringBuilder("{\"files\":[");
        int n = 0;
        for (JsonNode file : held.request.path("files")) {
            String jwe = file.path("jwe").asText();
            files.append(n == 0 ? "" : ",").append("{\"contentType\":\"").append(file.path("contentType").asText()).append("\",");
            files.append(jwe.length() <= max ? "\"embedded\":\"" + jwe + "\"}"
                    : "\"location\":\"" + server.url("/files/" + token + "/" + n) + "\"}");
            n++;
        }
        return LoopbackServer.Reply.json(200, files.append("]}").toString());
    }

    private LoopbackServer.Reply file(LoopbackServer.Seen req) {
        String[] parts = req.path().substring("/files/".length()).split("/");
        String id = idByToken.get(parts[0]);
        Held held = id == null ? null : byId.get(id);
        if (held == null) {
            return LoopbackServer.Reply.status(404);
        }
        return LoopbackServer.Reply.jose(held.request.path("files").path(Integer.parseInt(parts[1])).path("jwe").asText());
    }

    private String token(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static byte[] decode(String text) {
        try {
            return text == null ? null : Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Every request body and query the relay received, as text (to look for things that must not be there). */
    String everythingReceived() {
        StringBuilder all = new StringBuilder();
        for (LoopbackServer.Seen s : server.seen()) {
            all.append(s.path()).append('?').append(s.query()).append(s.headers()).append(new String(s.body(), StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
