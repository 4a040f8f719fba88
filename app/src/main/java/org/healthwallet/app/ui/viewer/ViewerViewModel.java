package org.healthwallet.app.ui.viewer;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.wallet.IndentedJson;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.RecordDetail;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.share.JweException;
import org.healthwallet.core.share.MalformedLinkException;
import org.healthwallet.core.share.QrCodeException;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.core.share.ReceivedShare;
import org.healthwallet.core.share.ShareAccessException;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareLink;

/**
 * The doctor's viewer: a link pasted or read from a QR image, the name the patient's access log
 * will show, the passcode when the link asks for one; then the shared records, read-only and only
 * in memory. Needs no wallet.
 */
public final class ViewerViewModel {
    /** Fetches and decrypts a link; {@code ShlReceiver.create()::open} in the app. */
    @FunctionalInterface
    public interface LinkOpener {
        ReceivedShare open(String link, String recipient, Optional<String> passcode) throws ShareException;
    }

    private final LinkOpener opener;
    private final Background background;
    private final Failures failures;
    private final StringProperty link = new SimpleStringProperty("");
    private final StringProperty recipient = new SimpleStringProperty("");
    private final StringProperty passcode = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper needsPasscode = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RecordsOverview> opened = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RecordSummary> records = FXCollections.observableArrayList();
    private final ObjectProperty<RecordSummary> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<RecordDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper json = new ReadOnlyStringWrapper("");
    private final BooleanProperty showingRecords = new SimpleBooleanProperty(false);

    public ViewerViewModel(LinkOpener opener, Background background, Failures failures) {
        this.opener = opener;
        this.background = background;
        this.failures = failures;
        link.addListener((o, a, b) -> {
            error.set(null);
            readLink(b);
        });
        recipient.addListener((o, a, b) -> error.set(null));
        passcode.addListener((o, a, b) -> error.set(null));
        selected.addListener((o, a, b) -> showRecord(b));
    }

    /** The link as pasted: {@code shlink:/…} or a viewer URL ending in {@code #shlink:/…}. */
    public StringProperty linkProperty() { return link; }

    /** Who is opening it, as the patient's access log will show it. */
    public StringProperty recipientProperty() { return recipient; }

    public StringProperty passcodeProperty() { return passcode; }

    /** True when the pasted link has flag P: the passcode field shows. */
    public ReadOnlyBooleanProperty needsPasscodeProperty() { return needsPasscode.getReadOnlyProperty(); }

