package org.healthwallet.app.ui.imports;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.healthwallet.app.wallet.ReadFiles;
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
    /**
     * Whose file it is, when it is not the open wallet's patient: the name the file gives them.
     * Empty when it is the same person or cannot be told. Asked of the files as read for the import,
     * so they are read once.
     */
    @FunctionalInterface
    public interface WhoseFile {
        Optional<String> otherPatient(ReadFiles read);
    }

    /** Where a file of another person can go instead: a dependent's profile. Called on the FX thread. */
    public interface Elsewhere {
        /** The dependents' names, as the profile switcher shows them. */
        List<String> dependents();

        /** Switches to the dependent's profile and imports the files there (asking again if needed). */
        void importInto(String dependent, List<Path> files);
    }

    /** The import waits for the patient: the files are {@code otherPatient}'s, not the open wallet's. */
    public record Question(String otherPatient, List<Path> files, List<String> dependents) {
        public Question {
            files = List.copyOf(files);
            dependents = List.copyOf(dependents);
        }
    }

    private static final Elsewhere NOWHERE = new Elsewhere() {
        @Override public List<String> dependents() { return List.of(); }

        @Override public void importInto(String dependent, List<Path> files) { }
    };

    private final WalletSession session;
    private final Failures failures;
    private final WhoseFile whoseFile;
    private final Elsewhere elsewhere;
    private final ReadOnlyObjectWrapper<Question> question = new ReadOnlyObjectWrapper<>();
    private final StringProperty pathText = new SimpleStringProperty("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<UserText> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ImportReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Skipped> skipped = FXCollections.observableArrayList();
    private Runnable cancelling = () -> { };

    /** What the task did: imported (report and overview), or stopped at whose the files are. */
    private record Imported(ImportReport report, RecordsOverview overview, Optional<String> otherPatient) {}

    /** Imports without asking whose the files are. */
    public ImportViewModel(WalletSession session, Failures failures) {
        this(session, failures, read -> Optional.empty(), NOWHERE);
    }

    /**
     * @param whoseFile asked before each import; when the files are another person's the import
     *                  waits for the patient's answer ({@link #questionProperty()})
     * @param elsewhere the dependents' profiles, where such a file can go instead
     */
    public ImportViewModel(WalletSession session, Failures failures, WhoseFile whoseFile, Elsewhere elsewhere) {
        this.session = session;
        this.failures = failures;
        this.whoseFile = whoseFile;
        this.elsewhere = elsewhere;
        session.walletProperty().addListener((o, was, now) -> {
            question.set(null); // a question about another profile's import is moot
            if (now == null) {
                clear();
            }
        });
    }

    /** The wallet's own patient against the file's, by wallet-core's patient match (as the command line asks). */
    public static WhoseFile matchedPatient() {
        return new MatchedPatient();
    }

    /** Set while the import waits for the patient to say where another person's file goes. */
    public ReadOnlyObjectProperty<Question> questionProperty() { return question.getReadOnlyProperty(); }

    /** "It is me": the files are imported into the open wallet after all. */
    public Task<?> answerSamePerson() {
        Question q = question.get();
        if (q == null) {
            return null;
        }
        question.set(null);
        return importNow(q.files(), false);
    }

    /** The files go into {@code dependent}'s profile (switched to, then imported there). */
    public void answerDependent(String dependent) {
        Question q = question.get();
        if (q == null || !q.dependents().contains(dependent)) {
            return;
        }
        question.set(null);
        status.set(UserText.of("import.question.moving", dependent));
        elsewhere.importInto(dependent, q.files());
    }

    /** Nothing is imported. */
    public void answerCancel() {
        if (question.get() != null) {
            question.set(null);
            status.set(UserText.of("import.question.cancelled"));
        }
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
     * status when the task ends. When the files are another person's ({@link WhoseFile}), the task
     * ends without importing and {@link #questionProperty()} asks where they go.
     */
    public Task<?> start(List<Path> files) {
        OpenWallet wallet = session.wallet();
        if (wallet == null || running.get() || files.isEmpty()) {
            return null;
        }
        List<Path> chosen = List.copyOf(files);
        return importNow(chosen, true);
    }

    private Task<?> importNow(List<Path> chosen, boolean askWhose) {
        OpenWallet wallet = session.wallet();
        if (wallet == null || running.get()) {
            return null;
        }
        question.set(null);
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
                ReadFiles read = wallet.readFiles(chosen, feedback);
                if (askWhose) {
                    Optional<String> other = whoseFile.otherPatient(read);
                    if (other.isPresent()) {
                        return new Imported(null, null, other);
                    }
                }
                ImportReport result = wallet.importRead(read, feedback);
                return new Imported(result, RecordsOverview.of(wallet.index()), Optional.empty());
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
            if (done.otherPatient().isPresent()) {
                if (session.wallet() == wallet) {
                    question.set(new Question(done.otherPatient().get(), chosen, elsewhere.dependents()));
                    status.set(UserText.of("import.question.waiting", done.otherPatient().get()));
                } else {
                    status.set(null);
                }
                return;
            }
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
        question.set(null);
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
