package org.healthwallet.app.ui.shell;

import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.healthwallet.app.ui.common.WalletSession;

/**
 * Locks the open wallet when nobody has touched the window for the configured minutes, so a
 * laptop left open does not leave the records readable. Work in progress (an import) postpones it.
 */
public final class IdleLock {
    private WalletSession session;
    private final IntSupplier idleMinutes;
    private final Clock clock;
    private final Timeline ticker;
    private final EventHandler<Event> activity = e -> touch();
    private Instant lastActivity;

    /**
     * @param idleMinutes read at every check, so a changed setting applies at once
     */
    public IdleLock(IntSupplier idleMinutes, Clock clock) {
        this.idleMinutes = idleMinutes;
        this.clock = clock;
        this.lastActivity = clock.instant();
        this.ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(5), e -> check()));
        this.ticker.setCycleCount(Animation.INDEFINITE);
    }

    /** Guards this session from now on (the window shows one wallet at a time). */
    public void follow(WalletSession guarded) {
        this.session = guarded;
        guarded.walletProperty().addListener((obs, was, now) -> touch());
        touch();
    }

    /** Watches this scene's keyboard, mouse and scroll input and starts checking. */
    public void watch(Scene scene) {
        scene.addEventFilter(KeyEvent.ANY, activity);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, activity);
        scene.addEventFilter(MouseEvent.MOUSE_MOVED, activity);
        scene.addEventFilter(ScrollEvent.ANY, activity);
        ticker.play();
    }

    public void stop() {
        ticker.stop();
    }

    /** The person did something. */
    public void touch() {
        lastActivity = clock.instant();
    }

    /** Locks if the wallet is open, idle long enough, and nothing is running. Returns whether it locked. */
    public boolean check() {
        if (session == null || !session.isOpen()) {
            return false;
        }
        if (session.busyProperty().get()) {
            touch();
            return false;
        }
        java.time.Duration idle = java.time.Duration.between(lastActivity, clock.instant());
        if (idle.compareTo(java.time.Duration.ofMinutes(idleMinutes.getAsInt())) >= 0) {
            session.lock();
            return true;
        }
        return false;
    }
}
