package org.healthwallet.app.ui.common;

import org.healthwallet.core.records.Category;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** How each category looks everywhere in the app: its icon, its colour and its name. */
public final class CategoryLook {
    private CategoryLook() {}

    public static Feather icon(Category category) {
        return switch (category) {
            case CONDITIONS -> Feather.ACTIVITY;
            case MEDICATIONS -> Feather.PACKAGE;
            case ALLERGIES -> Feather.ALERT_TRIANGLE;
            case IMMUNIZATIONS -> Feather.SHIELD;
            case LAB_RESULTS -> Feather.DROPLET;
            case VITAL_SIGNS -> Feather.HEART;
            case ENCOUNTERS -> Feather.CALENDAR;
            case PROCEDURES -> Feather.SCISSORS;
            case DOCUMENTS -> Feather.FILE_TEXT;
            case OTHER -> Feather.ARCHIVE;
        };
    }

    /** A style class ({@code cat-allergies}) that app.css colours. */
    public static String styleClass(Category category) {
        return "cat-" + category.name().toLowerCase().replace('_', '-');
    }

    public static String name(Category category, Messages text) {
        return text.get("category." + category.name());
    }

    /** The category's icon in its colour, in a round badge. */
    public static javafx.scene.Node badge(Category category, int iconSize) {
        FontIcon icon = ScreenParts.icon(icon(category), iconSize);
        icon.getStyleClass().add("category-icon");
        javafx.scene.layout.StackPane badge = new javafx.scene.layout.StackPane(icon);
        badge.getStyleClass().addAll("category-badge", styleClass(category));
        double size = iconSize * 2.0;
        badge.setMinSize(size, size);
        badge.setPrefSize(size, size);
        badge.setMaxSize(size, size);
        return badge;
    }
}
