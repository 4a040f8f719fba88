package org.healthwallet.app.ui.create;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.PassphraseRules;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.StrengthMeter;
import org.healthwallet.app.ui.common.UserText;
import org.kordamp.ikonli.feather.Feather;

/** Create: choose a passphrase (with its strength), then see the recovery phrase once. */
public final class CreateScreen {
    private final StackPane view = new StackPane();
    private final CreateViewModel model;
    private final Messages text;
    private final Runnable back;

    public CreateScreen(CreateViewModel model, Messages text, Runnable back) {
        this.model = model;
        this.text = text;
        this.back = back;
        view.setId("createScreen");
        model.stepProperty().addListener((o, a, step) -> show(step));
        show(model.stepProperty().get());
    }

    public Parent view() {
        return view;
    }

    private void show(CreateViewModel.Step step) {
        view.getChildren().setAll(step == CreateViewModel.Step.PASSPHRASE ? passphraseStep() : phraseStep());
    }

    private Node passphraseStep() {
        PassphraseRules rules = model.passphrase();
        PasswordField first = new PasswordField();
        first.setId("newPassphrase");
        first.setPromptText(text.get("create.passphrase"));
        first.textProperty().bindBidirectional(rules.passphraseProperty());
        PasswordField second = new PasswordField();
        second.setId("confirmPassphrase");
        second.setPromptText(text.get("create.confirm"));
        second.textProperty().bindBidirectional(rules.confirmationProperty());
        second.setOnAction(e -> model.create());

        Label mismatch = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> !rules.confirmationProperty().get().isEmpty() && !rules.matches().get()
                        ? text.get("create.mismatch") : "",
                rules.confirmationProperty(), rules.matches()));
        Label error = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.errorProperty().get(), text), model.errorProperty()));

        Button create = new Button(text.get("create.button"));
        create.setId("createWalletButton");
        create.getStyleClass().add(Styles.ACCENT);
        create.setDefaultButton(true);
        create.disableProperty().bind(rules.acceptable().not().or(model.busyProperty()));
        create.setOnAction(e -> model.create());
        Button cancel = new Button(text.get("common.back"));
        cancel.getStyleClass().add(Styles.FLAT);
        cancel.disableProperty().bind(model.busyProperty());
        cancel.setOnAction(e -> {
            model.clear();
            back.run();
        });
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(model.busyProperty());
        Label working = new Label(text.get("create.working"));
        working.getStyleClass().add(Styles.TEXT_MUTED);
        working.visibleProperty().bind(model.busyProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(10, cancel, gap, spinner, working, create);
        actions.setAlignment(Pos.CENTER_RIGHT);

        Label where = new Label(text.format("welcome.location", model.location()));
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        where.setWrapText(true);

        VBox header = new VBox(6, ScreenParts.title(text.get("create.title")),
                ScreenParts.subtitle(text.get("create.subtitle")));
        return ScreenParts.centredCard(500, header, first, second, StrengthMeter.of(rules, text),
                mismatch, error, actions, where);
    }

    private Node phraseStep() {
        Message warning = new Message(text.get("phrase.warning.title"), text.get("phrase.warning"),
                ScreenParts.icon(Feather.ALERT_TRIANGLE, 18));
        warning.getStyleClass().add(Styles.WARNING);

        GridPane grid = new GridPane();
        grid.setId("phraseWords");
        grid.getStyleClass().add("phrase-grid");
        grid.setHgap(10);
        grid.setVgap(8);
        int rows = (model.words().size() + 3) / 4;
        for (int i = 0; i < model.words().size(); i++) {
            Label number = new Label((i + 1) + ".");
            number.getStyleClass().addAll(Styles.TEXT_MUTED, "phrase-number");
            number.setMinWidth(26);
            number.setAlignment(Pos.CENTER_RIGHT);
            Label word = new Label(model.words().get(i));
            word.getStyleClass().add("phrase-word");
            HBox cell = new HBox(6, number, word);
            cell.setAlignment(Pos.CENTER_LEFT);
            cell.getStyleClass().add("phrase-cell");
            // Column by column, as the words are written down in a notebook.
            grid.add(cell, i / rows, i % rows);
        }

        CheckBox written = new CheckBox(text.get("phrase.writtenDown"));
        written.setId("writtenDown");
        written.selectedProperty().bindBidirectional(model.writtenDownProperty());
        Button done = new Button(text.get("phrase.continue"), ScreenParts.icon(Feather.ARROW_RIGHT, 16));
        done.setId("phraseContinue");
        done.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        done.getStyleClass().add(Styles.ACCENT);
        done.disableProperty().bind(model.writtenDownProperty().not());
        done.setOnAction(e -> model.finish());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(10, written, gap, done);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox header = new VBox(6, ScreenParts.title(text.get("phrase.title")),
                ScreenParts.subtitle(text.get("phrase.subtitle")));
        return ScreenParts.centredCard(620, header, warning, grid, actions);
    }
}
