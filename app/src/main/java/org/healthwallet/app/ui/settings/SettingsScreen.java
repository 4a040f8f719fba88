package org.healthwallet.app.ui.settings;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.UserText;
import org.kordamp.ikonli.feather.Feather;

/** Settings: theme, language, and after how many idle minutes the wallet locks itself. */
public final class SettingsScreen {
    private final Parent view;

    public SettingsScreen(SettingsViewModel model, Messages text) {
        ToggleGroup themes = new ToggleGroup();
        ToggleButton light = new ToggleButton(text.get("settings.theme.light"), ScreenParts.icon(Feather.SUN, 14));
        light.setId("themeLight");
        light.getStyleClass().add(Styles.LEFT_PILL);
        ToggleButton dark = new ToggleButton(text.get("settings.theme.dark"), ScreenParts.icon(Feather.MOON, 14));
        dark.setId("themeDark");
        dark.getStyleClass().add(Styles.RIGHT_PILL);
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (model.themeProperty().get() == Settings.Theme.DARK ? dark : light).setSelected(true);
        themes.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always chosen
            } else {
                model.themeProperty().set(now == dark ? Settings.Theme.DARK : Settings.Theme.LIGHT);
            }
        });
        HBox themeChoice = new HBox(light, dark);

        ComboBox<Settings.Language> language = languageChooser(model, text);

        Spinner<Integer> minutes = new Spinner<>();
        minutes.setId("idleMinutes");
        minutes.setEditable(true);
        minutes.setPrefWidth(110);
        SpinnerValueFactory.IntegerSpinnerValueFactory values = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                Settings.MIN_IDLE_MINUTES, Settings.MAX_IDLE_MINUTES, model.idleLockMinutesProperty().get());
        minutes.setValueFactory(values);
        values.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.idleLockMinutesProperty().set(b);
            }
        });
        Label minutesUnit = new Label(text.get("settings.idle.unit"));

        Label problem = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.problemProperty().get(), text), model.problemProperty()));

        VBox rows = new VBox(0,
                row(Feather.SUN, text.get("settings.theme"), text.get("settings.theme.detail"), themeChoice),
                row(Feather.GLOBE, text.get("settings.language"), text.get("settings.language.detail"), language),
                row(Feather.LOCK, text.get("settings.idle"), text.get("settings.idle.detail"),
                        new HBox(8, minutes, centred(minutesUnit))));
        rows.getStyleClass().add("settings-list");
        view = ScreenParts.page(text.get("settings.title"), text.get("settings.subtitle"), rows, problem);
        view.setId("settingsScreen");
    }

    public Parent view() {
        return view;
    }

    /** The language picker, also offered on the welcome screen before any wallet is open. */
    public static ComboBox<Settings.Language> languageChooser(SettingsViewModel model, Messages text) {
        ComboBox<Settings.Language> box = new ComboBox<>();
        box.setId("languageChoice");
        box.getItems().setAll(Settings.Language.values());
        box.setValue(model.languageProperty().get());
        box.setCellFactory(list -> new LanguageCell(text));
        box.setButtonCell(new LanguageCell(text));
        // Applied after the click is handled: changing language rebuilds the window.
        box.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != model.languageProperty().get()) {
                javafx.application.Platform.runLater(() -> model.languageProperty().set(b));
            }
        });
        return box;
    }

    private static final class LanguageCell extends ListCell<Settings.Language> {
        private final Messages text;

        LanguageCell(Messages text) {
            this.text = text;
        }

        @Override protected void updateItem(Settings.Language item, boolean empty) {
            super.updateItem(item, empty);
            // Each language is named in itself, so a person who cannot read the current one finds theirs.
            setText(empty || item == null ? null : text.get("language." + item.name()));
        }
    }

    private static Node row(Feather icon, String title, String detail, Node control) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        Label below = new Label(detail);
        below.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        below.setWrapText(true);
        VBox words = new VBox(2, heading, below);
        HBox.setHgrow(words, Priority.ALWAYS);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.SOMETIMES);
        HBox row = new HBox(16, ScreenParts.icon(icon, 20), words, gap, control);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("settings-row");
        return row;
    }

    private static Node centred(Label label) {
        HBox box = new HBox(label);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
