package org.healthwallet.app.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** View model tests run their view models on the real FX thread (headless), as the app does. */
public final class Fx {
    private Fx() {}

    /** Starts the FX toolkit once per test JVM. */
    public static void start() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs on the FX thread and returns the result. */
    public static <T> T call(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }

    public static void run(Runnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Waits until the background task has finished and its handlers have run on the FX thread. */
    public static void await(Task<?> task) throws Exception {
        // isDone is safe off the FX thread; the state and the handlers follow through the FX queue.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, task::isDone);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> call(() -> task.getState() != Worker.State.RUNNING
                && task.getState() != Worker.State.SCHEDULED && task.getState() != Worker.State.READY));
        WaitForAsyncUtils.waitForFxEvents();
    }

    public static void awaitCondition(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
