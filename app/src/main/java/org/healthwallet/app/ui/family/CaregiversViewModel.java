package org.healthwallet.app.ui.family;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.family.Caregiver;
import org.healthwallet.core.family.Caregivers;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * The Caregivers page of the patient's own wallet: who may act for the patient (scope, end date,
 * state), Invite (a caregiver code, a name, what they may do, until when: at most 18 months; the
 * invitation comes back as text and QR code and can be saved to a file), Renew and Revoke. In a
 * dependent's profile the page changes nothing ({@link #onlyTheDependentProperty()}): only the
 * dependent decides who acts for them. All public methods are called on the FX thread.
 */
public final class CaregiversViewModel {
    /** One caregiver as the list shows it. */
    public record Row(Caregiver caregiver, Caregiver.State state) {}

    /** The invitation just made: its text and its QR code as PNG. */
    public record Made(String caregiverLabel, String text, byte[] qrPng) {}

    private final WalletSession session;
    private final WalletFamily.Source source;
    private final Failures failures;
    private final Clock clock;
    private final ZoneId zone;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty label = new SimpleStringProperty("");
    private final StringProperty myName = new SimpleStringProperty("");
    private final BooleanProperty records = new SimpleBooleanProperty(true);
    private final BooleanProperty share = new SimpleBooleanProperty(true);
    private final BooleanProperty revoke = new SimpleBooleanProperty(true);
    private final ObjectProperty<LocalDate> endsOn = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper onlyTheDependent = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserText> done = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Made> made = new ReadOnlyObjectWrapper<>();

    public CaregiversViewModel(WalletSession session, WalletFamily.Source source, Failures failures, Clock clock, ZoneId zone) {
        this.session = session;
        this.source = source;
        this.failures = failures;
        this.clock = clock;
        this.zone = zone;
        endsOn.set(defaultEnd());
        // Who may share the records must be able to read them (wallet-core refuses it otherwise).
        share.addListener((o, was, now) -> {
            if (now) {
                records.set(true);
            }
        });
        records.addListener((o, was, now) -> {
            if (!now) {
                share.set(false);
            }
        });
        session.walletProperty().addListener((o, was, now) -> {
            clear();
            onlyTheDependent.set(now != null && now.caregiving().isPresent());
            if (now != null && now.caregiving().isEmpty()) {
                reload();
            }
        });
    }

    public ObservableList<Row> rows() { return FXCollections.unmodifiableObservableList(rows); }

    public StringProperty codeProperty() { return code; }

    /** How the patient names the caregiver in their list and access log. */
    public StringProperty labelProperty() { return label; }

    /** How the caregiver will see the patient named; blank: the wallet's name. */
    public StringProperty myNameProperty() { return myName; }

    public BooleanProperty recordsProperty() { return records; }

    /** Sharing needs reading: checking it checks {@link #recordsProperty()}, and unchecking that unchecks it. */
    public BooleanProperty shareProperty() { return share; }

    public BooleanProperty revokeProperty() { return revoke; }

    /** The last day of the delegation (it ends at the end of that day, in this computer's zone). */
    public ObjectProperty<LocalDate> endsOnProperty() { return endsOn; }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** True in a dependent's profile: only they may change who acts for them. */
    public ReadOnlyBooleanProperty onlyTheDependentProperty() { return onlyTheDependent.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<UserText> doneProperty() { return done.getReadOnlyProperty(); }

    /** The invitation just made, until the next action. */
    public ReadOnlyObjectProperty<Made> madeProperty() { return made.getReadOnlyProperty(); }

    /** The latest end date a delegation may have: 18 months (548 days) from today. */
    public LocalDate latestEnd() {
        return LocalDate.ofInstant(clock.instant().plus(Caregivers.MAX_DELEGATION), zone).minusDays(1);
    }

    private LocalDate defaultEnd() {
        return LocalDate.now(clock.withZone(zone)).plusMonths(12);
    }

    /** The end of {@code day} in this computer's zone, as the ledger counts it. */
    Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
    }

    /** Reads the caregivers again (vault only). */
    public Task<List<Caregiver>> reload() {
        OpenWallet owner = session.owner();
        if (owner == null || session.actingForAnother()) {
            return null;
        }
        Task<List<Caregiver>> task = new Task<>() {
            @Override protected List<Caregiver> call() throws Exception {
                return source.of(owner).caregivers();
            }
        };
        task.setOnSucceeded(e -> {
            if (session.wallet() == owner) {
                Instant now = clock.instant();
                rows.setAll(task.getValue().stream().map(c -> new Row(c, c.state(now))).toList());
            }
        });
        task.setOnFailed(e -> error.set(Refusals.describe(failures, "list caregivers", task.getException())));
        return session.run(task);
    }

