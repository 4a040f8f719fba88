package org.healthwallet.ledger.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.Digest;

/**
 * The signature a patient's wallet puts on a create, revoke or update request to a share relay
 * (wallet-core/docs/relay-api.md, "Signed requests"): four header values, {@code HW-Key} (32-byte
 * Ed25519 key), {@code HW-Time} (unix seconds), {@code HW-Nonce} (16 random bytes) and
 * {@code HW-Signature} (64 bytes), each base64url without padding except the time. The signature is
 * pure Ed25519 over six lines joined by "\n", UTF-8 (see {@link #message}):
 * <pre>
 *   HealthWallet relay request v1
 *   create-share | revoke-share | update-share
 *   - | &lt;share id&gt;
 *   &lt;HW-Time&gt;
 *   &lt;HW-Nonce&gt;
 *   base64url(SHA-256(exact body bytes))
 * </pre>
 * The wallet signs with this format and the relay checks with it, so both speak the same bytes;
 * who holds the patient's key and who remembers nonces stays on each side.
 */
public record RelayRequestSignature(Ed25519PublicKey key, long time, String nonce, byte[] signature) {
    /** The first line of every signed message: names the protocol and its version. */
    public static final String DOMAIN = "HealthWallet relay request v1";
    public static final String KEY_HEADER = "HW-Key";
    public static final String TIME_HEADER = "HW-Time";
    public static final String NONCE_HEADER = "HW-Nonce";
    public static final String SIGNATURE_HEADER = "HW-Signature";
    public static final int NONCE_BYTES = 16;
    public static final int SIGNATURE_BYTES = 64;
    /** How far the signing time may be from the relay's clock, either way. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern TIME = Pattern.compile("[0-9]{1,12}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] SHARE_ID_DOMAIN = "HealthWallet relay share id v1".getBytes(StandardCharsets.US_ASCII);

    /** What the request asks, as the second line of the message names it. */
    public enum Action {
        CREATE("create-share"),
        REVOKE("revoke-share"),
        /** Replaces the files of a long-term (flag L) share. */
        UPDATE("update-share");

        private final String text;

        Action(String text) {
            this.text = text;
        }

        /** The word in the signed message. */
        public String text() {
            return text;
        }
    }

    /** A signature header is missing or malformed; the message says which, for the person who sent it. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    public RelayRequestSignature {
        Objects.requireNonNull(key, "key");
        if (time < 0 || !TIME.matcher(Long.toString(time)).matches()) {
            throw new IllegalArgumentException("the signing time must be unix seconds");
        }
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("the nonce must be 16 bytes, base64url without padding");
        }
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("an Ed25519 signature is exactly 64 bytes");
        }
        signature = signature.clone();
    }

    /** The exact bytes the patient's key signs: six lines joined by "\n" (no trailing newline), UTF-8. */
    public static byte[] message(Action action, String shareId, long time, String nonce, byte[] body) {
        String text = DOMAIN + "\n" + action.text() + "\n" + shareId + "\n" + time + "\n" + nonce + "\n"
                + BASE64URL.encodeToString(Digest.sha256(body).bytes());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The id the relay gives the share that a create request with this signature makes: the first
     * 16 bytes of SHA-256 over a domain, the patient's key and the nonce, base64url. The wallet knows
     * it before it uploads, so it can withdraw a share whose answer it never received (killed
     * mid-upload); it is as hard to guess as the nonce and as unique as the nonces of one key.
     */
    public String createdShareId() {
        byte[] digest = Digest.sha256(SHARE_ID_DOMAIN, key.bytes(), nonce.getBytes(StandardCharsets.US_ASCII)).bytes();
        return BASE64URL.encodeToString(Arrays.copyOf(digest, 16));
    }

    /** A fresh nonce: 16 random bytes, base64url without padding. */
    public static String newNonce(RandomGenerator random) {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /**
     * Reads the four header values.
     *
     * @param header a header's value by name, null when absent
     * @throws MalformedException naming what is missing or malformed
     */
    public static RelayRequestSignature parse(Function<String, String> header) throws MalformedException {
        String key = header.apply(KEY_HEADER);
        String time = header.apply(TIME_HEADER);
        String nonce = header.apply(NONCE_HEADER);
        String signature = header.apply(SIGNATURE_HEADER);
        if (key == null || time == null || nonce == null || signature == null) {
            throw new MalformedException("This request must be signed by the patient's key (headers " + KEY_HEADER + ", "
                    + TIME_HEADER + ", " + NONCE_HEADER + " and " + SIGNATURE_HEADER + ").");
        }
        byte[] keyBytes = base64url(key, Ed25519PublicKey.SIZE, KEY_HEADER);
        byte[] signatureBytes = base64url(signature, SIGNATURE_BYTES, SIGNATURE_HEADER);
        if (!TIME.matcher(time).matches()) {
            throw new MalformedException(TIME_HEADER + " must be unix seconds.");
        }
        if (!NONCE.matcher(nonce).matches()) {
            throw new MalformedException(NONCE_HEADER + " must be " + NONCE_BYTES + " bytes, base64url without padding.");
        }
        return new RelayRequestSignature(new Ed25519PublicKey(keyBytes), Long.parseLong(time), nonce, signatureBytes);
    }

    /** The four headers to send, in the order the document lists them. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(KEY_HEADER, BASE64URL.encodeToString(key.bytes()));
        headers.put(TIME_HEADER, Long.toString(time));
        headers.put(NONCE_HEADER, nonce);
        headers.put(SIGNATURE_HEADER, BASE64URL.encodeToString(signature));
        return headers;
    }

    /** Whether the key signed this action on this share over exactly these body bytes (RFC 8032, strict). */
    public boolean signs(Action action, String shareId, byte[] body) {
        return key.verify(message(action, shareId, time, nonce, body), signature);
    }

    /** Whether the signing time is within {@link #CLOCK_SKEW} of {@code nowSeconds}, either way. */
    public boolean isWithinClockSkew(long nowSeconds) {
        return Math.abs(time - nowSeconds) <= CLOCK_SKEW.toSeconds();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RelayRequestSignature s && key.equals(s.key) && time == s.time && nonce.equals(s.nonce)
                && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, time, nonce, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "RelayRequestSignature[key=" + key.hex() + ", time=" + time + ", nonce=" + nonce + "]";
    }

    private static byte[] base64url(String text, int length, String header) throws MalformedException {
        try {
            if (text.length() > 100 || text.contains("=")) {
                throw new IllegalArgumentException();
            }
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            if (bytes.length != length) {
                throw new IllegalArgumentException();
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new MalformedException(header + " must be " + length + " bytes, base64url without padding.");
        }
    }
}
