package org.healthwallet.node.relay;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.Ed25519PublicKey;

/**
 * A create or revoke request signed by the patient's key, as the wallet sends it (see
 * docs/relay-api.md): headers {@code HW-Key} (32-byte Ed25519 key), {@code HW-Time} (unix seconds),
 * {@code HW-Nonce} (16 random bytes) and {@code HW-Signature} (64 bytes), each base64url without
 * padding except the time. The signature is pure Ed25519 over six lines joined by "\n", UTF-8:
 * <pre>
 *   HealthWallet relay request v1
 *   create-share | revoke-share
 *   - | &lt;share id&gt;
 *   &lt;HW-Time&gt;
 *   &lt;HW-Nonce&gt;
 *   base64url(SHA-256(exact body bytes))
 * </pre>
 * The relay checks this before it parses the body. It is re-implemented here from the document
 * (consortium-node never imports wallet-core).
 */
record SignedRequest(Ed25519PublicKey key, long time, String nonce, byte[] signature) {
    static final String DOMAIN = "HealthWallet relay request v1";
    static final String CREATE = "create-share";
    static final String REVOKE = "revoke-share";
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern TIME = Pattern.compile("[0-9]{1,12}");

    SignedRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        signature = signature.clone();
    }

    /** Headers as the HTTP layer hands them over (null when absent). */
    interface Headers {
        String get(String name);
    }

    /**
     * Reads the signature headers.
     *
     * @throws BadRequestException (status 401) naming what is missing or malformed
     */
    static SignedRequest from(Headers headers) throws BadRequestException {
        String key = headers.get("HW-Key");
        String time = headers.get("HW-Time");
        String nonce = headers.get("HW-Nonce");
        String signature = headers.get("HW-Signature");
        if (key == null || time == null || nonce == null || signature == null) {
            throw new BadRequestException(401, "This request must be signed by the patient's key"
                    + " (headers HW-Key, HW-Time, HW-Nonce and HW-Signature).");
        }
        byte[] keyBytes = base64url(key, 32, "HW-Key");
        byte[] signatureBytes = base64url(signature, 64, "HW-Signature");
        if (!TIME.matcher(time).matches()) {
            throw new BadRequestException(401, "HW-Time must be unix seconds.");
        }
        if (!NONCE.matcher(nonce).matches()) {
            throw new BadRequestException(401, "HW-Nonce must be 16 bytes, base64url without padding.");
        }
        return new SignedRequest(new Ed25519PublicKey(keyBytes), Long.parseLong(time), nonce, signatureBytes);
    }

    /** Whether the key signed this action on this share over exactly these body bytes. */
    boolean signs(String action, String shareId, byte[] body) {
        String text = DOMAIN + "\n" + action + "\n" + shareId + "\n" + time + "\n" + nonce + "\n"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(Digest.sha256(body).bytes());
        return key.verify(text.getBytes(StandardCharsets.UTF_8), signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    private static byte[] base64url(String text, int length, String header) throws BadRequestException {
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
            throw new BadRequestException(401, header + " must be " + length + " bytes, base64url without padding.");
        }
    }
}
