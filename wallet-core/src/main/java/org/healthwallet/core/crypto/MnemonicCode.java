package org.healthwallet.core.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BIP-39 mnemonic code with the English word list: entropy of 128..256 bits (a multiple of 32)
 * becomes 12..24 words, the last of which carries a checksum (the first ENT/32 bits of
 * SHA-256(entropy)). Only the entropy encoding is used here; the wallet never runs the PBKDF2
 * "seed" step of BIP-39, because its keys come from the entropy itself by HKDF.
 */
public final class MnemonicCode {
    /** SHA-256 of the official english.txt (2048 lines, each ending in a newline), per BIP-39. */
    static final String ENGLISH_SHA256 = "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";
    private static final String WORD_LIST_RESOURCE = "bip39-english.txt";

    private static final List<String> WORDS = loadEnglish();
    private static final Map<String, Integer> INDEX = indexOf(WORDS);

    private MnemonicCode() {}

    /** The 2048 English words, in order. */
    public static List<String> englishWords() {
        return WORDS;
    }

    /** Encodes entropy (16, 20, 24, 28 or 32 bytes) as words. */
    public static List<String> toWords(byte[] entropy) {
        int entBits = entropy.length * 8;
        if (entBits < 128 || entBits > 256 || entBits % 32 != 0) {
            throw new IllegalArgumentException("BIP-39 entropy must be 128..256 bits in steps of 32");
        }
        int csBits = entBits / 32;
        byte[] hash = sha256(entropy);
        int wordCount = (entBits + csBits) / 11;
        List<String> words = new ArrayList<>(wordCount);
        for (int w = 0; w < wordCount; w++) {
            int index = 0;
            for (int b = 0; b < 11; b++) {
                int bit = w * 11 + b;
                index = (index << 1) | bitAt(bit < entBits ? entropy : hash, bit < entBits ? bit : bit - entBits);
            }
            words.add(WORDS.get(index));
        }
        return List.copyOf(words);
    }

    /**
     * Decodes words back to entropy, checking each word and the checksum. A word may be given by
     * its first four letters or more, since the English list is unique in its first four letters.
     */
    public static byte[] toEntropy(List<String> words) throws InvalidMnemonicException {
        int n = words.size();
        if (n < 12 || n > 24 || n % 3 != 0) {
            throw new InvalidMnemonicException("A recovery phrase has 12, 15, 18, 21 or 24 words; this one has " + n + ".");
        }
        int totalBits = n * 11;
        int csBits = totalBits / 33;
        int entBits = totalBits - csBits;
        byte[] entropy = new byte[entBits / 8];
        int checksum = 0;
        for (int w = 0; w < n; w++) {
            int index = indexOfWord(words.get(w), w + 1);
            for (int b = 10; b >= 0; b--) {
                int bit = w * 11 + (10 - b);
                int value = (index >> b) & 1;
                if (bit < entBits) {
                    entropy[bit / 8] |= (byte) (value << (7 - bit % 8));
                } else {
                    checksum = (checksum << 1) | value;
                }
            }
        }
        byte[] hash = sha256(entropy);
        int expected = (hash[0] & 0xff) >>> (8 - csBits);
        if (expected != checksum) {
            throw new InvalidMnemonicException(
                    "The recovery phrase does not check out: a word is wrong or two are swapped.");
        }
        return entropy;
    }

    /** The word's position in the list, accepting a unique prefix of at least four letters. */
    private static int indexOfWord(String raw, int position) throws InvalidMnemonicException {
        String word = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        Integer exact = INDEX.get(word);
        if (exact != null) {
            return exact;
        }
        if (word.length() >= 4) {
            int found = -1;
            for (int i = 0; i < WORDS.size(); i++) {
                if (WORDS.get(i).startsWith(word)) {
                    if (found >= 0) {
                        found = -2;
                        break;
                    }
                    found = i;
                }
            }
            if (found >= 0) {
                return found;
            }
        }
        throw new InvalidMnemonicException(
                "Word " + position + " (\"" + raw.strip() + "\") is not a word of the recovery phrase list.");
    }

    private static int bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] >> (7 - bit % 8)) & 1;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static List<String> loadEnglish() {
        try (InputStream in = MnemonicCode.class.getResourceAsStream(WORD_LIST_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("BIP-39 word list " + WORD_LIST_RESOURCE + " is missing from the build");
            }
            byte[] bytes = in.readAllBytes();
            String actual = HexFormat.of().formatHex(sha256(bytes));
            if (!actual.equals(ENGLISH_SHA256)) {
                throw new IllegalStateException("BIP-39 word list has SHA-256 " + actual + ", not the official one");
            }
            List<String> words = new ArrayList<>(2048);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    words.add(line);
                }
            }
            return List.copyOf(words);
        } catch (IOException e) {
            throw new IllegalStateException("BIP-39 word list could not be read", e);
        }
    }

    private static Map<String, Integer> indexOf(List<String> words) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            index.put(words.get(i), i);
        }
        return Map.copyOf(index);
    }
}
