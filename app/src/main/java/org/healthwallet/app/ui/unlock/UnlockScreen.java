package org.healthwallet.app.ui.unlock;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.AppIcon;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.UserText;

/** Unlock: one passphrase field; a wrong passphrase is said right under it. */
public final class UnlockScreen {
    private final Parent view;
    private final PasswordField field;

    public UnlockScreen(UnlockViewModel model, Messages text, Runnable back) {
        Label title = ScreenParts.title(text.get("unlock.title"));
        Label where = new Label(text.format("welcome.location", model.location()));
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        where.setWrapText(true);
        VBox header = new VBox(10, AppIcon.node(56), title, ScreenParts.subtitle(text.get("unlock.subtitle")));
        header.setAlignment(Pos.CENTER_LEFT);

        field = new PasswordField();
        field.setId("unlockPassphrase");
        field.setPromptText(text.get("unlock.prompt"));
        field.textProperty().bindBidirectional(model.passphraseProperty());
        field.disableProperty().bind(model.busyProperty());
        field.setOnAction(e -> model.unlock());

        Label error = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.errorProperty().get(), text), model.errorProperty()));
        error.setId("unlockError");

        Button unlock = new Button(text.get("unlock.button"), ScreenParts.icon(org.kordamp.ikonli.feather.Feather.UNLOCK, 16));
        unlock.setId("unlockButton");
        unlock.getStyleClass().add(Styles.ACCENT);
        unlock.setDefaultButton(true);
        unlock.disableProperty().bind(model.busyProperty().or(model.passphraseProperty().isEmpty()));
        unlock.setOnAction(e -> model.unlock());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(model.busyProperty());
        Label working = new Label(text.get("unlock.working"));
        working.getStyleClass().add(Styles.TEXT_MUTED);
        working.visibleProperty().bind(model.busyProperty());

        Hyperlink backLink = new Hyperlink(text.get("common.back"));
        backLink.setId("unlockBack");
        backLink.setOnAction(e -> {
            model.clear();
            back.run();
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(10, backLink, gap, spinner, working, unlock);
        actions.setAlignment(Pos.CENTER_RIGHT);

        view = ScreenParts.centredCard(440, header, field, error, actions, where);
        view.setId("unlockScreen");
    }

    public Parent view() {
        return view;
    }

    /** Puts the cursor in the passphrase field (when the screen appears). */
    public void focus() {
        field.requestFocus();
    }
}
