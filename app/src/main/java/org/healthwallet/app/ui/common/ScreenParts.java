package org.healthwallet.app.ui.common;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** The pieces every screen is built from, so all screens share one look. */
public final class ScreenParts {
    private ScreenParts() {}

    public static FontIcon icon(Ikon ikon, int size) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(size);
        return icon;
    }

    public static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TITLE_2, "screen-title");
        label.setWrapText(true);
        return label;
    }

    public static Label subtitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TEXT_MUTED, "screen-subtitle");
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE); // wrapped lines get their room instead of an ellipsis
        return label;
    }

    public static Label sectionTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TITLE_4, "section-title");
        return label;
    }

    /** A label that shows a problem in red and takes no room while there is none. */
    public static Label errorLine(ObservableValue<String> text) {
        Label label = new Label();
        label.getStyleClass().addAll(Styles.DANGER, "error-line");
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** A screen of the main window: a title block over the content, padded like every other page. */
    public static VBox page(String title, String subtitle, Node... content) {
        VBox header = new VBox(4, title(title));
        if (subtitle != null) {
            header.getChildren().add(subtitle(subtitle));
        }
        VBox page = new VBox(18, header);
        page.getChildren().addAll(content);
        page.getStyleClass().add("page");
        page.setPadding(new Insets(28, 32, 28, 32));
        return page;
    }

    /** A card centred in the window, for the screens before the wallet is open. */
    public static StackPane centredCard(double width, Node... content) {
        VBox card = new VBox(16, content);
        card.getStyleClass().add("entry-card");
        card.setMaxWidth(width);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        card.setPadding(new Insets(32, 36, 32, 36));
        StackPane backdrop = new StackPane(card);
        backdrop.getStyleClass().add("entry-backdrop");
        backdrop.setAlignment(Pos.CENTER);
        backdrop.setPadding(new Insets(24));
        return backdrop;
    }
}
