package org.healthwallet.app.ui.share;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.ui.home.HomeViewModel.CategoryCount;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareLink;
import org.healthwallet.core.share.SharePage;
import org.healthwallet.core.share.ShareSelection;

/**
 * The share wizard: what to share, for how long, with or without a passcode, a label and whom it
 * is for; then the share is made in the background and shown as a QR code to save, print or copy.
 */
public final class ShareWizardViewModel {
    public enum What { SUMMARY, CATEGORIES, RECORDS, DATES }

    public enum Expiry {
        MINUTES_15(Duration.ofMinutes(15)), HOUR_1(Duration.ofHours(1)), DAY_1(Duration.ofDays(1)),
        DAYS_7(Duration.ofDays(7)), CUSTOM(null);

        private final Duration lifetime;

        Expiry(Duration lifetime) { this.lifetime = lifetime; }
    }

    public enum Stage { CHOOSING, CREATING, DONE }

    /** A made share as the result page shows it. */
    public record Created(Share share, String linkText, byte[] qrPng) {
        public Created {
            qrPng = qrPng.clone();
        }

        @Override public byte[] qrPng() { return qrPng.clone(); }
    }

    /** Pixels of the QR code shown, saved and printed: sharp on a phone camera from a screen. */
    static final int QR_SIZE_PX = 720;
    private static final int MAX_PASSCODE = 64;
    private static final int MIN_PASSCODE = 4;

    private final WalletSession session;
    private final WalletShares.Source source;
    private final Failures failures;
    private final Clock clock;
    private final ZoneId zone;
    private final ObjectProperty<What> what = new SimpleObjectProperty<>(What.SUMMARY);
    private final ObservableList<CategoryCount> categories = FXCollections.observableArrayList();
    private final ObservableSet<Category> chosenCategories = FXCollections.observableSet(EnumSet.noneOf(Category.class));
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<RecordSummary> found = FXCollections.observableArrayList();
    private final ObservableSet<UUID> picked = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<Expiry> expiry = new SimpleObjectProperty<>(Expiry.HOUR_1);
    private final ObjectProperty<LocalDate> customDate = new SimpleObjectProperty<>();
    private final StringProperty customTime = new SimpleStringProperty("17:00");
    private final BooleanProperty passcodeOn = new SimpleBooleanProperty(false);
    private final StringProperty passcode = new SimpleStringProperty("");
    private final StringProperty passcodeAgain = new SimpleStringProperty("");
    private final StringProperty label = new SimpleStringProperty("");
    private final StringProperty forWhom = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(Stage.CHOOSING);
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Created> created = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserText> notice = new ReadOnlyObjectWrapper<>();
    private Task<Created> running;

    public ShareWizardViewModel(WalletSession session, WalletShares.Source source, Failures failures, Clock clock, ZoneId zone) {
        this.session = session;
        this.source = source;
        this.failures = failures;
        this.clock = clock;
        this.zone = zone;
        session.overviewProperty().addListener((o, a, b) -> showWallet(b));
        search.addListener((o, a, b) -> find());
        for (Observable input : List.of(what, from, to, expiry, customDate, customTime, passcodeOn, passcode,
                passcodeAgain, label, forWhom)) {
            input.addListener(o -> error.set(null));
        }
        chosenCategories.addListener((javafx.collections.SetChangeListener<Category>) c -> error.set(null));
        picked.addListener((javafx.collections.SetChangeListener<UUID>) c -> error.set(null));
        showWallet(session.overview());
    }

    public ObjectProperty<What> whatProperty() { return what; }

    /** Categories holding records, with their counts. */
    public ObservableList<CategoryCount> categories() { return FXCollections.unmodifiableObservableList(categories); }

    public ObservableSet<Category> chosenCategories() { return chosenCategories; }

    /** Words to find records by (title, details, category); the list below follows. */
    public StringProperty searchProperty() { return search; }

    /** The records matching the search, newest first. */
    public ObservableList<RecordSummary> found() { return FXCollections.unmodifiableObservableList(found); }

    /** The records picked by hand (vault ids), in the order picked. */
    public ObservableSet<UUID> picked() { return picked; }

    public ObjectProperty<LocalDate> fromProperty() { return from; }

    public ObjectProperty<LocalDate> toProperty() { return to; }

    public ObjectProperty<Expiry> expiryProperty() { return expiry; }

    public ObjectProperty<LocalDate> customDateProperty() { return customDate; }

    /** The custom expiry's time of day, {@code HH:mm}, in the computer's time zone. */
    public StringProperty customTimeProperty() { return customTime; }

    public BooleanProperty passcodeOnProperty() { return passcodeOn; }

    public StringProperty passcodeProperty() { return passcode; }

