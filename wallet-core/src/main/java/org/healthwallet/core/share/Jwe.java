package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JWE (RFC 7516) as SMART Health Links use it: {@code alg} {@code dir} (the share key is the
 * content key), {@code enc} {@code A256GCM}, an optional {@code cty}, and optional {@code zip}
 * {@code DEF} (raw DEFLATE, RFC 1951, no zlib header). The five parts are protected header, an empty
 * encrypted key, a 96-bit IV, the ciphertext and the 128-bit tag; the additional authenticated data
 * is the ASCII of the encoded protected header, so the header cannot be changed either.
 *
 * <p>Every encryption draws a fresh random IV: the same share key encrypts every file of a share
 * and every later update of it. Decryption is all-or-nothing: any problem is a {@link JweException}
 * and no plaintext at all.
 */
public final class Jwe {
    public static final String ALG = "dir";
    public static final String ENC = "A256GCM";
    public static final String ZIP = "DEF";
    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;
    /** A decompressed file larger than this is refused: a few kilobytes can inflate to gigabytes. */
    public static final long DEFAULT_MAX_PLAINTEXT = 50L * 1024 * 1024;

    private final SecureRandom random;

    public Jwe(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** What encryption adds to the header. */
    public record Options(Optional<String> contentType, boolean compress) {
        public Options {
            Objects.requireNonNull(contentType, "contentType");
        }

        public static Options of(String contentType, boolean compress) {
            return new Options(Optional.ofNullable(contentType), compress);
        }
    }

    /** An opened JWE: the plaintext (decompressed when zip was DEF) and the header's content type. */
    public record Decrypted(byte[] plaintext, Optional<String> contentType) {}

    /** Encrypts {@code plaintext} under {@code key}, with a fresh IV. */
    public String encrypt(byte[] plaintext, ShareKey key, Options options) {
        ObjectNode header = ShareJson.MAPPER.createObjectNode();
        header.put("alg", ALG);
        header.put("enc", ENC);
        options.contentType().ifPresent(cty -> header.put("cty", cty));
        if (options.compress()) {
            header.put("zip", ZIP);
        }
        String protectedHeader = Base64Url.encode(ShareJson.writeBytes(header));
        byte[] content = options.compress() ? deflate(plaintext) : plaintext;
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(protectedHeader.getBytes(StandardCharsets.US_ASCII));
            sealed = cipher.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
        }
        int cipherLength = sealed.length - TAG_BYTES;
        byte[] ciphertext = Arrays.copyOfRange(sealed, 0, cipherLength);
        byte[] tag = Arrays.copyOfRange(sealed, cipherLength, sealed.length);
        return protectedHeader + ".." + Base64Url.encode(iv) + "." + Base64Url.encode(ciphertext) + "." + Base64Url.encode(tag);
    }

    /** {@link #decrypt(String, ShareKey, long)} with the default 50 MB limit. */
    public static Decrypted decrypt(String compact, ShareKey key) throws JweException {
        return decrypt(compact, key, DEFAULT_MAX_PLAINTEXT);
    }

