package org.healthwallet.core.share;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A SMART Health Link (HL7 SMART Health Cards and Links IG, STU1): where the manifest is, the key
 * that opens its files, and the hints a viewer shows before it asks for anything.
 *
 * <p>As text it is {@code shlink:/} followed by the base64url of the minified JSON payload
 * {@code {url, key, exp, flag, label, v}}, optionally behind a viewer URL ending in {@code #}
 * (the fragment never reaches the viewer's server). {@link #parse} is strict about what it must
 * understand and ignores what the specification says receivers ignore (unknown properties, unknown
 * flag letters). {@link #toString()} never shows the key.
 *
 * @param url the manifest URL (or, with flag U, the one encrypted file); https, or http on loopback only
 * @param key the key of the files
 * @param expiresAt when the link stops working (whole seconds), if it says
 * @param flags L (long-term), P (passcode needed), U (a single file by GET; never with P)
 * @param label up to 80 characters describing what is shared, if given
 * @param version the payload's protocol version; only 1 exists
 */
public record ShareLink(URI url, ShareKey key, Optional<Instant> expiresAt, Set<Flag> flags, Optional<String> label,
                        int version) {
    public static final String SCHEME_PREFIX = "shlink:/";
    public static final int MAX_LABEL_LENGTH = 80;
    /** The specification's limit for the manifest URL. */
    public static final int MAX_URL_LENGTH = 128;
    /** Far above any link a QR code can carry; keeps a pasted novel from being decoded. */
    static final int MAX_TEXT_LENGTH = 8192;
    private static final BigDecimal LATEST_EXPIRY = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    /** The payload's flags, in the alphabetical order the payload writes them. */
    public enum Flag {
        /** Long-term: the manifest may change and may be polled. */
        L,
        /** A passcode is needed to get the manifest. */
        P,
        /** The url is the single encrypted file, fetched with GET; never together with P. */
        U
    }

    public ShareLink {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(label, "label");
        label = label.filter(text -> !text.isEmpty());
        expiresAt = expiresAt.map(at -> at.truncatedTo(ChronoUnit.SECONDS));
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        String problem = urlProblem(url.toString());
        if (problem == null) {
            problem = flagProblem(flags);
        }
        if (problem == null && label.isPresent()) {
            problem = labelProblem(label.get());
        }
        if (problem == null && version != 1) {
            problem = "Only version 1 of SMART Health Links exists; this link says " + version + ".";
        }
        if (problem == null && expiresAt.isPresent() && expiresAt.get().isBefore(Instant.EPOCH)) {
            problem = "The expiry time is before 1970.";
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** A version 1 link. */
    public static ShareLink of(URI url, ShareKey key, Optional<Instant> expiresAt, Set<Flag> flags, Optional<String> label) {
        return new ShareLink(url, key, expiresAt, flags, label, 1);
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** True when the link names an expiry that is not after {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }

    /** The minified JSON payload, properties in the specification's order. */
    String payloadJson() {
        ObjectNode payload = ShareJson.MAPPER.createObjectNode();
        payload.put("url", url.toString());
        payload.put("key", key.toBase64Url());
        expiresAt.ifPresent(at -> payload.put("exp", at.getEpochSecond()));
        if (!flags.isEmpty()) {
            StringBuilder flag = new StringBuilder();
            for (Flag f : Flag.values()) {
                if (flags.contains(f)) {
                    flag.append(f.name());
                }
            }
            payload.put("flag", flag.toString());
        }
        label.ifPresent(text -> payload.put("label", text));
        payload.put("v", version);
        return ShareJson.write(payload);
    }

    /** {@code shlink:/…}: the form for a QR code or to paste into any SMART Health Links viewer. */
    public String toShlinkUri() {
        return SCHEME_PREFIX + Base64Url.encode(payloadJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code https://relay/view#shlink:/…}: the form a phone camera opens in a browser. The part after
     * {@code #} stays in the browser; the relay's web viewer decrypts there.
     *
     * @param relayBase the relay's base URL, e.g. {@code https://relay.example.org} or {@code http://127.0.0.1:8443/}
     */
    public String toViewerUrl(URI relayBase) {
        Objects.requireNonNull(relayBase, "relayBase");
        String base = relayBase.toString();
        String problem = urlProblem(base);
        if (problem != null || relayBase.getRawQuery() != null || relayBase.getRawFragment() != null) {
            throw new IllegalArgumentException("The relay address " + base + " cannot start a viewer link"
                    + (problem != null ? ": " + problem : ": it has a query or fragment."));
        }
        return (base.endsWith("/") ? base : base + "/") + "view#" + toShlinkUri();
    }

    @Override
    public String toString() {
        return "ShareLink[url=" + url + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("none")
                + ", flags=" + flags + ", label=" + label.orElse("") + ", key hidden]";
    }

    // ---- parsing -----------------------------------------------------------------------------

    /**
     * Reads a link as a person pastes it or a QR code holds it: {@code shlink:/…}, or a viewer URL
     * with {@code #shlink:/…} after it. Surrounding whitespace is ignored; nothing else is guessed.
     * An expired link parses (a viewer shows its label and says it expired).
     *
     * @throws MalformedLinkException saying what is wrong, never quoting the key
     */
    public static ShareLink parse(String text) throws MalformedLinkException {
        if (text == null || text.isBlank()) {
            throw new MalformedLinkException("The link is empty.");
        }
        String link = text.strip();
        if (link.length() > MAX_TEXT_LENGTH) {
            throw new MalformedLinkException("This text is " + link.length() + " characters long; a SMART Health Link is"
                    + " at most a few hundred.");
        }
        String payload = payloadPart(link);
        if (payload.isEmpty()) {
            throw new MalformedLinkException("The link stops after \"shlink:/\"; the rest of it is missing.");
        }
        byte[] json;
        try {
            json = Base64Url.decode(payload);
        } catch (IllegalArgumentException e) {
            throw new MalformedLinkException("The part after \"shlink:/\" is not base64url: " + e.getMessage()
                    + ". The link may have been cut or changed while it was copied.");
        }
        JsonNode node;
        try {
            node = ShareJson.read(json);
        } catch (JsonProcessingException e) {
            throw new MalformedLinkException("The link's content is not valid JSON"
                    + (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? " (a property appears twice)." : "."), e);
        } catch (IOException e) {
            throw new MalformedLinkException("The link's content cannot be read.", e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedLinkException("The link's content is not a JSON object.");
        }
        return fromPayload(node);
    }

    private static String payloadPart(String link) throws MalformedLinkException {
        if (link.regionMatches(true, 0, SCHEME_PREFIX, 0, SCHEME_PREFIX.length())) {
            return link.substring(SCHEME_PREFIX.length());
        }
        int at = link.indexOf("#" + SCHEME_PREFIX);
        if (at < 0) {
            throw new MalformedLinkException("This is not a SMART Health Link: it does not contain \"shlink:/\".");
        }
        String viewer = link.substring(0, at).toLowerCase(Locale.ROOT);
        if (!viewer.startsWith("https://") && !viewer.startsWith("http://")) {
            throw new MalformedLinkException("The text before \"#shlink:/\" is not a web address.");
        }
        return link.substring(at + 1 + SCHEME_PREFIX.length());
    }

    private static ShareLink fromPayload(JsonNode node) throws MalformedLinkException {
        int version = 1;
        JsonNode v = node.get("v");
        if (v != null) {
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
                throw new MalformedLinkException("The link's version \"v\" must be a positive whole number.");
            }
            version = v.intValue();
            if (version != 1) {
                throw new MalformedLinkException("This link uses version " + version + " of SMART Health Links; this"
                        + " HealthWallet understands version 1. Update HealthWallet to open it.");
            }
        }
        String url = requiredText(node, "url", "the address of the shared files");
        String urlProblem = urlProblem(url);
        if (urlProblem != null) {
            throw new MalformedLinkException(urlProblem);
        }
        String keyText = requiredText(node, "key", "the key of the shared files");
        ShareKey key;
        try {
            key = ShareKey.fromBase64Url(keyText);
        } catch (IllegalArgumentException e) {
            throw new MalformedLinkException("The link's key is not valid: " + e.getMessage() + ".");
        }
        Optional<Instant> expiresAt = Optional.empty();
        JsonNode exp = node.get("exp");
        if (exp != null && !exp.isNull()) {
            expiresAt = Optional.of(expiry(exp));
        }
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        JsonNode flag = node.get("flag");
        if (flag != null && !flag.isNull()) {
            flags = flags(flag);
        }
        Optional<String> label = Optional.empty();
        JsonNode labelNode = node.get("label");
        if (labelNode != null && !labelNode.isNull()) {
            if (!labelNode.isTextual()) {
                throw new MalformedLinkException("The link's label must be text.");
            }
            String problem = labelProblem(labelNode.textValue());
            if (problem != null) {
                throw new MalformedLinkException(problem);
            }
            label = Optional.of(labelNode.textValue());
        }
        String problem = flagProblem(flags);
        if (problem != null) {
            throw new MalformedLinkException(problem);
        }
        return new ShareLink(URI.create(url), key, expiresAt, flags, label, version);
    }

    private static String requiredText(JsonNode node, String name, String what) throws MalformedLinkException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedLinkException("The link has no \"" + name + "\" (" + what + ").");
        }
        if (!value.isTextual()) {
            throw new MalformedLinkException("The link's \"" + name + "\" must be text.");
        }
        return value.textValue();
    }

    private static Instant expiry(JsonNode exp) throws MalformedLinkException {
        if (!exp.isNumber()) {
            throw new MalformedLinkException("The link's expiry \"exp\" must be a number of seconds since 1970.");
        }
        BigDecimal seconds = exp.decimalValue();
        if (seconds.signum() < 0) {
            throw new MalformedLinkException("The link's expiry \"exp\" is before 1970.");
        }
        // Compared before rounding: rounding 1e99999999 (or 1e-99999999) to whole seconds computes a
        // hundred-million-digit number; comparing looks at the exponents only.
        if (seconds.compareTo(LATEST_EXPIRY) > 0) {
            throw new MalformedLinkException("The link's expiry \"exp\" is too far in the future to be a date.");
        }
        if (seconds.compareTo(BigDecimal.ONE) < 0) {
            return Instant.EPOCH;
        }
        try {
            return Instant.ofEpochSecond(seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new MalformedLinkException("The link's expiry \"exp\" is too far in the future to be a date.");
        }
    }

    /**
     * The flags L, P and U. Letters the specification may add later are ignored, as it requires of
     * receivers; anything that is not a capital letter, or a letter twice, is refused.
     */
    private static Set<Flag> flags(JsonNode flag) throws MalformedLinkException {
        if (!flag.isTextual()) {
            throw new MalformedLinkException("The link's flags must be text such as \"LP\".");
        }
        String text = flag.textValue();
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        long seen = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 'A' || c > 'Z') {
                throw new MalformedLinkException("The link's flags \"" + text + "\" contain \"" + c
                        + "\"; flags are capital letters such as L, P and U.");
            }
            if ((seen & (1L << (c - 'A'))) != 0) {
                throw new MalformedLinkException("The link's flags \"" + text + "\" name " + c + " twice.");
            }
            seen |= 1L << (c - 'A');
            switch (c) {
                case 'L' -> flags.add(Flag.L);
                case 'P' -> flags.add(Flag.P);
                case 'U' -> flags.add(Flag.U);
                default -> { }
            }
        }
        return flags;
    }

    private static String flagProblem(Set<Flag> flags) {
        if (flags.contains(Flag.U) && flags.contains(Flag.P)) {
            return "The link has flags U and P together, which SMART Health Links does not allow"
                    + " (a single file fetched directly cannot ask for a passcode).";
        }
        return null;
    }

    private static String labelProblem(String label) {
        int length = label.codePointCount(0, label.length());
        if (length > MAX_LABEL_LENGTH) {
            return "The link's label is " + length + " characters long; at most " + MAX_LABEL_LENGTH + " are allowed.";
        }
        if (label.codePoints().anyMatch(Character::isISOControl)) {
            return "The link's label contains control characters (such as a line break).";
        }
        return null;
    }

    /** Why a manifest URL is not acceptable, or null: https anywhere, http only to this computer. */
    static String urlProblem(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return "The link's address is " + url.length() + " characters long; SMART Health Links allows at most "
                    + MAX_URL_LENGTH + ".";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "The link's address is not a valid web address.";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "The link's address must be an https:// web address.";
        }
        if (uri.getRawUserInfo() != null) {
            return "The link's address contains a user name, which SMART Health Links never needs.";
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            return "The link's address uses plain http:// to another computer; only https:// is safe for health"
                    + " records (http:// is allowed only to this computer).";
        }
        return null;
    }

    /** localhost, 127.0.0.0/8 or ::1, read from the text alone (no name lookup). */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches() || h.equals("[::1]") || h.equals("::1")
                || h.equals("[0:0:0:0:0:0:0:1]");
    }
}
