package org.healthwallet.core.vault;

import java.util.Set;

/**
 * A rough strength for the create screen: a score from 0 (guessed at once) to 4 (strong) and one
 * hint in the patient's words. It estimates guessing effort from length, character variety, runs
 * and sequences and a short list of the most common passwords; it advises, it does not refuse.
 *
 * @param score 0..4
 * @param hint what to do about it, or that it is strong
 */
public record PassphraseStrength(int score, String hint) {
    private static final Set<String> COMMON = Set.of(
            "password", "passw0rd", "123456", "12345678", "123456789", "qwerty", "qwertyuiop", "letmein",
            "iloveyou", "admin", "welcome", "monkey", "dragon", "football", "baseball", "abc123",
            "111111", "sunshine", "princess", "trustno1", "healthwallet", "secret", "master");

    public PassphraseStrength {
        if (score < 0 || score > 4) {
            throw new IllegalArgumentException("score is 0..4");
        }
    }

    public static PassphraseStrength estimate(char[] passphrase) {
        int n = passphrase.length;
        if (n == 0) {
            return new PassphraseStrength(0, "Choose a passphrase: several unrelated words are easy to remember and hard to guess.");
        }
        if (isCommon(passphrase)) {
            return new PassphraseStrength(0, "This is one of the most common passwords; choose something else.");
        }
        boolean lower = false, upper = false, digit = false, symbol = false, other = false;
        int effective = 0;
        int patterned = 0;
        for (int i = 0; i < n; i++) {
            char c = passphrase[i];
            if (c >= 'a' && c <= 'z') lower = true;
            else if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= '0' && c <= '9') digit = true;
            else if (c < 0x80) symbol = true;
            else other = true;
            // A character that repeats or continues a sequence (aaa, abc, 321) adds little.
            boolean follows = i > 0 && Math.abs(c - passphrase[i - 1]) <= 1;
            if (follows) patterned++; else effective++;
        }
        int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
        boolean lettersOnly = !digit && !symbol && !other;
        // Letters alone are usually words: about 3 bits a character, not log2(26) = 4.7.
        double bitsPerChar = lettersOnly && !upper ? 3.0 : Math.log(pool) / Math.log(2);
        double bits = effective * bitsPerChar + patterned * 0.5;
        int score = bits < 28 ? 0 : bits < 40 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
        String hint;
        if (score == 4) {
            hint = "Strong passphrase.";
        } else if (n < 12) {
            hint = "Use at least 12 characters; several unrelated words are easiest to remember.";
        } else if (patterned * 3 > n) {
            hint = "Avoid repeated characters and sequences like 1234 or abcd.";
        } else {
            hint = "Add another word, or mix in digits and symbols.";
        }
        return new PassphraseStrength(score, hint);
    }

    /** Compares without making a String of the passphrase. */
    private static boolean isCommon(char[] passphrase) {
        // "Password1!" is as common as "password": also compare the stem before trailing digits and symbols.
        int stem = passphrase.length;
        while (stem > 0 && !Character.isLetter(passphrase[stem - 1])) {
            stem--;
        }
        for (String common : COMMON) {
            if (equalsIgnoreCase(passphrase, passphrase.length, common) || equalsIgnoreCase(passphrase, stem, common)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoreCase(char[] chars, int length, String word) {
        if (length != word.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (Character.toLowerCase(chars[i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
