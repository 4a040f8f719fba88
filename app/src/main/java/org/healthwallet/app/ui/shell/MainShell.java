package org.healthwallet.app.ui.shell;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.healthwallet.app.ui.common.AppIcon;
import org.healthwallet.app.ui.common.Messages;
import org.healthwallet.app.ui.common.ScreenParts;
import org.healthwallet.app.ui.common.WalletSession;
import org.kordamp.ikonli.feather.Feather;

/**
 * The window of an open wallet: a sidebar to move between pages, a Lock button, and the page.
 * Files dropped anywhere on it are imported.
 */
public final class MainShell {
    /** The pages of an open wallet, in sidebar order. */
    public enum Page {
        HOME(Feather.HOME), RECORDS(Feather.FOLDER), LABS(Feather.TRENDING_UP), SHARE(Feather.SHARE_2), ACCESS_LOG(Feather.EYE),
        IMPORT(Feather.DOWNLOAD), FAMILY(Feather.USERS), CAREGIVERS(Feather.USER_CHECK),
        VIEWER(Feather.LINK), LEDGER(Feather.SHIELD), SETTINGS(Feather.SETTINGS);

        private final Feather icon;

        Page(Feather icon) { this.icon = icon; }
    }

    private final BorderPane view = new BorderPane();
    private final StackPane content = new StackPane();
    private final Map<Page, Parent> built = new EnumMap<>(Page.class);
    private final Map<Page, ToggleButton> buttons = new EnumMap<>(Page.class);
    private final Function<Page, Parent> pages;

    /**
     * @param page the page shown; the shell follows it and sets it when the sidebar is used
     * @param pages builds a page's view the first time it is shown
     * @param dropped receives files dropped on the window
     */
    MainShell(Messages text, WalletSession session, ObjectProperty<Page> page,
                     Function<Page, Parent> pages, Runnable lock, Consumer<List<Path>> dropped, ProfileBar profiles) {
        this.pages = pages;
        Label brand = new Label(text.get("app.name"), AppIcon.node(28));
        brand.getStyleClass().addAll(Styles.TITLE_4, "sidebar-brand");
        brand.setGraphicTextGap(10);

        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(4);
        for (Page p : Page.values()) {
            ToggleButton b = new ToggleButton(text.get("nav." + p.name().toLowerCase()), ScreenParts.icon(p.icon, 18));
            b.setId("nav-" + p.name().toLowerCase());
            b.getStyleClass().add("nav-button");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setGraphicTextGap(12);
            b.setToggleGroup(group);
            b.setOnAction(e -> {
                b.setSelected(true); // clicking the current page keeps it selected
                page.set(p);
            });
            buttons.put(p, b);
            nav.getChildren().add(b);
        }

        Button lockButton = new Button(text.get("nav.lock"), ScreenParts.icon(Feather.LOCK, 16));
        lockButton.setId("lockButton");
        lockButton.getStyleClass().addAll("lock-button", Styles.BUTTON_OUTLINED);
        lockButton.setMaxWidth(Double.MAX_VALUE);
        lockButton.disableProperty().bind(session.busyProperty());
        lockButton.setOnAction(e -> lock.run());
        Region gap = new Region();
        VBox.setVgrow(gap, Priority.ALWAYS);
        VBox sidebar = new VBox(6, brand, profiles.switcher(), nav, gap, lockButton);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setPrefWidth(220);
        sidebar.setMinWidth(200);
        VBox.setMargin(brand, new javafx.geometry.Insets(0, 0, 12, 6));
        VBox.setMargin(profiles.switcher(), new javafx.geometry.Insets(0, 0, 10, 0));

        view.setLeft(sidebar);
        // Whose wallet is open, over every page, while it is not the patient's own.
        VBox.setVgrow(content, Priority.ALWAYS);
        view.setCenter(new VBox(profiles.banner(), content));
        view.getStyleClass().add("main-shell");
        view.setId("mainShell");
        content.getStyleClass().add("page-host");

        view.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        view.setOnDragDropped((DragEvent e) -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            e.setDropCompleted(!files.isEmpty());
            e.consume();
            if (!files.isEmpty()) {
                page.set(Page.IMPORT);
                dropped.accept(files.stream().map(File::toPath).toList());
            }
        });

        page.addListener((o, a, b) -> show(b));
        show(page.get());
    }

    public Parent view() {
        return view;
    }

    private void show(Page p) {
        buttons.get(p).setSelected(true);
        Parent page = built.computeIfAbsent(p, pages);
        if (p == Page.RECORDS || p == Page.LABS || p == Page.SHARE || p == Page.VIEWER || p == Page.ACCESS_LOG) {
            content.getChildren().setAll(page); // these pages size their own lists and charts
        } else {
            ScrollPane scroll = new ScrollPane(page);
            scroll.setFitToWidth(true);
            scroll.getStyleClass().add("page-scroll");
            content.getChildren().setAll(scroll);
        }
        HBox.setHgrow(content, Priority.ALWAYS);
    }
}
