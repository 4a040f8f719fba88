package org.healthwallet.app.ui.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.application.Platform;
import org.healthwallet.app.ui.family.CaregiversViewModel;
import org.healthwallet.app.ui.family.FamilyViewModel;
import org.healthwallet.app.ui.family.ProfilesViewModel;
import org.healthwallet.app.ui.family.WalletFamily;
import org.healthwallet.app.ui.family.WiredFamily;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.app.ui.accesslog.AccessLogViewModel;
import org.healthwallet.app.ui.accesslog.WiredAccessLog;
import org.healthwallet.app.ui.share.ShareWizardViewModel;
import org.healthwallet.app.ui.share.SharesViewModel;
import org.healthwallet.app.ui.share.WalletShares;
import org.healthwallet.app.ui.share.WiredShares;
import org.healthwallet.app.ui.viewer.ViewerViewModel;
import org.healthwallet.core.share.ShlReceiver;

import java.time.ZoneId;
import javafx.concurrent.Task;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.ui.create.CreateViewModel;
import org.healthwallet.app.ui.home.HomeViewModel;
import org.healthwallet.app.ui.imports.ImportViewModel;
import org.healthwallet.app.ui.labs.LabTrendsViewModel;
import org.healthwallet.app.ui.ledger.LedgerViewModel;
import org.healthwallet.app.ui.records.RecordsViewModel;
import org.healthwallet.app.ui.restore.RestoreViewModel;
import org.healthwallet.app.ui.unlock.UnlockViewModel;
import org.healthwallet.app.ui.welcome.WelcomeViewModel;
import org.healthwallet.app.wallet.VaultHome;

/**
 * One wallet folder as the window shows it: the session that holds the open wallet and every
 * view model that reads it. Screens come and go (a language change rebuilds them); these stay.
 */
final class WalletViews {
    private final VaultHome walletHome;
    private final WalletSession session;
    private final WelcomeViewModel welcome;
    private final CreateViewModel create;
    private final UnlockViewModel unlock;
    private final RestoreViewModel restore;
    private final HomeViewModel home;
    private final RecordsViewModel records;
    private final LabTrendsViewModel labs;
    private final ImportViewModel importModel;
    private final ConsortiumSource consortium;
    private final LedgerViewModel ledger;
    private final Background background;
    private final ShareWizardViewModel shareWizard;
    private final SharesViewModel shares;
    private final ViewerViewModel viewer;
    private final AccessLogViewModel accessLog;
    private final WalletShares.Remembering sharing;
    private final WalletFamily.Remembering family;
    private final ProfilesViewModel profiles;
    private final FamilyViewModel familyModel;
    private final CaregiversViewModel caregivers;
    private final java.util.concurrent.ScheduledExecutorService relayRetries;
    private Runnable showImport = () -> { };
    private MovedImport moved;

    /** Files of another person on their way into a dependent's profile (imported once it is open). */
    private record MovedImport(String dependent, List<Path> files) {}

