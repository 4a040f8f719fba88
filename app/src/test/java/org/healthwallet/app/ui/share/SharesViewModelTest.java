package org.healthwallet.app.ui.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
import org.healthwallet.core.share.InterruptedShare;
import org.healthwallet.core.share.RelayDeletion;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareSelection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SharesViewModelTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();
    private final Clock clock = Clock.fixed(ShareWizardViewModelTest.NOW, ZoneOffset.UTC);
    private final List<Share> kept = new ArrayList<>();
    private volatile Exception revokeFails;
    private final List<InterruptedShare> unfinished = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The double's pending relay deletions, and whether its relay answers. */
    private final List<RelayDeletion> deletions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean relayUp = true;
    private final List<Boolean> rounds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Runnable> timed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private WalletSession session;
    private SharesViewModel model;

    @BeforeEach
    void wallet() throws Exception {
        OpenWallet wallet = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet"))).create("Tulip-Orbit-42!".toCharArray()).wallet();
        session = new WalletSession(fx.background());
        Fx.run(() -> session.open(wallet, RecordsOverview.of(wallet.index())));
        var now = ShareWizardViewModelTest.NOW;
        Share active = ShareWizardViewModelTest.RecordingShares.share(
                ShareDraft.of(new ShareSelection.PatientSummary(), now, Duration.ofDays(1)).withLabel("Knee"));
        Share expired = ShareWizardViewModelTest.RecordingShares.share(
                ShareDraft.of(new ShareSelection.PatientSummary(), now.minus(Duration.ofDays(2)), Duration.ofDays(1)));
        Share revoked = ShareWizardViewModelTest.RecordingShares.share(
                ShareDraft.of(new ShareSelection.PatientSummary(), now, Duration.ofDays(3)).withLabel("Old"));
        kept.addAll(List.of(active, expired, new Share(revoked.id(), revoked.relayId(), revoked.link(), revoked.createdAt(),
                revoked.selection(), false, revoked.scope(), Optional.of(now))));
        WalletShares shares = new WalletShares() {
            @Override public Share create(ShareDraft draft, Optional<String> forWhom) {
                throw new AssertionError("not used");
            }

            @Override public List<Share> list() {
                return List.copyOf(kept);
            }

            @Override public Share revoke(UUID id) throws Exception {
                if (revokeFails != null) {
                    throw revokeFails;
                }
                Share s = kept.stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
                if (!relayUp) {   // revoked on the ledger; the relay's deletion waits, as Sharing keeps it
                    deletions.add(new RelayDeletion(UUID.randomUUID(), s.relayId(), s.selection(), RelayDeletion.Stage.RELAY,
                            clock.instant(), 1, clock.instant().plusSeconds(30), RelayDeletion.NOT_REACHABLE));
                }
                return new Share(s.id(), s.relayId(), s.link(), s.createdAt(), s.selection(), s.passcodeProtected(),
                        s.scope(), Optional.of(clock.instant()));
            }

            @Override public List<RelayDeletion> relayDeletions() {
                return List.copyOf(deletions);
            }

            @Override public Sharing.RelayRound finishRevocations(boolean onlyDue) {
                rounds.add(onlyDue);
                if (!relayUp) {
                    return new Sharing.RelayRound(List.of(), List.copyOf(deletions));
                }
                List<RelayDeletion> done = List.copyOf(deletions);
                deletions.clear();
                return new Sharing.RelayRound(done, List.of());
            }

            @Override public String relayName() {
                return "relay.example.org:8443";
            }

            @Override public List<InterruptedShare> interrupted() {
                return List.copyOf(unfinished);
            }

            @Override public void withdraw(UUID id) {
                unfinished.removeIf(u -> u.id().equals(id));
            }

            @Override public Optional<String> forWhom(UUID id) {
                return id.equals(active.id()) ? Optional.of("Dr. Ng") : Optional.empty();
            }
        };
        model = new SharesViewModel(session, w -> shares, new Failures(new ErrorLog(temp.resolve("log"))), clock,
                w -> !deletions.isEmpty(), (wait, then) -> {
                    waits.add(wait);
                    timed.add(then);
                });
    }

    @AfterEach
    void stop() throws Exception {
        Fx.run(session::lock);
    }

    @Test
    void listsEachShareWithItsStateAndWhomItIsFor() throws Exception {
        Fx.await(Fx.call(model::refresh));
        assertThat(model.rows()).extracting(SharesViewModel.Row::state)
                .containsExactly(Share.State.ACTIVE, Share.State.EXPIRED, Share.State.REVOKED);
        assertThat(model.rows().get(0).forWhom()).contains("Dr. Ng");
        assertThat(model.rows().get(0).timesOpened()).isEmpty();
        Fx.run(session::lock);
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void revokesAnActiveShareAndSaysWhyWhenItCannot() throws Exception {
        Fx.await(Fx.call(model::refresh));
        SharesViewModel.Row revokedAlready = model.rows().get(2);
        assertThat(Fx.call(() -> model.revoke(revokedAlready))).isNull();

        revokeFails = new ShareException("The relay cannot be reached; try again.");
        Fx.await(Fx.call(() -> model.revoke(model.rows().get(0))));
        assertThat(model.errorProperty().get()).isEqualTo(UserText.of("shares.error", "The relay cannot be reached; try again."));
        assertThat(model.rows().get(0).state()).isEqualTo(Share.State.ACTIVE);

        revokeFails = null;
        Fx.await(Fx.call(() -> model.revoke(model.rows().get(0))));
        assertThat(model.rows().get(0).state()).isEqualTo(Share.State.REVOKED);
        assertThat(model.rows().get(0).forWhom()).contains("Dr. Ng");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aShareCutOffWhileBeingMadeIsShownApartAndRevokingWithdrawsIt() throws Exception {
        InterruptedShare cutOff = new InterruptedShare(UUID.randomUUID(), "q9Zb3yq3Lx0", ShareWizardViewModelTest.NOW,
                "Patient summary", Optional.of("Knee"));
        unfinished.add(cutOff);
        Fx.await(Fx.call(model::refresh));
        assertThat(model.unfinished()).containsExactly(cutOff);
        assertThat(model.rows()).hasSize(3);

        Fx.await(Fx.call(model::revokeUnfinished));

        assertThat(model.unfinished()).isEmpty();
        assertThat(unfinished).isEmpty();
        assertThat(model.errorProperty().get()).isNull();
        assertThat(Fx.call(model::revokeUnfinished)).as("nothing left to do").isNull();
    }

    @Test
    void aRevocationWhileTheRelayIsDownSaysSoAndTheDeletionIsRetriedOnItsBackoffAndAtUnlock() throws Exception {
        Fx.await(Fx.call(model::refresh));
        relayUp = false;

        Fx.await(Fx.call(() -> model.revoke(model.rows().get(0))));

        assertThat(model.errorProperty().get()).isNull();
        assertThat(model.noticeProperty().get()).isEqualTo(UserText.of("shares.revoked.relayDown", "relay.example.org:8443",
                RelayDeletion.NOT_REACHABLE));
        assertThat(model.rows().get(0).state()).isEqualTo(Share.State.REVOKED);
        assertThat(model.rows().get(0).relayDeletion()).isPresent();
        assertThat(waits).as("the next round waits for the deletion's next try").containsExactly(Duration.ofSeconds(30));

        // The timer fires while the relay is still down: the deletion stays, and the next round is set again.
        timed.get(0).run();
        Fx.awaitCondition(() -> rounds.size() == 1 && waits.size() == 2);
        assertThat(rounds).containsExactly(true);
        assertThat(model.rows().get(0).relayDeletion()).isPresent();

        // The relay is back: the next round deletes, the row says so, and no further round is set.
        relayUp = true;
        timed.get(1).run();
        Fx.awaitCondition(() -> model.noticeProperty().get() != null
                && model.noticeProperty().get().equals(UserText.of("shares.relayDeleted", 1)));
        assertThat(model.rows().get(0).relayDeletion()).isEmpty();
        assertThat(waits).hasSize(2);
        assertThat(deletions).isEmpty();

        // At unlock (the app's start) a pending deletion is tried whatever its backoff.
        relayUp = false;
        Fx.await(Fx.call(() -> model.revoke(model.rows().get(1))));
        Fx.run(session::lock);
        rounds.clear();
        OpenWallet again = new VaultHome(TestFiles.cheapConfig(temp.resolve("next"))).create("Tulip-Orbit-42!".toCharArray()).wallet();
        Fx.run(() -> session.open(again, RecordsOverview.of(again.index())));
        Fx.awaitCondition(() -> !rounds.isEmpty());
        assertThat(rounds).containsExactly(false);
    }
}
