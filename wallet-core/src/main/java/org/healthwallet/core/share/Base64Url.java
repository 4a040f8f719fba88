package org.healthwallet.core.share;

import java.util.Base64;

/**
 * Base64url without padding (RFC 4648 §5), as JOSE and SMART Health Links write it. Decoding is
 * strict: only the 64 characters of the URL-safe alphabet, no padding, no whitespace, and no length
 * that no encoding produces.
 */
final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {}

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** The bytes, or an IllegalArgumentException naming the first character outside the alphabet. */
    static byte[] decode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException(c == '=' ? "it has base64 padding (\"=\"), which base64url here does not use"
                        : "character " + (i + 1) + " (" + describe(c) + ") is not a base64url character");
            }
        }
        if (text.length() % 4 == 1) {
            throw new IllegalArgumentException("its length (" + text.length() + " characters) is not a whole number of bytes");
        }
        return DECODER.decode(text);
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "\"" + c + "\"";
    }
}
