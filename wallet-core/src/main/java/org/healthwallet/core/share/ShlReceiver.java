package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.healthwallet.core.share.ShareAccessException.Reason;
import org.healthwallet.core.share.ShareLink.Flag;

/**
 * The doctor's side of a SMART Health Link (HealthWallet's viewer, and any other SHL server): ask
 * the manifest URL for the files ({@code POST} with {@code recipient}, {@code passcode},
 * {@code embeddedLengthMax}), or with flag U fetch the one file by {@code GET ?recipient=}; take each
 * file embedded or from its {@code location} ({@code GET}); decrypt with the link's key.
 *
 * <p>Nothing is requested for a link whose own expiry has passed, or that needs a passcode none was
 * given for. Answers are bounded in size, redirects are not followed, and only https (or http to
 * this computer) is used. The key and the passcode are never in a message.
 */
public final class ShlReceiver {
    /** The recipient is logged by the relay as given; the ledger takes at most 200 bytes of it. */
    public static final int MAX_RECIPIENT_BYTES = 200;

    /** Limits and the embedding the receiver asks for. */
    public record Options(Duration timeout, int embeddedLengthMax, int maxDownloadBytes, long maxPlaintextBytes) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(30), 4_000_000, 80 * 1024 * 1024,
                Jwe.DEFAULT_MAX_PLAINTEXT);
    }

    private final HttpClient http;
    private final Clock clock;
    private final Options options;

    public ShlReceiver(HttpClient http, Clock clock, Options options) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** With an HTTP client that follows no redirects, the system clock and the default limits. */
    public static ShlReceiver create() {
        return new ShlReceiver(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build(), Clock.systemUTC(), Options.DEFAULT);
    }

    /** Parses the link as pasted or scanned, then {@link #open(ShareLink, String, Optional) opens} it. */
    public ReceivedShare open(String linkText, String recipient, Optional<String> passcode) throws ShareException {
        return open(ShareLink.parse(linkText), recipient, passcode);
    }

    /**
     * Opens a link: fetches and decrypts every file.
     *
     * @param recipient who is opening it, as the patient's access log should show it (e.g. "Dr. Ng, City Clinic")
     * @param passcode the passcode the patient gave, for a P-flag link
     */
    public ReceivedShare open(ShareLink link, String recipient, Optional<String> passcode) throws ShareException {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(passcode, "passcode");
        checkRecipient(recipient);
        if (link.isExpiredAt(clock.instant())) {
            throw new ShareAccessException(Reason.EXPIRED, "This link expired on "
                    + DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
                    .format(link.expiresAt().orElseThrow().atOffset(ZoneOffset.UTC))
                    + ". Ask the patient for a new one.", OptionalInt.empty(), Optional.empty());
        }
        if (link.has(Flag.P) && passcode.filter(p -> !p.isEmpty()).isEmpty()) {
            throw new ShareAccessException(Reason.PASSCODE_NEEDED, "This link needs a passcode; ask the patient for it.",
                    OptionalInt.empty(), Optional.empty());
        }
        if (link.has(Flag.U)) {
            URI file = URI.create(link.url() + (link.url().getRawQuery() == null ? "?" : "&") + "recipient="
                    + URLEncoder.encode(recipient, StandardCharsets.UTF_8));
            Jwe.Decrypted opened = Jwe.decrypt(fetchFile(file, "the shared file"), link.key(), options.maxPlaintextBytes());
            return new ReceivedShare(link, List.of(new ReceivedShare.File(
                    opened.contentType().orElse(ShareContent.FHIR_JSON), opened.plaintext())));
        }
        JsonNode manifest = manifest(link, recipient, passcode);
        List<ReceivedShare.File> files = new ArrayList<>();
        int n = 0;
        for (JsonNode entry : manifest.path("files")) {
            n++;
            String contentType = entry.path("contentType").asText("");
            String jwe;
            if (entry.path("embedded").isTextual()) {
                jwe = entry.path("embedded").textValue();
            } else if (entry.path("location").isTextual()) {
                URI location = location(entry.path("location").textValue(), n);
                jwe = fetchFile(location, "file " + n + " of the share");
            } else {
                throw badAnswer("file " + n + " of the manifest has neither \"embedded\" nor \"location\"");
            }
            if (contentType.isEmpty()) {
                throw badAnswer("file " + n + " of the manifest has no \"contentType\"");
            }
            Jwe.Decrypted opened = Jwe.decrypt(jwe, link.key(), options.maxPlaintextBytes());
            files.add(new ReceivedShare.File(contentType, opened.plaintext()));
        }
        if (files.isEmpty()) {
            throw badAnswer("the manifest lists no files");
        }
        return new ReceivedShare(link, files);
    }

    private JsonNode manifest(ShareLink link, String recipient, Optional<String> passcode) throws ShareException {
        ObjectNode body = ShareJson.MAPPER.createObjectNode();
        body.put("recipient", recipient);
        if (link.has(Flag.P)) {
            body.put("passcode", passcode.orElseThrow());
        }
        body.put("embeddedLengthMax", options.embeddedLengthMax());
        HttpRequest request = HttpRequest.newBuilder(link.url()).timeout(options.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ShareJson.writeBytes(body))).build();
        Answer answer = send(request, options.maxDownloadBytes(), link.url());
        if (answer.status() != 200) {
            throw refused(answer, link);
        }
        try {
            JsonNode manifest = ShareJson.read(answer.body());
            if (manifest == null || !manifest.isObject() || !manifest.path("files").isArray()) {
                throw badAnswer("the manifest has no \"files\" list");
            }
            return manifest;
        } catch (IOException e) {
            throw badAnswer("the manifest is not valid JSON");
        }
    }

    private URI location(String text, int n) throws ShareAccessException {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = uri.getHost() != null && (scheme.equals("https")
                    || (scheme.equals("http") && ShareLink.isLoopback(uri.getHost())));
            if (!ok) {
                throw badAnswer("file " + n + " is at an address that is not https");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw badAnswer("file " + n + " has an address that is not a web address");
        }
    }

    private String fetchFile(URI uri, String what) throws ShareException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.timeout()).header("Accept", "application/jose")
                .GET().build();
        Answer answer = send(request, options.maxDownloadBytes(), uri);
        if (answer.status() != 200) {
            if (answer.status() == 404 || answer.status() == 410 || answer.status() == 403) {
                throw new ShareAccessException(Reason.NOT_FOUND, "The server no longer has " + what + " (HTTP "
                        + answer.status() + "): the link expired or was revoked, or the file's address was used up."
                        + " Open the link again, or ask the patient for a new one.", OptionalInt.empty(), Optional.empty());
            }
            throw refused(answer, null);
        }
        return new String(answer.body(), StandardCharsets.US_ASCII).strip();
    }

    private record Answer(int status, byte[] body, Optional<Duration> retryAfter) {}

    private Answer send(HttpRequest request, int limit, URI uri) throws ShareAccessException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try {
                return new Answer(response.statusCode(), HttpAnswers.body(response, limit),
                        HttpAnswers.retryAfter(response, clock.instant()));
            } catch (HttpAnswers.TooLarge e) {
                throw badAnswer("it sent more than " + (limit / (1024 * 1024)) + " MB");
            }
        } catch (IOException e) {
            throw new ShareAccessException(Reason.UNREACHABLE, "The server at " + uri.getHost() + " cannot be reached ("
                    + e.getClass().getSimpleName() + "). Check the connection and try again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShareAccessException(Reason.UNREACHABLE, "Stopped while waiting for the server.", e);
        } catch (IllegalArgumentException e) {
            // The JDK checks some names only on connecting: TLS (SNI) refuses a label over 63 characters.
            throw new ShareAccessException(Reason.UNREACHABLE, "The server at " + uri.getHost() + " cannot be reached:"
                    + " that is not a usable host name.", e);
        }
    }

    private ShareAccessException refused(Answer answer, ShareLink link) {
        switch (answer.status()) {
            case 401 -> {
                OptionalInt left = remainingAttempts(answer.body());
                String message;
                if (link != null && !link.has(Flag.P)) {
                    message = "The server asks for a passcode although the link does not say it needs one; ask the patient for it.";
                } else if (left.isPresent() && left.getAsInt() <= 0) {
                    message = "The passcode is wrong, and no attempts are left: the link is now disabled. Ask the patient for a new link.";
                } else if (left.isPresent()) {
                    message = "The passcode is wrong. " + left.getAsInt() + (left.getAsInt() == 1 ? " attempt is" : " attempts are")
                            + " left before the link is disabled.";
                } else {
                    message = "The passcode is wrong.";
                }
                return new ShareAccessException(Reason.WRONG_PASSCODE, message, left, Optional.empty());
            }
            case 404 -> {
                return new ShareAccessException(Reason.NOT_FOUND, "This link no longer works: it expired, was revoked or"
                        + " disabled, or never existed. Ask the patient for a new one.", OptionalInt.empty(), Optional.empty());
            }
            case 429 -> {
                return new ShareAccessException(Reason.TOO_MANY_REQUESTS, "The server was asked too often; wait "
                        + answer.retryAfter().map(HttpAnswers::inWords).orElse("a little") + " and try again.",
                        OptionalInt.empty(), answer.retryAfter());
            }
            case 503 -> {
                return new ShareAccessException(Reason.UNAVAILABLE, "The server cannot serve the records right now"
                        + " (it must log each access first and cannot); try again "
                        + answer.retryAfter().map(d -> "in " + HttpAnswers.inWords(d)).orElse("shortly") + ".",
                        OptionalInt.empty(), answer.retryAfter());
            }
            default -> {
                return new ShareAccessException(Reason.BAD_ANSWER, "The server answered HTTP " + answer.status()
                        + " instead of the shared records. Try again later.", OptionalInt.empty(), answer.retryAfter());
            }
        }
    }

    private static OptionalInt remainingAttempts(byte[] body) {
        try {
            JsonNode left = ShareJson.read(body).path("remainingAttempts");
            return left.canConvertToInt() && left.isIntegralNumber() ? OptionalInt.of(Math.max(0, left.intValue())) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static ShareAccessException badAnswer(String what) {
        return new ShareAccessException(Reason.BAD_ANSWER, "The server's answer cannot be used: " + what + ".",
                OptionalInt.empty(), Optional.empty());
    }

    private static void checkRecipient(String recipient) throws ShareException {
        if (recipient == null || recipient.isBlank()) {
            throw new ShareException("Enter your name (and practice): the patient's access log shows who opened the link.");
        }
        if (recipient.getBytes(StandardCharsets.UTF_8).length > MAX_RECIPIENT_BYTES) {
            throw new ShareException("The name is too long for the access log; use at most about "
                    + MAX_RECIPIENT_BYTES / 2 + " characters.");
        }
        if (recipient.codePoints().anyMatch(Character::isISOControl)) {
            throw new ShareException("The name cannot contain line breaks or other control characters.");
        }
    }
}
