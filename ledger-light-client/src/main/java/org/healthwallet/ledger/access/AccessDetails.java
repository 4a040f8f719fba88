package org.healthwallet.ledger.access;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.DecodeException.Reason;
import org.healthwallet.ledger.tx.Digest;

/**
 * What only the patient may learn about an access: who asked (the recipient as the doctor typed
 * it), which encrypted files were served (their digests), and the relay's view of the request (the
 * client address and User-Agent as the relay saw them, cut to a bound). Sealed to the patient by
 * {@link AccessSealer}; never on the ledger in clear.
 */
public record AccessDetails(String recipient, List<Digest> files, String client, String userAgent) {
    public static final int MAX_RECIPIENT_BYTES = 200;
    public static final int MAX_FILES = 64;
    public static final int MAX_CLIENT_BYTES = 128;
    public static final int MAX_USER_AGENT_BYTES = 256;
    static final int VERSION = 1;
    /** The encoding is padded with zeros to a multiple of this, so a box's size does not tell a name's length or the file count. */
    public static final int PAD_TO = 256;

    public AccessDetails {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(userAgent, "userAgent");
        files = List.copyOf(files);
        int length = utf8(recipient);
        if (length == 0 || length > MAX_RECIPIENT_BYTES) {
            throw new IllegalArgumentException("recipient must be 1 to " + MAX_RECIPIENT_BYTES + " bytes of UTF-8");
        }
        if (hasControl(recipient) || hasControl(client) || hasControl(userAgent)) {
            throw new IllegalArgumentException("access details must not contain control characters");
        }
        if (files.size() > MAX_FILES) throw new IllegalArgumentException("at most " + MAX_FILES + " files");
        if (utf8(client) > MAX_CLIENT_BYTES) throw new IllegalArgumentException("client over " + MAX_CLIENT_BYTES + " bytes");
        if (utf8(userAgent) > MAX_USER_AGENT_BYTES) {
            throw new IllegalArgumentException("User-Agent over " + MAX_USER_AGENT_BYTES + " bytes");
        }
    }

    /**
     * The details of a request as a relay saw it: the client address and User-Agent are whatever
     * arrived, so they are cut to their bounds and control characters dropped rather than refused.
     */
    public static AccessDetails asSeen(String recipient, List<Digest> files, String client, String userAgent) {
        return new AccessDetails(recipient, files, bounded(client, MAX_CLIENT_BYTES), bounded(userAgent, MAX_USER_AGENT_BYTES));
    }

    /** The bytes that are sealed: padded with zeros to a multiple of {@link #PAD_TO}. */
    public byte[] encode() {
        byte[] unpadded = encodeUnpadded();
        return java.util.Arrays.copyOf(unpadded, (unpadded.length + PAD_TO - 1) / PAD_TO * PAD_TO);
    }

    /** Without the padding, for keeping opened details where size tells no one anything (a wallet's vault). */
    public byte[] encodeUnpadded() {
        BinaryWriter out = new BinaryWriter(16 + MAX_RECIPIENT_BYTES + 32 * files.size()).u8(VERSION)
                .text(recipient).u16(files.size());
        files.forEach(out::digest);
        return out.text(client).text(userAgent).toByteArray();
    }

    public static AccessDetails decode(byte[] bytes) throws DecodeException {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.u8("details version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "access details version " + version + " is not known.");
        }
        String recipient = in.text("recipient", 1, MAX_RECIPIENT_BYTES);
        int count = in.u16("file count");
        if (count > MAX_FILES) {
            throw new DecodeException(Reason.OUT_OF_RANGE, "The details list " + count + " files; at most " + MAX_FILES + ".");
        }
        List<Digest> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) files.add(in.digest("file " + i));
        String client = in.text("client", 0, MAX_CLIENT_BYTES);
        String userAgent = in.text("User-Agent", 0, MAX_USER_AGENT_BYTES);
        byte[] padding = in.raw(in.remaining(), "padding");
        for (byte b : padding) {
            if (b != 0) throw new DecodeException(Reason.NOT_CANONICAL, "The access details' padding is not zeros.");
        }
        return new AccessDetails(recipient, files, client, userAgent);
    }

    private static String bounded(String text, int maxBytes) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) continue;
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) break;
            bytes += size;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
