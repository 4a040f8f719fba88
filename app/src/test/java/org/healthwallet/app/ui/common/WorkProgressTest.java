package org.healthwallet.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import org.healthwallet.app.ui.Fx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The progress row of background work: shown while it runs, following its progress, Cancel stops it. */
class WorkProgressTest {
    private final SimpleBooleanProperty running = new SimpleBooleanProperty(false);
    private final SimpleDoubleProperty progress = new SimpleDoubleProperty(0);
    private final AtomicInteger cancelled = new AtomicInteger();

    @BeforeAll
    static void fx() throws Exception {
        Fx.start();
    }

    @Test
    void showsTheBarAndCancelOnlyWhileTheWorkRunsAndCancelStopsIt() throws Exception {
        HBox row = Fx.call(() -> WorkProgress.of("import", running, progress, cancelled::incrementAndGet,
                new Messages(Locale.ENGLISH)));
        ProgressBar bar = (ProgressBar) row.lookup("#importProgress");
        Button cancel = (Button) row.lookup("#importCancel");
        assertThat(cancel.getText()).isEqualTo(new Messages(Locale.ENGLISH).get("common.cancel"));
        assertThat(bar.isVisible() || bar.isManaged() || cancel.isVisible() || cancel.isManaged()).isFalse();

        Fx.run(() -> {
            running.set(true);
            progress.set(0.25);
        });
        assertThat(bar.isVisible() && bar.isManaged() && cancel.isVisible() && cancel.isManaged()).isTrue();
        assertThat(bar.getProgress()).isEqualTo(0.25);

        Fx.run(cancel::fire);
        assertThat(cancelled).hasValue(1);
        Fx.run(() -> running.set(false));
        assertThat(bar.isVisible() || cancel.isVisible()).isFalse();
    }
}