    /**
     * Opens a compact JWE. Refuses anything but {@code dir}/{@code A256GCM} (and {@code zip} {@code DEF}),
     * a {@code crit} header (no extension is understood here), a non-empty encrypted key, and a
     * plaintext larger than {@code maxPlaintext} bytes after decompression.
     */
    public static Decrypted decrypt(String compact, ShareKey key, long maxPlaintext) throws JweException {
        Objects.requireNonNull(key, "key");
        if (compact == null || compact.isBlank()) {
            throw new JweException("The encrypted file is empty.");
        }
        String[] parts = compact.strip().split("\\.", -1);
        if (parts.length != 5) {
            throw new JweException("The encrypted file is not a compact JWE: it has " + parts.length
                    + " part" + (parts.length == 1 ? "" : "s") + " separated by dots, not 5.");
        }
        JsonNode header = header(parts[0]);
        String alg = header.path("alg").asText(null);
        String enc = header.path("enc").asText(null);
        if (!ALG.equals(alg)) {
            throw new JweException("The encrypted file uses key management \"" + alg + "\"; SMART Health Links use \"dir\".");
        }
        if (!ENC.equals(enc)) {
            throw new JweException("The encrypted file uses encryption \"" + enc + "\"; SMART Health Links use \"A256GCM\".");
        }
        JsonNode zip = header.get("zip");
        boolean compressed = false;
        if (zip != null) {
            if (!ZIP.equals(zip.asText(null)) || !zip.isTextual()) {
                throw new JweException("The encrypted file is compressed with \"" + zip.asText() + "\"; only \"DEF\" is known.");
            }
            compressed = true;
        }
        if (header.has("crit")) {
            throw new JweException("The encrypted file's header lists critical extensions (\"crit\"), which HealthWallet does not know.");
        }
        JsonNode ctyNode = header.get("cty");
        if (ctyNode != null && !ctyNode.isTextual()) {
            throw new JweException("The encrypted file's content type \"cty\" is not text.");
        }
        if (!parts[1].isEmpty()) {
            throw new JweException("The encrypted file carries an encrypted key; with \"dir\" that part must be empty.");
        }
        byte[] iv = part(parts[2], "IV");
        byte[] ciphertext = part(parts[3], "ciphertext");
        byte[] tag = part(parts[4], "authentication tag");
        if (iv.length != IV_BYTES) {
            throw new JweException("The encrypted file's IV is " + iv.length + " bytes; A256GCM uses 12.");
        }
        if (tag.length != TAG_BYTES) {
            throw new JweException("The encrypted file's authentication tag is " + tag.length + " bytes; A256GCM uses 16.");
        }
        if (!compressed && ciphertext.length > maxPlaintext) {
            throw new JweException("The encrypted file is larger than " + megabytes(maxPlaintext) + "; it was not opened.");
        }
        byte[] content;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = new byte[ciphertext.length + TAG_BYTES];
            System.arraycopy(ciphertext, 0, sealed, 0, ciphertext.length);
            System.arraycopy(tag, 0, sealed, ciphertext.length, TAG_BYTES);
            // The JDK's GCM checks the tag before it returns any plaintext.
            content = cipher.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new JweException("The encrypted file does not open with this link's key: it was changed, damaged,"
                    + " or belongs to another link.");
        } catch (GeneralSecurityException e) {
            throw new JweException("The encrypted file could not be decrypted.", e);
        }
        byte[] plaintext = compressed ? inflate(content, maxPlaintext) : content;
        return new Decrypted(plaintext, Optional.ofNullable(ctyNode == null ? null : ctyNode.textValue()));
    }

    /** The JCE key; the copy of the key bytes it was made from is wiped (the spec keeps its own). */
    private static SecretKeySpec aesKey(ShareKey key) {
        byte[] bytes = key.bytes();
        try {
            return new SecretKeySpec(bytes, "AES");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static JsonNode header(String encoded) throws JweException {
        byte[] json;
        try {
            json = Base64Url.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new JweException("The encrypted file's header is not base64url: " + e.getMessage() + ".");
        }
        try {
            JsonNode header = ShareJson.read(json);
            if (header == null || !header.isObject()) {
                throw new JweException("The encrypted file's header is not a JSON object.");
            }
            return header;
        } catch (IOException e) {
            throw new JweException("The encrypted file's header is not valid JSON.");
        }
    }

    private static byte[] part(String encoded, String name) throws JweException {
        try {
            return Base64Url.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new JweException("The encrypted file's " + name + " is not base64url: " + e.getMessage() + ".");
        }
    }

    static byte[] deflate(byte[] plaintext) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(plaintext);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plaintext.length / 4));
            byte[] buffer = new byte[16 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Raw DEFLATE, stopped as soon as the output passes {@code max}; a stream cut short is refused. */
    static byte[] inflate(byte[] compressed, long max) throws JweException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(compressed.length * 4 + 64, 1 << 20));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0) {
                    if (inflater.finished()) {
                        break; // an empty file: the end-of-stream block gave no bytes
                    }
                    if (inflater.needsDictionary() || inflater.needsInput()) {
                        throw new JweException("The encrypted file's compressed content is cut short or damaged.");
                    }
                    continue;
                }
                total += n;
                if (total > max) {
                    throw new JweException("The encrypted file expands to more than " + megabytes(max)
                            + " when decompressed; it was not opened.");
                }
                out.write(buffer, 0, n);
            }
            if (inflater.getRemaining() > 0) {
                throw new JweException("The encrypted file's compressed content has data after its end.");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new JweException("The encrypted file's compressed content is damaged (it is not raw DEFLATE).");
        } finally {
            inflater.end();
        }
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
    }
}
