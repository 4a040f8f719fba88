package org.healthwallet.app.ui.accesslog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.accesslog.AccessLogCsv;
import org.healthwallet.app.accesslog.CaregiverMarks;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.accesslog.AccessLogException;
import org.healthwallet.core.accesslog.AccessView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

/** The access log's view model against a wallet double: order, filters, export, the "new since" count, failures. */
class AccessLogViewModelTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String KNEE = "a1".repeat(32);
    private static final String LABS = "b2".repeat(32);
    private static final AccessView.Relay RIVERSIDE = new AccessView.Relay("c3".repeat(32), AccessView.Relay.Kind.REGISTERED,
            Optional.of("https://relay.riverside.example"), OptionalLong.of(7));

    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();
    /** The log the double holds, oldest first, as the ledger appends it. */
    private final List<AccessView> ledger = new CopyOnWriteArrayList<>();
    private final List<Long> looked = new CopyOnWriteArrayList<>();
    private final AtomicInteger syncs = new AtomicInteger();
    private volatile int keptLength;
    private volatile long seen;
    private volatile boolean hasShares = true;
    private volatile java.util.Map<Long, CaregiverMarks.Mark> marks = java.util.Map.of();
    private volatile WalletAccessLog.Synced failure;
    private volatile CountDownLatch syncGate;
    private WalletSession session;
    private AccessLogViewModel model;

    @BeforeEach
    void model() {
        session = new WalletSession(fx.background());
        WalletAccessLog log = new WalletAccessLog() {
            @Override public Log kept() {
                return new Log(newestFirst(keptLength), seen, hasShares, marks);
            }

            @Override public Synced sync() throws Exception {
                syncs.incrementAndGet();
                CountDownLatch gate = syncGate;
                if (gate != null) {
                    gate.await(); // interrupted when the sync is cancelled
                }
                if (failure != null) {
                    return failure;
                }
                int added = ledger.size() - keptLength;
                keptLength = ledger.size();
                return new Synced.Verified(kept(), added, 40 + keptLength);
            }

            @Override public void looked(long count) {
                seen = count;
                looked.add(count);
            }
        };
        model = new AccessLogViewModel(session, w -> log, fx.background(), new Failures(new ErrorLog(temp.resolve("log"))), ZONE);
    }

    @AfterEach
    void stop() throws Exception {
        Fx.run(session::lock);
    }

    /** Five accesses over three days (Shanghai time) to two shares, oldest first. */
    private void fiveAccesses() {
        access("Dr. Ng, City Clinic", "2026-11-26T09:00:00+08:00", KNEE, "Knee");
        access("Dr. Okafor", "2026-11-27T23:30:00+08:00", LABS, "Labs for the GP");
        access("dr. ng, city clinic", "2026-11-28T00:15:00+08:00", KNEE, "Knee");
        access("=HYPERLINK(\"x\")", "2026-11-28T10:00:00+08:00", LABS, "Labs for the GP");
        access("Nurse Li", "2026-11-28T11:00:00+08:00", KNEE, "Knee");
    }

    private void access(String recipient, String at, String share, String label) {
        int index = ledger.size();
        ledger.add(new AccessView(index, recipient, RIVERSIDE, Instant.from(java.time.OffsetDateTime.parse(at)), share,
                Optional.of(UUID.nameUUIDFromBytes(share.getBytes(StandardCharsets.UTF_8))), Optional.of(label),
                List.of("d4".repeat(32)), 10 + index, 40 + index));
    }

    private List<AccessView> newestFirst(int length) {
        List<AccessView> out = new ArrayList<>(ledger.subList(0, length));
        java.util.Collections.reverse(out);
        return out;
    }

    private void unlock() throws Exception {
        OpenWallet wallet = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet"))).create("Tulip-Orbit-42!".toCharArray()).wallet();
        Fx.run(() -> session.open(wallet, RecordsOverview.of(wallet.index())));
        settle();
    }

    /** Waits until no work on the wallet and no sync runs (a check chains a sync; read on the FX thread, both are seen). */
    private void settle() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> Fx.call(() -> !session.busyProperty().get() && !model.runningProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> recipientsShown() throws Exception {
        return Fx.call(() -> model.shown().stream().map(AccessView::recipient).toList());
    }

    @Test
    void unlockSyncsAndListsNewestFirstWithTheHeightThatProvesThem() throws Exception {
        fiveAccesses();
        unlock();
        assertThat(syncs).hasValue(1);
        assertThat(recipientsShown()).containsExactly("Nurse Li", "=HYPERLINK(\"x\")", "dr. ng, city clinic", "Dr. Okafor",
                "Dr. Ng, City Clinic");
        assertThat(Fx.call(() -> model.statusProperty().get())).isEqualTo(UserText.of("accesslog.verified", 45L, 5));
        assertThat(Fx.call(() -> model.warningProperty().get())).isNull();
        assertThat(Fx.call(() -> model.shares().stream().map(c -> c.label().orElseThrow()).toList()))
                .containsExactly("Knee", "Labs for the GP");
        // The recipient choices: each name once (the filter ignores case), sorted.
        assertThat(Fx.call(() -> List.copyOf(model.recipients())))
                .containsExactly("=HYPERLINK(\"x\")", "dr. ng, city clinic", "Dr. Okafor", "Nurse Li");
        Fx.run(session::lock);
        assertThat(Fx.call(() -> model.shown().size())).isZero();
        assertThat(Fx.call(() -> model.unseenProperty().get())).isZero();
    }

    @Test
    void accessesDoneByOrUnderACaregiverAreMarkedInTheLanguageOfTheScreen() throws Exception {
        fiveAccesses();
        // As the app's CaregiverMarks words them, by access index.
        marks = java.util.Map.of(0L, new CaregiverMarks.Mark(CaregiverMarks.Mark.Kind.COPY, "Maria"),
                1L, new CaregiverMarks.Mark(CaregiverMarks.Mark.Kind.SHARED_BY_YOU, ""),
                4L, new CaregiverMarks.Mark(CaregiverMarks.Mark.Kind.SHARED_BY, "Maria"));
        unlock();
        List<UserText> shown = Fx.call(() -> model.shown().stream().map(model::caregiverMark).toList());
        assertThat(shown).containsExactly(UserText.of("accesslog.mark.by", "Maria"), null, null,
                UserText.of("accesslog.mark.you"), UserText.of("accesslog.mark.copy", "Maria"));
        org.healthwallet.app.ui.common.Messages chinese = new org.healthwallet.app.ui.common.Messages(java.util.Locale.SIMPLIFIED_CHINESE);
        assertThat(UserText.of("accesslog.mark.you").render(chinese)).isEqualTo("由您以照护人身份分享");
        assertThat(AccessLogViewModel.markText(new CaregiverMarks.Mark(CaregiverMarks.Mark.Kind.SHARED_BY,
                "a caregiver (key a1b2c3d4e5f6…)"))).isEqualTo(UserText.of("accesslog.mark.by", "a caregiver (key a1b2c3d4e5f6…)"));
    }

    @Test
    void aWalletWithoutSharesIsNotSyncedAtUnlock() throws Exception {
        hasShares = false;
        unlock();
        assertThat(syncs).hasValue(0);
        assertThat(Fx.call(() -> model.shown().size())).isZero();
    }

    @Test
    void filtersByShareRecipientAndDayInThisComputersZone() throws Exception {
        fiveAccesses();
        unlock();
        Fx.run(() -> model.shareFilterProperty().set(model.shares().get(1))); // "Labs for the GP"
        assertThat(recipientsShown()).containsExactly("=HYPERLINK(\"x\")", "Dr. Okafor");
        Fx.run(() -> model.shareFilterProperty().set(null));
        Fx.run(() -> model.recipientFilterProperty().set("  DR. NG "));
        assertThat(recipientsShown()).containsExactly("dr. ng, city clinic", "Dr. Ng, City Clinic");
        Fx.run(() -> model.recipientFilterProperty().set(""));
        // 00:15 on the 28th in Shanghai is still the 27th in UTC: days are the patient's days.
        Fx.run(() -> model.fromFilterProperty().set(LocalDate.of(2026, 11, 28)));
        assertThat(recipientsShown()).containsExactly("Nurse Li", "=HYPERLINK(\"x\")", "dr. ng, city clinic");
        Fx.run(() -> model.toFilterProperty().set(LocalDate.of(2026, 11, 28)));
        Fx.run(() -> model.fromFilterProperty().set(LocalDate.of(2026, 11, 27)));
        Fx.run(() -> model.shareFilterProperty().set(model.shares().get(0))); // "Knee"
        assertThat(recipientsShown()).containsExactly("Nurse Li", "dr. ng, city clinic");
        Fx.run(() -> model.toFilterProperty().set(LocalDate.of(2026, 11, 26)));
        assertThat(recipientsShown()).isEmpty();
        Fx.run(model::clearFilters);
        assertThat(recipientsShown()).hasSize(5);
    }

    @Test
    void exportsTheRowsShownAsTheCommandLinesCsv() throws Exception {
        fiveAccesses();
        unlock();
        Fx.run(() -> model.shareFilterProperty().set(model.shares().get(1)));
        Path file = temp.resolve("accesses.csv");
        Fx.await(Fx.call(() -> model.export(file)));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(AccessLogCsv.HEADER);
        // Newest first; a recipient that looks like a formula is defused and quoted.
        assertThat(lines.get(1)).startsWith("2026-11-28T02:00:00Z,\"'=HYPERLINK(\"\"x\"\")\",")
                .contains(",Labs for the GP," + "c3".repeat(32) + ",https://relay.riverside.example,").endsWith(",1,13,43,true");
        assertThat(lines.get(2)).startsWith("2026-11-27T15:30:00Z,Dr. Okafor,").endsWith(",1,11,41,true");
        assertThat(Fx.call(() -> model.exportedProperty().get())).isEqualTo(UserText.of("accesslog.exported", 2, file.toString()));

        Path nowhere = temp.resolve("no-such-folder/accesses.csv");
        Fx.await(Fx.call(() -> model.export(nowhere)));
        assertThat(Fx.call(() -> model.exportedProperty().get().key())).isEqualTo("accesslog.export.failed");
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void theRelayIsShownByItsHostWithItsKeyAndAdmissionInTheDetail() throws Exception {
        fiveAccesses();
        unlock();
        AccessView newest = Fx.call(() -> model.shown().get(0));

        assertThat(AccessLogViewModel.relay(newest)).isEqualTo(UserText.literal("relay.riverside.example"));
        assertThat(AccessLogViewModel.relayDetail(newest)).isEqualTo(
                UserText.of("accesslog.relay.detail", "https://relay.riverside.example", "c3".repeat(32), 7L));

        AccessView loopback = withRelay(newest, new AccessView.Relay("c3".repeat(32), AccessView.Relay.Kind.REGISTERED,
                Optional.of("http://127.0.0.1:52345/"), OptionalLong.of(0)));
        assertThat(AccessLogViewModel.relay(loopback)).isEqualTo(UserText.literal("127.0.0.1:52345"));
        AccessView unregistered = withRelay(newest, new AccessView.Relay("a2ec95e6" + "00".repeat(28),
                AccessView.Relay.Kind.UNREGISTERED, Optional.empty(), OptionalLong.empty()));
        assertThat(AccessLogViewModel.relay(unregistered)).isEqualTo(UserText.of("accesslog.relay.unregistered", "a2ec95e6…"));
        assertThat(AccessLogViewModel.relayDetail(unregistered))
                .isEqualTo(UserText.of("accesslog.relay.detail.unregistered", "a2ec95e6" + "00".repeat(28)));
        AccessView keptByEarlierBuild = withRelay(newest, new AccessView.Relay("a2ec95e6" + "00".repeat(28),
                AccessView.Relay.Kind.NOT_LOOKED_UP, Optional.empty(), OptionalLong.empty()));
        assertThat(AccessLogViewModel.relay(keptByEarlierBuild)).isEqualTo(UserText.literal("a2ec95e6…"));
        assertThat(AccessLogViewModel.relayDetail(keptByEarlierBuild).key()).isEqualTo("accesslog.relay.detail.notLookedUp");
    }

    private static AccessView withRelay(AccessView v, AccessView.Relay relay) {
        return new AccessView(v.index(), v.recipient(), relay, v.at(), v.shareId(), v.share(), v.shareLabel(), v.files(),
                v.recordedAtHeight(), v.provenAtHeight());
    }

    @Test
    void countsWhatIsNewSinceThePatientLastLookedAndKeepsWhatTheySaw() throws Exception {
        fiveAccesses();
        keptLength = 5;
        seen = 2;
        unlock();
        assertThat(Fx.call(() -> model.unseenProperty().get())).isEqualTo(3);
        assertThat(looked).isEmpty();

        Fx.run(() -> model.looking(true));
        settle();
        assertThat(Fx.call(() -> model.unseenProperty().get())).isZero();
        assertThat(looked).containsExactly(5L);
        Fx.run(() -> model.looking(false));

        access("Dr. Park", "2026-11-29T08:00:00+08:00", KNEE, "Knee");
        access("Dr. Park", "2026-11-29T08:05:00+08:00", KNEE, "Knee");
        Fx.await(Fx.call(model::sync));
        assertThat(Fx.call(() -> model.unseenProperty().get())).isEqualTo(2);

        // What arrives while the patient looks at the log is seen at once.
        Fx.run(() -> model.looking(true));
        access("Dr. Park", "2026-11-29T09:00:00+08:00", LABS, "Labs for the GP");
        Fx.await(Fx.call(model::sync));
        settle();
        assertThat(Fx.call(() -> model.unseenProperty().get())).isZero();
        assertThat(looked).containsExactly(5L, 7L, 8L);
    }

    @Test
    void aFailedSyncSaysWhyAndKeepsTheLastVerifiedLog() throws Exception {
        fiveAccesses();
        unlock();
        failure = new WalletAccessLog.Synced.Failed(new WalletAccessLog.Log(newestFirst(5), 0, true),
                AccessLogException.Kind.MISMATCH, "entry 6 of 6 is missing.");
        access("Dr. Hidden", "2026-11-29T08:00:00+08:00", KNEE, "Knee");
        Fx.await(Fx.call(model::sync));
        assertThat(Fx.call(() -> model.warningProperty().get()))
                .isEqualTo(UserText.of("accesslog.failed.mismatch", "entry 6 of 6 is missing."));
        assertThat(Fx.call(() -> model.statusProperty().get())).isNull();
        assertThat(recipientsShown()).hasSize(5).doesNotContain("Dr. Hidden");

        failure = new WalletAccessLog.Synced.Failed(new WalletAccessLog.Log(newestFirst(5), 0, true),
                AccessLogException.Kind.UNREADABLE, "No node answered.");
        Fx.await(Fx.call(model::sync));
        assertThat(Fx.call(() -> model.warningProperty().get()))
                .isEqualTo(UserText.of("accesslog.failed.unreadable", "No node answered."));

        failure = null;
        Fx.await(Fx.call(model::sync));
        assertThat(Fx.call(() -> model.warningProperty().get())).isNull();
        assertThat(recipientsShown()).hasSize(6).startsWith("Dr. Hidden");
    }

    @Test
    void aSyncShowsProgressAndCanBeCancelled() throws Exception {
        fiveAccesses();
        unlock();
        syncGate = new CountDownLatch(1);
        access("Dr. Park", "2026-11-29T08:00:00+08:00", KNEE, "Knee");
        var task = Fx.call(model::sync);
        assertThat(Fx.call(() -> model.runningProperty().get())).isTrue();
        assertThat(Fx.call(() -> model.progressProperty().get())).isEqualTo(-1.0);
        assertThat(Fx.call(model::sync)).isNull(); // one at a time
        Fx.run(model::cancel);
        Fx.await(task);
        assertThat(Fx.call(() -> model.runningProperty().get())).isFalse();
        assertThat(Fx.call(() -> model.statusProperty().get())).isEqualTo(UserText.of("accesslog.cancelled"));
        assertThat(recipientsShown()).hasSize(5);
        syncGate = null;
    }

    @Test
    void anEntryWhoseDetailsDidNotOpenIsListedAndSaysSoInTheScreensLanguage() throws Exception {
        fiveAccesses();
        ledger.add(new AccessView(ledger.size(), AccessView.UNOPENABLE, RIVERSIDE, Instant.parse("2026-11-28T04:00:00Z"), KNEE,
                Optional.of(UUID.nameUUIDFromBytes(KNEE.getBytes(StandardCharsets.UTF_8))), Optional.of("Knee"), List.of(),
                15, 45, Optional.of("sealed to another key")));
        unlock();
        assertThat(recipientsShown()).hasSize(6).first().isEqualTo(AccessView.UNOPENABLE);
        assertThat(Fx.call(() -> List.copyOf(model.recipients()))).as("no one to filter by")
                .doesNotContain(AccessView.UNOPENABLE);
        for (java.util.Locale locale : List.of(java.util.Locale.ENGLISH, java.util.Locale.SIMPLIFIED_CHINESE)) {
            org.healthwallet.app.ui.common.Messages text = new org.healthwallet.app.ui.common.Messages(locale);
            List<String> cells = Fx.call(() -> {
                javafx.scene.Parent view = new AccessLogScreen(model, text, name -> null).view();
                javafx.scene.Scene scene = new javafx.scene.Scene(view, 1000, 600);
                view.applyCss();
                view.layout();
                javafx.scene.image.WritableImage image = scene.snapshot(null);
                Path shots = TestFiles.root().resolve("app/target/screenshots");
                Files.createDirectories(shots);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                        shots.resolve("access-log-unopenable-" + locale.getLanguage() + ".png").toFile());
                return view.lookupAll(".label").stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList();
            });
            assertThat(cells).as(locale.toString()).contains(text.get("accesslog.unopenable"))
                    .doesNotContain(AccessView.UNOPENABLE);
        }
    }
}
