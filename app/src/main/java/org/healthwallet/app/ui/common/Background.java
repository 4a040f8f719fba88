package org.healthwallet.app.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;

/**
 * Where the app's slow work runs: key derivation, imports, file I/O. The FX thread never does any
 * of it; view models hand a {@link Task} here and get the result on the FX thread.
 */
public final class Background implements AutoCloseable {
    private final ExecutorService executor;

    public Background() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "healthwallet-work-" + n.incrementAndGet());
            t.setDaemon(true); // a stuck task must not keep the app alive after the window closes
            return t;
        };
        // Two workers: a long import must not hold up a lock, an unlock or a small read.
        this.executor = Executors.newFixedThreadPool(2, threads);
    }

    /** Starts the task in the background and returns it, so the caller can bind progress and cancel. */
    public <T> Task<T> run(Task<T> task) {
        executor.execute(task);
        return task;
    }

    @Override
    public void close() {
        // Queued work (locking the wallet, saving settings) still runs; a stuck task is interrupted.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
