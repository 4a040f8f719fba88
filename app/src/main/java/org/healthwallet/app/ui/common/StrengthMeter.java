package org.healthwallet.app.ui.common;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.healthwallet.core.vault.PassphraseStrength;

/** The strength bar under a new passphrase: colour and words for zxcvbn's 0–4 estimate, and its advice. */
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
        hint.setId("strengthHint");
        hint.setWrapText(true);

        Runnable refresh = () -> {
            PassphraseStrength strength = rules.strengthProperty().get();
            int score = strength == null ? -1 : strength.score();
            bar.setProgress(score < 0 ? 0 : (score + 1) / 5.0);
            bar.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING, Styles.SUCCESS);
            verdict.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING, Styles.SUCCESS);
            String tone = score < 2 ? Styles.DANGER : score < PassphraseStrength.MIN_SCORE ? Styles.WARNING : Styles.SUCCESS;
            if (score >= 0) {
                bar.getStyleClass().add(tone);
                verdict.getStyleClass().add(tone);
            }
            verdict.setText(score < 0 ? "" : text.format("strength.verdict", text.get("strength." + score)));
            hint.setText(strength == null ? text.get("strength.advice") : hintFor(strength, text));
        };
        rules.strengthProperty().addListener((o, a, b) -> refresh.run());
        refresh.run();
        HBox row = new HBox(12, bar, verdict);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(4, row, hint);
        box.getStyleClass().add("strength-meter");
        return box;
    }

    /** zxcvbn's warning, suggestions and crack time; when it is too weak, that it is refused. */
    private static String hintFor(PassphraseStrength strength, Messages text) {
        String advice = PassphraseAdvice.explain(strength, text);
        return strength.strongEnough() ? advice : advice + text.get("strength.sentenceGap") + text.get("strength.tooWeak");
    }
}