    /** Invites with the form's values; {@code null} when something in it is missing or wrong. */
    public Task<Caregivers.Invited> invite() {
        OpenWallet owner = session.owner();
        if (owner == null || running.get() || onlyTheDependent.get()) {
            return null;
        }
        String codeText = code.get() == null ? "" : code.get().strip();
        String name = label.get() == null ? "" : label.get().strip();
        int bits = (records.get() ? DelegationScope.RECORDS : 0) | (share.get() ? DelegationScope.SHARE : 0)
                | (revoke.get() ? DelegationScope.REVOKE : 0);
        UserText problem = codeText.isEmpty() ? UserText.of("caregivers.invite.noCode")
                : name.isEmpty() ? UserText.of("caregivers.invite.noName")
                : bits == 0 ? UserText.of("caregivers.invite.noScope")
                : endProblem(endsOn.get());
        if (problem != null) {
            error.set(problem);
            return null;
        }
        DelegationScope scope = new DelegationScope(bits);
        Instant ends = endOf(endsOn.get());
        String me = myName.get() == null ? "" : myName.get().strip();
        Task<Caregivers.Invited> task = new Task<>() {
            @Override protected Caregivers.Invited call() throws Exception {
                return source.of(owner).invite(codeText, name, me, scope, ends);
            }
        };
        start(task, "invite caregiver", () -> {
            Caregivers.Invited invited = task.getValue();
            code.set("");
            label.set("");
            done.set(UserText.of("caregivers.invite.done", invited.caregiver().label()));
            made.set(new Made(invited.caregiver().label(), invited.invitationText(), qr(invited.invitationText())));
        });
        return task;
    }

    /** Moves a caregiver's end date to the end of {@code day}. */
    public Task<Caregiver> renew(UUID caregiver, LocalDate day) {
        OpenWallet owner = session.owner();
        if (owner == null || running.get() || onlyTheDependent.get()) {
            return null;
        }
        UserText problem = endProblem(day);
        if (problem != null) {
            error.set(problem);
            return null;
        }
        Instant ends = endOf(day);
        Task<Caregiver> task = new Task<>() {
            @Override protected Caregiver call() throws Exception {
                return source.of(owner).renew(caregiver, ends);
            }
        };
        start(task, "renew caregiver", () -> done.set(UserText.of("caregivers.renew.done", task.getValue().label(), day)));
        return task;
    }

    /** Ends a caregiver's delegation now (the screen asked for a confirmation first). */
    public Task<Caregiver> revoke(UUID caregiver) {
        OpenWallet owner = session.owner();
        if (owner == null || running.get() || onlyTheDependent.get()) {
            return null;
        }
        Task<Caregiver> task = new Task<>() {
            @Override protected Caregiver call() throws Exception {
                return source.of(owner).revoke(caregiver);
            }
        };
        start(task, "revoke caregiver", () -> done.set(UserText.of("caregivers.revoke.done", task.getValue().label())));
        return task;
    }

    /** Saves the invitation just made as a text file (it is sealed to the caregiver: safe to send). */
    public Task<Path> saveInvitation(Path file) {
        Made current = made.get();
        if (current == null) {
            return null;
        }
        Task<Path> task = new Task<>() {
            @Override protected Path call() throws Exception {
                Files.writeString(file, current.text() + "\n", StandardCharsets.UTF_8);
                return file;
            }
        };
        task.setOnSucceeded(e -> done.set(UserText.of("caregivers.saved", file.toString())));
        task.setOnFailed(e -> error.set(UserText.of("caregivers.saveFailed", file.toString())));
        return session.run(task);
    }

    private UserText endProblem(LocalDate day) {
        if (day == null) {
            return UserText.of("caregivers.end.missing");
        }
        if (!day.isAfter(LocalDate.now(clock.withZone(zone)).minusDays(1))) {
            return UserText.of("caregivers.end.past");
        }
        if (day.isAfter(latestEnd())) {
            return UserText.of("caregivers.end.tooLate", latestEnd());
        }
        return null;
    }

    private static byte[] qr(String text) {
        try {
            return QrCode.encode(text, FamilyViewModel.QR_PX);
        } catch (Exception e) {
            return null; // too long for a QR code: the text and the file still carry it
        }
    }

    private void start(Task<?> task, String context, Runnable then) {
        running.set(true);
        error.set(null);
        done.set(null);
        made.set(null);
        task.setOnSucceeded(e -> {
            running.set(false);
            then.run();
            reload();
        });
        task.setOnFailed(e -> {
            running.set(false);
            error.set(Refusals.describe(failures, context, task.getException()));
            reload();
        });
        session.run(task);
    }

    private void clear() {
        rows.clear();
        error.set(null);
        done.set(null);
        made.set(null);
        code.set("");
        label.set("");
        myName.set("");
        endsOn.set(defaultEnd());
    }
}
