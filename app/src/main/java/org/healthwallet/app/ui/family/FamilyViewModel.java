package org.healthwallet.app.ui.family;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.share.QrCode;

/**
 * The Family page: add a dependent (a child, by name and date of birth; or an adult, by accepting
 * the invitation they sent, pasted or read from a file or a QR image) and show "My caregiver code"
 * as text and QR code for a person who wants to invite this patient. Works on the patient's own
 * wallet, also while a dependent's profile is shown. All public methods are called on the FX thread.
 */
public final class FamilyViewModel {
    /** The QR code's side in pixels (a PNG, decoded into an image by the screen). */
    static final int QR_PX = 280;

    /** The caregiver code as text and as a QR code PNG. */
    public record Code(String text, byte[] qrPng) {}

    private final WalletSession session;
    private final WalletFamily.Source source;
    private final Failures failures;
    private final Clock clock;
    private final Consumer<Dependent> added;
    private final StringProperty childName = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> childBorn = new SimpleObjectProperty<>();
    private final StringProperty invitation = new SimpleStringProperty("");
    private final StringProperty myName = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserText> done = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Code> code = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper codeText = new ReadOnlyStringWrapper("");

    /** @param added told of each dependent added (the switcher lists it) */
    public FamilyViewModel(WalletSession session, WalletFamily.Source source, Failures failures, Clock clock,
                           Consumer<Dependent> added) {
        this.session = session;
        this.source = source;
        this.failures = failures;
        this.clock = clock;
        this.added = added;
        session.ownerProperty().addListener((o, was, now) -> {
            if (now == null) {
                clear();
            }
        });
    }

    public StringProperty childNameProperty() { return childName; }

    public ObjectProperty<LocalDate> childBornProperty() { return childBorn; }

    /** The invitation text ({@code hwinvite:/…}) pasted or read from a file. */
    public StringProperty invitationProperty() { return invitation; }

    /** How the adult's access log names this caregiver's refreshes; blank: this wallet's name. */
    public StringProperty myNameProperty() { return myName; }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

    /** What the last action did ("Lorenzo's wallet was added"). */
    public ReadOnlyObjectProperty<UserText> doneProperty() { return done.getReadOnlyProperty(); }

    /** The caregiver code, once {@link #showCode()} worked it out. */
    public ReadOnlyObjectProperty<Code> codeProperty() { return code.getReadOnlyProperty(); }

    public ReadOnlyStringProperty codeTextProperty() { return codeText.getReadOnlyProperty(); }

    /** Adds the child; {@code null} when the form is not filled in or something runs. */
    public Task<Dependent> addChild() {
        OpenWallet owner = session.owner();
        String name = childName.get() == null ? "" : childName.get().strip();
        LocalDate born = childBorn.get();
        if (owner == null || running.get()) {
            return null;
        }
        if (name.isEmpty()) {
            error.set(UserText.of("family.child.noName"));
            return null;
        }
        if (born == null) {
            error.set(UserText.of("family.child.noBirth"));
            return null;
        }
        if (born.isAfter(LocalDate.now(clock))) {
            error.set(UserText.of("family.child.future"));
            return null;
        }
        return run("add child", () -> source.of(owner).addChild(name, born), d -> {
            childName.set("");
            childBorn.set(null);
            done.set(UserText.of("family.child.added", d.label()));
        });
    }

    /** Accepts the invitation in {@link #invitationProperty()}. */
    public Task<Dependent> accept() {
        OpenWallet owner = session.owner();
        String text = invitation.get() == null ? "" : invitation.get().strip();
        if (owner == null || running.get()) {
            return null;
        }
        if (text.isEmpty()) {
            error.set(UserText.of("family.accept.empty"));
            return null;
        }
        String as = myName.get() == null || myName.get().isBlank()
                ? owner.vault().map(v -> v.label()).orElse("") : myName.get().strip();
        return run("accept invitation", () -> source.of(owner).accept(text, as), d -> {
            invitation.set("");
            done.set(UserText.of("family.accept.added", d.label()));
        });
    }

    /** Reads an invitation from a text file or a QR image into {@link #invitationProperty()}. */
    public Task<String> readInvitation(Path file) {
        error.set(null);
        Task<String> task = new Task<>() {
            @Override protected String call() throws Exception {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".gif")) {
                    return QrCode.decode(file);
                }
                if (Files.size(file) > 64 * 1024) {
                    throw new InvitationUnreadable();
                }
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
        };
        task.setOnSucceeded(e -> invitation.set(task.getValue()));
        task.setOnFailed(e -> error.set(UserText.of("family.accept.unreadable", file.getFileName().toString())));
        return session.run(task);
    }

    /** Works out the caregiver code and its QR code (off the FX thread). */
    public Task<Code> showCode() {
        OpenWallet owner = session.owner();
        if (owner == null) {
            return null;
        }
        Task<Code> task = new Task<>() {
            @Override protected Code call() throws Exception {
                String text = source.of(owner).caregiverCode();
                return new Code(text, QrCode.encode(text, QR_PX));
            }
        };
        task.setOnSucceeded(e -> {
            if (session.owner() == owner) {
                code.set(task.getValue());
                codeText.set(task.getValue().text());
            }
        });
        task.setOnFailed(e -> error.set(Refusals.describe(failures, "caregiver code", task.getException())));
        return session.run(task);
    }

    /** Forgets the forms and the code (the wallet locked). */
    public void clear() {
        childName.set("");
        childBorn.set(null);
        invitation.set("");
        myName.set("");
        error.set(null);
        done.set(null);
        code.set(null);
        codeText.set("");
    }

    @FunctionalInterface
    private interface Work {
        Dependent call() throws Exception;
    }

    private Task<Dependent> run(String context, Work work, Consumer<Dependent> then) {
        running.set(true);
        error.set(null);
        done.set(null);
        Task<Dependent> task = new Task<>() {
            @Override protected Dependent call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            running.set(false);
            then.accept(task.getValue());
            added.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.set(false);
            error.set(Refusals.describe(failures, context, task.getException()));
        });
        return session.run(task);
    }

    /** A file too big to be an invitation. */
    private static final class InvitationUnreadable extends Exception {
        InvitationUnreadable() {
            super("not an invitation");
        }
    }
}
