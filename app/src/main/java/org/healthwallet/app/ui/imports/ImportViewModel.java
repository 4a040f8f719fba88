package org.healthwallet.app.ui.imports;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.Skipped;
import org.healthwallet.core.vault.ImportCancelledException;

/**
 * Importing FHIR files into the open wallet: chosen in a file dialog, dropped on the window or
 * typed as paths. One import runs at a time, shows its progress and can be cancelled (then
 * nothing of it is kept).
 */
public final class ImportViewModel {
    private final WalletSession session;
    private final Failures failures;
    private final StringProperty pathText = new SimpleStringProperty("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<UserText> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ImportReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Skipped> skipped = FXCollections.observableArrayList();
    private Runnable cancelling = () -> { };

    private record Imported(ImportReport report, RecordsOverview overview) {}

    public ImportViewModel(WalletSession session, Failures failures) {
        this.session = session;
        this.failures = failures;
        session.walletProperty().addListener((o, was, now) -> {
            if (now == null) {
                clear();
            }
        });
    }

    /** Paths typed or pasted by the patient, one per line (the keyboard way to choose files). */
    public StringProperty pathTextProperty() { return pathText; }

    /** 0..1 while running; {@code -1} (indeterminate) while the size of the work is not known. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /** What is happening or what happened, for the line under the progress bar. */
    public ReadOnlyObjectProperty<UserText> statusProperty() { return status.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** The last finished import's report, or {@code null}. */
    public ReadOnlyObjectProperty<ImportReport> reportProperty() { return report.getReadOnlyProperty(); }

    /** The entries the last import skipped, each with its file, position and reason. */
    public ObservableList<Skipped> skipped() { return FXCollections.unmodifiableObservableList(skipped); }

    /** Imports the paths typed in {@link #pathTextProperty()}; {@code null} when they are not usable. */
    public Task<?> startFromTypedPaths() {
        List<Path> paths = new ArrayList<>();
        for (String line : pathText.get().split("\\R")) {
            String p = unquote(line.strip());
            if (p.isEmpty()) {
                continue;
            }
            try {
                paths.add(Path.of(p));
            } catch (InvalidPathException e) {
                status.set(UserText.of("import.badPath", p));
                return null;
            }
        }
        if (paths.isEmpty()) {
            status.set(UserText.of("import.noPath"));
            return null;
        }
        return start(paths);
    }

    /**
     * Starts importing (files or folders). Returns the running task, or {@code null} when the
     * wallet is locked or an import is already running. A path that does not exist is said in the
     * status when the task ends.
     */
    public Task<?> start(List<Path> files) {
        OpenWallet wallet = session.wallet();
        if (wallet == null || running.get() || files.isEmpty()) {
            return null;
        }
        List<Path> chosen = List.copyOf(files);
        AtomicBoolean cancelRequested = new AtomicBoolean(false);
        Task<Imported> task = new Task<>() {
            @Override protected Imported call() throws Exception {
                ImportProgress feedback = new ImportProgress() {
                    private long lastShown;
                    private String lastPhase = "";

                    @Override public synchronized void update(String phase, long done, long total) {
                        if (total > 0) {
                            updateProgress(done, total);
                        } else {
                            updateProgress(-1, -1);
                        }
                        // The status line changes at most ten times a second; the FX queue is not flooded.
                        long now = System.nanoTime();
                        if (phase.equals(lastPhase) && done < total && now - lastShown < 100_000_000L) {
                            return;
                        }
                        lastShown = now;
                        lastPhase = phase;
                        Platform.runLater(() -> {
                            if (running.get()) {
                                status.set(UserText.of("import.phase." + phase, done, total));
                            }
                        });
                    }

                    @Override public boolean isCancelled() {
                        return cancelRequested.get();
                    }
                };
                for (Path f : chosen) {
                    if (!Files.exists(f)) {
                        throw new NoSuchPath(f);
                    }
                }
                ImportReport result = wallet.importFiles(chosen, feedback);
                return new Imported(result, RecordsOverview.of(wallet.index()));
            }
        };
        // Cancelling goes through the vault (which rolls back) rather than Task.cancel, so the
        // task ends only when the vault has really stopped; until then the wallet stays busy.
        cancelling = () -> cancelRequested.set(true);
        running.set(true);
        report.set(null);
        skipped.clear();
        progress.unbind();
        progress.bind(task.progressProperty());
        status.set(UserText.of("import.starting", chosen.size()));
        task.setOnSucceeded(e -> {
            finish();
            Imported done = task.getValue();
            session.refresh(wallet, done.overview());
            ImportReport r = done.report();
            report.set(r);
            skipped.setAll(r.skipped());
            status.set(UserText.of("import.done", r.added(), r.merged(), r.skipped().size()));
        });
        task.setOnFailed(e -> {
            finish();
            Throwable failure = task.getException();
            status.set(failure instanceof ImportCancelledException ? UserText.of("import.cancelled")
                    : failure instanceof NoSuchPath missing ? UserText.of("import.missing", missing.path.toString())
                    : failures.describe("import", failure));
        });
        return session.run(task);
    }

    /** Stops the running import; the vault keeps nothing of it. */
    public void cancel() {
        if (running.get()) {
            cancelling.run();
            status.set(UserText.of("import.cancelling"));
        }
    }

    private void finish() {
        progress.unbind();
        progress.set(0);
        running.set(false);
        cancelling = () -> { };
    }

    /** Forgets the last report (the wallet locked). A running import is cancelled. */
    public void clear() {
        cancel();
        report.set(null);
        skipped.clear();
        status.set(null);
        pathText.set("");
    }

    /** A chosen path is not there (anymore); said in the patient's language, not logged as a bug. */
    private static final class NoSuchPath extends Exception {
        private final transient Path path;

        NoSuchPath(Path path) {
            super("no such path");
            this.path = path;
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