    /** The link's label (what the patient called it), once the link reads. */
    public ReadOnlyStringProperty labelProperty() { return label.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** What went wrong, in words for the doctor, or {@code null}. */
    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

    /** The records of the opened link, or {@code null} before one opened. */
    public ReadOnlyObjectProperty<RecordsOverview> openedProperty() { return opened.getReadOnlyProperty(); }

    /** Every shared record, by category then newest first. */
    public ObservableList<RecordSummary> records() { return FXCollections.unmodifiableObservableList(records); }

    public ObjectProperty<RecordSummary> selectedProperty() { return selected; }

    public ReadOnlyObjectProperty<RecordDetail> detailProperty() { return detail.getReadOnlyProperty(); }

    public ReadOnlyStringProperty jsonProperty() { return json.getReadOnlyProperty(); }

    /** Whether the records show (after opening) or the form (before, or after "open another"). */
    public BooleanProperty showingRecordsProperty() { return showingRecords; }

    /** Reads a QR code from an image file in the background and puts its text in the link field. */
    public Task<String> readQrImage(Path image) {
        busy.set(true);
        error.set(null);
        Task<String> task = new Task<>() {
            @Override protected String call() throws Exception {
                return QrCode.decode(image);
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            link.set(task.getValue());
        });
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(describe(task.getException()));
        });
        return background.run(task);
    }

    /**
     * Opens the link: checks the form, then fetches and decrypts in the background. Returns the
     * task, or {@code null} when the form is not complete (the reason is in {@link #errorProperty()}).
     */
    public Task<RecordsOverview> open() {
        if (busy.get()) {
            return null;
        }
        String text = link.get() == null ? "" : link.get().strip();
        String who = recipient.get() == null ? "" : recipient.get().strip();
        String code = passcode.get() == null ? "" : passcode.get();
        if (text.isEmpty()) {
            error.set(UserText.of("viewer.error.noLink"));
            return null;
        }
        if (who.isEmpty()) {
            error.set(UserText.of("viewer.error.noRecipient"));
            return null;
        }
        if (needsPasscode.get() && code.isEmpty()) {
            error.set(UserText.of("viewer.error.passcodeNeeded"));
            return null;
        }
        Optional<String> given = needsPasscode.get() ? Optional.of(code) : Optional.empty();
        busy.set(true);
        error.set(null);
        Task<RecordsOverview> task = new Task<>() {
            @Override protected RecordsOverview call() throws Exception {
                return ReceivedRecords.of(opener.open(text, who, given));
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            passcode.set("");
            show(task.getValue());
        });
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(describe(task.getException()));
        });
        return background.run(task);
    }

    /** Back to the form for another link; the records shown are dropped. */
    public void openAnother() {
        show(null);
        link.set("");
        passcode.set("");
        error.set(null);
    }

    /** Shows a record another one refers to (a detail row's link). */
    public void openReferenced(StoredRecord record) {
        records.stream().filter(s -> s.record().id().equals(record.id())).findFirst().ifPresent(selected::set);
    }

    /** The doctor's words for a failure; the mapping the screen shows inline. */
    UserText describe(Throwable failure) {
        if (failure instanceof ShareAccessException access) {
            return switch (access.reason()) {
                case EXPIRED -> UserText.of("viewer.error.expired");
                case PASSCODE_NEEDED -> UserText.of("viewer.error.passcodeNeeded");
                case WRONG_PASSCODE -> access.remainingAttempts().isPresent()
                        ? UserText.of("viewer.error.wrongPasscode.left", access.remainingAttempts().getAsInt())
                        : UserText.of("viewer.error.wrongPasscode");
                case NOT_FOUND -> UserText.of("viewer.error.notFound");
                case TOO_MANY_REQUESTS -> access.retryAfter().isPresent()
                        ? UserText.of("viewer.error.tooMany.wait", Math.max(1, access.retryAfter().get().toSeconds()))
                        : UserText.of("viewer.error.tooMany");
                case UNAVAILABLE -> UserText.of("viewer.error.unavailable");
                case UNREACHABLE -> UserText.of("viewer.error.unreachable");
                case BAD_ANSWER -> UserText.of("viewer.error.badAnswer");
            };
        }
        if (failure instanceof MalformedLinkException) {
            return UserText.of("viewer.error.malformed", failure.getMessage());
        }
        if (failure instanceof JweException) {
            return UserText.of("viewer.error.damaged");
        }
        if (failure instanceof FhirReadException) {
            return UserText.of("viewer.error.notRecords");
        }
        if (failure instanceof QrCodeException || failure instanceof ShareException) {
            return UserText.literal(failure.getMessage());
        }
        return failures.describe("open shared link", failure);
    }

    private void readLink(String text) {
        String t = text == null ? "" : text.strip();
        try {
            ShareLink parsed = ShareLink.parse(t);
            needsPasscode.set(parsed.has(ShareLink.Flag.P));
            label.set(parsed.label().orElse(""));
        } catch (MalformedLinkException e) {
            // Typing is under way or the text is wrong: opening says why.
            needsPasscode.set(false);
            label.set("");
        }
    }

    private void show(RecordsOverview overview) {
        selected.set(null);
        opened.set(overview);
        if (overview == null) {
            records.clear();
            showingRecords.set(false);
            return;
        }
        List<RecordSummary> all = overview.byCategory().values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(RecordSummary::category)).toList();
        records.setAll(all);
        showingRecords.set(true);
        if (!records.isEmpty()) {
            selected.set(records.get(0));
        }
    }

    private void showRecord(RecordSummary summary) {
        RecordsOverview overview = opened.get();
        if (summary == null || overview == null) {
            detail.set(null);
            json.set("");
            return;
        }
        detail.set(RecordDetail.of(summary.record(), overview.index()));
        json.set(IndentedJson.of(summary.record().resource().json()));
    }
}
