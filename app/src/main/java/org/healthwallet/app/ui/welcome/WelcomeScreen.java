package org.healthwallet.app.ui.welcome;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.AppIcon;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.kordamp.ikonli.feather.Feather;

/** The first screen: create a wallet, open the one that is here, or restore one from a backup. */
public final class WelcomeScreen {
    /** What the welcome screen's choices lead to; the window decides where. */
    public record Choices(Runnable create, Runnable open, Runnable restore, Runnable otherFolder, Runnable openLink) {}

    private final BorderPane view;

    public WelcomeScreen(WelcomeViewModel model, Messages text, Choices choices, Node languageChooser) {
        Label name = new Label(text.get("app.name"));
        name.getStyleClass().addAll(Styles.TITLE_1, "brand-title");
        Label tagline = ScreenParts.subtitle(text.get("welcome.tagline"));
        tagline.setAlignment(Pos.CENTER);
        tagline.setStyle("-fx-text-alignment: center;");
        tagline.setMaxWidth(380);
        VBox header = new VBox(10, AppIcon.node(76), name, tagline);
        header.setAlignment(Pos.CENTER);

        Button open = choice(text.get("welcome.open"), text.get("welcome.open.detail"), Feather.UNLOCK, true);
        open.setId("openButton");
        open.setOnAction(e -> choices.open().run());
        open.visibleProperty().bind(model.walletExistsProperty());
        open.managedProperty().bind(open.visibleProperty());

        Button create = choice(text.get("welcome.create"), text.get("welcome.create.detail"), Feather.PLUS_CIRCLE, false);
        create.setId("createButton");
        create.setOnAction(e -> choices.create().run());
        // With a wallet here, opening it is the usual way on; creating another is the exception.
        model.walletExistsProperty().addListener((o, a, exists) -> accent(create, !exists));
        accent(create, !model.walletExistsProperty().get());

        Button restore = choice(text.get("welcome.restore"), text.get("welcome.restore.detail"), Feather.ROTATE_CCW, false);
        restore.setId("restoreButton");
        restore.setOnAction(e -> choices.restore().run());

        Hyperlink other = new Hyperlink(text.get("welcome.otherFolder"));
        other.setId("otherFolderLink");
        other.setOnAction(e -> choices.otherFolder().run());
        Label where = new Label(text.format("welcome.location", model.location()));
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        where.setWrapText(true);
        VBox footer = new VBox(2, where, other);
        footer.setAlignment(Pos.CENTER);

        Button link = choice(text.get("welcome.openLink"), text.get("welcome.openLink.detail"), Feather.LINK, false);
        link.setId("openLinkButton");
        link.setOnAction(e -> choices.openLink().run());

        VBox buttons = new VBox(10, open, create, restore, link);
        var card = ScreenParts.centredCard(460, header, buttons, footer);
        view = new BorderPane(card);
        HBox top = new HBox(languageChooser);
        top.setAlignment(Pos.CENTER_RIGHT);
        top.getStyleClass().add("entry-topbar");
        view.setTop(top);
        view.getStyleClass().add("entry-backdrop");
        view.setId("welcomeScreen");
        model.refresh();
    }

    public Parent view() {
        return view;
    }

    private static Button choice(String title, String detail, Feather icon, boolean accent) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        Label below = new Label(detail);
        below.getStyleClass().addAll(Styles.TEXT_SMALL, "choice-detail");
        VBox words = new VBox(2, heading, below);
        HBox content = new HBox(14, ScreenParts.icon(icon, 22), words);
        content.setAlignment(Pos.CENTER_LEFT);
        Button button = new Button(null, content);
        button.getStyleClass().add("choice-button");
        button.setMaxWidth(Double.MAX_VALUE);
        button.setMaxHeight(Region.USE_PREF_SIZE);
        button.setMinHeight(Region.USE_PREF_SIZE);
        button.setAlignment(Pos.CENTER_LEFT);
        accent(button, accent);
        return button;
    }

    private static void accent(Button button, boolean on) {
        button.getStyleClass().remove(Styles.ACCENT);
        if (on) {
            button.getStyleClass().add(Styles.ACCENT);
        }
    }
}