    WalletViews(VaultHome walletHome, Background background, Failures failures) {
        this.walletHome = walletHome;
        this.session = new WalletSession(background);
        this.welcome = new WelcomeViewModel(walletHome, background);
        this.create = new CreateViewModel(walletHome, session, background, failures);
        this.unlock = new UnlockViewModel(walletHome, session, background, failures);
        this.restore = new RestoreViewModel(walletHome, session, background, failures);
        this.home = new HomeViewModel(session);
        this.records = new RecordsViewModel(session);
        this.labs = new LabTrendsViewModel(session);
        this.background = background;
        // The embedded dev network (when no consortium file is configured) starts on the first sync.
        this.consortium = ConsortiumSource.of(walletHome.config());
        // Dependents' wallets open beside the owner's; the ledger opens with the first family action.
        this.family = WiredFamily.source(consortium, walletHome.config());
        this.profiles = new ProfilesViewModel(session, family, failures, Clock.systemDefaultZone());
        this.familyModel = new FamilyViewModel(session, family, failures, Clock.systemDefaultZone(), added -> profiles.reload());
        this.caregivers = new CaregiversViewModel(session, family, failures, Clock.systemUTC(), ZoneId.systemDefault());
        this.importModel = new ImportViewModel(session, failures, ImportViewModel.matchedPatient(), new ImportViewModel.Elsewhere() {
            @Override public List<String> dependents() {
                return profiles.profiles().stream().flatMap(p -> p.dependent().stream()).map(Dependent::label).toList();
            }

            @Override public void importInto(String dependent, List<Path> files) {
                profiles.profiles().stream().filter(p -> p.dependent().map(d -> d.label().equals(dependent)).orElse(false))
                        .findFirst().ifPresent(p -> {
                            moved = new MovedImport(dependent, files);
                            profiles.switchTo(p);
                        });
            }
        });
        // Once the dependent's wallet is open, the moved files are imported there, on the import page.
        session.walletProperty().addListener((o, was, now) -> {
            MovedImport pending = moved;
            if (pending == null || now == null) {
                moved = null;
                return;
            }
            if (now.caregiving().map(c -> c.dependent().label().equals(pending.dependent())).orElse(false)) {
                moved = null;
                Platform.runLater(() -> {
                    showImport.run();
                    importModel.start(pending.files());
                });
            }
        });
        profiles.errorProperty().addListener((o, a, b) -> {
            if (b != null) {
                moved = null;
            }
        });
        this.ledger = new LedgerViewModel(session, background, failures,
                () -> ProfileLedger.open(walletHome.config().dataDir(), consortium, ledgerSeal()), ZoneId.systemDefault());
        this.sharing = WiredShares.source(consortium, walletHome.config().dataDir());
        this.shareWizard = new ShareWizardViewModel(session, sharing, failures, Clock.systemUTC(), ZoneId.systemDefault());
        // Relay deletions that waited for a relay that was down: at unlock, then on their backoff.
        this.relayRetries = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-deletion-timer");
            t.setDaemon(true);
            return t;
        });
        this.shares = new SharesViewModel(session, sharing, failures, Clock.systemUTC(), SharesViewModel.PendingDeletions.IN_VAULT,
                (wait, then) -> relayRetries.schedule(then, wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        // Reads the kept log at unlock; syncs (starting the dev network) only when the wallet has shares.
        this.accessLog = new AccessLogViewModel(session, WiredAccessLog.source(consortium, walletHome.config().dataDir()),
                background, failures, ZoneId.systemDefault());
        // The doctor's viewer needs no wallet: it fetches, decrypts and shows in memory only.
        ShlReceiver receiver = ShlReceiver.create();
        this.viewer = new ViewerViewModel(receiver::open, background, failures);
        // Locking clears what the screens show, shared records included.
        session.walletProperty().addListener((o, was, now) -> {
            if (now == null) {
                viewer.openAnother();
            }
        });
    }

    AppConfig config() { return walletHome.config(); }

    WalletSession session() { return session; }

    WelcomeViewModel welcome() { return welcome; }

    CreateViewModel create() { return create; }

    UnlockViewModel unlock() { return unlock; }

    RestoreViewModel restore() { return restore; }

    HomeViewModel home() { return home; }

    RecordsViewModel records() { return records; }

    LabTrendsViewModel labs() { return labs; }

    ImportViewModel importModel() { return importModel; }

    LedgerViewModel ledger() { return ledger; }

    ShareWizardViewModel shareWizard() { return shareWizard; }

    SharesViewModel shares() { return shares; }

    ViewerViewModel viewer() { return viewer; }

    AccessLogViewModel accessLog() { return accessLog; }

    ProfilesViewModel profiles() { return profiles; }

    FamilyViewModel family() { return familyModel; }

    CaregiversViewModel caregivers() { return caregivers; }

    /** What to show when another person's files move to a dependent's profile (the import page). */
    void whenImportMoves(Runnable show) { this.showImport = show; }

    /** Stops what these views started: a running sync, the ledger file, the embedded dev network. */
    void close() {
        relayRetries.shutdownNow();
        ledger.clear();
        background.run(new Task<Void>() {
            @Override protected Void call() {
                sharing.close(); // the profile's ledger file the share screens opened
                family.close(); // and the one the family actions opened
                accessLog.close(); // and the one the access log opened
                consortium.close();
                return null;
            }
        });
    }

    /** The owner's ledger seal: the ledger screen works on an unlocked wallet only. */
    private org.healthwallet.ledger.client.RowSeal ledgerSeal() throws org.healthwallet.core.ledger.LedgerException {
        org.healthwallet.app.wallet.OpenWallet owner = session.owner();
        if (owner == null) {
            throw new org.healthwallet.core.ledger.LedgerException("Unlock your wallet first: it keeps the ledger's verified headers.");
        }
        return ProfileLedger.sealOf(owner);
    }
}
