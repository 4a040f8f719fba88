package org.healthwallet.app.ui.common;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableNumberValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;

/**
 * The progress bar and Cancel button of work that runs in the background (an import, a ledger
 * sync, an access log sync). Both show only while the work runs and take no room otherwise; the
 * bar grows to fill the width the row is given.
 */
public final class WorkProgress {
    private WorkProgress() {}

    /**
     * @param id names the parts for styling and tests: {@code id + "Progress"} and {@code id + "Cancel"}
     * @param running whether the work runs now (the view model's {@code runningProperty()})
     * @param progress 0 to 1, or negative while unknown (the view model's {@code progressProperty()})
     * @param cancel what Cancel does (the view model's {@code cancel()})
     */
    public static HBox of(String id, ObservableBooleanValue running, ObservableNumberValue progress,
            Runnable cancel, Messages text) {
        ProgressBar bar = new ProgressBar();
        bar.setId(id + "Progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(progress);
        bar.visibleProperty().bind(running);
        bar.managedProperty().bind(bar.visibleProperty());
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button stop = new Button(text.get("common.cancel"), ScreenParts.icon(Feather.X, 14));
        stop.setId(id + "Cancel");
        stop.getStyleClass().add(Styles.DANGER);
        stop.visibleProperty().bind(running);
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setOnAction(e -> cancel.run());
        HBox row = new HBox(10, bar, stop);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(row, Priority.ALWAYS);
        return row;
    }
}
