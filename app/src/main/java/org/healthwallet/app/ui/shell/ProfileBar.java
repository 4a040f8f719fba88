package org.healthwallet.app.ui.shell;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.AccessibleRole;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.family.ProfilesViewModel;
import org.kordamp.ikonli.feather.Feather;

/**
 * The profile switcher (sidebar: "Me" and each dependent) and the banner over every page that says
 * whose wallet is open when it is not the patient's own.
 */
final class ProfileBar {
    private final VBox switcher;
    private final Label banner;

    ProfileBar(ProfilesViewModel model, Messages text) {
        ComboBox<ProfilesViewModel.Profile> choice = new ComboBox<>(model.profiles());
        choice.setId("profileSwitcher");
        choice.setAccessibleText(text.get("profile.switcher"));
        choice.setMaxWidth(Double.MAX_VALUE);
        choice.setCellFactory(list -> cell(model, text));
        choice.setButtonCell(cell(model, text));
        choice.setValue(model.currentProperty().get());
        choice.disableProperty().bind(model.switchingProperty().or(model.busyProperty()));
        // The view model decides what is shown: a failed switch puts the old profile back.
        model.currentProperty().addListener((o, a, b) -> choice.setValue(b));
        // After the combo box has taken in the new items (it clears its selection then).
        model.profiles().addListener((javafx.collections.ListChangeListener<ProfilesViewModel.Profile>) c ->
                javafx.application.Platform.runLater(() -> choice.setValue(model.currentProperty().get())));
        choice.setOnAction(e -> {
            if (choice.getValue() != null && !choice.getValue().equals(model.currentProperty().get())) {
                model.switchTo(choice.getValue());
            }
        });
        Label caption = new Label(text.get("profile.switcher"));
        caption.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Label error = ScreenParts.errorLine(Bindings.createStringBinding(
                () -> UserText.render(model.errorProperty().get(), text), model.errorProperty()));
        error.setId("profileError");
        switcher = new VBox(4, caption, choice, error);
        switcher.setId("profileChoice");
        switcher.visibleProperty().bind(Bindings.size(model.profiles()).greaterThan(1));
        switcher.managedProperty().bind(switcher.visibleProperty());

        banner = new Label();
        banner.setId("profileBanner");
        banner.setGraphic(ScreenParts.icon(Feather.USERS, 16));
        banner.setGraphicTextGap(10);
        banner.getStyleClass().add("caregiver-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setMinHeight(Region.USE_PREF_SIZE);
        banner.setAccessibleRole(AccessibleRole.TEXT);
        banner.textProperty().bind(Bindings.createStringBinding(
                () -> UserText.render(model.bannerProperty().get(), text), model.bannerProperty()));
        banner.accessibleTextProperty().bind(banner.textProperty());
        banner.visibleProperty().bind(model.bannerProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
    }

    private static ListCell<ProfilesViewModel.Profile> cell(ProfilesViewModel model, Messages text) {
        return new ListCell<>() {
            @Override protected void updateItem(ProfilesViewModel.Profile item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : model.name(item).render(text));
            }
        };
    }

    VBox switcher() {
        return switcher;
    }

    Label banner() {
        return banner;
    }
}
