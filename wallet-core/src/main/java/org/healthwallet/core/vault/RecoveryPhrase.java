package org.healthwallet.core.vault;

import java.util.Arrays;
import java.util.List;
import org.healthwallet.core.crypto.InvalidMnemonicException;
import org.healthwallet.core.crypto.KeyHierarchy;
import org.healthwallet.core.crypto.MnemonicCode;

/**
 * The 24-word BIP-39 English recovery phrase: the wallet's 32-byte root secret in words a person
 * can write down. Every key of the wallet grows from it.
 *
 * @param words 24 words of the BIP-39 English list whose checksum holds
 */
public record RecoveryPhrase(List<String> words) {
    public static final int WORD_COUNT = 24;

    public RecoveryPhrase {
        words = List.copyOf(words);
        if (words.size() != WORD_COUNT) {
            throw new IllegalArgumentException("a recovery phrase has 24 words");
        }
        try {
            Arrays.fill(MnemonicCode.toEntropy(words), (byte) 0);
        } catch (InvalidMnemonicException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Reads a phrase as a person types it: any spacing, any case, a word given by its first four
     * letters or more.
     *
     * @throws InvalidRecoveryPhraseException naming the word count, the unknown word, or a failed checksum
     */
    public static RecoveryPhrase parse(String text) throws InvalidRecoveryPhraseException {
        String trimmed = text.strip();
        List<String> typed = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
        if (typed.size() != WORD_COUNT) {
            throw new InvalidRecoveryPhraseException(
                    "A HealthWallet recovery phrase has 24 words; this one has " + typed.size() + ".");
        }
        byte[] entropy;
        try {
            entropy = MnemonicCode.toEntropy(typed);
        } catch (InvalidMnemonicException e) {
            throw new InvalidRecoveryPhraseException(e.getMessage());
        }
        try {
            return new RecoveryPhrase(MnemonicCode.toWords(entropy));
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /** The phrase for a root secret. */
    static RecoveryPhrase ofRootSecret(byte[] rootSecret) {
        if (rootSecret.length != KeyHierarchy.ROOT_SECRET_BYTES) {
            throw new IllegalArgumentException("the root secret is 32 bytes");
        }
        return new RecoveryPhrase(MnemonicCode.toWords(rootSecret));
    }

    /** The 32-byte root secret; the caller wipes it. */
    byte[] rootSecret() {
        try {
            return MnemonicCode.toEntropy(words);
        } catch (InvalidMnemonicException e) {
            throw new IllegalStateException("checked in the constructor", e);
        }
    }

    /**
     * The words joined by single spaces, as the patient writes them down: only for where the
     * words are meant to be shown or kept (the patient's screen, a file they asked for).
     */
    public String text() {
        return String.join(" ", words);
    }

    /**
     * Never the words: a phrase that ends up in a log line, an exception message, a debugger or
     * the string of a record holding it (a created wallet) must not give the wallet away.
     */
    @Override
    public String toString() {
        return "RecoveryPhrase[24 words, redacted]";
    }
}
