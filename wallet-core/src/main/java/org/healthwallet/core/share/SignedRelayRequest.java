package org.healthwallet.core.share;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.relay.RelayRequestSignature;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;

/**
 * A request to the relay signed by the patient's key (docs/relay-api.md, "Signed requests"). The
 * signature covers what is asked (the action and the share), when, a random nonce, and the SHA-256
 * of the exact body bytes, so the relay can check it before it parses anything and refuse a replay.
 * The format itself is ledger-light-client's {@link RelayRequestSignature}, the same the relay checks
 * with; this holds what the wallet sends: the body and the patient's signature over it.
 *
 * @param action create, revoke or update
 * @param shareId the relay's share id for a revoke or an update; "-" for a create
 * @param body the exact request body (empty for a revoke)
 * @param publicKey the patient's Ed25519 key (32 bytes)
 * @param time unix seconds when it was signed
 * @param nonce 16 random bytes, base64url
 * @param signature Ed25519 over {@link #message()} (64 bytes)
 */
public record SignedRelayRequest(Action action, String shareId, byte[] body, byte[] publicKey, long time, String nonce,
                                 byte[] signature) {
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
        headerValues(publicKey, time, nonce, signature);   // never build one the relay would refuse as malformed
    }

    /** Signs a create request for this body. */
    public static SignedRelayRequest create(byte[] body, PatientSigner signer, Instant now, SecureRandom random) {
        return sign(Action.CREATE, "-", body, signer, now, random);
    }

    /** Signs the revocation of the relay's share {@code shareId}. */
    public static SignedRelayRequest revoke(String shareId, PatientSigner signer, Instant now, SecureRandom random) {
        return sign(Action.REVOKE, shareId, new byte[0], signer, now, random);
    }

    /** Signs the replacement of the files of the relay's long-term share {@code shareId} with this body. */
    public static SignedRelayRequest update(String shareId, byte[] body, PatientSigner signer, Instant now, SecureRandom random) {
        return sign(Action.UPDATE, shareId, body, signer, now, random);
    }

    static SignedRelayRequest sign(Action action, String shareId, byte[] body, PatientSigner signer, Instant now,
                                   SecureRandom random) {
        return sign(action, shareId, body, signer, now.getEpochSecond(), RelayRequestSignature.newNonce(random));
    }

    /** With a given time and nonce: for the worked example in docs/relay-api.md. */
    static SignedRelayRequest sign(Action action, String shareId, byte[] body, PatientSigner signer, long time, String nonce) {
        byte[] signature = signer.sign(RelayRequestSignature.message(action, shareId, time, nonce, body));
        return new SignedRelayRequest(action, shareId, body, signer.publicKey(), time, nonce, signature);
    }

    /** For a create: the id the relay gives the share it makes, known before the upload. */
    public String createdShareId() {
        if (action != Action.CREATE) {
            throw new IllegalStateException("only a create request makes a share");
        }
        return headerValues().createdShareId();
    }

    /** The signed bytes: six lines joined by "\n" (no trailing newline), UTF-8. */
    public byte[] message() {
        return RelayRequestSignature.message(action, shareId, time, nonce, body);
    }

    /** Whether the signature is the public key's over {@link #message()}. */
    public boolean verifies() {
        return headerValues().signs(action, shareId, body);
    }

    /** The {@code HW-*} headers to send with the body, in the document's order. */
    public Map<String, String> headers() {
        return headerValues().headers();
    }

    private RelayRequestSignature headerValues() {
        return headerValues(publicKey, time, nonce, signature);
    }

    private static RelayRequestSignature headerValues(byte[] publicKey, long time, String nonce, byte[] signature) {
        return new RelayRequestSignature(new Ed25519PublicKey(publicKey), time, nonce, signature);
    }

    public String publicKeyBase64Url() {
        return Base64Url.encode(publicKey);
    }

    public String signatureBase64Url() {
        return Base64Url.encode(signature);
    }

    @Override
    public String toString() {
        return "SignedRelayRequest[" + action.text() + " " + shareId + ", " + body.length + " bytes, time=" + time + "]";
    }
}
