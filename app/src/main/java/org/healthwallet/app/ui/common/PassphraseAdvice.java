package org.healthwallet.app.ui.common;

import java.util.ArrayList;
import java.util.List;
import org.healthwallet.core.vault.PassphraseStrength;

/**
 * zxcvbn's estimate of a new passphrase in the patient's words: what is wrong with it, what to do,
 * and how long a thief with a copy of the wallet file would need to guess it. The app shows it
 * under the passphrase; the command line prints it (in English) with its warning.
 */
public final class PassphraseAdvice {
    private static final double MINUTE = 60, HOUR = 60 * MINUTE, DAY = 24 * HOUR, MONTH = 30.44 * DAY,
            YEAR = 365.25 * DAY, CENTURY = 100 * YEAR;

    private PassphraseAdvice() {}

    /** Warning, suggestions and crack time, as one paragraph in {@code text}'s language. */
    public static String explain(PassphraseStrength strength, Messages text) {
        List<String> sentences = new ArrayList<>();
        strength.warning().ifPresent(w -> sentences.add(text.get(key(w))));
        for (String suggestion : strength.suggestions()) {
            sentences.add(text.get(key(suggestion)));
        }
        sentences.add(crackTime(strength.crackSeconds(), text));
        return String.join(text.get("strength.sentenceGap"), sentences);
    }

    /** The app's bundle key for one of zxcvbn's feedback keys. */
    public static String key(String zxcvbnKey) {
        return "strength." + zxcvbnKey;
    }

    static String crackTime(double seconds, Messages text) {
        if (seconds >= CENTURY) {
            return text.get("strength.crack.centuries");
        }
        String time;
        if (seconds < MINUTE) {
            time = text.get("strength.time.instant");
        } else if (seconds < HOUR) {
            time = text.format("strength.time.minutes", Math.round(seconds / MINUTE));
        } else if (seconds < DAY) {
            time = text.format("strength.time.hours", Math.round(seconds / HOUR));
        } else if (seconds < MONTH) {
            time = text.format("strength.time.days", Math.round(seconds / DAY));
        } else if (seconds < YEAR) {
            time = text.format("strength.time.months", Math.round(seconds / MONTH));
        } else {
            time = text.format("strength.time.years", Math.round(seconds / YEAR));
        }
        return text.format("strength.crack", time);
    }
}
