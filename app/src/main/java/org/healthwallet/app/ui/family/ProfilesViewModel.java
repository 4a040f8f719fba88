package org.healthwallet.app.ui.family;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.Opened;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.Caregiving;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.family.Dependent;

/**
 * The profile switcher of the main window: "me" and each dependent whose wallet this wallet holds.
 * Switching to a dependent opens their wallet beside the patient's own (its vault key is derived
 * from the secret kept in the owner's vault: off the FX thread); switching back shows the owner's
 * wallet, which stayed open. While a dependent's wallet is open, {@link #bannerProperty()} says
 * whose it is on every screen. All public methods are called on the FX thread.
 */
public final class ProfilesViewModel {
    /** One entry of the switcher: the patient's own profile ({@code dependent} empty) or a dependent's. */
    public record Profile(Optional<Dependent> dependent) {
        public static final Profile ME = new Profile(Optional.empty());

        public static Profile of(Dependent dependent) {
            return new Profile(Optional.of(dependent));
        }

        public boolean isMe() {
            return dependent.isEmpty();
        }
    }

    private final WalletSession session;
    private final WalletFamily.Source source;
    private final Failures failures;
    private final Clock clock;
    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Profile> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserText> banner = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper switching = new ReadOnlyBooleanWrapper(false);

    public ProfilesViewModel(WalletSession session, WalletFamily.Source source, Failures failures, Clock clock) {
        this.session = session;
        this.source = source;
        this.failures = failures;
        this.clock = clock;
        session.ownerProperty().addListener((o, was, now) -> {
            profiles.clear();
            error.set(null);
            if (now != null) {
                reload();
            }
        });
        session.walletProperty().addListener((o, was, now) -> follow(now));
    }

    /** "Me" first, then the dependents in the order they were added; empty while locked. */
    public ObservableList<Profile> profiles() { return FXCollections.unmodifiableObservableList(profiles); }

    /** Whose wallet is open now; {@code null} while locked. */
    public ReadOnlyObjectProperty<Profile> currentProperty() { return current.getReadOnlyProperty(); }

    /** "You are acting for …" while a dependent's wallet is open; {@code null} in the patient's own. */
    public ReadOnlyObjectProperty<UserText> bannerProperty() { return banner.getReadOnlyProperty(); }

    /** Why the last switch failed, or {@code null}. */
    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

    /** True while a dependent's wallet is being opened. */
    public ReadOnlyBooleanProperty switchingProperty() { return switching.getReadOnlyProperty(); }

    /**
     * True while work runs on the open wallet (an import, a sync): like the Lock button, the switcher
     * waits, so a dependent's wallet is never closed under it.
     */
    public ReadOnlyBooleanProperty busyProperty() { return session.busyProperty(); }

    /** How the switcher names a profile: "Me", "Lorenzo (child, 4)", "Dad (adult)". */
    public UserText name(Profile profile) {
        if (profile == null) {
            return UserText.of("profile.me");
        }
        return profile.dependent().map(this::describe).orElse(UserText.of("profile.me"));
    }

    private UserText describe(Dependent d) {
        return d.kind() == Dependent.Kind.CHILD
                ? UserText.of("profile.child", d.label(), d.ageOn(LocalDate.now(clock)).orElse(0))
                : UserText.of("profile.adult", d.label());
    }

    /** Reads the dependents again (after one was added). */
    public Task<List<Dependent>> reload() {
        OpenWallet owner = session.owner();
        if (owner == null) {
            return null;
        }
        Task<List<Dependent>> task = new Task<>() {
            @Override protected List<Dependent> call() throws Exception {
                return source.of(owner).dependents();
            }
        };
        task.setOnSucceeded(e -> {
            if (session.owner() == owner) {
                List<Profile> all = new ArrayList<>();
                all.add(Profile.ME);
                task.getValue().forEach(d -> all.add(Profile.of(d)));
                profiles.setAll(all);
                follow(session.wallet());
            }
        });
        task.setOnFailed(e -> error.set(describeFailure("list dependents", task.getException())));
        return session.run(task);
    }

    /**
     * Shows {@code profile}'s wallet: the owner's at once, a dependent's once opened in the
     * background. Returns the task, or {@code null} when nothing needs to run.
     */
    public Task<Opened> switchTo(Profile profile) {
        OpenWallet owner = session.owner();
        if (owner == null || profile == null || switching.get() || profile.equals(current.get())) {
            return null;
        }
        error.set(null);
        if (profile.isMe()) {
            session.backToOwner();
            return null;
        }
        Dependent dependent = profile.dependent().orElseThrow();
        switching.set(true);
        Task<Opened> task = new Task<>() {
            @Override protected Opened call() throws Exception {
                return Opened.of(source.of(owner).open(dependent));
            }
        };
        task.setOnSucceeded(e -> {
            switching.set(false);
            session.actFor(task.getValue().wallet(), task.getValue().overview()); // closes it if locked meanwhile
        });
        task.setOnFailed(e -> {
            switching.set(false);
            error.set(describeFailure("open dependent", task.getException()));
            follow(session.wallet());
        });
        return session.run(task);
    }

    /** The profile and banner of the wallet now open. */
    private void follow(OpenWallet now) {
        Optional<Caregiving> caregiving = now == null ? Optional.empty() : now.caregiving();
        if (now == null) {
            current.set(null);
        } else if (caregiving.isEmpty()) {
            current.set(Profile.ME);
        } else {
            Dependent d = caregiving.get().dependent();
            current.set(profiles.stream().filter(p -> p.dependent().map(x -> x.id().equals(d.id())).orElse(false))
                    .findFirst().orElse(Profile.of(d)));
        }
        banner.set(caregiving.map(c -> c.dependent().kind() == Dependent.Kind.CHILD
                ? UserText.of("profile.banner.child", c.dependent().label(),
                        c.dependent().ageOn(LocalDate.now(clock)).orElse(0))
                : UserText.of("profile.banner.adult", c.dependent().label())).orElse(null));
    }

    private UserText describeFailure(String context, Throwable failure) {
        return Refusals.describe(failures, context, failure);
    }
}