    public StringProperty passcodeAgainProperty() { return passcodeAgain; }

    public StringProperty labelProperty() { return label; }

    public StringProperty forWhomProperty() { return forWhom; }

    public ReadOnlyObjectProperty<Stage> stageProperty() { return stage.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

    /** The share just made, with its QR code, or {@code null}. */
    public ReadOnlyObjectProperty<Created> createdProperty() { return created.getReadOnlyProperty(); }

    /** A line after saving or printing ("Saved to …"), or {@code null}. */
    public ReadOnlyObjectProperty<UserText> noticeProperty() { return notice.getReadOnlyProperty(); }

    /** What is wrong with the form now, in the patient's words; empty when it can be shared. */
    public Optional<UserText> problem() {
        return draft().map(d -> Optional.<UserText>empty(), p -> Optional.of(p));
    }

    /**
     * Makes the share in the background (the stage goes CREATING, then DONE with the QR code, or
     * back to CHOOSING with the reason). Returns the task, or {@code null} when the form has a
     * problem (in {@link #errorProperty()}) or a share is being made.
     */
    public Task<Created> create() {
        if (stage.get() == Stage.CREATING) {
            return null;
        }
        OpenWallet wallet = session.wallet();
        Either result = draft();
        if (result.problem != null) {
            error.set(result.problem);
            return null;
        }
        ShareDraft draft = result.draft;
        Optional<String> whom = Optional.ofNullable(forWhom.get()).map(String::strip).filter(s -> !s.isEmpty());
        error.set(null);
        notice.set(null);
        stage.set(Stage.CREATING);
        Task<Created> task = new Task<>() {
            @Override protected Created call() throws Exception {
                WalletShares shares = source.of(wallet);
                Share share = shares.create(draft, whom);
                if (isCancelled()) {
                    // Cancelled while the relay and ledger were busy: the patient does not want it.
                    shares.revoke(share.id());
                    return null;
                }
                String text = shares.linkText(share);
                return new Created(share, text, QrCode.encode(text, QR_SIZE_PX));
            }
        };
        running = task;
        task.setOnSucceeded(e -> {
            running = null;
            passcode.set("");
            passcodeAgain.set("");
            created.set(task.getValue());
            stage.set(Stage.DONE);
        });
        task.setOnFailed(e -> {
            running = null;
            stage.set(Stage.CHOOSING);
            error.set(describe(task.getException()));
        });
        task.setOnCancelled(e -> {
            running = null;
            stage.set(Stage.CHOOSING);
            error.set(UserText.of("share.cancelled"));
        });
        return session.run(task);
    }

    /** Stops making the share; one made meanwhile is revoked again. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** Back to the form for another share (the passcode fields are already empty). */
    public void another() {
        created.set(null);
        notice.set(null);
        error.set(null);
        stage.set(Stage.CHOOSING);
    }

    /** Writes the QR code as a PNG file, in the background. */
    public Task<Path> saveQr(Path file) {
        Created shown = created.get();
        if (shown == null) {
            return null;
        }
        Task<Path> task = new Task<>() {
            @Override protected Path call() throws Exception {
                Files.write(file, shown.qrPng());
                return file;
            }
        };
        return afterWriting(task, "share.saved");
    }

    /**
     * Writes the printable page (QR code, label, expiry in words, instructions; never the passcode)
     * as one HTML file, in the background; the screen opens it in the browser to print.
     */
    public Task<Path> savePrintablePage(Path file, String instructions) {
        Created shown = created.get();
        if (shown == null) {
            return null;
        }
        Instant now = clock.instant();
        Task<Path> task = new Task<>() {
            @Override protected Path call() throws Exception {
                String html = SharePage.html(shown.linkText(), shown.share().label().orElse(""),
                        shown.share().expiresAt(), instructions, zone, now);
                Files.writeString(file, html);
                return file;
            }
        };
        return afterWriting(task, "share.pageSaved");
    }

    private Task<Path> afterWriting(Task<Path> task, String doneKey) {
        notice.set(null);
        task.setOnSucceeded(e -> notice.set(UserText.of(doneKey, task.getValue().toString())));
        task.setOnFailed(e -> notice.set(UserText.of("share.saveFailed", String.valueOf(task.getException().getMessage()))));
        return session.run(task);
    }

    private UserText describe(Throwable failure) {
        if (failure instanceof ShareException) {
            return UserText.literal(failure.getMessage());
        }
        return failures.describe("create share", failure);
    }

    /** The draft the form describes, or what is wrong with it. */
    private record Either(ShareDraft draft, UserText problem) {
        <T> T map(java.util.function.Function<ShareDraft, T> ok, java.util.function.Function<UserText, T> bad) {
            return problem == null ? ok.apply(draft) : bad.apply(problem);
        }
    }

    private Either draft() {
        if (session.wallet() == null) {
            return bad("share.error.locked");
        }
        ShareSelection selection;
        switch (what.get()) {
            case SUMMARY -> selection = new ShareSelection.PatientSummary();
            case CATEGORIES -> {
                if (chosenCategories.isEmpty()) {
                    return bad("share.error.noCategory");
                }
                selection = new ShareSelection.Categories(chosenCategories);
            }
            case RECORDS -> {
                if (picked.isEmpty()) {
                    return bad("share.error.noRecord");
                }
                selection = new ShareSelection.Records(picked);
            }
            default -> {
                if (from.get() == null || to.get() == null) {
                    return bad("share.error.noDates");
                }
                if (to.get().isBefore(from.get())) {
                    return bad("share.error.datesReversed");
                }
                selection = new ShareSelection.DateRange(from.get(), to.get(), chosenCategories);
            }
        }
        Instant now = clock.instant();
        Duration lifetime;
        if (expiry.get() == Expiry.CUSTOM) {
            if (customDate.get() == null) {
                return bad("share.error.customMissing");
            }
            LocalTime time;
            try {
                time = LocalTime.parse(customTime.get() == null ? "" : customTime.get().strip());
            } catch (DateTimeParseException e) {
                return bad("share.error.customTime");
            }
            lifetime = Duration.between(now, customDate.get().atTime(time).atZone(zone).toInstant());
        } else {
            lifetime = expiry.get().lifetime;
        }
        if (lifetime.compareTo(ShareDraft.MIN_LIFETIME) < 0) {
            return bad("share.error.tooSoon");
        }
        if (lifetime.compareTo(ShareDraft.MAX_LIFETIME) > 0) {
            return bad("share.error.tooLate", ShareDraft.MAX_LIFETIME.toDays());
        }
        ShareDraft draft = ShareDraft.of(selection, now, lifetime);
        if (passcodeOn.get()) {
            String code = passcode.get() == null ? "" : passcode.get();
            int length = code.codePointCount(0, code.length());
            if (length == 0) {
                return bad("share.error.passcodeEmpty");
            }
            if (length < MIN_PASSCODE || length > MAX_PASSCODE) {
                return bad("share.error.passcodeLength", MIN_PASSCODE, MAX_PASSCODE);
            }
            if (!code.equals(passcodeAgain.get())) {
                return bad("share.error.passcodeMismatch");
            }
            draft = draft.withPasscode(code);
        }
        String text = label.get() == null ? "" : label.get().strip();
        if (text.codePointCount(0, text.length()) > ShareLink.MAX_LABEL_LENGTH) {
            return bad("share.error.labelLong", ShareLink.MAX_LABEL_LENGTH);
        }
        if (!text.isEmpty()) {
            draft = draft.withLabel(text);
        }
        Optional<String> problem = draft.problem(now);
        return problem.isPresent() ? new Either(null, UserText.literal(problem.get())) : new Either(draft, null);
    }

    private static Either bad(String key, Object... args) {
        return new Either(null, UserText.of(key, args));
    }

    private void showWallet(RecordsOverview overview) {
        if (overview == null) {
            cancel();
            categories.clear();
            chosenCategories.clear();
            picked.clear();
            found.clear();
            created.set(null);
            passcode.set("");
            passcodeAgain.set("");
            forWhom.set("");
            label.set("");
            notice.set(null);
            error.set(null);
            stage.set(Stage.CHOOSING);
            return;
        }
        categories.setAll(Arrays.stream(Category.values()).map(c -> new CategoryCount(c, overview.count(c)))
                .filter(c -> c.count() > 0).toList());
        chosenCategories.retainAll(categories.stream().map(CategoryCount::category).toList());
        find();
    }

    private void find() {
        RecordsOverview overview = session.overview();
        if (overview == null) {
            found.clear();
            return;
        }
        String[] words = (search.get() == null ? "" : search.get()).toLowerCase(Locale.ROOT).strip().split("\\s+");
        List<RecordSummary> all = new ArrayList<>();
        overview.byCategory().values().forEach(all::addAll);
        all.sort(RecordsOverview.NEWEST_FIRST);
        found.setAll(all.stream().filter(s -> matches(s, words)).toList());
    }

    private static boolean matches(RecordSummary summary, String[] words) {
        // The record's own JSON holds every name and code it shows (in any language it was written in).
        String haystack = (summary.category().name() + " " + summary.record().resource().json()).toLowerCase(Locale.ROOT);
        return Arrays.stream(words).allMatch(w -> w.isEmpty() || haystack.contains(w));
    }
}
