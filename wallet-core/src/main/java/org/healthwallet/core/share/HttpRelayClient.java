package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;

/**
 * {@link RelayClient} over HTTP (java.net.http), speaking docs/relay-api.md: {@code POST /shares}
 * and {@code DELETE /shares/{id}} under the relay's base URL, signed in the {@code HW-*} headers.
 * https, or plain http only to this computer (the embedded dev network).
 */
public final class HttpRelayClient implements RelayClient {
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param base the relay's base URL, e.g. {@code https://relay.example.org/} (paths are resolved under it)
     */
    public HttpRelayClient(URI base, HttpClient http, Duration timeout, Clock clock) {
        Objects.requireNonNull(base, "base");
        String problem = ShareLink.urlProblem(base.toString());
        if (problem != null) {
            throw new IllegalArgumentException("The relay address " + base + " cannot be used: "
                    + problem.replace("The link's address", "it"));
        }
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static HttpRelayClient of(URI base) {
        return new HttpRelayClient(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build(), Duration.ofSeconds(30), Clock.systemUTC());
    }

    @Override
    public CreatedShare create(SignedRelayRequest request) throws RelayException {
        if (request.action() != Action.CREATE) {
            throw new IllegalArgumentException("not a create request: " + request.action());
        }
        HttpRequest post = signed(HttpRequest.newBuilder(base.resolve("shares")), request)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body())).build();
        Answer answer = send(post);
        if (answer.status() != 201) {
            throw refusal(answer, "create the share");
        }
        try {
            JsonNode body = ShareJson.read(answer.body());
            String id = body.path("id").asText("");
            URI manifest = URI.create(body.path("manifestUrl").asText(""));
            long expiresAt = body.path("expiresAt").asLong(0);
            byte[] relayKey = Base64Url.decode(body.path("relayKey").asText(""));
            if (id.isEmpty() || !id.matches("[A-Za-z0-9_-]{1,128}") || ShareLink.urlProblem(manifest.toString()) != null
                    || expiresAt <= 0 || relayKey.length != Ed25519PublicKey.SIZE) {
                throw new IllegalArgumentException("incomplete answer");
            }
            return new CreatedShare(id, manifest, Instant.ofEpochSecond(expiresAt), new Ed25519PublicKey(relayKey));
        } catch (IOException | IllegalArgumentException e) {
            throw new RelayException("The relay's answer to creating the share was not understood; nothing was shared.", e);
        }
    }

    @Override
    public void revoke(SignedRelayRequest request) throws RelayException {
        if (request.action() != Action.REVOKE) {
            throw new IllegalArgumentException("not a revoke request: " + request.action());
        }
        HttpRequest delete = signed(HttpRequest.newBuilder(base.resolve("shares/"
                + URLEncoder.encode(request.shareId(), StandardCharsets.UTF_8))), request).DELETE().build();
        Answer answer = send(delete);
        if (answer.status() == 204 || answer.status() == 200 || answer.status() == 404) {
            return;
        }
        throw refusal(answer, "revoke the share");
    }

    @Override
    public void update(SignedRelayRequest request) throws RelayException {
        if (request.action() != Action.UPDATE) {
            throw new IllegalArgumentException("not an update request: " + request.action());
        }
        HttpRequest put = signed(HttpRequest.newBuilder(base.resolve("shares/"
                + URLEncoder.encode(request.shareId(), StandardCharsets.UTF_8))), request)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(request.body())).build();
        Answer answer = send(put);
        if (answer.status() == 204 || answer.status() == 200) {
            return;
        }
        if (answer.status() == 404) {
            throw new RelayException("The relay no longer holds this share (revoked, expired, or never made); nothing was"
                    + " changed.", 404, Optional.empty());
        }
        if (answer.status() == 409 && !reasonIn(answer.body()).isEmpty()) {
            // Not long-term, no longer active, or a repeated request: the relay says which.
            throw new RelayException("The relay would not replace the share's files: " + sentence(reasonIn(answer.body()))
                    + " Nothing was changed.", 409, Optional.empty());
        }
        throw refusal(answer, "replace the share's files");
    }

    private HttpRequest.Builder signed(HttpRequest.Builder builder, SignedRelayRequest request) {
        builder.timeout(timeout);
        request.headers().forEach(builder::header);
        return builder;
    }

    private record Answer(int status, byte[] body, Optional<Duration> retryAfter) {}

    private Answer send(HttpRequest request) throws RelayException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try {
                body = HttpAnswers.body(response, MAX_ANSWER_BYTES);
            } catch (HttpAnswers.TooLarge e) {
                body = new byte[0];
            }
            return new Answer(response.statusCode(), body, HttpAnswers.retryAfter(response, clock.instant()));
        } catch (IOException e) {
            throw new RelayException("The relay at " + base.getHost() + " cannot be reached (" + e.getClass().getSimpleName()
                    + "). Check the connection and try again; nothing was changed.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("Stopped while waiting for the relay; nothing was changed.", e);
        }
    }

    /** The relay's refusal in the patient's words, with the relay's own reason when it gave one. */
    private RelayException refusal(Answer answer, String doing) {
        String reason = reasonIn(answer.body());
        String message = switch (answer.status()) {
            case 400, 422 -> "The relay refused to " + doing + (reason.isEmpty() ? "." : ": " + sentence(reason));
            case 401, 403 -> "The relay did not accept this wallet's signature, so it would not " + doing + "."
                    + (reason.isEmpty() ? "" : " (" + reason + ")");
            case 409 -> "The relay saw this request before and refused it as a repeat; try again.";
            case 413 -> "The share is larger than the relay accepts; share fewer records.";
            case 429 -> "The relay is busy; try again" + answer.retryAfter().map(d -> " in " + HttpAnswers.inWords(d)).orElse(" shortly") + ".";
            case 503 -> "The relay cannot reach the ledger right now, so it would not " + doing + "; try again later.";
            default -> "The relay could not " + doing + " (HTTP " + answer.status() + ")" + (reason.isEmpty() ? "." : ": " + sentence(reason));
        };
        return new RelayException(message + " Nothing was changed.", answer.status(), answer.retryAfter());
    }

    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }

    /** The relay's {"error": "..."} text, shortened and on one line; "" when there is none. */
    static String reasonIn(byte[] body) {
        try {
            String error = ShareJson.read(body).path("error").asText("");
            String line = error.replaceAll("\\p{Cntrl}", " ").strip();
            return line.length() > 300 ? line.substring(0, 300) + "…" : line;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
