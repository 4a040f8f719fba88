package org.healthwallet.core.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.share.MalformedLinkException;
import org.healthwallet.core.share.ShareLink;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * An adult's invitation to a caregiver: who the dependent is (their ledger key and the name they
 * gave), what the caregiver may do and until when, on which chain, and the long-term link to the
 * caregiver's copy of the records (with its key). Sealed to the caregiver's code (HPKE), so the
 * text or QR may travel by any channel: only the caregiver's wallet opens it, and the delegation on
 * the ledger, checked with a proof at acceptance, is what gives it force.
 * {@code hwinvite:/} + base64url(version 1 || caregiver's Ed25519 key || sealed JSON).
 */
public record Invitation(Ed25519PublicKey dependent, String label, DelegationScope scope, Instant endsAt, String chainId,
                         Optional<ShareLink> copyLink) {
    public static final String PREFIX = "hwinvite:/";
    private static final int VERSION = 1;
    private static final int MAX_TEXT = 8_000;
    private static final byte[] INFO = "HealthWallet caregiver invitation v1".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    public Invitation {
        Objects.requireNonNull(dependent, "dependent");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(copyLink, "copyLink");
    }

    /** The invitation sealed to {@code caregiver}, as text to hand over (or to put in a QR code). */
    public String sealTo(CaregiverCode caregiver) {
        ObjectNode body = JSON.createObjectNode();
        body.put("v", VERSION);
        body.put("chainId", chainId);
        body.put("dependent", dependent.hex());
        body.put("label", label);
        body.put("scope", scope.bits());
        body.put("endsAt", endsAt.getEpochSecond());
        copyLink.ifPresent(link -> body.put("copyLink", link.toShlinkUri()));
        byte[] plaintext;
        try {
            plaintext = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] box = SealKey.seal(caregiver.sealKey(), info(caregiver.identity()), plaintext);
        Arrays.fill(plaintext, (byte) 0);
        byte[] all = ByteBuffer.allocate(1 + 32 + box.length).put((byte) VERSION).put(caregiver.identity().bytes()).put(box)
                .array();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    /**
     * Opens an invitation with the caregiver's own keys.
     *
     * @throws FamilyException not an invitation, damaged, or made for another caregiver (the message says which)
     */
    public static Invitation open(String text, Ed25519PublicKey me, SealKey mine) throws FamilyException {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.startsWith(PREFIX)) {
            throw new FamilyException("This is not a HealthWallet caregiver invitation: it should start with " + PREFIX + ".");
        }
        if (trimmed.length() > MAX_TEXT) {
            throw new FamilyException("This invitation is far longer than any HealthWallet makes; it was not opened.");
        }
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(trimmed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new FamilyException("The invitation is damaged (it has characters an invitation never has). Copy it again.");
        }
        if (all.length < 1 + 32 + 48 || all[0] != VERSION) {
            throw new FamilyException("The invitation is incomplete or from another version of HealthWallet.");
        }
        Ed25519PublicKey addressee = new Ed25519PublicKey(Arrays.copyOfRange(all, 1, 33));
        if (!addressee.equals(me)) {
            throw new FamilyException("This invitation was made for another caregiver's code, not for this wallet.");
        }
        byte[] plaintext;
        try {
            plaintext = mine.open(info(me), Arrays.copyOfRange(all, 33, all.length));
        } catch (InvalidCipherTextException e) {
            throw new FamilyException("The invitation does not open with this wallet's keys: it was changed, or made for"
                    + " another wallet.");
        }
        try {
            JsonNode body = JSON.readTree(plaintext);
            if (body.path("v").asInt() != VERSION) {
                throw new FamilyException("The invitation is from another version of HealthWallet.");
            }
            Ed25519PublicKey dependent = Ed25519PublicKey.fromHex(body.path("dependent").asText(""));
            long endsAt = body.path("endsAt").asLong(0);
            String chainId = body.path("chainId").asText("");
            if (endsAt <= 0 || chainId.isEmpty()) {
                throw new FamilyException("The invitation is incomplete.");
            }
            Optional<ShareLink> link = body.hasNonNull("copyLink")
                    ? Optional.of(ShareLink.parse(body.path("copyLink").asText(""))) : Optional.empty();
            return new Invitation(dependent, body.path("label").asText(""), new DelegationScope(body.path("scope").asInt()),
                    Instant.ofEpochSecond(endsAt), chainId, link);
        } catch (IOException | IllegalArgumentException | MalformedLinkException e) {
            throw new FamilyException("The invitation opened but its content is not understood (" + e.getMessage() + ").");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] info(Ed25519PublicKey caregiver) {
        byte[] out = Arrays.copyOf(INFO, INFO.length + 32);
        System.arraycopy(caregiver.bytes(), 0, out, INFO.length, 32);
        return out;
    }

    @Override
    public String toString() {
        return "Invitation[dependent=" + dependent + ", scope=" + scope + ", endsAt=" + endsAt + "]";
    }
}
