package org.healthwallet.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks for words that must never be readable outside the patient's wallet (names, what someone
 * typed, record text) in bytes an operator or an engineer can read, in the encodings such bytes
 * come in: UTF-8 and UTF-16 (either byte order) and hex of UTF-8, all ignoring ASCII case, and
 * base64 and base64url of UTF-8 at each of the three alignments a word can have in a longer text.
 *
 * <p>Each haystack becomes one Latin-1 string, so every search is {@link String#indexOf}, which
 * the JVM vectorises, instead of a byte loop per word and encoding.
 */
final class ClearTextSearch {
    /** Bytes an operator can read, named by where they were found (a file, a table row, a block's transaction). */
    record Place(String where, byte[] bytes) {
        static Place text(String where, String text) {
            return new Place(where, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code word} found at {@code where}, encoded as {@code encoding}, with the text around it. */
    record Hit(String where, String word, String encoding, String around) {
        @Override
        public String toString() {
            return where + ": \"" + word + "\" (" + encoding + ") in …" + around + "…";
        }
    }

    /** One way a word appears in bytes; {@code ignoreCase} means searched with ASCII letters folded. */
    private record Form(String word, String encoding, String latin1, boolean ignoreCase) {}

    private final List<Form> forms = new ArrayList<>();

    ClearTextSearch(List<String> words) {
        for (String word : words) {
            byte[] utf8 = word.getBytes(StandardCharsets.UTF_8);
            Map<String, byte[]> folded = new LinkedHashMap<>();
            folded.put("UTF-8", utf8);
            folded.put("UTF-16LE", word.getBytes(StandardCharsets.UTF_16LE));
            folded.put("UTF-16BE", word.getBytes(StandardCharsets.UTF_16BE));
            folded.put("hex of UTF-8", HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII));
            folded.forEach((encoding, bytes) -> forms.add(new Form(word, encoding, latin1(foldCase(bytes)), true)));
            for (int shift = 0; shift < 3; shift++) {
                int whole = (utf8.length - shift) / 3 * 3;
                if (whole < 6) {
                    continue; // fewer than eight base64 characters would match by chance
                }
                byte[] aligned = java.util.Arrays.copyOfRange(utf8, shift, shift + whole);
                forms.add(new Form(word, "base64 of UTF-8", Base64.getEncoder().withoutPadding().encodeToString(aligned), false));
                forms.add(new Form(word, "base64url of UTF-8", Base64.getUrlEncoder().withoutPadding().encodeToString(aligned), false));
            }
        }
    }

    List<Hit> in(Place place) {
        String exact = latin1(place.bytes());
        String folded = latin1(foldCase(place.bytes()));
        List<Hit> hits = new ArrayList<>();
        for (Form form : forms) {
            String haystack = form.ignoreCase() ? folded : exact;
            int at = haystack.indexOf(form.latin1());
            if (at >= 0) {
                hits.add(new Hit(place.where(), form.word(), form.encoding(), around(exact, at, form.latin1().length())));
            }
        }
        return hits;
    }

    List<Hit> in(List<Place> places) {
        List<Hit> hits = new ArrayList<>();
        places.forEach(p -> hits.addAll(in(p)));
        return hits;
    }

    /** Up to 40 characters either side, printable ASCII only, so a report of hits stays one line each. */
    private static String around(String latin1, int at, int length) {
        String text = latin1.substring(Math.max(0, at - 40), Math.min(latin1.length(), at + length + 40));
        return text.replaceAll("[^\\x20-\\x7e]", ".");
    }

    private static byte[] foldCase(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] += 'a' - 'A';
            }
        }
        return out;
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
