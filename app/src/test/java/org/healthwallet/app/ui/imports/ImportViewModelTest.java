package org.healthwallet.app.ui.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.vault.ImportCancelledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ImportViewModelTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();

    private ImportViewModel model(WalletSession session) {
        return new ImportViewModel(session, new Failures(new ErrorLog(temp.resolve("log"))));
    }

    private WalletSession openRealWallet() throws Exception {
        VaultHome home = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet")));
        OpenWallet wallet = home.create("Tulip-Orbit-42!".toCharArray()).wallet();
        WalletSession session = new WalletSession(fx.background());
        Fx.run(() -> session.open(wallet, RecordsOverview.of(wallet.index())));
        return session;
    }

    @Test
    void importsTypedPathsIntoTheVaultAndRefreshesWhatTheScreensShow() throws Exception {
        WalletSession session = openRealWallet();
        ImportViewModel model = model(session);
        Fx.run(() -> model.pathTextProperty().set("\"" + TestFiles.samplePatient() + "\"\n"));
        var task = Fx.call(model::startFromTypedPaths);
        assertThat(session.busyProperty().get()).isTrue();
        Fx.await(task);

        ImportReport report = model.reportProperty().get();
        assertThat(report.added()).isEqualTo(77);
        assertThat(report.skipped()).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo(UserText.of("import.done", 77, 0, 0));
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(session.busyProperty().get()).isFalse();
        assertThat(session.overview().count(Category.ALLERGIES)).isEqualTo(3);

        // The same file again: everything merges, nothing is added twice.
        Fx.await(Fx.call(() -> model.start(List.of(TestFiles.samplePatient()))));
        assertThat(model.reportProperty().get().added()).isZero();
        assertThat(model.reportProperty().get().merged()).isEqualTo(77);
        assertThat(session.overview().index().size()).isEqualTo(77);
        Fx.run(session::lock);
    }

    @Test
    void skippedEntriesAreListedWithPositionAndReason() throws Exception {
        WalletSession session = openRealWallet();
        ImportViewModel model = model(session);
        Path ndjson = temp.resolve("mixed.ndjson");
        Files.writeString(ndjson, """
                {"resourceType":"Patient","id":"p1","birthDate":"1980-02-03"}
                {"resourceType":"Observation","id":"o1","status":"final","code":{"text":"x"},"effectiveDateTime":"2020-13-45"}
                this line is not JSON
                """);
        Fx.await(Fx.call(() -> model.start(List.of(ndjson))));

        assertThat(model.reportProperty().get().added()).isEqualTo(1);
        assertThat(model.skipped()).hasSize(2);
        assertThat(model.skipped()).allSatisfy(s -> {
            assertThat(s.source()).contains("mixed.ndjson");
            assertThat(s.position()).startsWith("line ");
            assertThat(s.reason()).isNotBlank();
        });
        Fx.run(session::lock);
    }

    @Test
    void aFileThatIsNotJsonFailsTheWholeImportWithTheReadersMessage() throws Exception {
        WalletSession session = openRealWallet();
        ImportViewModel model = model(session);
        Path notes = temp.resolve("notes.json");
        Files.writeString(notes, "{\"resourceType\": \"Patient\", oops");
        Fx.await(Fx.call(() -> model.start(List.of(TestFiles.samplePatient(), notes))));

        UserText status = model.statusProperty().get();
        assertThat(status.key()).isNull();
        assertThat(status.literal()).contains("notes.json");
        assertThat(model.reportProperty().get()).isNull();
        assertThat(session.overview().index().size()).as("nothing of the import is kept").isZero();
        assertThat(Files.exists(temp.resolve("log"))).as("not a bug, so not logged").isFalse();
        Fx.run(session::lock);
    }

    @Test
    void aMissingPathIsSaidAndNothingIsImported() throws Exception {
        WalletSession session = openRealWallet();
        ImportViewModel model = model(session);
        Path missing = temp.resolve("nowhere.json");
        Fx.await(Fx.call(() -> model.start(List.of(TestFiles.samplePatient(), missing))));
        assertThat(model.statusProperty().get()).isEqualTo(UserText.of("import.missing", missing.toString()));
        assertThat(session.overview().index().size()).isZero();
        Fx.run(() -> model.pathTextProperty().set("  \n "));
        assertThat(Fx.call(model::startFromTypedPaths)).isNull();
        assertThat(model.statusProperty().get()).isEqualTo(UserText.of("import.noPath"));
        Fx.run(session::lock);
    }

    @Test
    void cancelReachesTheImportAndKeepsTheWalletBusyUntilItStopped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OpenWallet slow = new OpenWallet() {
            @Override public RecordIndex index() { return RecordIndex.of(List.of()); }
            @Override public ImportReport importFiles(List<Path> files, ImportProgress progress) throws ImportCancelledException {
                return importRead(null, progress);
            }
            @Override public ImportReport importRead(org.healthwallet.app.wallet.ReadFiles read, ImportProgress progress)
                    throws ImportCancelledException {
                started.countDown();
                while (!progress.isCancelled()) {
                    Thread.onSpinWait();
                }
                try {
                    release.await(10, TimeUnit.SECONDS); // the vault is still rolling back
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ImportCancelledException();
            }
            @Override public int exportBundle(Path out) { return 0; }
            @Override public void changePassphrase(char[] current, char[] next) { }
            @Override public void backup(Path out) { }
            @Override public void close() { }
        };
        WalletSession session = new WalletSession(fx.background());
        Fx.run(() -> session.open(slow, RecordsOverview.of(slow.index())));
        ImportViewModel model = model(session);
        var task = Fx.call(() -> model.start(List.of(TestFiles.samplePatient())));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Fx.run(model::cancel);
        assertThat(model.statusProperty().get()).isEqualTo(UserText.of("import.cancelling"));
        Thread.sleep(200);
        assertThat(session.busyProperty().get()).as("busy until the vault has stopped").isTrue();
        release.countDown();
        Fx.await(task);
        assertThat(model.statusProperty().get()).isEqualTo(UserText.of("import.cancelled"));
        assertThat(model.reportProperty().get()).isNull();
        assertThat(session.busyProperty().get()).isFalse();
    }

    @Test
    void anotherPersonsFileWaitsForThePatientsAnswerAndIsImportedOnlyWhereTheyChoose() throws Exception {
        WalletSession session = openRealWallet();
        List<String> movedTo = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<List<Path>> movedFiles = new java.util.concurrent.CopyOnWriteArrayList<>();
        ImportViewModel model = new ImportViewModel(session, new Failures(new ErrorLog(temp.resolve("log"))),
                read -> java.util.Optional.of("Jorge Brekke"), new ImportViewModel.Elsewhere() {
                    @Override public List<String> dependents() {
                        return List.of("Lorenzo");
                    }

                    @Override public void importInto(String dependent, List<Path> files) {
                        movedTo.add(dependent);
                        movedFiles.add(files);
                    }
                });
        Path file = TestFiles.samplePatient();
        Fx.await(Fx.call(() -> model.start(List.of(file))));
        assertThat(Fx.call(() -> model.questionProperty().get()))
                .isEqualTo(new ImportViewModel.Question("Jorge Brekke", List.of(file), List.of("Lorenzo")));
        assertThat(Fx.call(() -> model.reportProperty().get())).isNull();
        assertThat(session.wallet().index().size()).as("nothing imported while the question is open").isZero();
        assertThat(Fx.call(() -> model.runningProperty().get())).isFalse();

        Fx.run(() -> model.answerDependent("Someone else"));
        assertThat(movedTo).as("only a dependent offered").isEmpty();
        Fx.run(() -> model.answerDependent("Lorenzo"));
        assertThat(movedTo).containsExactly("Lorenzo");
        assertThat(movedFiles).containsExactly(List.of(file));
        assertThat(Fx.call(() -> model.questionProperty().get())).isNull();
        assertThat(session.wallet().index().size()).isZero();

        Fx.await(Fx.call(() -> model.start(List.of(file))));
        Fx.run(model::answerCancel);
        assertThat(Fx.call(() -> model.statusProperty().get())).isEqualTo(UserText.of("import.question.cancelled"));
        assertThat(session.wallet().index().size()).isZero();

        // "It is me": merged into this wallet without asking again.
        Fx.await(Fx.call(() -> model.start(List.of(file))));
        Fx.await(Fx.call(model::answerSamePerson));
        assertThat(model.reportProperty().get().added()).isEqualTo(77);
        assertThat(session.overview().index().size()).isEqualTo(77);
        Fx.run(session::lock);
    }

    @Test
    void thePatientMatchAsksOnlyWhenTheFilesPatientIsAnotherPerson() throws Exception {
        VaultHome home = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet")));
        OpenWallet wallet = home.create("Tulip-Orbit-42!".toCharArray()).wallet();
        ImportViewModel.WhoseFile whose = ImportViewModel.matchedPatient();
        Path jorge = TestFiles.jorgeBrekke();
        assertThat(whose.otherPatient(wallet.readFiles(List.of(jorge), ImportProgress.NONE)))
                .as("a wallet without a patient yet").isEmpty();
        wallet.importFiles(List.of(TestFiles.samplePatient()), ImportProgress.NONE);
        assertThat(whose.otherPatient(wallet.readFiles(List.of(TestFiles.samplePatient()), ImportProgress.NONE)))
                .as("the same person").isEmpty();
        assertThat(whose.otherPatient(wallet.readFiles(List.of(jorge), ImportProgress.NONE)))
                .hasValueSatisfying(name -> assertThat(name).contains("Brekke"));
        wallet.close();
    }
}
