package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.healthwallet.core.share.ShareLink.Flag;

/**
 * What the relay needs to hold a share: the encrypted files, until when, the link's flags, and the
 * passcode when there is one (the relay keeps only a slow hash of it). Never the key, never the
 * label, never anything in clear about the records. The JSON body of {@code POST /shares}
 * (docs/relay-api.md).
 *
 * @param files the encrypted files, 1 to 64 (exactly 1 with flag U)
 * @param expiresAt when the relay must stop serving (whole seconds)
 * @param flags the link's flags; P exactly when there is a passcode
 * @param passcode what the doctor must enter, when flag P
 */
public record ShareRequest(List<EncryptedFile> files, Instant expiresAt, Set<Flag> flags, Optional<String> passcode) {
    public static final int MAX_FILES = 64;
    public static final int MIN_PASSCODE_LENGTH = 4;
    public static final int MAX_PASSCODE_LENGTH = 64;

    public ShareRequest {
        files = List.copyOf(files);
        Objects.requireNonNull(expiresAt, "expiresAt");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        Objects.requireNonNull(passcode, "passcode");
        if (files.isEmpty() || files.size() > MAX_FILES) {
            throw new IllegalArgumentException("a share has 1 to " + MAX_FILES + " files, not " + files.size());
        }
        if (flags.contains(Flag.P) != passcode.isPresent()) {
            throw new IllegalArgumentException("flag P is set exactly when there is a passcode");
        }
        if (flags.contains(Flag.U) && (flags.contains(Flag.P) || files.size() != 1)) {
            throw new IllegalArgumentException("flag U means one file and no passcode");
        }
        passcode.ifPresent(ShareRequest::checkPasscode);
        expiresAt = expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** Why a passcode cannot be used, in the patient's words; null when it can. */
    public static String passcodeProblem(String passcode) {
        int length = passcode.codePointCount(0, passcode.length());
        if (length < MIN_PASSCODE_LENGTH) {
            return "A passcode needs at least " + MIN_PASSCODE_LENGTH + " characters.";
        }
        if (length > MAX_PASSCODE_LENGTH) {
            return "A passcode can have at most " + MAX_PASSCODE_LENGTH + " characters.";
        }
        if (passcode.codePoints().anyMatch(Character::isISOControl)) {
            return "A passcode cannot contain control characters such as line breaks.";
        }
        return null;
    }

    private static void checkPasscode(String passcode) {
        String problem = passcodeProblem(passcode);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The request body: minified JSON, fields in this order. */
    public byte[] toJson() {
        ObjectNode body = ShareJson.MAPPER.createObjectNode();
        body.put("v", 1);
        ArrayNode list = body.putArray("files");
        for (EncryptedFile file : files) {
            list.addObject().put("contentType", file.contentType()).put("jwe", file.jwe());
        }
        body.put("expiresAt", expiresAt.getEpochSecond());
        StringBuilder flag = new StringBuilder();
        for (Flag f : Flag.values()) {
            if (flags.contains(f)) {
                flag.append(f.name());
            }
        }
        body.put("flags", flag.toString());
        passcode.ifPresent(p -> body.put("passcode", p));
        return ShareJson.writeBytes(body);
    }

    @Override
    public String toString() {
        return "ShareRequest[" + files.size() + " files, expiresAt=" + expiresAt + ", flags=" + flags
                + (passcode.isPresent() ? ", passcode hidden" : "") + "]";
    }
}
