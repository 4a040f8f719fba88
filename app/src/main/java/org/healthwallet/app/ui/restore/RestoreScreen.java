package org.healthwallet.app.ui.restore;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.PassphraseRules;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.StrengthMeter;
import org.healthwallet.app.ui.common.UserText;
import org.kordamp.ikonli.feather.Feather;

/** Restore: a backup file, the 24 words, and a new passphrase for this machine. */
public final class RestoreScreen {
    private final Parent view;

    /**
     * @param chooseBackup opens a file dialog (with the given title) and returns the chosen file or {@code null}
     */
    public RestoreScreen(RestoreViewModel model, Messages text, Function<String, File> chooseBackup, Runnable back) {
        TextField file = new TextField();
        file.setId("backupFile");
        file.setPromptText(text.get("restore.file.prompt"));
        file.textProperty().bindBidirectional(model.backupFileProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button(text.get("common.choose"), ScreenParts.icon(Feather.FOLDER, 14));
        browse.setOnAction(e -> {
            File chosen = chooseBackup.apply(text.get("restore.file.dialog"));
            if (chosen != null) {
                model.backupFileProperty().set(chosen.getAbsolutePath());
            }
        });
        HBox fileRow = new HBox(8, file, browse);

        TextArea phrase = new TextArea();
        phrase.setId("recoveryPhrase");
        phrase.setPromptText(text.get("restore.phrase.prompt"));
        phrase.setWrapText(true);
        phrase.setPrefRowCount(3);
        phrase.textProperty().bindBidirectional(model.phraseProperty());

        PassphraseRules rules = model.newPassphrase();
        PasswordField first = new PasswordField();
        first.setId("restorePassphrase");
        first.setPromptText(text.get("restore.passphrase"));
        first.textProperty().bindBidirectional(rules.passphraseProperty());
        PasswordField second = new PasswordField();
        second.setId("restoreConfirm");
        second.setPromptText(text.get("create.confirm"));
        second.textProperty().bindBidirectional(rules.confirmationProperty());

        Label error = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.errorProperty().get(), text), model.errorProperty()));
        Button restore = new Button(text.get("restore.button"));
        restore.setId("restoreWalletButton");
        restore.getStyleClass().add(Styles.ACCENT);
        restore.setDefaultButton(true);
        restore.disableProperty().bind(model.ready().not());
        restore.setOnAction(e -> model.restore());
        Button cancel = new Button(text.get("common.back"));
        cancel.setId("restoreBack");
        cancel.getStyleClass().add(Styles.FLAT);
        cancel.disableProperty().bind(model.busyProperty());
        cancel.setOnAction(e -> {
            model.clear();
            back.run();
        });
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(model.busyProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(10, cancel, gap, spinner, restore);
        actions.setAlignment(Pos.CENTER_RIGHT);

        VBox header = new VBox(6, ScreenParts.title(text.get("restore.title")),
                ScreenParts.subtitle(text.get("restore.subtitle")));
        view = ScreenParts.centredCard(540, header,
                field(text.get("restore.file"), fileRow),
                field(text.get("restore.phrase"), phrase),
                field(text.get("restore.newPassphrase"), new VBox(8, first, second, StrengthMeter.of(rules, text))),
                error, actions);
        view.setId("restoreScreen");
    }

    public Parent view() {
        return view;
    }

    private static VBox field(String label, javafx.scene.Node input) {
        Label caption = new Label(label);
        caption.getStyleClass().addAll(Styles.TEXT_BOLD, "field-label");
        return new VBox(6, caption, input);
    }
}
