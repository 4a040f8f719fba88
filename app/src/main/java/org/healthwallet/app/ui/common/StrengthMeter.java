package org.healthwallet.app.ui.common;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.healthwallet.core.vault.PassphraseStrength;

/** The strength bar under a new passphrase: colour and words for the vault's 0–4 estimate. */
public final class StrengthMeter {
    private StrengthMeter() {}

    public static VBox of(PassphraseRules rules, Messages text) {
        ProgressBar bar = new ProgressBar(0);
        bar.setId("strengthBar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add(Styles.SMALL);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label verdict = new Label();
        verdict.setId("strengthLabel");
        verdict.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_BOLD);
        verdict.setMinWidth(110);
        Label hint = new Label();
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.setWrapText(true);

        Runnable refresh = () -> {
            int score = rules.scoreProperty().get();
            bar.setProgress(score < 0 ? 0 : (score + 1) / 5.0);
            bar.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING, Styles.SUCCESS);
            verdict.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING, Styles.SUCCESS);
            String tone = score < PassphraseRules.MIN_SCORE ? Styles.DANGER : score < 3 ? Styles.WARNING : Styles.SUCCESS;
            if (score >= 0) {
                bar.getStyleClass().add(tone);
                verdict.getStyleClass().add(tone);
            }
            verdict.setText(score < 0 ? "" : text.format("strength.verdict", text.get("strength." + score)));
            hint.setText(score < 0 ? text.get("strength.advice") : hintFor(rules, score, text));
        };
        rules.scoreProperty().addListener((o, a, b) -> refresh.run());
        refresh.run();
        HBox row = new HBox(12, bar, verdict);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(4, row, hint);
        box.getStyleClass().add("strength-meter");
        return box;
    }

    /**
     * The vault writes its advice in English; in another language the app gives its own advice
     * for the score, so no screen mixes languages.
     */
    private static String hintFor(PassphraseRules rules, int score, Messages text) {
        String extra = score < PassphraseRules.MIN_SCORE ? " " + text.get("strength.tooWeak") : "";
        if (!"en".equals(text.locale().getLanguage())) {
            return text.get("strength.hint." + score) + extra;
        }
        char[] typed = rules.passphraseProperty().get().toCharArray();
        try {
            return PassphraseStrength.estimate(typed).hint() + extra;
        } finally {
            java.util.Arrays.fill(typed, '\0');
        }
    }

}
