package org.healthwallet.core.share;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import org.healthwallet.core.crypto.IdentityKey;

/**
 * A request to the relay signed by the patient's key (docs/relay-api.md, "Signed requests"). The
 * signature covers what is asked (the action and the share), when, a random nonce, and the SHA-256
 * of the exact body bytes, so the relay can check it before it parses anything and refuse a replay.
 *
 * @param action {@link #CREATE} or {@link #REVOKE}
 * @param shareId the relay's share id for a revoke; "-" for a create
 * @param body the exact request body (empty for a revoke)
 * @param publicKey the patient's Ed25519 key (32 bytes)
 * @param time unix seconds when it was signed
 * @param nonce 16 random bytes, base64url
 * @param signature Ed25519 over {@link #message()} (64 bytes)
 */
public record SignedRelayRequest(String action, String shareId, byte[] body, byte[] publicKey, long time, String nonce,
                                 byte[] signature) {
    public static final String CREATE = "create-share";
    public static final String REVOKE = "revoke-share";
    /** The first line of every signed message: names the protocol and its version. */
    public static final String DOMAIN = "HealthWallet relay request v1";

    public SignedRelayRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(shareId, "shareId");
        body = body.clone();
        publicKey = publicKey.clone();
        Objects.requireNonNull(nonce, "nonce");
        signature = signature.clone();
        if (shareId.isEmpty() || shareId.contains("\n")) {
            throw new IllegalArgumentException("share id must be non-empty and on one line");
        }
    }

    /** Signs a create request for this body. */
    public static SignedRelayRequest create(byte[] body, PatientSigner signer, Instant now, SecureRandom random) {
        return sign(CREATE, "-", body, signer, now, random);
    }

    /** Signs the revocation of the relay's share {@code shareId}. */
    public static SignedRelayRequest revoke(String shareId, PatientSigner signer, Instant now, SecureRandom random) {
        return sign(REVOKE, shareId, new byte[0], signer, now, random);
    }

    static SignedRelayRequest sign(String action, String shareId, byte[] body, PatientSigner signer, Instant now,
                                   SecureRandom random) {
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        return sign(action, shareId, body, signer, now.getEpochSecond(), Base64Url.encode(nonceBytes));
    }

    /** With a given time and nonce: for the worked example in docs/relay-api.md. */
    static SignedRelayRequest sign(String action, String shareId, byte[] body, PatientSigner signer, long time, String nonce) {
        byte[] signature = signer.sign(message(action, shareId, time, nonce, body));
        return new SignedRelayRequest(action, shareId, body, signer.publicKey(), time, nonce, signature);
    }

    /** The signed bytes: six lines joined by "\n" (no trailing newline), UTF-8. */
    public byte[] message() {
        return message(action, shareId, time, nonce, body);
    }

    static byte[] message(String action, String shareId, long time, String nonce, byte[] body) {
        String text = DOMAIN + "\n" + action + "\n" + shareId + "\n" + time + "\n" + nonce + "\n"
                + Base64Url.encode(ShareJson.sha256(body));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the signature is the public key's over {@link #message()}. */
    public boolean verifies() {
        return IdentityKey.verify(publicKey, message(), signature);
    }

    public String publicKeyBase64Url() {
        return Base64Url.encode(publicKey);
    }

    public String signatureBase64Url() {
        return Base64Url.encode(signature);
    }

    @Override
    public String toString() {
        return "SignedRelayRequest[" + action + " " + shareId + ", " + body.length + " bytes, time=" + time + "]";
    }
}
