package org.healthwallet.core.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (version 1.3, RFC 9106) by BouncyCastle: turns a passphrase and a salt into a 32-byte
 * key. The passphrase is encoded as UTF-8 after Unicode NFC normalisation, so "é" typed as one or
 * two code points unlocks the same wallet.
 */
public final class Argon2id {
    public static final int KEY_BYTES = 32;
    public static final int SALT_BYTES = 16;

    private Argon2id() {}

    /**
     * @param pool memory blocks to reuse across derivations in one operation (halves the cost of a
     *             second derivation on this VM, where fresh memory is slow), or {@code null}
     */
    public static byte[] derive(char[] passphrase, byte[] salt, int memoryKib, int iterations, int parallelism,
                                Argon2BytesGenerator.BlockPool pool) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt);
        if (pool != null) {
            builder.withBlockPool(pool);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] password = utf8(passphrase);
        try {
            byte[] key = new byte[KEY_BYTES];
            generator.generateBytes(password, key);
            return key;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** A block pool big enough for one derivation with these parameters. */
    public static Argon2BytesGenerator.BlockPool poolFor(int memoryKib, int parallelism) {
        return new Argon2BytesGenerator.FixedBlockPool(Argon2BytesGenerator.getBlockCount(memoryKib, parallelism));
    }

    /** UTF-8 of the NFC form, without leaving a String of the passphrase behind for ASCII input. */
    static byte[] utf8(char[] passphrase) {
        char[] chars = passphrase;
        boolean ascii = true;
        for (char c : passphrase) {
            if (c > 0x7f) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            chars = Normalizer.normalize(CharBuffer.wrap(passphrase), Normalizer.Form.NFC).toCharArray();
        }
        try {
            CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            Arrays.fill(buffer.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The passphrase contains a character that cannot be encoded.", e);
        } finally {
            if (chars != passphrase) {
                Arrays.fill(chars, '\0');
            }
        }
    }
}
