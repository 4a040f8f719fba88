package org.healthwallet.node;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A node service run in the foreground by a command: it waits until Ctrl-C or {@link #stop()},
 * and a Ctrl-C waits (briefly) for the service to close its stores before the JVM exits, so no
 * half-written block or share survives.
 */
public final class ForegroundRun {
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread shutdownHook;

    public ForegroundRun(String name) {
        this.shutdownHook = new Thread(this::stopAndWaitForClose, name + "-shutdown");
    }

    /** Blocks until a stop is asked for; call it once the service is up. Returns exit code 0. */
    public int awaitStop() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Call from {@code finally}, after the service has closed. */
    public void closed() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The JVM is already shutting down, or the service never came up.
        }
    }

    /** Asks {@link #awaitStop()} to return. */
    public void stop() {
        stopRequested.countDown();
    }

    private void stopAndWaitForClose() {
        stop();
        try {
            closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
